package dev.chat.chat.repository;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;

/**
 * Attachments as objects in an S3-compatible bucket (AWS S3, MinIO, Ceph RGW), {@code <prefix><id>/original} and
 * {@code <prefix><id>/thumbnail}: a cluster's store, shared by every replica. Plain REST calls on Vert.x' non-blocking
 * HTTP client, signed with {@link SigV4Signer}; no AWS SDK. Each PUT carries its payload's SHA-256, so the store
 * refuses bytes that changed on the way. Any answer but the expected ones fails with an {@link S3Failure} naming the
 * status and S3's error code; nothing is retried here (the sweeper comes back, an upload is the client's to repeat).
 */
public class S3AttachmentStore implements AttachmentStore {

    /** S3's error body is a small XML document; its {@code Code} is all a failure needs, so no XML parser reads it. */
    private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]{1,100})</Code>");
    /** Connections to the store per instance: thumbnails of a busy room are fetched in parallel. */
    private static final int MAX_CONNECTIONS = 32;

    private final HttpClient client;
    private final SigV4Signer signer;
    private final Clock clock;
    private final boolean ssl;
    private final String connectHost;
    private final int port;
    private final String hostHeader;
    private final String pathPrefix;
    private final long idleTimeoutMillis;

    public S3AttachmentStore(Vertx vertx, Settings settings, Clock clock) {
        URI endpoint = settings.endpoint();
        this.ssl = "https".equals(endpoint.getScheme());
        int defaultPort = ssl ? 443 : 80;
        this.port = endpoint.getPort() < 0 ? defaultPort : endpoint.getPort();
        // Virtual-hosted style names the bucket in the host (AWS's preference); path style in the path (MinIO, Ceph).
        this.connectHost = settings.pathStyle() ? endpoint.getHost() : settings.bucket() + "." + endpoint.getHost();
        this.hostHeader = port == defaultPort ? connectHost : connectHost + ":" + port;
        String keyPrefix = SigV4Signer.encodePath(settings.prefix());
        this.pathPrefix = settings.pathStyle() ? "/" + SigV4Signer.encodePath(settings.bucket()) + "/" + keyPrefix : "/" + keyPrefix;
        this.idleTimeoutMillis = settings.idleTimeout().toMillis();
        this.signer = new SigV4Signer(settings.accessKey(), settings.secretKey(), settings.region(), "s3");
        this.clock = clock;
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) settings.connectTimeout().toMillis())
                // Also closes pooled connections idle this long, rather than reuse one the store may be closing.
                .setIdleTimeout((int) settings.idleTimeout().toMillis())
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                // The host name in the TLS hello: a virtual-hosted bucket's certificate is chosen by it.
                .setForceSni(ssl);
        this.client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS));
    }

    @Override
    public Uni<Void> put(UUID id, Variant variant, byte[] bytes) {
        return call(HttpMethod.PUT, objectPath(id, variant), bytes).map(answer -> {
            if (answer.status() != 200) {
                throw answer.failure("PUT", id, variant);
            }
            return null;
        });
    }

    @Override
    public Uni<Optional<byte[]>> get(UUID id, Variant variant) {
        return call(HttpMethod.GET, objectPath(id, variant), null).map(answer -> {
            if (answer.status() == 404) {
                return Optional.<byte[]>empty();
            }
            if (answer.status() != 200) {
                throw answer.failure("GET", id, variant);
            }
            return Optional.of(answer.body().getBytes());
        });
    }

    @Override
    public Uni<Void> delete(UUID id) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (Variant variant : Variant.values()) {
            all = all.chain(() -> call(HttpMethod.DELETE, objectPath(id, variant), null).map(answer -> {
                // S3 answers 204 whether or not the object was there; some compatible stores answer 404.
                if (answer.status() != 204 && answer.status() != 200 && answer.status() != 404) {
                    throw answer.failure("DELETE", id, variant);
                }
                return null;
            }));
        }
        return all;
    }

    private String objectPath(UUID id, Variant variant) {
        return pathPrefix + id + "/" + variant.name().toLowerCase(Locale.ROOT);
    }

    /** One signed request; {@code payload} null for none. */
    private Uni<Answer> call(HttpMethod method, String path, byte[] payload) {
        String payloadSha256 = payload == null ? SigV4Signer.EMPTY_PAYLOAD_SHA256 : SigV4Signer.sha256Hex(payload);
        SigV4Signer.Signed signed = signer.sign(method.name(), path, Map.of(),
                Map.of("host", hostHeader, "x-amz-content-sha256", payloadSha256), payloadSha256, clock.instant());
        RequestOptions options = new RequestOptions()
                .setMethod(method)
                .setHost(connectHost)
                .setPort(port)
                .setSsl(ssl)
                .setURI(path)
                .setIdleTimeout(idleTimeoutMillis)
                .putHeader("Host", hostHeader)
                .putHeader("x-amz-content-sha256", payloadSha256)
                .putHeader("x-amz-date", signed.amzDate())
                .putHeader("Authorization", signed.authorization());
        if (payload != null) {
            options.putHeader("Content-Length", Integer.toString(payload.length));
        }
        return client.request(options)
                .chain(request -> payload == null ? request.send() : request.send(Buffer.buffer(payload)))
                .chain(response -> response.body().map(body -> new Answer(response.statusCode(), body)));
    }

    /**
     * What the store is configured with; the endpoint without the bucket ({@code https://s3.eu-central-1.amazonaws.com},
     * {@code http://minio:9000}). Its {@code toString}, which startup logs, leaves the keys out.
     */
    public record Settings(URI endpoint, String region, String bucket, String prefix, boolean pathStyle, String accessKey,
            String secretKey, Duration connectTimeout, Duration idleTimeout) {

        public Settings {
            String scheme = endpoint.getScheme();
            if (!"https".equals(scheme) && !"http".equals(scheme) || endpoint.getHost() == null
                    || !(endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() || "/".equals(endpoint.getRawPath()))
                    || endpoint.getRawQuery() != null || endpoint.getRawUserInfo() != null) {
                throw new IllegalArgumentException("the S3 endpoint must be http(s)://host[:port], without a path: " + endpoint);
            }
        }

        @Override
        public String toString() {
            return "Settings[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", prefix=" + prefix
                    + ", pathStyle=" + pathStyle + "]";
        }
    }

    /** A call to the store that did not do what was asked. */
    public static final class S3Failure extends RuntimeException {

        private final int status;
        private final String code;

        S3Failure(String message, int status, String code) {
            super(message);
            this.status = status;
            this.code = code;
        }

        public int status() {
            return status;
        }

        /** S3's error code ({@code SignatureDoesNotMatch}, {@code NoSuchBucket}, ...), or empty when the body had none. */
        public String code() {
            return code;
        }
    }

    private record Answer(int status, Buffer body) {

        S3Failure failure(String method, UUID id, Variant variant) {
            Matcher code = ERROR_CODE.matcher(body.toString());
            String errorCode = code.find() ? code.group(1) : "";
            return new S3Failure("S3 " + method + " of attachment " + id + " (" + variant.name().toLowerCase(Locale.ROOT)
                    + ") answered " + status + (errorCode.isEmpty() ? "" : " " + errorCode), status, errorCode);
        }
    }
}
