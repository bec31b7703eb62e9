package dev.chat.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * S6, the connect storm: {@code users} people with {@code tabs} tabs each open all their connections at once, as after
 * a deploy or an outage. Each connection's time from its open to its {@code welcome} is measured; the target is every
 * one welcomed within 5 s. A storm of other users first warms the target up (its JVMs compile the path), so what is
 * measured is the path, not a cold start.
 */
final class ConnectStorm {

    /** The target: every connection welcomed within this long. */
    static final long WELCOME_TARGET_MILLIS = 5000;
    /** How long a connection may take before it counts as never welcomed. */
    private static final long GIVE_UP_SECONDS = 30;

    private final Vertx vertx;
    private final Target target;

    private ConnectStorm(Vertx vertx, Target target) {
        this.vertx = vertx;
        this.target = target;
    }

    static Map<String, Object> run(Vertx vertx, Path root, String targetName, int users, int tabs) throws Exception {
        try (Target target = BenchMain.start(root, targetName)) {
            // Twice the users, in rooms of 100: the first half warms up, the second half is the measured storm.
            List<Target.ClientPlan> people = target.prepare(Shape.s6(users * 2));
            ConnectStorm storm = new ConnectStorm(vertx, target);
            Console.progress("S6 against %s: warm-up storm of %d connections", targetName, users * tabs);
            storm.open(tabsOf(people.subList(0, users), tabs), null).close();
            ProcessSampler sampler = new ProcessSampler(target.processes());
            sampler.start();
            sampler.opened();
            Console.progress("S6 against %s: measured storm of %d connections (%d users x %d tabs)", targetName, users * tabs,
                    users, tabs);
            Opened measured = storm.open(tabsOf(people.subList(users, people.size()), tabs), sampler);
            sampler.closed();
            Map<String, Object> figures = measured.figures(users, tabs);
            Map<String, Object> cpu = new LinkedHashMap<>();
            sampler.finish().forEach((role, usage) -> cpu.put(role, Report.round(usage.cpuSeconds())));
            figures.put("cpuSecondsDuringStorm", cpu);
            // Both storms' calls: where a welcome's time goes (the gateway's positions call, chat-service's command).
            figures.put("hops", target.hops());
            measured.close();
            return figures;
        }
    }

    /** Each person's plan once per tab: same user, same token, a connection of its own. */
    private static List<Target.ClientPlan> tabsOf(List<Target.ClientPlan> people, int tabs) {
        List<Target.ClientPlan> all = new ArrayList<>();
        int index = 0;
        for (int tab = 0; tab < tabs; tab++) {
            for (Target.ClientPlan person : people) {
                all.add(new Target.ClientPlan(index++, person.userId(), person.token(), person.roomId(), person.roomIds()));
            }
        }
        return all;
    }

    /** Opens every connection at once and waits (a bounded time) for each one's welcome or failure. */
    private Opened open(List<Target.ClientPlan> plans, ProcessSampler sampler) throws Exception {
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(100_000)
                .setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 20));
        Opened opened = new Opened(client);
        List<CompletableFuture<Void>> done = new ArrayList<>();
        long start = System.nanoTime();
        for (Target.ClientPlan plan : plans) {
            CompletableFuture<Void> finished = new CompletableFuture<>();
            done.add(finished);
            WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(target.host()).setPort(target.port(plan))
                    .setURI(target.webSocketUri(plan));
            client.connect(options).onComplete(result -> {
                if (result.failed()) {
                    opened.failed("connect-failed");
                    finished.complete(null);
                    return;
                }
                WebSocket socket = result.result();
                opened.sockets.add(socket);
                socket.textMessageHandler(text -> {
                    if (finished.isDone()) {
                        return;
                    }
                    if (text.contains("\"type\":\"welcome\"")) {
                        opened.welcomed((System.nanoTime() - start) / 1000);
                    } else {
                        // What the first frame says instead ("error-overloaded", say), for the report.
                        int code = text.indexOf("\"code\":\"");
                        opened.failed(code < 0 ? "first-frame-not-welcome"
                                : "error-" + text.substring(code + 8, Math.max(code + 8, text.indexOf('"', code + 8))));
                    }
                    finished.complete(null);
                });
                socket.closeHandler(v -> {
                    if (!finished.isDone()) {
                        opened.failed("closed-" + socket.closeStatusCode());
                        finished.complete(null);
                    }
                });
            });
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GIVE_UP_SECONDS);
        for (CompletableFuture<Void> finished : done) {
            while (!finished.isDone() && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(100);
                if (sampler != null) {
                    sampler.sample();
                }
            }
        }
        long notDone = done.stream().filter(f -> !f.isDone()).count();
        if (notDone > 0) {
            opened.failures.computeIfAbsent("no-welcome-within-" + GIVE_UP_SECONDS + "s", k -> new AtomicLong()).addAndGet(notDone);
        }
        opened.lastMillis = (System.nanoTime() - start) / 1_000_000;
        return opened;
    }

    /** A storm's connections and what became of them. */
    private static final class Opened implements AutoCloseable {
        final WebSocketClient client;
        final List<WebSocket> sockets = new CopyOnWriteArrayList<>();
        final Histogram welcomeMicros = new Histogram(3);
        final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
        long lastMillis;

        Opened(WebSocketClient client) {
            this.client = client;
        }

        synchronized void welcomed(long micros) {
            welcomeMicros.recordValue(Math.max(1, micros));
        }

        void failed(String why) {
            failures.computeIfAbsent(why, k -> new AtomicLong()).incrementAndGet();
        }

        synchronized Map<String, Object> figures(int users, int tabs) {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("connections", users * tabs);
            figures.put("users", users);
            figures.put("tabsPerUser", tabs);
            figures.put("welcomed", welcomeMicros.getTotalCount());
            long within = 0;
            for (var value : welcomeMicros.recordedValues()) {
                if (value.getValueIteratedTo() <= WELCOME_TARGET_MILLIS * 1000) {
                    within += value.getCountAtValueIteratedTo();
                }
            }
            figures.put("welcomedWithin5s", within);
            figures.put("openToWelcomeMs", Report.percentiles(welcomeMicros));
            figures.put("allSettledAfterMs", lastMillis);
            Map<String, Long> failed = new LinkedHashMap<>();
            failures.forEach((why, count) -> failed.put(why, count.get()));
            figures.put("failures", failed);
            return figures;
        }

        @Override
        public void close() throws Exception {
            List<Future<Void>> closing = new ArrayList<>();
            sockets.forEach(socket -> closing.add(socket.close()));
            for (var future : closing) {
                future.toCompletionStage().toCompletableFuture().handle((ok, failure) -> null).get(10, TimeUnit.SECONDS);
            }
            client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
