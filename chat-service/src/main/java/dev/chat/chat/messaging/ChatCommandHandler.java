package dev.chat.chat.messaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.chat.repository.UserDirectory;
import dev.chat.chat.service.MessageService;
import dev.chat.chat.service.Replies;
import dev.chat.chat.service.RoomService;
import dev.chat.contracts.ErrorCodes;
import dev.chat.contracts.ServiceReply;
import dev.chat.contracts.ServiceRequest;
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
    private static final String SEND = "messages.send";

    private final RoomService rooms;
    private final MessageService messages;
    private final UserDirectory users;
    private final Replies replies;
    private final ObjectMapper mapper;
    private final MutinyEmitter<String> replyChannel;

    public ChatCommandHandler(RoomService rooms, MessageService messages, UserDirectory users, Replies replies, ObjectMapper mapper,
            @Channel("chat-replies") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16384) MutinyEmitter<String> replyChannel) {
        this.rooms = rooms;
        this.messages = messages;
        this.users = users;
        this.replies = replies;
        this.mapper = mapper;
        this.replyChannel = replyChannel;
    }

    /** One command of a batch: its record (for the reply's routing) and what it said, if it could be read. */
    private record Command(ConsumerRecord<String, String> record, ServiceRequest request) {
        boolean isSend() {
            return request != null && SEND.equals(request.op()) && request.caller() != null && request.body() != null
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
            byPartition.computeIfAbsent(record.partition(), p -> new ArrayList<>()).add(new Command(record, read(record.value())));
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
        List<List<Command>> steps = new ArrayList<>();
        for (Command command : commands) {
            List<Command> last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
            if (command.isSend() && last != null && last.get(0).isSend()) {
                last.add(command);
            } else {
                steps.add(new ArrayList<>(List.of(command)));
            }
        }
        return Multi.createFrom().iterable(steps)
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
        return answer(command.request())
                .onFailure().recoverWithItem(e -> {
                    Log.errorf(e, "command failed: %s", command.record().value());
                    return replies.problem(500, ErrorCodes.INTERNAL_ERROR, "the chat service failed to handle the call");
                })
                .chain(reply -> reply(command, reply));
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
            known = known.chain(() -> knowCaller(caller));
        }
        return known.chain(() -> messages.sendBatch(sends))
                .onFailure().recoverWithItem(e -> {
                    Log.errorf(e, "a batch of %d sends failed", run.size());
                    return java.util.Collections.nCopies(run.size(),
                            replies.problem(500, ErrorCodes.INTERNAL_ERROR, "the chat service failed to handle the call"));
                })
                .chain(answers -> {
                    List<Uni<Void>> sent = new ArrayList<>(answers.size());
                    for (int i = 0; i < answers.size(); i++) {
                        sent.add(reply(run.get(i), answers.get(i)));
                    }
                    return Uni.join().all(sent).andCollectFailures().replaceWithVoid();
                });
    }

    private ServiceRequest read(String payload) {
        try {
            return mapper.readValue(payload, ServiceRequest.class);
        } catch (Exception e) {
            return null;
        }
    }

    Uni<ServiceReply> answer(ServiceRequest command) {
        if (command == null) {
            return replies.now(replies.problem(400, ErrorCodes.VALIDATION_FAILED, "unreadable command"));
        }
        var caller = command.caller();
        if (caller == null || caller.userId() == null || caller.username() == null) {
            return replies.now(replies.problem(401, ErrorCodes.UNAUTHORIZED, "authentication required"));
        }
        return knowCaller(caller).chain(() -> dispatch(command));
    }

    /**
     * The caller may be newer than the user events this service has read: know them (and put them in general)
     * before anything else, so their first call already finds them a member.
     */
    private Uni<Void> knowCaller(ServiceRequest.Caller caller) {
        if (caller == null || caller.userId() == null || caller.username() == null) {
            return Uni.createFrom().voidItem();
        }
        try {
            return users.ensureKnown(UUID.fromString(caller.userId()), caller.username(), java.time.Instant.now());
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().voidItem();
        }
    }

    private Uni<ServiceReply> dispatch(ServiceRequest command) {
        var caller = command.caller();
        var body = command.body();
        String op = command.op() == null ? "" : command.op();
        return switch (op) {
            case SEND -> messages.send(caller, body);
            case "messages.history" -> messages.history(caller, body);
            case "rooms.create" -> rooms.create(caller, body);
            case "rooms.list" -> rooms.list(caller, body);
            case "rooms.get" -> rooms.get(caller, body);
            case "rooms.join" -> rooms.join(caller, body);
            case "rooms.leave" -> rooms.leave(caller, body);
            case "rooms.delete" -> rooms.delete(caller, body);
            case "rooms.members" -> rooms.members(caller, body);
            case "rooms.read" -> rooms.read(caller, body);
            case "rooms.positions" -> rooms.positions(caller);
            case "rooms.join-requests" -> rooms.joinRequests(caller, body);
            case "rooms.join-requests.approve" -> rooms.decideJoinRequest(caller, body, true);
            case "rooms.join-requests.reject" -> rooms.decideJoinRequest(caller, body, false);
            case "rooms.members.remove" -> rooms.removeMember(caller, body);
            case "dms.open" -> rooms.openDirect(caller, body);
            default -> replies.now(replies.problem(400, ErrorCodes.VALIDATION_FAILED, "unknown operation " + op));
        };
    }

    /** The reply goes where the request's headers say (reply topic, partition, correlation id). */
    private Uni<Void> reply(Command command, ServiceReply reply) {
        String json;
        try {
            json = mapper.writeValueAsString(reply);
        } catch (Exception e) {
            return Uni.createFrom().failure(e);
        }
        var routing = new IncomingKafkaRecordMetadata<>(command.record(), CHANNEL);
        return replyChannel.sendMessage(Message.of(json, Metadata.of(routing)))
                .onFailure().invoke(failure -> Log.warnf("reply to %s not sent: %s", command.record().key(), failure.toString()));
    }
}
