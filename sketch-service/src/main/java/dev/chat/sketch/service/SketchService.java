package dev.chat.sketch.service;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.contracts.ErrorCodes;
import dev.chat.contracts.Problem.FieldError;
import dev.chat.contracts.ServiceRequest.Caller;
import dev.chat.contracts.SketchRules;
import dev.chat.contracts.SketchRules.StrokeShape;
import dev.chat.sketch.config.SketchConfig;
import dev.chat.sketch.domain.Access;
import dev.chat.sketch.domain.CanvasOp;
import dev.chat.sketch.domain.CanvasState;
import dev.chat.sketch.domain.OpKind;
import dev.chat.sketch.messaging.SketchEventPublisher;
import dev.chat.sketch.repository.CanvasRepository;
import dev.chat.support.Times;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The ops that change a canvas: stroke, undo, redo, clear. Each takes the canvas's next seq under its row lock, is
 * decided on the canvas's state at the seq before it, and is committed before it is published or acknowledged; a
 * stroke resent with its strokeId finds the stored one and publishes nothing. (Live previews never come here: the
 * gateway passes them on, as it does typing notices.)
 */
@ApplicationScoped
public class SketchService {

    private final CanvasRepository canvases;
    private final CanvasStates states;
    private final MemberCheck members;
    private final SketchEventPublisher events;
    private final int snapshotEvery;

    public SketchService(CanvasRepository canvases, CanvasStates states, MemberCheck members, SketchEventPublisher events,
            SketchConfig config) {
        this.canvases = canvases;
        this.states = states;
        this.members = members;
        this.events = events;
        this.snapshotEvery = config.snapshotEvery();
    }

    public Uni<SketchOutcome> stroke(Caller caller, JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        UUID roomId = SketchInput.roomId(body, errors);
        StrokeShape shape = body == null ? null : SketchRules.read(body, errors);
        if (!errors.isEmpty()) {
            return now(new SketchOutcome.Invalid(errors));
        }
        UUID userId = UUID.fromString(caller.userId());
        return asMember(roomId, userId, access -> inTransaction(roomId, (tx, lastSeq) -> canvases.findStroke(tx, roomId, shape.strokeId())
                .chain(stored -> {
                    if (stored.isPresent()) {
                        return Uni.createFrom().item(stored.get().userId().equals(userId)
                                ? Decided.answer(new SketchOutcome.Stored(stored.get().toEvent(), false))
                                : Decided.answer(new SketchOutcome.Conflict(ErrorCodes.STROKE_ID_TAKEN,
                                        "another stroke on this canvas has this strokeId")));
                    }
                    var op = new CanvasOp(roomId, lastSeq + 1, OpKind.STROKE, shape.strokeId(), userId, shape.color(),
                            shape.width(), shape.points(), Times.now());
                    return store(tx, op, lastSeq);
                })));
    }

    /** Undoes the caller's own latest visible stroke, or the stroke named by {@code strokeId} (its author or the owner). */
    public Uni<SketchOutcome> undo(Caller caller, JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        UUID roomId = SketchInput.roomId(body, errors);
        UUID strokeId = SketchInput.optionalId(body, "strokeId", errors);
        if (!errors.isEmpty()) {
            return now(new SketchOutcome.Invalid(errors));
        }
        UUID userId = UUID.fromString(caller.userId());
        return asMember(roomId, userId, access -> inTransaction(roomId, (tx, lastSeq) -> states.current(tx, roomId, lastSeq)
                .chain(state -> {
                    CanvasState.Decision decision = strokeId == null
                            ? state.undoOwn(userId)
                            : state.undoStroke(userId, strokeId, access == Access.OWNER);
                    return decided(tx, decision, lastSeq, target -> new CanvasOp(roomId, lastSeq + 1, OpKind.UNDO, target, userId,
                            null, null, null, Times.now()));
                })));
    }

    /** Redoes the latest stroke the caller undid that is still undone. */
    public Uni<SketchOutcome> redo(Caller caller, JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        UUID roomId = SketchInput.roomId(body, errors);
        if (!errors.isEmpty()) {
            return now(new SketchOutcome.Invalid(errors));
        }
        UUID userId = UUID.fromString(caller.userId());
        return asMember(roomId, userId, access -> inTransaction(roomId, (tx, lastSeq) -> states.current(tx, roomId, lastSeq)
                .chain(state -> decided(tx, state.redo(userId), lastSeq, target -> new CanvasOp(roomId, lastSeq + 1, OpKind.REDO,
                        target, userId, null, null, null, Times.now())))));
    }

    /** Any member may clear: what was visible stays reachable by time travel. */
    public Uni<SketchOutcome> clear(Caller caller, JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        UUID roomId = SketchInput.roomId(body, errors);
        if (!errors.isEmpty()) {
            return now(new SketchOutcome.Invalid(errors));
        }
        UUID userId = UUID.fromString(caller.userId());
        return asMember(roomId, userId, access -> inTransaction(roomId, (tx, lastSeq) -> store(tx,
                new CanvasOp(roomId, lastSeq + 1, OpKind.CLEAR, null, userId, null, null, null, Times.now()), lastSeq)));
    }

    /** What a transaction decided: an op to publish once committed (null if none), and the answer. */
    private record Decided(CanvasOp op, SketchOutcome outcome) {
        static Decided answer(SketchOutcome outcome) {
            return new Decided(null, outcome);
        }
    }

    private interface Step {
        Uni<Decided> run(SqlConnection tx, long lastSeq);
    }

    /** Runs {@code step} with the canvas locked; once committed, the kept state follows and the op is published. */
    private Uni<SketchOutcome> inTransaction(UUID roomId, Step step) {
        return canvases.pool().withTransaction(tx -> canvases.lockCanvas(tx, roomId).chain(lastSeq -> step.run(tx, lastSeq)))
                .onFailure().invoke(failure -> states.forget(roomId))
                .chain(decided -> {
                    if (decided.op() == null) {
                        return now(decided.outcome());
                    }
                    states.committed(decided.op());
                    // Not waited for: the producer keeps a canvas's events in the order sent, and waiting for the
                    // broker's ack held every next command of the canvas back by a round trip (the benchmark's knee).
                    // Stored is stored: a member who misses a lost event finds it by resume, the sender gets its ack.
                    events.publish(roomId, decided.op().toEvent()).subscribe().with(published -> {
                    }, failure -> Log.errorf(failure, "op %d of canvas %s stored but not published", decided.op().seq(), roomId));
                    return now(decided.outcome());
                });
    }

    private Uni<Decided> decided(SqlConnection tx, CanvasState.Decision decision, long lastSeq,
            Function<UUID, CanvasOp> opFor) {
        if (decision instanceof CanvasState.Target target) {
            return store(tx, opFor.apply(target.strokeId()), lastSeq);
        }
        return Uni.createFrom().item(Decided.answer(switch ((CanvasState.Refusal) decision) {
            case NOTHING_TO_UNDO -> new SketchOutcome.Conflict(ErrorCodes.NOTHING_TO_UNDO, "you have no visible stroke to undo");
            case NOTHING_TO_REDO -> new SketchOutcome.Conflict(ErrorCodes.NOTHING_TO_REDO, "you have no undone stroke to redo");
            case ALREADY_UNDONE -> new SketchOutcome.Conflict(ErrorCodes.NOTHING_TO_UNDO, "that stroke is already undone");
            case NO_SUCH_STROKE -> new SketchOutcome.NoSuchStroke("the canvas has no such stroke (never drawn, or cleared)");
            case NOT_ALLOWED -> new SketchOutcome.NotAllowed("only a stroke's author or the room's owner can undo it");
        }));
    }

    /** Appends the op (and, every N ops, a snapshot of the state after it) in the open transaction. */
    private Uni<Decided> store(SqlConnection tx, CanvasOp op, long lastSeq) {
        SketchOutcome outcome = op.kind() == OpKind.STROKE
                ? new SketchOutcome.Stored(op.toEvent(), true)
                : new SketchOutcome.Applied(op.toEvent());
        Uni<Void> appended = canvases.append(tx, op);
        if (op.seq() % snapshotEvery == 0) {
            appended = appended.chain(() -> states.current(tx, op.roomId(), lastSeq)).chain(state -> {
                CanvasState after = state.copy();
                after.apply(op);
                return canvases.saveSnapshot(tx, op.roomId(), after.snapshot());
            });
        }
        return appended.replaceWith(new Decided(op, outcome));
    }

    private Uni<SketchOutcome> asMember(UUID roomId, UUID userId, Function<Access, Uni<SketchOutcome>> action) {
        return members.of(roomId, userId).chain(access -> switch (access) {
            case NO_SUCH_ROOM -> now(new SketchOutcome.NoSuchRoom());
            case NOT_A_MEMBER -> now(new SketchOutcome.NotAMember());
            case MEMBER, OWNER -> action.apply(access);
        });
    }

    static Uni<SketchOutcome> now(SketchOutcome outcome) {
        return Uni.createFrom().item(outcome);
    }
}
