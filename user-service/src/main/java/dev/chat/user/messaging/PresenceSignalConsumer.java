package dev.chat.user.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.PresenceSignal;
import dev.chat.user.config.UserServiceConfig;
import dev.chat.user.service.PresenceService;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/** Reads the gateways' presence signals, and sweeps for silent gateways and ended graces on a timer. */
@ApplicationScoped
public class PresenceSignalConsumer {

    private final PresenceService presence;
    private final ObjectMapper mapper;
    private volatile boolean sweeping;
    private volatile long sweepTimer = -1;

    public PresenceSignalConsumer(PresenceService presence, ObjectMapper mapper) {
        this.presence = presence;
        this.mapper = mapper;
    }

    @Incoming("presence-signals")
    public Uni<Void> onSignal(String payload) {
        PresenceSignal signal;
        try {
            signal = mapper.readValue(payload, PresenceSignal.class);
        } catch (Exception e) {
            // Its size, not its text: a payload is never logged.
            Log.errorf("unreadable presence signal of %d characters skipped", payload == null ? 0 : payload.length());
            return Uni.createFrom().voidItem();
        }
        // A failure is logged, not retried forever: the next heartbeat or sweep repairs what it left.
        return presence.onSignal(signal).onFailure().recoverWithItem(failure -> {
            Log.errorf(failure, "presence signal %s of gateway %s failed", signal.type(), signal.gatewayId());
            return null;
        });
    }

    void stopSweeping(@Observes ShutdownEvent event, Vertx vertx) {
        // Before Redis closes: a sweep on a closed client only fails.
        if (sweepTimer >= 0) {
            vertx.cancelTimer(sweepTimer);
        }
    }

    void startSweeping(@Observes StartupEvent event, Vertx vertx, UserServiceConfig config) {
        sweepTimer = vertx.setPeriodic(config.presence().sweepInterval().toMillis(), id -> {
            if (sweeping) {
                return;
            }
            sweeping = true;
            presence.sweep().subscribe().with(done -> sweeping = false, failure -> {
                sweeping = false;
                Log.warnf("presence sweep failed: %s", failure.toString());
            });
        });
    }
}
