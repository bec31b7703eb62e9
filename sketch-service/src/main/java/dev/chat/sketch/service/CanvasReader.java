package dev.chat.sketch.service;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.contracts.Problem.FieldError;
import dev.chat.contracts.ServiceRequest.Caller;
import dev.chat.contracts.SketchEvent;
import dev.chat.sketch.config.SketchConfig;
import dev.chat.sketch.domain.CanvasOp;
import dev.chat.sketch.domain.SvgCanvas;
import dev.chat.sketch.repository.CanvasRepository;
import io.smallrye.mutiny.Uni;

/**
 * Reading a canvas, members only: as it looked at any seq (time travel), its op log, its SVG, and a resume. A canvas
 * at some seq is built from the newest snapshot at or before it and the ops after that snapshot, never the whole log.
 */
@ApplicationScoped
public class CanvasReader {

    private static final long MAX_SEQ = Long.MAX_VALUE / 2;

    private final CanvasRepository canvases;
    private final CanvasStates states;
    private final MemberCheck members;
    private final SketchConfig config;

    public CanvasReader(CanvasRepository canvases, CanvasStates states, MemberCheck members, SketchConfig config) {
        this.canvases = canvases;
        this.states = states;
        this.members = members;
        this.config = config;
    }

    /** {@code atSeq} absent: now; past the canvas's last seq: now as well. */
    public Uni<SketchOutcome> canvas(Caller caller, JsonNode query) {
        List<FieldError> errors = new ArrayList<>();
        UUID roomId = SketchInput.roomId(query, errors);
        long atSeq = SketchInput.number(query, "atSeq", 0, MAX_SEQ, MAX_SEQ, errors);
        return asMember(caller, roomId, errors, () -> canvasAt(roomId, atSeq).map(SketchOutcome.CanvasAt::new));
    }

    public Uni<SketchOutcome> svg(Caller caller, JsonNode query) {
        List<FieldError> errors = new ArrayList<>();
        UUID roomId = SketchInput.roomId(query, errors);
        long atSeq = SketchInput.number(query, "atSeq", 0, MAX_SEQ, MAX_SEQ, errors);
        return asMember(caller, roomId, errors,
                () -> canvasAt(roomId, atSeq).map(canvas -> new SketchOutcome.Svg(SvgCanvas.render(canvas))));
    }

    public Uni<SketchOutcome> ops(Caller caller, JsonNode query) {
        List<FieldError> errors = new ArrayList<>();
        UUID roomId = SketchInput.roomId(query, errors);
        long afterSeq = SketchInput.number(query, "afterSeq", 0, MAX_SEQ, 0, errors);
        int limit = (int) SketchInput.number(query, "limit", 1, config.maxOpsLimit(), config.defaultOpsLimit(), errors);
        return asMember(caller, roomId, errors, () -> canvases.opsAfter(roomId, afterSeq, limit + 1).map(ops -> {
            boolean hasMore = ops.size() > limit;
            return new SketchOutcome.OpsPage(events(hasMore ? ops.subList(0, limit) : ops), hasMore);
        }));
    }

    /**
     * The ops after the client's {@code afterSeq}; a client further behind than the resume limit (or ahead of the
     * canvas, which happens only if it was deleted and drawn on again) gets the whole canvas instead.
     */
    public Uni<SketchOutcome> resume(Caller caller, JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        UUID roomId = SketchInput.roomId(body, errors);
        long afterSeq = SketchInput.number(body, "afterSeq", 0, MAX_SEQ, 0, errors);
        return asMember(caller, roomId, errors, () -> canvases.lastSeq(roomId).chain(lastSeq -> {
            if (afterSeq > lastSeq || lastSeq - afterSeq > config.resumeMaxOps()) {
                return canvasAt(roomId, lastSeq).map(canvas -> (SketchOutcome) new SketchOutcome.Resume(canvas.seq(), null, canvas));
            }
            return canvases.opsAfter(roomId, afterSeq, config.resumeMaxOps()).map(ops -> {
                long seq = ops.isEmpty() ? lastSeq : Math.max(lastSeq, ops.get(ops.size() - 1).seq());
                return new SketchOutcome.Resume(seq, events(ops), null);
            });
        }));
    }

    private Uni<SketchEvent.Canvas> canvasAt(UUID roomId, long atSeq) {
        return canvases.lastSeq(roomId).chain(lastSeq -> {
            long seq = Math.min(atSeq, lastSeq);
            return states.load(canvases.pool(), roomId, seq)
                    .chain(state -> canvases.strokes(roomId, state.visibleStrokeSeqs()))
                    .map(strokes -> new SketchEvent.Canvas(roomId, seq, strokes.stream().map(CanvasOp::toStroke).toList()));
        });
    }

    private Uni<SketchOutcome> asMember(Caller caller, UUID roomId, List<FieldError> errors,
            Supplier<Uni<SketchOutcome>> action) {
        if (!errors.isEmpty()) {
            return SketchService.now(new SketchOutcome.Invalid(errors));
        }
        return members.of(roomId, UUID.fromString(caller.userId())).chain(access -> switch (access) {
            case NO_SUCH_ROOM -> SketchService.now(new SketchOutcome.NoSuchRoom());
            case NOT_A_MEMBER -> SketchService.now(new SketchOutcome.NotAMember());
            case MEMBER, OWNER -> action.get();
        });
    }

    private static List<SketchEvent.Op> events(List<CanvasOp> ops) {
        return ops.stream().map(CanvasOp::toEvent).toList();
    }
}
