package dev.chat.gateway.websocket;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.contracts.Commands;
import dev.chat.contracts.ErrorCodes;
import dev.chat.contracts.Operation;
import dev.chat.contracts.Problem.FieldError;
import dev.chat.contracts.SketchRules;
import dev.chat.gateway.config.GatewayConfig;
import dev.chat.gateway.messaging.SketchPreviewPublisher;
import dev.chat.gateway.messaging.SketchServiceClient;
import io.smallrye.mutiny.Uni;

/**
 * The canvas frames: each checked against the connection's rooms and the user's point budget, then sent to
 * sketch-service keyed by room id. A stored stroke is acknowledged with {@code sketch.ack} once the service has
 * committed it; the ops themselves reach every member (the sender too) through sketch.events. Previews go one way.
 */
@ApplicationScoped
public class SketchFrames {

    private final SketchServiceClient sketches;
    private final SketchPreviewPublisher previews;
    private final FrameWriter out;
    private final PointBudget points;

    public SketchFrames(SketchServiceClient sketches, SketchPreviewPublisher previews, FrameWriter out, GatewayConfig config) {
        this.sketches = sketches;
        this.previews = previews;
        this.out = out;
        this.points = new PointBudget(config.websocket().sketchPointsPerSecond());
    }

    Uni<Void> handle(ClientSession session, ClientFrame.Sketch frame) {
        if (!session.isMemberOf(frame.roomId())) {
            return out.error(session, ErrorCodes.NOT_A_MEMBER, "you are not a member of this room", frame.ref());
        }
        if (!points.trySpend(session.userId(), frame.cost())) {
            return out.error(session, ErrorCodes.RATE_LIMITED, "at most " + points.perSecond()
                    + " sketch points per second (an undo, redo or clear counts " + ClientFrame.Sketch.EDIT_COST + ")", frame.ref());
        }
        return switch (frame.op()) {
            case SKETCH_DRAW -> preview(session, frame);
            case SKETCH_STROKE -> stroke(session, frame);
            default -> edit(session, frame);
        };
    }

    /** Checked here: nobody answers a preview, so a bad one would otherwise vanish without a word. */
    private Uni<Void> preview(ClientSession session, ClientFrame.Sketch frame) {
        List<FieldError> errors = SketchRules.check(frame.body());
        if (!errors.isEmpty()) {
            return out.error(session, ErrorCodes.VALIDATION_FAILED, describe(errors), frame.ref());
        }
        return previews.publish(frame.roomId(), session.caller(), frame.body());
    }

    private Uni<Void> stroke(ClientSession session, ClientFrame.Sketch frame) {
        return sketches.call(Operation.SKETCH_STROKE, session.caller(), frame.body(), frame.roomId()).chain(reply -> {
            if (reply.isError()) {
                return out.problem(session, reply, frame.ref());
            }
            JsonNode op = reply.body().path("op");
            return out.send(session, new ServerFrames.SketchAck(frame.roomId(), op.path("strokeId").asText(), op.path("seq").asLong()));
        });
    }

    /** Undo, redo, clear: members (the caller too) see the op arrive; only a refusal is answered here. */
    private Uni<Void> edit(ClientSession session, ClientFrame.Sketch frame) {
        JsonNode strokeId = frame.body().get("strokeId");
        var command = new Commands.SketchEdit(frame.roomId(), strokeId == null || strokeId.isNull() ? null : strokeId.asText());
        return sketches.call(frame.op(), session.caller(), command, frame.roomId())
                .chain(reply -> reply.isError() ? out.problem(session, reply, frame.ref()) : Uni.createFrom().voidItem());
    }

    /** The ops after the client's seq (or, far behind, the whole canvas), then {@code sketch.resumed}. */
    Uni<Void> resume(ClientSession session, ClientFrame.SketchResume frame) {
        String ref = frame.type();
        if (!session.isMemberOf(frame.roomId())) {
            return out.error(session, ErrorCodes.NOT_A_MEMBER, "you are not a member of this room", ref);
        }
        var query = new Commands.SketchQuery(frame.roomId(), null, Long.toString(frame.afterSeq()), null);
        return sketches.call(Operation.SKETCH_RESUME, session.caller(), query, frame.roomId()).chain(reply -> {
            if (reply.isError()) {
                return out.problem(session, reply, ref);
            }
            JsonNode body = reply.body();
            if (body.hasNonNull("canvas")) {
                session.deliver(body.get("canvas").toString());
            } else {
                for (JsonNode op : body.path("ops")) {
                    session.deliver(op.toString());
                }
            }
            return out.send(session, new ServerFrames.SketchResumed(frame.roomId(), body.path("seq").asLong()));
        });
    }

    void forgetIdleLimits() {
        points.forgetIdle();
    }

    private static String describe(List<FieldError> errors) {
        List<String> parts = new ArrayList<>();
        for (FieldError error : errors) {
            parts.add(error.field() + ": " + error.message());
        }
        return String.join("; ", parts);
    }
}
