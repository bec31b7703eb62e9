package dev.chat.gateway.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.SessionRevoked;
import dev.chat.gateway.security.RevokedSessions;
import dev.chat.gateway.security.SessionEndListeners;
import io.quarkus.logging.Log;

/** Keeps this instance's {@link RevokedSessions} current from the compacted revocations topic. */
@ApplicationScoped
public class RevocationConsumer {

    private final RevokedSessions revoked;
    private final SessionEndListeners listeners;
    private final ObjectMapper mapper;
    private final RevocationsReadiness readiness;

    public RevocationConsumer(RevokedSessions revoked, SessionEndListeners listeners, ObjectMapper mapper,
            @Readiness RevocationsReadiness readiness) {
        this.readiness = readiness;
        this.revoked = revoked;
        this.listeners = listeners;
        this.mapper = mapper;
    }

    @Incoming(RevocationsReadiness.CHANNEL)
    public void onRevocation(ConsumerRecord<String, String> record) {
        try {
            SessionRevoked event = mapper.readValue(record.value(), SessionRevoked.class);
            revoked.revoke(event.sessionId(), event.until());
            listeners.sessionEnded(event.sessionId());
        } catch (Exception e) {
            // A malformed record must not stop the stream of revocations behind it.
            Log.errorf(e, "unreadable revocation at offset %d skipped", record.offset());
        }
        readiness.applied(record.partition(), record.offset());
    }
}
