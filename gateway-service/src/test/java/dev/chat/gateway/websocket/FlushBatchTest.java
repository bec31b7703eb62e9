package dev.chat.gateway.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.chat.contracts.ServiceRequest.Caller;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Frames queued while a batch of events is handled go out after it, on each session's own event loop, in order; and a
 * frame queued outside a batch goes out on its own, as before.
 */
class FlushBatchTest {

    private final Vertx vertx = Vertx.vertx();
    /** Every write, as "connection:frame", with the thread it happened on. */
    private final List<String> writes = new CopyOnWriteArrayList<>();
    private final List<String> threads = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Sessions made on the event loop of {@code context}, as websockets-next makes them in {@code @OnOpen}. */
    private List<ClientSession> sessionsOn(Context context, int count) throws Exception {
        CompletableFuture<List<ClientSession>> made = new CompletableFuture<>();
        context.runOnContext(v -> {
            List<ClientSession> sessions = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String id = "c" + i;
                WebSocketConnection connection = (WebSocketConnection) Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {WebSocketConnection.class}, (proxy, method, args) -> switch (method.getName()) {
                            case "isOpen" -> true;
                            case "id" -> id;
                            case "sendText" -> {
                                writes.add(id + ":" + args[0]);
                                threads.add(Thread.currentThread().getName());
                                yield Uni.createFrom().voidItem();
                            }
                            default -> throw new UnsupportedOperationException(method.getName());
                        });
                ClientSession session = new ClientSession(connection, new Caller("u" + i, "user" + i, "s" + i), (s, room, after) -> {
                });
                session.markReady();
                sessions.add(session);
            }
            made.complete(sessions);
        });
        return made.get(10, TimeUnit.SECONDS);
    }

    private static byte[] frame(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aBatchsFramesGoOutAfterItInOrderOnTheSessionsLoop() throws Exception {
        List<ClientSession> sessions = sessionsOn(vertx.getOrCreateContext(), 50);
        List<String> writtenDuringBatch = new ArrayList<>();
        FlushBatch.around(() -> {
            for (ClientSession session : sessions) {
                session.deliverEvent(frame("one"));
                session.deliverEvent(frame("two"));
            }
            // Time for a wrongly scheduled flush to happen while the batch is still open.
            sleepQuietly();
            writtenDuringBatch.addAll(writes);
        });
        assertTrue(writtenDuringBatch.isEmpty(), "nothing is written while the batch is open: " + writtenDuringBatch);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> writes.size() == 100);
        for (int i = 0; i < 50; i++) {
            String connection = "c" + i + ":";
            assertEquals(List.of(connection + "one", connection + "two"), writes.stream().filter(w -> w.startsWith(connection)).toList());
        }
        assertTrue(threads.stream().allMatch(name -> name.startsWith("vert.x-eventloop")), "written on the loop: " + threads);
    }

    @Test
    void aFrameQueuedOutsideABatchGoesOutOnItsOwn() throws Exception {
        List<ClientSession> sessions = sessionsOn(vertx.getOrCreateContext(), 1);
        sessions.get(0).deliverEvent(frame("alone"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> writes.equals(List.of("c0:alone")));
    }

    private static void sleepQuietly() {
        try {
            TimeUnit.MILLISECONDS.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
