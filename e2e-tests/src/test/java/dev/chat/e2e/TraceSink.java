package dev.chat.e2e;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * Where the e2e system's services export their spans (OTLP over HTTP, protobuf): it answers every export with 200 and
 * keeps the latest requests' bodies, for TracingIT to look in. A span's trace id is 16 raw bytes in the body and its
 * name and service name plain UTF-8, so finding a trace needs no protobuf decoding.
 */
final class TraceSink implements AutoCloseable {

    private static final int KEPT = 5000;

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final Deque<byte[]> exports = new ConcurrentLinkedDeque<>();

    TraceSink() throws Exception {
        server = vertx.createHttpServer().requestHandler(request -> request.body().onComplete(body -> {
            if (body.succeeded()) {
                exports.addLast(body.result().getBytes());
                while (exports.size() > KEPT) {
                    exports.pollFirst();
                }
            }
            request.response().putHeader("Content-Type", "application/x-protobuf").setStatusCode(200).end();
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The endpoint for {@code quarkus.otel.exporter.otlp.traces.endpoint}. */
    String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** The export requests (one process's batch each) that hold a span of the trace {@code traceIdHex}. */
    List<byte[]> exportsOf(String traceIdHex) {
        byte[] traceId = hex(traceIdHex);
        List<byte[]> found = new ArrayList<>();
        for (byte[] export : exports) {
            if (indexOf(export, traceId) >= 0) {
                found.add(export);
            }
        }
        return found;
    }

    static boolean contains(byte[] export, String text) {
        return indexOf(export, text.getBytes(StandardCharsets.UTF_8)) >= 0;
    }

    private static byte[] hex(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        vertx.close();
    }
}
