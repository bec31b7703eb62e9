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

/** Canvas calls to sketch-service, keyed by room id so one canvas's commands stay in order. */
@Singleton
public class SketchServiceClient extends ServiceClient {

    public SketchServiceClient(@Channel("sketch-requests") KafkaRequestReply<Record<String, String>, String> requests,
            ObjectMapper mapper, CommandSignature signature, GatewayConfig config, MeterRegistry metrics, Tracer tracer) {
        super("sketch-service", requests, mapper, signature, config, metrics, tracer);
    }
}
