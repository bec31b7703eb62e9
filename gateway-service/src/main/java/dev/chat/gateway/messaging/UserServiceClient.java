package dev.chat.gateway.messaging;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.ErrorCodes;
import dev.chat.contracts.Problem;
import dev.chat.contracts.ServiceReply;
import dev.chat.contracts.ServiceRequest;
import dev.chat.contracts.ServiceRequest.Caller;
import dev.chat.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.reply.KafkaRequestReply;

/** Calls user-service over Kafka and waits, up to the configured timeout, for its reply. */
@ApplicationScoped
public class UserServiceClient {

    private final KafkaRequestReply<Record<String, String>, String> requests;
    private final ObjectMapper mapper;
    private final Duration timeout;
    private final MeterRegistry metrics;

    public UserServiceClient(@Channel("user-requests") KafkaRequestReply<Record<String, String>, String> requests,
            ObjectMapper mapper, GatewayConfig config, MeterRegistry metrics) {
        this.requests = requests;
        this.mapper = mapper;
        this.timeout = config.requestTimeout();
        this.metrics = metrics;
    }

    /**
     * @param key orders calls with the same key (a username, a user id); null spreads them
     */
    public Uni<ServiceReply> call(String op, Caller caller, JsonNode body, String key) {
        String payload;
        try {
            payload = mapper.writeValueAsString(new ServiceRequest(op, caller, body));
        } catch (Exception e) {
            return Uni.createFrom().failure(e);
        }
        Timer.Sample sample = Timer.start(metrics);
        return requests.request(Record.of(key == null ? UUID.randomUUID().toString() : key, payload))
                .ifNoItem().after(timeout).fail()
                .map(this::parse)
                .onItemOrFailure().invoke((reply, failure) -> sample.stop(metrics.timer("chat.gateway.service.calls",
                        "service", "user-service", "op", op, "outcome", failure == null ? "reply" : "failure")))
                .onFailure().recoverWithItem(failure -> unavailable(op, failure));
    }

    /** Completes once this instance reads the replies topic, so no early reply is missed. */
    public Uni<?> ready() {
        return requests.waitForAssignments();
    }

    private ServiceReply parse(String payload) {
        try {
            return mapper.readValue(payload, ServiceReply.class);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable reply from user-service", e);
        }
    }

    private ServiceReply unavailable(String op, Throwable failure) {
        if (failure instanceof TimeoutException) {
            Log.warnf("user-service did not answer %s within %s", op, timeout);
        } else {
            Log.errorf(failure, "call %s to user-service failed", op);
        }
        Problem problem = Problem.of(503, ErrorCodes.SERVICE_UNAVAILABLE, "the user service did not answer in time; try again");
        return new ServiceReply(503, mapper.valueToTree(problem));
    }
}
