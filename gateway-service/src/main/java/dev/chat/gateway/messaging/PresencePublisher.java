package dev.chat.gateway.messaging;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.PresenceSignal;
import dev.chat.gateway.config.GatewayConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.vertx.mutiny.core.Vertx;

/**
 * Tells user-service, which owns presence, about this instance's WebSockets: each one opened and closed, and
 * a heartbeat so that a crashed instance's connections do not stay online forever.
 */
@ApplicationScoped
public class PresencePublisher {

    /** Random per process start: a restarted instance is a new one, its predecessor's connections expire. */
    private final String gatewayId = UUID.randomUUID().toString();
    private final MutinyEmitter<Record<String, String>> signals;
    private final ObjectMapper mapper;

    /** A reconnect storm signals thousands of connections at once: the buffer holds them while the producer drains. */
    public PresencePublisher(@Channel("presence-signals") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 65536)
            MutinyEmitter<Record<String, String>> signals, ObjectMapper mapper) {
        this.signals = signals;
        this.mapper = mapper;
    }

    public String gatewayId() {
        return gatewayId;
    }

    public void connected(String connectionId, String userId, String username) {
        send(userId, PresenceSignal.connection(PresenceSignal.CONNECTED, gatewayId, connectionId, userId, username));
    }

    public void disconnected(String connectionId, String userId, String username) {
        send(userId, PresenceSignal.connection(PresenceSignal.DISCONNECTED, gatewayId, connectionId, userId, username));
    }

    void startHeartbeat(@Observes StartupEvent event, Vertx vertx, GatewayConfig config) {
        send(gatewayId, PresenceSignal.instance(PresenceSignal.HEARTBEAT, gatewayId));
        vertx.setPeriodic(config.presence().heartbeatInterval().toMillis(),
                id -> send(gatewayId, PresenceSignal.instance(PresenceSignal.HEARTBEAT, gatewayId)));
    }

    /** A clean stop says so, so this instance's users need not wait for the heartbeat to expire. */
    void stopped(@Observes ShutdownEvent event) {
        try {
            publish(gatewayId, PresenceSignal.instance(PresenceSignal.STOPPED, gatewayId))
                    .await().atMost(Duration.ofSeconds(2));
        } catch (RuntimeException e) {
            Log.warnf("could not announce this instance's stop: %s", e.toString());
        }
    }

    private void send(String key, PresenceSignal signal) {
        publish(key, signal).subscribe().with(ok -> {
        }, failure -> Log.warnf("presence signal %s not sent: %s", signal.type(), failure.toString()));
    }

    private Uni<Void> publish(String key, PresenceSignal signal) {
        try {
            return signals.send(Record.of(key, mapper.writeValueAsString(signal)));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
    }
}
