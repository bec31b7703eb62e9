package dev.chat.gateway.messaging;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Channel;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.CommandSignature;
import dev.chat.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.reply.KafkaRequestReply;

/** Auth and user calls to user-service. */
@Singleton
public class UserServiceClient extends ServiceClient {

    public UserServiceClient(@Channel("user-requests") KafkaRequestReply<Record<String, String>, String> requests,
            ObjectMapper mapper, CommandSignature signature, GatewayConfig config, MeterRegistry metrics, Tracer tracer) {
        super("user-service", requests, mapper, signature, config, metrics, tracer);
    }
}
