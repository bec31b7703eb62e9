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

/** Canvas calls to sketch-service, keyed by room id so one canvas's commands stay in order. */
@Singleton
public class SketchServiceClient extends ServiceClient {

    public SketchServiceClient(@Channel("sketch-requests") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
            MutinyEmitter<String> requests, PendingReplies replies, ObjectMapper mapper, CommandSignature signature,
            GatewayConfig config, MeterRegistry metrics, Tracer tracer) {
        super("sketch-service", new ServiceRequests(requests::sendMessage, replies, Topics.SKETCH_REPLIES), mapper, signature, config,
                metrics, tracer);
    }
}
