package dev.chat.gateway.messaging;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/** Not ready until this instance reads its reply topics: a call sent earlier could lose its answer. */
@Readiness
@ApplicationScoped
public class ReplyChannelReadiness implements HealthCheck {

    private final AtomicBoolean userReplies = new AtomicBoolean();

    void onStart(@Observes StartupEvent event, UserServiceClient users) {
        users.ready().subscribe().with(assigned -> userReplies.set(true),
                failure -> Log.error("the user-service reply channel never got its partitions", failure));
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("service-reply-channels").status(userReplies.get())
                .withData("user-service", userReplies.get()).build();
    }
}
