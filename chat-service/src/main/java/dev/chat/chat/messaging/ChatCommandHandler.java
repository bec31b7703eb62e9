package dev.chat.chat.messaging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.chat.service.MessageService;
import dev.chat.chat.service.Outcome;
import dev.chat.contracts.Operation;
import dev.chat.contracts.ServiceRequest;
import dev.chat.support.Envelopes;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * Answers the gateways' chat commands, a polled batch at a time. Commands about a room are keyed by its id,
 * so one room's commands are on one partition: each partition's commands are handled in offset order, the
 * partitions of a batch side by side. A run of consecutive sends is stored with one statement (the clear win
 * the benchmark pointed to: one round trip, and one row lock per room, for many messages). Each reply
 * carries its request's record metadata and so goes to the requesting gateway's reply topic and partition
 * with its correlation id.
 */
@ApplicationScoped
public class ChatCommandHandler {

    private static final String CHANNEL = "chat-commands";

    private final ChatCommandDispatcher dispatcher;
    private final MessageService messages;
    private final ChatReplies replies;
    private final Envelopes envelopes;
    private final MutinyEmitter<String> replyChannel;

    public ChatCommandHandler(ChatCommandDispatcher dispatcher, MessageService messages, ChatReplies replies,
            ObjectMapper mapper,
            @Channel("chat-replies") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16384)
            MutinyEmitter<String> replyChannel) {
        this.dispatcher = dispatcher;
        this.messages = messages;
        this.replies = replies;
        this.envelopes = new Envelopes(mapper);
        this.replyChannel = replyChannel;
    }

    /** One command of a batch: its record (for the reply's routing) and what it said, if it could be read. */
    private record Command(ConsumerRecord<String, String> record, ServiceRequest request) {
        boolean isSend() {
            return request != null && request.op() == Operation.MESSAGES_SEND && request.caller() != null && request.body() != null
                    && request.body().hasNonNull("roomId");
        }
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
        for (ConsumerRecord<String, String> record : (Iterable<ConsumerRecord<String, String>>) metadata.getRecords()) {
            byPartition.computeIfAbsent(record.partition(), p -> new ArrayList<>())
                    .add(new Command(record, envelopes.read(record.value()).orElse(null)));
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
                .onItem().transformToUniAndConcatenate(step -> (step.get(0).isSend() && step.size() > 1 ? sends(step) : single(step.get(0)))
                        // One step's failure (a reply the broker refused, say) must not stop the partition's later commands.
                        .onFailure().recoverWithItem(failure -> {
                            Log.errorf(failure, "a step of %d command(s) failed", step.size());
                            return null;
                        }))
                .collect().last()
                .replaceWithVoid();
    }

    private Uni<Void> single(Command command) {
        return dispatcher.answer(command.request())
                .onFailure().recoverWithItem(e -> {
                    Log.errorf(e, "command failed: %s", command.record().value());
                    return new Outcome.Failed();
                })
                .chain(outcome -> reply(command, outcome));
    }

    /**
     * A run of consecutive sends of one partition, stored with one statement whatever their rooms: each
     * room's in arrival order, which is all the order there is between commands of different rooms.
     */
    private Uni<Void> sends(List<Command> run) {
        List<MessageService.BatchedSend> sends = new ArrayList<>(run.size());
        Uni<Void> known = Uni.createFrom().voidItem();
        for (Command command : run) {
            var caller = command.request().caller();
            sends.add(new MessageService.BatchedSend(caller, command.request().body()));
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
                        sent.add(reply(run.get(i), outcomes.get(i)));
                    }
                    return Uni.join().all(sent).andCollectFailures().replaceWithVoid();
                });
    }

    /** The reply goes where the request's headers say (reply topic, partition, correlation id). */
    private Uni<Void> reply(Command command, Outcome outcome) {
        String json;
        try {
            json = replies.write(replies.toReply(outcome));
        } catch (Exception e) {
            return Uni.createFrom().failure(e);
        }
        var routing = new IncomingKafkaRecordMetadata<>(command.record(), CHANNEL);
        return replyChannel.sendMessage(Message.of(json, Metadata.of(routing)))
                .onFailure().invoke(failure -> Log.warnf("reply to %s not sent: %s", command.record().key(), failure.toString()));
    }
}
