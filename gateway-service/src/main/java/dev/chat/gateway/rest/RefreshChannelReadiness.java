package dev.chat.gateway.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/** Not ready until this instance reads the refresh replies: a refresh sent earlier could lose its answer. */
@Readiness
@ApplicationScoped
public class RefreshChannelReadiness implements HealthCheck {

    private volatile boolean assigned;

    void onStart(@Observes StartupEvent event, RefreshClient refreshes) {
        refreshes.ready().subscribe().with(partitions -> assigned = true,
                failure -> Log.errorf(failure, "the refresh reply channel never got its partitions"));
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("refresh-reply-channel").status(assigned).build();
    }
}
