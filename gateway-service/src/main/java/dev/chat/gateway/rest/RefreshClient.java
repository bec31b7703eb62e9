package dev.chat.gateway.rest;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.CommandSignature;
import dev.chat.contracts.Topics;
import dev.chat.gateway.config.GatewayConfig;
import dev.chat.gateway.messaging.PendingReplies;
import dev.chat.gateway.messaging.ServiceClient;
import dev.chat.gateway.messaging.ServiceRequests;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Token refreshes to user-service, on a topic of their own ({@code user.refresh}): a refresh costs user-service a hash
 * and a row lock, a login a bcrypt hash on purpose, and in one queue a flood of logins would hold every refresh behind
 * it until the client's call timed out.
 */
@Singleton
public class RefreshClient extends ServiceClient {

    public RefreshClient(@Channel("user-refresh-requests") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
            MutinyEmitter<String> requests, PendingReplies replies,
            ObjectMapper mapper, CommandSignature signature, GatewayConfig config, MeterRegistry metrics, Tracer tracer) {
        super("user-service", new ServiceRequests(requests::sendMessage, replies, Topics.USER_REFRESH_REPLIES), mapper, signature,
                config, metrics, tracer);
    }
}
