package dev.chat.chat.messaging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.chat.service.MessageService;
import dev.chat.chat.service.Outcome;
import dev.chat.contracts.Operation;
import dev.chat.contracts.SendAcks;
import dev.chat.contracts.ServiceRequest;
import dev.chat.contracts.TraceHeaders;
import dev.chat.support.Envelopes;
import dev.chat.support.SignedCommands;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;

/**
 * Answers the gateways' chat commands, a polled batch at a time. Commands about a room are keyed by its id,
 * so one room's commands are on one partition: each partition's commands are handled in offset order, the
 * partitions of a batch side by side. A run of consecutive sends is stored with one statement (the clear win
 * the benchmark pointed to: one round trip, and one row lock per room, for many messages). Each reply
 * carries its request's record metadata and so goes to the requesting gateway's reply topic and partition
 * with its correlation id ({@link ReplySender}); a stored send whose gateway asked for it takes its ack from the message
 * event instead ({@link SendAcks}). A command whose deadline passed while it waited is dropped.
 */
@ApplicationScoped
public class ChatCommandHandler {

    /** Where commands come in; their records' metadata routes the replies ({@link ReplySender}). */
    static final String CHANNEL = "chat-commands";

    private final ChatCommandDispatcher dispatcher;
    private final MessageService messages;
    private final ReplySender replies;
    private final Envelopes envelopes;
    private final SignedCommands signatures;
    private final Counter expired;
    private final Counter ackedByEvent;
    private final Timer waited;
    private final MeterRegistry metrics;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Tracer tracer;

    public ChatCommandHandler(ChatCommandDispatcher dispatcher, MessageService messages, ReplySender replies, ObjectMapper mapper,
            SignedCommands signatures, MeterRegistry metrics, Tracer tracer) {
        this.tracer = tracer;
        this.dispatcher = dispatcher;
        this.messages = messages;
        this.replies = replies;
        this.envelopes = new Envelopes(mapper);
        this.signatures = signatures;
        this.expired = metrics.counter("chat.commands.expired");
        this.ackedByEvent = metrics.counter("chat.commands.acked_by_event");
        this.waited = metrics.timer("chat.commands.waited");
        this.metrics = metrics;
    }

    /**
     * The command's span, a child of the gateway's (its record's traceparent, TraceHeaders): the trace a send makes
     * from the gateway through here and the database to every gateway's fan-out. None when the command carries no trace.
     */
    private Span commandSpan(Command command) {
        Context parent = TraceHeaders.extract(command.record().headers());
        if (!Span.fromContext(parent).getSpanContext().isValid()) {
            return Span.getInvalid();
        }
        return tracer.spanBuilder("chat-service " + command.op()).setParent(parent).setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka").setAttribute("messaging.destination.name", command.record().topic())
                .setAttribute("messaging.kafka.partition", command.record().partition())
                .setAttribute("messaging.kafka.offset", command.record().offset()).startSpan();
    }

    private static void end(Span span, Outcome outcome) {
        span.setAttribute("chat.outcome", outcome.getClass().getSimpleName());
        if (outcome instanceof Outcome.Failed) {
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }

    /** Each command's time from dispatch to its outcome, by operation and outcome (a histogram: LatencyHistograms). */
    private void timed(String op, Outcome outcome, long startedNanos) {
        // Looked up once per operation and outcome: a registry lookup builds and sorts the tags every time.
        timers.computeIfAbsent(op + '|' + outcome.getClass().getSimpleName(),
                        key -> metrics.timer("chat.commands", "op", op, "outcome", outcome.getClass().getSimpleName()))
                .record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * One command of a batch: its record (for the reply's routing), whether a gateway signed it, and what it said, if it
     * was signed and could be read.
     */
    private record Command(ConsumerRecord<String, String> record, ServiceRequest request, boolean signed) {
        boolean isSend() {
            return request != null && request.op() == Operation.MESSAGES_SEND && request.caller() != null && request.body() != null
                    && request.body().hasNonNull("roomId");
        }

        /** A join that may run bcrypt on a room password. */
        boolean checksPassword() {
            return request != null && request.op() == Operation.ROOMS_JOIN && request.body() != null
                    && request.body().hasNonNull("password");
        }

        /** What the logs may say of it: the operation, never the body (message text, passwords). */
        String op() {
            if (!signed) {
                return "an unsigned command";
            }
            return request == null ? "an unreadable command" : request.op() == null ? "an unknown operation" : request.op().wireName();
        }
    }

    /**
     * The command's reply; none for a stored send whose gateway takes its ack from the message event (SendAcks): the
     * event is on its way to every gateway already, and a reply record would be one more write here and one more read
     * on every gateway.
     */
    private Uni<Void> answer(Command command, Outcome outcome) {
        if (outcome instanceof Outcome.Created && SendAcks.byEvent(command.record().headers())) {
            ackedByEvent.increment();
            return Uni.createFrom().voidItem();
        }
        return replies.send(command.record(), command.op(), outcome);
    }

    @Incoming(CHANNEL)
    @SuppressWarnings("unchecked")
    public Uni<Void> handle(Message<List<String>> batch) {
        var metadata = batch.getMetadata(IncomingKafkaRecordBatchMetadata.class).orElse(null);
        if (metadata == null) {
            Log.error("a command batch without Kafka metadata cannot be answered; skipped");
            return Uni.createFrom().completionStage(batch.ack());
        }
        // ConsumerRecords iterates partition by partition, each in offset order.
        Map<Integer, List<Command>> byPartition = new LinkedHashMap<>();
        long now = System.currentTimeMillis();
        for (ConsumerRecord<String, String> record : (Iterable<ConsumerRecord<String, String>>) metadata.getRecords()) {
            // From the gateway's write to this poll: the broker's and the partition's queue, apart from the handling.
            waited.record(Math.max(0, now - record.timestamp()), TimeUnit.MILLISECONDS);
            boolean signed = signatures.verify(record.topic(), record.value(), record.headers());
            byPartition.computeIfAbsent(record.partition(), p -> new ArrayList<>())
                    .add(new Command(record, signed ? envelopes.read(record.value()).orElse(null) : null, signed));
        }
        List<Uni<Void>> partitions = new ArrayList<>();
        for (List<Command> commands : byPartition.values()) {
            partitions.add(inOrder(commands));
        }
        if (partitions.isEmpty()) {
            return Uni.createFrom().completionStage(batch.ack());
        }
        return Uni.join().all(partitions).andCollectFailures()
                .onFailure().invoke(failure -> Log.errorf(failure, "a command batch failed"))
                .onFailure().recoverWithNull()
                .chain(() -> Uni.createFrom().completionStage(batch.ack()));
    }

    /** One partition's commands in order; consecutive sends go together, each room's as one statement. */
    private Uni<Void> inOrder(List<Command> commands) {
        return Multi.createFrom().iterable(CommandRuns.split(commands, Command::isSend))
                .onItem().transformToUniAndConcatenate(step -> take(live(step))
                        // One step's failure (a reply the broker refused, say) must not stop the partition's later commands.
                        .onFailure().recoverWithItem(failure -> {
                            Log.errorf(failure, "a step of %d command(s) failed", step.size());
                            return null;
                        }))
                .collect().last()
                .replaceWithVoid();
    }

    private Uni<Void> take(List<Command> step) {
        if (step.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return step.size() > 1 ? sends(step) : single(step.get(0));
    }

    /**
     * The step's commands whose caller still waits. Checked when a command's turn comes, not when it was polled: a
     * backlog is what makes commands stale, and working through stale ones (the gateway answered 503 already, and
     * the client may be retrying) only makes it longer. A dropped command gets no reply and does nothing.
     */
    private List<Command> live(List<Command> step) {
        long now = System.currentTimeMillis();
        List<Command> live = new ArrayList<>(step.size());
        for (Command command : step) {
            if (Envelopes.isStale(command.request(), now)) {
                expired.increment();
                Log.debugf("%s (key %s) dropped: past its deadline", command.op(), command.record().key());
            } else {
                live.add(command);
            }
        }
        return live;
    }

    /**
     * A join with a room password runs bcrypt (tens of milliseconds of CPU on purpose), and the partition's next
     * commands, other rooms' among them, would wait for it: so such a join is answered on its own, and the partition
     * goes on at once. Joins are idempotent (a second one finds the caller a member) and the client waits for the
     * answer before acting in the room, so finishing after later commands is harmless. Its offset may be committed
     * before it finishes; if the service stops meanwhile, the gateway answers 503 and the client joins again.
     */
    private Uni<Void> single(Command command) {
        if (!command.signed()) {
            // Not from a gateway: the caller in it is nobody's word, so nothing is done.
            return replies.send(command.record(), command.op(), new Outcome.Failed());
        }
        long started = System.nanoTime();
        Span span = commandSpan(command);
        Uni<Void> answered = dispatcher.answer(command.request(), Context.root().with(span))
                .onFailure().recoverWithItem(e -> {
                    Log.errorf(e, "%s (key %s) failed", command.op(), command.record().key());
                    return new Outcome.Failed();
                })
                .invoke(outcome -> {
                    timed(command.op(), outcome, started);
                    end(span, outcome);
                })
                .chain(outcome -> answer(command, outcome));
        if (!command.checksPassword()) {
            return answered;
        }
        answered.subscribe().with(
                done -> { },
                failure -> Log.errorf(failure, "the reply to %s (key %s) failed", command.op(), command.record().key()));
        return Uni.createFrom().voidItem();
    }

    /**
     * A run of consecutive sends of one partition, stored with one statement whatever their rooms: each
     * room's in arrival order, which is all the order there is between commands of different rooms.
     */
    private Uni<Void> sends(List<Command> run) {
        long started = System.nanoTime();
        List<MessageService.BatchedSend> sends = new ArrayList<>(run.size());
        List<Span> spans = new ArrayList<>(run.size());
        Uni<Void> known = Uni.createFrom().voidItem();
        for (Command command : run) {
            var caller = command.request().caller();
            Span span = commandSpan(command);
            spans.add(span);
            sends.add(new MessageService.BatchedSend(caller, command.request().body(), Context.root().with(span)));
            known = known.chain(() -> dispatcher.knowCaller(caller));
        }
        return known.chain(() -> messages.sendBatch(sends))
                .onFailure().recoverWithItem(e -> {
                    Log.errorf(e, "a batch of %d sends failed", run.size());
                    return Collections.nCopies(run.size(), new Outcome.Failed());
                })
                .chain(outcomes -> {
                    List<Uni<Void>> sent = new ArrayList<>(outcomes.size());
                    for (int i = 0; i < outcomes.size(); i++) {
                        timed(run.get(i).op(), outcomes.get(i), started);
                        end(spans.get(i), outcomes.get(i));
                        sent.add(answer(run.get(i), outcomes.get(i)));
                    }
                    return Uni.join().all(sent).andCollectFailures().replaceWithVoid();
                });
    }
}
