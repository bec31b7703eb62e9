package dev.chat.gateway.messaging;

import java.net.URI;
import java.time.Duration;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.CommandSignature;
import dev.chat.contracts.InternalRequest;
import dev.chat.contracts.ServiceRequest.Caller;
import dev.chat.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;

/**
 * Attachments' bytes to and from chat-service, over its HTTP port: an image is too big for a Kafka record, and the
 * contract says only ids and metadata travel there. Each call is a signed {@link InternalRequest} naming the caller, what
 * it is for, the body's hash and a deadline, so chat-service believes it on the same terms as a signed command.
 */
@Singleton
public class AttachmentClient {

    static final String PATH = "/internal/attachments";

    /** What chat-service answered: its status, headers and body (an image, or problem+json). */
    public record Answer(int status, MultiMap headers, byte[] body) {
    }

    private final HttpClient client;
    private final URI base;
    private final CommandSignature signature;
    private final ObjectMapper mapper;
    private final long timeoutMillis;
    private final MeterRegistry metrics;

    public AttachmentClient(Vertx vertx, GatewayConfig config, CommandSignature signature, ObjectMapper mapper,
            MeterRegistry metrics) {
        this.base = URI.create(config.attachments().chatServiceUrl());
        this.timeoutMillis = config.attachments().timeout().toMillis();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) Math.min(timeoutMillis, 5_000))
                .setMaxPoolSize(32)
                .setKeepAlive(true));
        this.signature = signature;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    /** Hands an upload's bytes to chat-service, which checks, strips, stores and answers 201 with the attachment. */
    public Uni<Answer> upload(Caller caller, String roomId, byte[] bytes) {
        InternalRequest request = new InternalRequest(InternalRequest.UPLOAD, caller, roomId, null, null,
                InternalRequest.sha256(bytes), deadline());
        return call(HttpMethod.POST, PATH, request, null, Buffer.buffer(bytes), "upload");
    }

    /**
     * The image or its thumbnail ({@code variant} "original" or "thumbnail"), if the caller is a member of its room now.
     * With {@code ifNoneMatch}, chat-service answers 304 without reading the bytes when it matches.
     */
    public Uni<Answer> read(Caller caller, String attachmentId, String variant, String ifNoneMatch) {
        InternalRequest request = new InternalRequest(InternalRequest.READ, caller, null, attachmentId, variant,
                InternalRequest.sha256(new byte[0]), deadline());
        return call(HttpMethod.GET, PATH + "/" + attachmentId + "/" + variant, request, ifNoneMatch, null, "read");
    }

    private Uni<Answer> call(HttpMethod method, String path, InternalRequest request, String ifNoneMatch, Buffer body,
            String what) {
        String[] headers;
        try {
            headers = InternalRequest.headers(mapper.writeValueAsString(request), signature);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        RequestOptions options = new RequestOptions().setMethod(method)
                .setHost(base.getHost())
                .setPort(base.getPort() > 0 ? base.getPort() : 80)
                .setURI(path)
                .setIdleTimeout(timeoutMillis)
                .putHeader(InternalRequest.HEADER, headers[0])
                .putHeader(InternalRequest.SIGNATURE, headers[1]);
        if (ifNoneMatch != null) {
            options.putHeader("If-None-Match", ifNoneMatch);
        }
        Timer.Sample sample = Timer.start(metrics);
        return client.request(options)
                .chain(outgoing -> body == null ? outgoing.send() : outgoing.send(body))
                .chain(response -> response.body().map(bytes -> new Answer(response.statusCode(),
                        response.headers().getDelegate(), bytes.getBytes())))
                .ifNoItem().after(Duration.ofMillis(timeoutMillis)).fail()
                .onTermination().invoke((item, failure, cancelled) -> sample.stop(metrics.timer("gateway.attachments.call",
                        "op", what, "outcome", failure != null ? "failed" : cancelled ? "cancelled" : String.valueOf(item.status()))));
    }

    private long deadline() {
        return System.currentTimeMillis() + timeoutMillis;
    }

    @PreDestroy
    void close() {
        client.closeAndForget();
    }
}
