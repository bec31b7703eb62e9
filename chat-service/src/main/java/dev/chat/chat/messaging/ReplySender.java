package dev.chat.chat.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import dev.chat.chat.service.Outcome;
import dev.chat.contracts.ServiceReply;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * Sends each reply where its request's headers say (reply topic, partition, correlation id). A reply the producer
 * refuses (larger than a record may be, say) would be refused again on every retry of the caller, who would only
 * see timeouts: it is answered with a small 500 problem instead, once. If even that is refused, the broker is in
 * trouble and the gateway's timeout answers.
 */
@ApplicationScoped
public class ReplySender {

    private final ChatReplies replies;
    private final MutinyEmitter<String> channel;

    public ReplySender(ChatReplies replies,
            @Channel("chat-replies") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16384) MutinyEmitter<String> channel) {
        this.replies = replies;
        this.channel = channel;
    }

    /** @param op the request's operation, for the log (never its payload, which holds message text and passwords) */
    public Uni<Void> send(ConsumerRecord<String, String> request, String op, Outcome outcome) {
        ServiceReply reply = replies.toReply(outcome);
        return write(request, reply).onFailure().recoverWithUni(failure -> {
            Log.warnf("reply %d to %s (key %s) not sent: %s", reply.status(), op, request.key(), failure.toString());
            if (reply.status() == 500) {
                return Uni.createFrom().failure(failure);
            }
            return write(request, replies.toReply(new Outcome.Failed()))
                    .onFailure().invoke(again -> Log.warnf("the 500 instead not sent either: %s", again.toString()));
        });
    }

    private Uni<Void> write(ConsumerRecord<String, String> request, ServiceReply reply) {
        return Uni.createFrom().deferred(() -> {
            var routing = new IncomingKafkaRecordMetadata<>(request, ChatCommandHandler.CHANNEL);
            return channel.sendMessage(Message.of(replies.write(reply), Metadata.of(routing)));
        });
    }
}
