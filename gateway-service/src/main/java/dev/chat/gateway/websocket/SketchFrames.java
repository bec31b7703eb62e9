package dev.chat.gateway.websocket;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.contracts.Commands;
import dev.chat.contracts.ErrorCodes;
import dev.chat.contracts.Operation;
import dev.chat.contracts.Problem;
import dev.chat.contracts.Problem.FieldError;
import dev.chat.contracts.SketchEvent;
import dev.chat.contracts.SketchRules;
import dev.chat.gateway.config.GatewayConfig;
import dev.chat.gateway.messaging.SketchPreviewPublisher;
import dev.chat.gateway.messaging.SketchServiceClient;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The canvas frames: each checked against the connection's rooms and the user's point budget. Ops go to sketch-service
 * keyed by room id; a stored stroke is acknowledged with {@code sketch.ack} once the service has committed it, and the
 * ops themselves reach every member (the sender too) through sketch.events. Previews are checked here and put on
 * sketch.events directly, as typing notices are on chat.events: nothing stores them, and a round trip through
 * sketch-service per preview (twenty a second per person drawing) cost more than the whole rest of the canvas did in
 * the benchmark (bench/README.md, the sketch shape).
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
        return inBackground(frame.op() == Operation.SKETCH_STROKE ? stroke(session, frame) : edit(session, frame));
    }

    /**
     * The connection's frames are handled one at a time, each until its Uni completes: a stroke that waited for
     * sketch-service there held back the same person's previews behind it (the benchmark saw previews seconds late
     * behind strokes). So the call runs on its own and the next frame is read at once; the strokes of one connection
     * still reach sketch-service in the order sent (one producer, one partition per room).
     */
    private Uni<Void> inBackground(Uni<Void> call) {
        call.subscribe().with(done -> {
        }, failure -> Log.warnf("a sketch call failed: %s", failure.toString()));
        return Uni.createFrom().voidItem();
    }

    /** A live preview: the same shape rules as a stroke; the room's other members get it at once. */
    Uni<Void> preview(ClientSession session, ClientFrame.SketchDraw frame) {
        if (!session.isMemberOf(frame.roomId())) {
            return out.error(session, ErrorCodes.NOT_A_MEMBER, "you are not a member of this room", frame.ref());
        }
        if (!points.trySpend(session.userId(), frame.cost())) {
            return out.error(session, ErrorCodes.RATE_LIMITED, "at most " + points.perSecond() + " sketch points per second",
                    frame.ref());
        }
        List<FieldError> errors = new ArrayList<>();
        SketchRules.StrokeShape shape = SketchRules.read(frame.body(), errors);
        if (shape == null) {
            return out.error(session, ErrorCodes.VALIDATION_FAILED, Problem.validation(errors).detail(), frame.ref());
        }
        return previews.publish(new SketchEvent.DrawEvent(UUID.fromString(frame.roomId()), shape.strokeId(),
                UUID.fromString(session.userId()), shape.color(), shape.width(), shape.points()));
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
        return inBackground(sketches.call(Operation.SKETCH_RESUME, session.caller(), query, frame.roomId()).chain(reply -> {
            if (reply.isError()) {
                return out.problem(session, reply, ref);
            }
            JsonNode body = reply.body();
            if (body.hasNonNull("canvas")) {
                session.deliver(out.bytes(body.get("canvas")));
            } else {
                for (JsonNode op : body.path("ops")) {
                    session.deliver(out.bytes(op));
                }
            }
            return out.send(session, new ServerFrames.SketchResumed(frame.roomId(), body.path("seq").asLong()));
        }));
    }

    void forgetIdleLimits() {
        points.forgetIdle();
    }
}
