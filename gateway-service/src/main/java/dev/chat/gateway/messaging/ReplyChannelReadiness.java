package dev.chat.gateway.messaging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/** Not ready until this instance reads its reply topics: a call sent earlier could lose its answer. */
@Readiness
@ApplicationScoped
public class ReplyChannelReadiness implements HealthCheck {

    private final Map<String, Boolean> assigned = new ConcurrentHashMap<>();

    void onStart(@Observes StartupEvent event, UserServiceClient users, ChatServiceClient chat, SketchServiceClient sketch) {
        for (ServiceClient client : new ServiceClient[] {users, chat, sketch}) {
            assigned.put(client.service(), false);
            client.ready().subscribe().with(partitions -> assigned.put(client.service(), true),
                    failure -> Log.errorf(failure, "the %s reply channel never got its partitions", client.service()));
        }
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("service-reply-channels")
                .status(!assigned.isEmpty() && assigned.values().stream().allMatch(Boolean::booleanValue));
        assigned.forEach(response::withData);
        return response.build();
    }
}
