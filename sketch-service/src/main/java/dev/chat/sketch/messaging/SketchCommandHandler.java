package dev.chat.sketch.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.ServiceRequest;
import dev.chat.sketch.service.CanvasReader;
import dev.chat.sketch.service.SketchOutcome;
import dev.chat.sketch.service.SketchService;
import dev.chat.support.Envelopes;
import dev.chat.support.SignedCommands;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * Answers the gateways' sketch commands. They are keyed by room id, so one canvas's commands arrive in order on one
 * partition and are handled one after another: ops get their seqs in the order they were sent.
 */
@ApplicationScoped
public class SketchCommandHandler {

    private static final String CHANNEL = "sketch-commands";

    private final SketchService sketches;
    private final CanvasReader reader;
    private final SketchReplies replies;
    private final Envelopes envelopes;
    private final SignedCommands signatures;
    private final MutinyEmitter<String> replyChannel;
    private final MeterRegistry metrics;

    public SketchCommandHandler(SketchService sketches, CanvasReader reader, SketchReplies replies, ObjectMapper mapper,
            @Channel("sketch-replies") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
            MutinyEmitter<String> replyChannel, SignedCommands signatures, MeterRegistry metrics) {
        this.sketches = sketches;
        this.reader = reader;
        this.replies = replies;
        this.envelopes = new Envelopes(mapper);
        this.signatures = signatures;
        this.replyChannel = replyChannel;
        this.metrics = metrics;
    }

    @Incoming(CHANNEL)
    public Uni<Void> handle(Message<String> command) {
        var incoming = command.getMetadata(IncomingKafkaRecordMetadata.class).orElse(null);
        boolean signed = incoming != null && signatures.verify(incoming.getTopic(), command.getPayload(), incoming.getHeaders());
        ServiceRequest request = signed ? envelopes.read(command.getPayload()).orElse(null) : null;
        Timer.Sample sample = Timer.start(metrics);
        String op = !signed ? "unsigned" : request == null || request.op() == null ? "unknown" : request.op().wireName();
        // An unsigned command is not from a gateway: the caller in it is nobody's word, so nothing is done.
        Uni<SketchOutcome> answer = signed ? answer(request) : Uni.createFrom().item(new SketchOutcome.Failed());
        return answer
                .onFailure().recoverWithItem(failure -> {
                    Log.errorf(failure, "sketch command failed: %s", op);
                    return new SketchOutcome.Failed();
                })
                .invoke(outcome -> sample.stop(metrics.timer("sketch.commands", "op", op, "outcome", outcome.getClass().getSimpleName())))
                .chain(outcome -> reply(command, outcome))
                .onFailure().invoke(failure -> Log.warnf("reply to %s not sent: %s", op, failure.toString()))
                .onFailure().recoverWithNull()
                .chain(() -> Uni.createFrom().completionStage(command.ack()));
    }

    private Uni<SketchOutcome> answer(ServiceRequest request) {
        if (request == null || request.op() == null || request.caller() == null || request.caller().userId() == null) {
            return Uni.createFrom().item(SketchOutcome.Invalid.of("op", "not a sketch command this service knows"));
        }
        return switch (request.op()) {
            case SKETCH_STROKE -> sketches.stroke(request.caller(), request.body());
            case SKETCH_UNDO -> sketches.undo(request.caller(), request.body());
            case SKETCH_REDO -> sketches.redo(request.caller(), request.body());
            case SKETCH_CLEAR -> sketches.clear(request.caller(), request.body());
            case SKETCH_RESUME -> reader.resume(request.caller(), request.body());
            case SKETCH_CANVAS -> reader.canvas(request.caller(), request.body());
            case SKETCH_OPS -> reader.ops(request.caller(), request.body());
            case SKETCH_SVG -> reader.svg(request.caller(), request.body());
            default -> Uni.createFrom().item(SketchOutcome.Invalid.of("op", request.op().wireName() + " is not a sketch command"));
        };
    }

    /** The reply goes where the request's headers say (reply topic, partition, correlation id). */
    private Uni<Void> reply(Message<String> command, SketchOutcome outcome) {
        var incoming = command.getMetadata(IncomingKafkaRecordMetadata.class).orElse(null);
        if (incoming == null) {
            return Uni.createFrom().voidItem();
        }
        String json = replies.write(replies.toReply(outcome));
        // Sent without waiting for the broker: the next command of the canvas need not wait for this one's reply.
        replyChannel.sendMessageAndForget(Message.of(json, Metadata.of(incoming)));
        return Uni.createFrom().voidItem();
    }
}
