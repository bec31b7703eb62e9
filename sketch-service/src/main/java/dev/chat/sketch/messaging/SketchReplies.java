package dev.chat.sketch.messaging;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.ErrorCodes;
import dev.chat.contracts.ServiceReply;
import dev.chat.sketch.service.SketchOutcome;
import dev.chat.support.Envelopes;

/** The one place sketch outcomes become replies: statuses, codes and bodies the gateway passes on. */
@ApplicationScoped
public class SketchReplies {

    private final Envelopes envelopes;

    public SketchReplies(ObjectMapper mapper) {
        this.envelopes = new Envelopes(mapper);
    }

    public ServiceReply toReply(SketchOutcome outcome) {
        if (outcome instanceof SketchOutcome.Invalid invalid) {
            return envelopes.invalid(invalid.errors());
        }
        if (outcome instanceof SketchOutcome.NoSuchRoom) {
            return envelopes.problem(404, ErrorCodes.NOT_FOUND, "no such room");
        }
        if (outcome instanceof SketchOutcome.NotAMember) {
            return envelopes.problem(403, ErrorCodes.NOT_A_MEMBER, "you are not a member of this room");
        }
        if (outcome instanceof SketchOutcome.NotAllowed notAllowed) {
            return envelopes.problem(403, ErrorCodes.FORBIDDEN, notAllowed.detail());
        }
        if (outcome instanceof SketchOutcome.NoSuchStroke none) {
            return envelopes.problem(404, ErrorCodes.NOT_FOUND, none.detail());
        }
        if (outcome instanceof SketchOutcome.Conflict conflict) {
            return envelopes.problem(409, conflict.code(), conflict.detail());
        }
        if (outcome instanceof SketchOutcome.Stored stored) {
            return envelopes.result(stored.created() ? 201 : 200, Map.of("op", stored.op(), "duplicate", !stored.created()));
        }
        if (outcome instanceof SketchOutcome.Applied applied) {
            return envelopes.result(200, Map.of("op", applied.op()));
        }
        if (outcome instanceof SketchOutcome.CanvasAt canvas) {
            return envelopes.result(200, canvas.canvas());
        }
        if (outcome instanceof SketchOutcome.OpsPage page) {
            return envelopes.result(200, Map.of("ops", page.ops(), "hasMore", page.hasMore()));
        }
        if (outcome instanceof SketchOutcome.Svg svg) {
            return envelopes.result(200, Map.of("svg", svg.document()));
        }
        if (outcome instanceof SketchOutcome.Resume resume) {
            return envelopes.result(200, resume.canvas() != null
                    ? Map.of("seq", resume.seq(), "canvas", resume.canvas())
                    : Map.of("seq", resume.seq(), "ops", resume.ops()));
        }
        return envelopes.problem(500, ErrorCodes.INTERNAL_ERROR, "the canvas could not be changed; try again");
    }

    public String write(ServiceReply reply) {
        return envelopes.write(reply);
    }
}
