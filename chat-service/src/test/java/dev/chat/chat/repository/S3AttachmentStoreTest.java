package dev.chat.chat.repository;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.chat.chat.repository.AttachmentStore.Variant;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpServer;
import io.vertx.mutiny.core.http.HttpServerRequest;

/**
 * S3AttachmentStore against a fake object store in this JVM: a Vert.x HTTP server holding objects in a map that
 * checks every request as S3 does, recomputing its SigV4 signature from what arrived (method, path, the signed headers,
 * the body's hash) with its own code, not the signer's, and answering 403 {@code SignatureDoesNotMatch} when they
 * differ. What is proved is our client's side of the protocol; a real S3, MinIO or Ceph is not involved.
 */
class S3AttachmentStoreTest {

    private static final String ACCESS_KEY = "AKIACHATTEST";
    private static final String SECRET_KEY = "fake-store-secret/with+symbols";
    private static final String BUCKET = "chat-attachments";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static Vertx vertx;
    private static HttpServer server;
    private static FakeS3 fake;

    private final Random random = new Random(19);

    @BeforeAll
    static void startFakeStore() {
        vertx = Vertx.vertx();
        fake = new FakeS3();
        server = vertx.createHttpServer().requestHandler(fake::handle).listenAndAwait(0, "127.0.0.1");
    }

    @AfterAll
    static void stop() {
        server.closeAndAwait();
        vertx.closeAndAwait();
    }

    @BeforeEach
    void reset() {
        fake.objects.clear();
        fake.failWith = 0;
        fake.silent = false;
    }

    private static S3AttachmentStore store(String secret, Duration idleTimeout) {
        S3AttachmentStore.Settings settings = new S3AttachmentStore.Settings(URI.create("http://127.0.0.1:" + server.actualPort()),
                "us-east-1", BUCKET, "attachments/", true, ACCESS_KEY, secret, Duration.ofSeconds(2), idleTimeout);
        return new S3AttachmentStore(vertx, settings, Clock.systemUTC());
    }

    private static S3AttachmentStore store() {
        return store(SECRET_KEY, Duration.ofSeconds(5));
    }

    private static <T> T await(Uni<T> uni) {
        return uni.await().atMost(WAIT);
    }

    private byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    @Test
    void whatIsPutIsGotBackUnderPrefixIdAndVariant() {
        S3AttachmentStore store = store();
        UUID id = UUID.randomUUID();
        byte[] original = bytes(300_000);
        byte[] thumbnail = bytes(9_000);
        await(store.put(id, Variant.ORIGINAL, original));
        await(store.put(id, Variant.THUMBNAIL, thumbnail));

        assertArrayEquals(original, await(store.get(id, Variant.ORIGINAL)).orElseThrow());
        assertArrayEquals(thumbnail, await(store.get(id, Variant.THUMBNAIL)).orElseThrow());
        assertEquals(Set.of(BUCKET + "/attachments/" + id + "/original", BUCKET + "/attachments/" + id + "/thumbnail"),
                new TreeSet<>(fake.objects.keySet()));
    }

    @Test
    void anObjectNeverStoredIsEmpty() {
        assertEquals(Optional.empty(), await(store().get(UUID.randomUUID(), Variant.ORIGINAL)));
    }

    @Test
    void deleteTakesBothVariants() {
        S3AttachmentStore store = store();
        UUID id = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        await(store.put(id, Variant.ORIGINAL, bytes(1_000)));
        await(store.put(id, Variant.THUMBNAIL, bytes(100)));
        await(store.put(other, Variant.ORIGINAL, bytes(10)));

        await(store.delete(id));

        assertEquals(Optional.empty(), await(store.get(id, Variant.ORIGINAL)));
        assertEquals(Optional.empty(), await(store.get(id, Variant.THUMBNAIL)));
        assertTrue(await(store.get(other, Variant.ORIGINAL)).isPresent(), "only that attachment's objects go");
    }

    @Test
    void deletingWhatIsNotThereIsNoError() {
        S3AttachmentStore store = store();
        await(store.delete(UUID.randomUUID()));
        UUID id = UUID.randomUUID();
        await(store.put(id, Variant.THUMBNAIL, bytes(10)));
        // Only the thumbnail exists (an upload that failed half-way).
        await(store.delete(id));
        assertTrue(fake.objects.isEmpty());
    }

    @Test
    void aWrongSecretFailsWithS3sCodeAndStoresNothing() {
        S3AttachmentStore store = store("not-the-secret", Duration.ofSeconds(5));
        UUID id = UUID.randomUUID();

        S3AttachmentStore.S3Failure put = assertThrows(S3AttachmentStore.S3Failure.class,
                () -> await(store.put(id, Variant.ORIGINAL, bytes(100))));
        assertEquals(403, put.status());
        assertEquals("SignatureDoesNotMatch", put.code());
        assertTrue(put.getMessage().contains("SignatureDoesNotMatch"), put.getMessage());
        assertFalse(put.getMessage().contains("not-the-secret"), "the secret stays out of messages");
        assertTrue(fake.objects.isEmpty());

        // A refused read is a failure, not "no such attachment".
        S3AttachmentStore.S3Failure get = assertThrows(S3AttachmentStore.S3Failure.class,
                () -> await(store.get(id, Variant.ORIGINAL)));
        assertEquals("SignatureDoesNotMatch", get.code());
        assertThrows(S3AttachmentStore.S3Failure.class, () -> await(store.delete(id)));
    }

    @Test
    void aServerErrorIsAFailureWithItsStatus() {
        S3AttachmentStore store = store();
        UUID id = UUID.randomUUID();
        await(store.put(id, Variant.ORIGINAL, bytes(10)));
        fake.failWith = 500;

        S3AttachmentStore.S3Failure get = assertThrows(S3AttachmentStore.S3Failure.class, () -> await(store.get(id, Variant.ORIGINAL)));
        assertEquals(500, get.status());
        assertEquals("InternalError", get.code());
        S3AttachmentStore.S3Failure put = assertThrows(S3AttachmentStore.S3Failure.class,
                () -> await(store.put(id, Variant.THUMBNAIL, bytes(10))));
        assertEquals(500, put.status());
        assertThrows(S3AttachmentStore.S3Failure.class, () -> await(store.delete(id)));
    }

    @Test
    void aStoreThatNeverAnswersFailsAfterTheIdleTimeout() {
        S3AttachmentStore store = store(SECRET_KEY, Duration.ofMillis(300));
        fake.silent = true;
        long started = System.nanoTime();
        RuntimeException timeout = assertThrows(RuntimeException.class, () -> await(store.get(UUID.randomUUID(), Variant.ORIGINAL)));
        assertTrue(String.valueOf(timeout.getMessage()).contains("timeout"), timeout.toString());
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(tookMillis < 5_000, "failed after " + tookMillis + " ms");
    }

    @Test
    void settingsPrintWithoutTheKeys() {
        S3AttachmentStore.Settings settings = new S3AttachmentStore.Settings(URI.create("https://s3.example"), "us-east-1", BUCKET,
                "attachments/", false, ACCESS_KEY, SECRET_KEY, Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertFalse(settings.toString().contains(SECRET_KEY), settings.toString());
        assertFalse(settings.toString().contains(ACCESS_KEY), settings.toString());
    }

    /** The fake is no rubber stamp: a signature made for another path, or none, is refused. */
    @Test
    void theFakeRefusesRequestsItCannotVerify() {
        String host = "127.0.0.1:" + server.actualPort();
        SigV4Signer signer = new SigV4Signer(ACCESS_KEY, SECRET_KEY, "us-east-1", "s3");
        SigV4Signer.Signed signed = signer.sign("GET", "/" + BUCKET + "/attachments/a", Map.of(),
                Map.of("host", host, "x-amz-content-sha256", SigV4Signer.EMPTY_PAYLOAD_SHA256), SigV4Signer.EMPTY_PAYLOAD_SHA256,
                Instant.now());
        RequestOptions otherPath = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(server.actualPort())
                .setURI("/" + BUCKET + "/attachments/b").putHeader("x-amz-content-sha256", SigV4Signer.EMPTY_PAYLOAD_SHA256)
                .putHeader("x-amz-date", signed.amzDate()).putHeader("Authorization", signed.authorization());
        assertEquals(403, status(otherPath));
        RequestOptions unsigned = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(server.actualPort())
                .setURI("/" + BUCKET + "/attachments/a");
        assertEquals(403, status(unsigned));
    }

    private static int status(RequestOptions options) {
        return await(vertx.createHttpClient().request(options).chain(request -> request.send()))
                .statusCode();
    }

    /**
     * Path-style S3 in a map, keyed {@code bucket/key}. Verifies SigV4 as a server does, from the request alone.
     */
    static final class FakeS3 {

        private static final Pattern AUTHORIZATION = Pattern.compile("AWS4-HMAC-SHA256 "
                + "Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})");
        private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

        final Map<String, byte[]> objects = new ConcurrentHashMap<>();
        volatile int failWith;
        volatile boolean silent;

        void handle(HttpServerRequest request) {
            request.body().subscribe().with(body -> {
                if (silent) {
                    return;
                }
                answer(request, body.getBytes());
            }, failure -> request.response().setStatusCode(400).endAndForget());
        }

        private void answer(HttpServerRequest request, byte[] body) {
            String refused = verify(request, body);
            if (refused != null) {
                error(request, 403, refused);
                return;
            }
            if (failWith != 0) {
                error(request, failWith, "InternalError");
                return;
            }
            String path = request.path();
            if (!path.startsWith("/" + BUCKET + "/")) {
                error(request, 404, "NoSuchBucket");
                return;
            }
            String key = path.substring(1);
            switch (request.method().name()) {
                case "PUT" -> {
                    if (!String.valueOf(body.length).equals(request.getHeader("Content-Length"))) {
                        error(request, 400, "IncompleteBody");
                        return;
                    }
                    objects.put(key, body);
                    request.response().setStatusCode(200).putHeader("ETag", "\"" + hex(sha256(body)) + "\"").endAndForget();
                }
                case "GET" -> {
                    byte[] object = objects.get(key);
                    if (object == null) {
                        error(request, 404, "NoSuchKey");
                    } else {
                        request.response().setStatusCode(200).endAndForget(Buffer.buffer(object));
                    }
                }
                case "DELETE" -> {
                    objects.remove(key);
                    request.response().setStatusCode(204).endAndForget();
                }
                default -> error(request, 405, "MethodNotAllowed");
            }
        }

        /** Null when the request is signed with our secret for exactly what arrived; S3's error code otherwise. */
        private String verify(HttpServerRequest request, byte[] body) {
            String authorization = request.getHeader("Authorization");
            Matcher auth = authorization == null ? null : AUTHORIZATION.matcher(authorization);
            if (auth == null || !auth.matches()) {
                return "AccessDenied";
            }
            if (!ACCESS_KEY.equals(auth.group(1))) {
                return "InvalidAccessKeyId";
            }
            String amzDate = request.getHeader("x-amz-date");
            String contentSha256 = request.getHeader("x-amz-content-sha256");
            List<String> signedHeaders = List.of(auth.group(5).split(";"));
            if (amzDate == null || contentSha256 == null || !amzDate.startsWith(auth.group(2))
                    || !signedHeaders.containsAll(List.of("host", "x-amz-date", "x-amz-content-sha256"))
                    || !"us-east-1".equals(auth.group(3)) || !"s3".equals(auth.group(4))) {
                return "AuthorizationHeaderMalformed";
            }
            Instant signedAt = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
            if (Duration.between(signedAt, Instant.now()).abs().toMinutes() >= 15) {
                return "RequestTimeTooSkewed";
            }
            if (!contentSha256.equals(hex(sha256(body)))) {
                return "XAmzContentSHA256Mismatch";
            }
            StringBuilder canonical = new StringBuilder(request.method().name()).append('\n').append(request.path()).append('\n')
                    .append(request.query() == null ? "" : request.query()).append('\n');
            for (String name : signedHeaders) {
                String value = request.getHeader(name);
                canonical.append(name).append(':').append(value == null ? "" : value.trim()).append('\n');
            }
            canonical.append('\n').append(auth.group(5)).append('\n').append(contentSha256);
            String scope = auth.group(2) + "/us-east-1/s3/aws4_request";
            String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                    + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
            byte[] key = ("AWS4" + SECRET_KEY).getBytes(StandardCharsets.UTF_8);
            for (String part : List.of(auth.group(2), "us-east-1", "s3", "aws4_request")) {
                key = hmac(key, part);
            }
            byte[] expected = hmac(key, toSign);
            return MessageDigest.isEqual(expected, HexFormat.of().parseHex(auth.group(6))) ? null : "SignatureDoesNotMatch";
        }

        private static void error(HttpServerRequest request, int status, String code) {
            request.response().setStatusCode(status).putHeader("Content-Type", "application/xml").endAndForget(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>fake</Message>"
                            + "<Resource>" + request.path() + "</Resource></Error>");
        }

        private static byte[] sha256(byte[] bytes) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(bytes);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private static byte[] hmac(byte[] key, String data) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String hex(byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
    }
}
