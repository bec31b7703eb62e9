package dev.chat.gateway.messaging;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.CommandSignature;
import dev.chat.contracts.Topics;
import dev.chat.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.reactive.messaging.MutinyEmitter;

/** Auth and user calls to user-service. */
@Singleton
public class UserServiceClient extends ServiceClient {

    public UserServiceClient(@Channel("user-requests") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
            MutinyEmitter<String> requests, PendingReplies replies, ObjectMapper mapper, CommandSignature signature,
            GatewayConfig config, MeterRegistry metrics, Tracer tracer) {
        super("user-service", new ServiceRequests(requests::sendMessage, replies, Topics.USER_REPLIES), mapper, signature, config,
                metrics, tracer);
    }
}
