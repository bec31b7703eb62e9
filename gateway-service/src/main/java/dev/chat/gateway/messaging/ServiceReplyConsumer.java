package dev.chat.gateway.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Every service's replies, from one consumer of all the replies topics (a group of this instance's own, from the end):
 * each completes the call of this gateway that waits for it.
 */
@ApplicationScoped
public class ServiceReplyConsumer {

    public static final String CHANNEL = "service-replies";

    private final PendingReplies pending;

    public ServiceReplyConsumer(PendingReplies pending) {
        this.pending = pending;
    }

    @Incoming(CHANNEL)
    public void onReply(ConsumerRecord<String, String> reply) {
        pending.arrived(reply);
    }
}
