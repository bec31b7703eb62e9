package dev.chat.chat.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.chat.config.ChatConfig;
import dev.chat.chat.domain.ChatValidation;
import dev.chat.chat.domain.Frames;
import dev.chat.chat.domain.Message;
import dev.chat.chat.messaging.EventOutbox;
import dev.chat.chat.messaging.MessageRelay;
import dev.chat.chat.repository.MessageRepository;
import dev.chat.chat.repository.MessageRepository.ChangeOutcome;
import dev.chat.chat.repository.MessageRepository.SendOutcome;
import dev.chat.contracts.ErrorCodes;
import dev.chat.contracts.Problem.FieldError;
import dev.chat.contracts.ServiceRequest.Caller;
import dev.chat.support.Times;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/** Sending, reading, editing and deleting messages. */
@ApplicationScoped
public class MessageService {

    private final MessageRepository messages;
    private final RoomAccess access;
    private final MessageRelay relay;
    private final ChatConfig config;
    private final MeterRegistry metrics;
    private final ChatLimits limits;
    private final ReplyBudget budget;
    private final Tracer tracer;
    private final EventOutbox outbox;
    /** How old an upload a send may still take: a tenth short of when the sweeper deletes unsent ones. */
    private final Duration attachmentWindow;

    public MessageService(MessageRepository messages, RoomAccess access, MessageRelay relay, ChatConfig config,
            MeterRegistry metrics, ChatLimits limits, ReplyBudget budget, Tracer tracer, EventOutbox outbox) {
        this.tracer = tracer;
        this.outbox = outbox;
        this.messages = messages;
        this.access = access;
        this.relay = relay;
        this.config = config;
        Duration orphanAfter = config.attachments().orphanAfter();
        this.attachmentWindow = orphanAfter.minus(orphanAfter.dividedBy(10));
        this.metrics = metrics;
        this.limits = limits;
        this.budget = budget;
    }

    /** A send of a batch, as the command carried it, and the command's trace (root when it carried none). */
    public record BatchedSend(Caller caller, JsonNode body, Context trace) {
        public BatchedSend(Caller caller, JsonNode body) {
            this(caller, body, Context.root());
        }
    }

    /**
     * Stores the message under the room's next seq and publishes it; a resend with the same clientMsgId finds the
     * stored message, and publishes it again only if this process never saw its event acknowledged.
     */
    public Uni<Outcome> send(Caller caller, JsonNode body) {
        return send(caller, body, Context.root());
    }

    /** As {@link #send(Caller, JsonNode)}, in the trace of the command that asks for it. */
    public Uni<Outcome> send(Caller caller, JsonNode body, Context trace) {
        var input = ChatValidation.newMessage(body);
        if (!input.isValid()) {
            return RoomAccess.now(new Outcome.Invalid(input.errors()));
        }
        var limited = limits.send(caller);
        if (limited.isPresent()) {
            return RoomAccess.now(limited.get());
        }
        return store(caller, input.value(), trace);
    }

    /** A valid send within budget, stored with the one-message statement. */
    private Uni<Outcome> store(Caller caller, ChatValidation.NewMessage message, Context trace) {
        UUID senderId = UUID.fromString(caller.userId());
        Timer.Sample total = Timer.start(metrics);
        Instant started = Instant.now();
        Message.Sender sender = new Message.Sender(senderId, caller.username());
        Uni<SendOutcome> stored = message.hasAttachments()
                ? timed("chat.messages.append.attachments", messages.sendWithAttachments(message.roomId(), sender, message.text(),
                        message.clientMsgId(), message.attachments(), attachmentWindow, Times.now()))
                : timed("chat.messages.append", messages.send(message.roomId(), sender, message.text(), message.clientMsgId(),
                        Times.now()));
        return stored
                .invoke(() -> storeSpan(trace, started, 1))
                .map(outcome -> afterSend(message.roomId(), outcome, trace))
                .invoke(() -> total.stop(metrics.timer("chat.messages.send")));
    }

    /**
     * Sends that arrived together (to one room or many), stored with one statement; answers in input order,
     * each as {@link #send} would. Invalid ones, and those past their sender's budget (counted send by send, in
     * order), are answered without touching the database; a single valid send takes the cheaper one-message
     * statement. If the batch statement fails, each send is tried on its own, so one bad apple costs time, not
     * messages.
     */
    public Uni<List<Outcome>> sendBatch(List<BatchedSend> sends) {
        Outcome[] answers = new Outcome[sends.size()];
        List<Integer> valid = new ArrayList<>();
        List<ChatValidation.NewMessage> inputs = new ArrayList<>();
        List<MessageRepository.PendingSend> pending = new ArrayList<>();
        for (int i = 0; i < sends.size(); i++) {
            var input = ChatValidation.newMessage(sends.get(i).body());
            Caller caller = sends.get(i).caller();
            var limited = input.isValid() ? limits.send(caller) : Optional.<Outcome>empty();
            if (!input.isValid()) {
                answers[i] = new Outcome.Invalid(input.errors());
            } else if (limited.isPresent()) {
                answers[i] = limited.get();
            } else {
                valid.add(i);
                inputs.add(input.value());
                pending.add(new MessageRepository.PendingSend(input.value().roomId(),
                        new Message.Sender(UUID.fromString(caller.userId()), caller.username()), input.value().clientMsgId(),
                        input.value().text()));
            }
        }
        if (inputs.stream().noneMatch(ChatValidation.NewMessage::hasAttachments)) {
            return storeRun(sends, valid, inputs, pending, answers);
        }
        // A send with images takes its own transaction. The text sends between two such are still stored with one
        // statement each run, in order, so a sender's messages keep their order and an image does not turn the rest
        // of its batch into single statements (bench/README.md, S8: that cost chat p99 seconds).
        List<int[]> runs = new ArrayList<>();
        int from = 0;
        for (int k = 0; k <= inputs.size(); k++) {
            if (k == inputs.size() || inputs.get(k).hasAttachments()) {
                if (k > from) {
                    runs.add(new int[] {from, k});
                }
                if (k < inputs.size()) {
                    runs.add(new int[] {k, k + 1});
                }
                from = k + 1;
            }
        }
        return Multi.createFrom().iterable(runs)
                .onItem().transformToUniAndConcatenate(run -> storeRun(sends, valid.subList(run[0], run[1]),
                        inputs.subList(run[0], run[1]), pending.subList(run[0], run[1]), answers))
                .collect().last()
                .map(last -> Arrays.asList(answers));
    }

    /**
     * A run of valid sends ({@code valid} their places in {@code sends}), stored with the batch statement, or with the
     * one-message statement when the run is a single send; answers fill in place.
     */
    private Uni<List<Outcome>> storeRun(List<BatchedSend> sends, List<Integer> valid, List<ChatValidation.NewMessage> inputs,
            List<MessageRepository.PendingSend> pending, Outcome[] answers) {
        if (pending.size() <= 1) {
            return oneByOne(sends, valid, inputs, answers);
        }
        metrics.summary("chat.messages.batch.size").record(pending.size());
        Timer.Sample total = Timer.start(metrics);
        Instant started = Instant.now();
        return timed("chat.messages.append.batch", messages.sendBatch(pending, Times.now()))
                .map(outcomes -> {
                    for (int k = 0; k < outcomes.size(); k++) {
                        Context trace = sends.get(valid.get(k)).trace();
                        storeSpan(trace, started, outcomes.size());
                        answers[valid.get(k)] = afterSend(pending.get(k).roomId(), outcomes.get(k), trace);
                    }
                    return Arrays.asList(answers);
                })
                .onFailure().recoverWithUni(failure -> {
                    Log.warnf("batch of %d sends failed (%s); sending one at a time", pending.size(), failure.toString());
                    return oneByOne(sends, valid, inputs, answers);
                })
                .invoke(() -> total.stop(metrics.timer("chat.messages.send.batch")));
    }

    /**
     * The valid ones of {@code sends} ({@code inputs}, already counted against their budgets), each with the
     * one-message statement, in order; answers fill in place. A send that fails fails alone.
     */
    private Uni<List<Outcome>> oneByOne(List<BatchedSend> sends, List<Integer> valid, List<ChatValidation.NewMessage> inputs,
            Outcome[] answers) {
        return Multi.createFrom().range(0, valid.size())
                .onItem().transformToUniAndConcatenate(k -> store(sends.get(valid.get(k)).caller(), inputs.get(k),
                                sends.get(valid.get(k)).trace())
                        .onFailure().recoverWithItem(failure -> {
                            Log.errorf(failure, "a send of a batch failed");
                            return new Outcome.Failed();
                        })
                        .invoke(outcome -> answers[valid.get(k)] = outcome))
                .collect().last()
                .map(last -> Arrays.asList(answers));
    }

    /** The outcome of a stored send; a new message is published here, in seq order. */
    private Outcome afterSend(UUID roomId, SendOutcome outcome, Context trace) {
        if (outcome instanceof SendOutcome.Created created) {
            metrics.counter("chat.messages.stored").increment();
            // Handed to the producer now, in seq order, but not awaited: the message is durable in the database
            // already, and the room's next command need not wait for the broker's ack. If the event never makes it
            // (a crash, a refusing broker), the relay publishes it from the table (MessageRelay).
            publish(created.message(), trace);
            return new Outcome.Created(created.message());
        }
        if (outcome instanceof SendOutcome.Existing existing) {
            metrics.counter("chat.messages.resent").increment();
            // A client resends when it got no ack: perhaps because this process died before the event went out.
            if (relay.mayNotHaveGoneOut(roomId, existing.message().seq())) {
                metrics.counter("chat.messages.republished").increment();
                publish(existing.message(), trace);
            }
            return new Outcome.Found(existing.message());
        }
        if (outcome instanceof SendOutcome.NotMember) {
            return Outcome.notMember();
        }
        if (outcome instanceof SendOutcome.AttachmentsUnusable) {
            return new Outcome.Invalid(new FieldError("attachments",
                    "only your own uploads to this room that no message carries yet (unsent ones expire)"));
        }
        return Outcome.noSuchRoom();
    }

    private void publish(Message message, Context trace) {
        Timer.Sample publish = Timer.start(metrics);
        relay.publish(message, trace).subscribe().with(
                ok -> publish.stop(metrics.timer("chat.messages.publish")),
                failure -> Log.errorf(failure, "event of message %s not published", message.id()));
    }

    /**
     * The database's part of a traced send, as a child of its command's span: the statement that stored it (with the
     * rest of its batch, {@code rows} messages in one statement). Nothing when the command carried no trace.
     */
    private void storeSpan(Context trace, Instant started, int rows) {
        if (!Span.fromContext(trace).getSpanContext().isValid()) {
            return;
        }
        tracer.spanBuilder("postgresql: store messages").setParent(trace).setSpanKind(SpanKind.CLIENT)
                .setStartTimestamp(started).setAttribute("db.system", "postgresql").setAttribute("db.operation.name", "INSERT")
                .setAttribute("chat.statement.rows", rows).startSpan().end(Instant.now());
    }

    /** Where the time of a send goes: each hop as a timer in /q/metrics. */
    private <T> Uni<T> timed(String name, Uni<T> step) {
        return Uni.createFrom().deferred(() -> {
            Timer.Sample sample = Timer.start(metrics);
            return step.invoke(() -> sample.stop(metrics.timer(name)));
        });
    }

    public Uni<Outcome> history(Caller caller, JsonNode body) {
        var input = ChatValidation.historyQuery(body, config.defaultHistoryLimit(), config.maxHistoryLimit());
        if (!input.isValid()) {
            return RoomAccess.now(new Outcome.Invalid(input.errors()));
        }
        var query = input.value();
        UUID readerId = UUID.fromString(caller.userId());
        return access.asMember(query.roomId(), readerId, found -> messages.history(query, readerId)
                .map(page -> {
                    // Read forward, the oldest of the page come first; read backward, the newest. Either way a page cut
                    // short by the byte budget has more in the direction read.
                    List<Message> kept = query.forward() ? budget.first(page.messages()) : budget.last(page.messages());
                    boolean hasMore = page.hasMore() || kept.size() < page.messages().size();
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("messages", kept);
                    answer.put("hasMore", hasMore);
                    // Below it the room's retention evicted: there is nothing more to read back, by design.
                    if (found.room().evictedBefore() != null) {
                        answer.put("evictedBefore", found.room().evictedBefore());
                    }
                    return new Outcome.Found(answer);
                }));
    }

    /**
     * The author replaces a message's text; members get {@code message.edited}, on the room's stream after the message.
     * Edits count against the sender's send budget, as sends do.
     */
    public Uni<Outcome> edit(Caller caller, JsonNode body) {
        var input = ChatValidation.messageEdit(body);
        if (!input.isValid()) {
            return RoomAccess.now(new Outcome.Invalid(input.errors()));
        }
        var limited = limits.send(caller);
        if (limited.isPresent()) {
            return RoomAccess.now(limited.get());
        }
        var edit = input.value();
        UUID userId = UUID.fromString(caller.userId());
        return access.asMember(edit.roomId(), userId, found -> change(edit.roomId(),
                transaction -> messages.edit(transaction, edit.roomId(), edit.seq(), userId, edit.text(), Times.now()))
                .map(outcome -> {
                    if (outcome instanceof ChangeOutcome.Changed changed) {
                        return new Outcome.Found(changed.message());
                    }
                    if (outcome instanceof ChangeOutcome.NotAuthor) {
                        return new Outcome.Refused(403, ErrorCodes.NOT_MESSAGE_AUTHOR, "only the message's author can edit it");
                    }
                    if (outcome instanceof ChangeOutcome.AlreadyDeleted) {
                        return new Outcome.Refused(409, ErrorCodes.MESSAGE_DELETED, "message " + edit.seq() + " was deleted");
                    }
                    return noSuchMessage(edit.seq());
                }));
    }

    /**
     * The author, or the room's owner, deletes a message: its seq stays (with {@code deleted:true} and no text), and
     * members get {@code message.deleted}. Deleting a deleted message again answers as the first time did.
     */
    public Uni<Outcome> delete(Caller caller, JsonNode body) {
        var input = ChatValidation.messageDeletion(body);
        if (!input.isValid()) {
            return RoomAccess.now(new Outcome.Invalid(input.errors()));
        }
        var deletion = input.value();
        UUID userId = UUID.fromString(caller.userId());
        return access.asMember(deletion.roomId(), userId, found -> change(deletion.roomId(),
                transaction -> messages.delete(transaction, deletion.roomId(), deletion.seq(), userId,
                        found.isOwner() && found.room().isChannel(), Times.now()))
                .map(outcome -> {
                    if (outcome instanceof ChangeOutcome.Changed || outcome instanceof ChangeOutcome.AlreadyDeleted) {
                        return new Outcome.Done();
                    }
                    if (outcome instanceof ChangeOutcome.NotAuthor) {
                        return new Outcome.Refused(403, ErrorCodes.NOT_MESSAGE_AUTHOR,
                                "only the message's author or the room's owner can delete it");
                    }
                    return noSuchMessage(deletion.seq());
                }));
    }

    /** A change to a stored message, and its event through the outbox (published once committed, or by the relay). */
    private Uni<ChangeOutcome> change(UUID roomId, Function<SqlConnection, Uni<ChangeOutcome>> change) {
        return outbox.change(change, outcome -> outcome instanceof ChangeOutcome.Changed changed
                ? List.of(new EventOutbox.RoomEvent(roomId, Frames.changed(changed.message())))
                : List.of());
    }

    private static Outcome noSuchMessage(long seq) {
        return new Outcome.Missing("no message " + seq + " in this room");
    }
}
