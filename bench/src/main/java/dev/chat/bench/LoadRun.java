package dev.chat.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * One run of a shape against a target: connect everyone, send open-loop on a fixed schedule (latency is
 * counted from the scheduled send time, so a client that falls behind cannot hide the delay), count every
 * delivery, and check on the probe connections that nothing acked was lost, doubled or reordered.
 */
final class LoadRun {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String MESSAGE_MARK = "\"type\":\"message\"";

    private final Vertx vertx;
    private final Target target;
    private final Shape shape;
    private final Recorder deliveryLatency = new Recorder(3);
    private final Recorder ackLatency = new Recorder(3);
    private final Histogram deliveryTotal = new Histogram(3);
    private final Histogram ackTotal = new Histogram(3);
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong acks = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    /** Seqs acknowledged per room: what every member must receive. */
    private final Map<String, ConcurrentSkipListSet<Long>> ackedSeqs = new ConcurrentHashMap<>();
    private final List<Probe> probes = new ArrayList<>();
    private final List<double[]> timeline = new ArrayList<>();
    private volatile long measureStartNanos = Long.MAX_VALUE;
    private volatile boolean sending;

    /** A connection that parses every frame: latency and order are measured here. */
    private static final class Probe {
        final Map<String, List<Long>> received = new ConcurrentHashMap<>();
    }

    LoadRun(Vertx vertx, Target target, Shape shape) {
        this.vertx = vertx;
        this.target = target;
        this.shape = shape;
    }

    Result run(List<Target.ClientPlan> plans, Runnable onTick) throws Exception {
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(100_000)
                .setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 20));
        List<WebSocket> sockets = connectAll(client, plans);
        Console.progress("connected %d of %d (%d retries)", sockets.size(), plans.size(), reconnects.get());

        long period = shape.ratePerClient() > 0 ? (long) (1e9 / shape.ratePerClient()) : 0;
        long start = System.nanoTime() + 1_000_000_000L;
        measureStartNanos = start + shape.warmup().toNanos();
        long end = measureStartNanos + shape.measure().toNanos();
        sending = true;
        Random random = new Random(42);
        if (period > 0) {
            for (int i = 0; i < sockets.size(); i++) {
                long first = start + (long) (random.nextDouble() * period);
                schedule(sockets.get(i), plans.get(i), first, period, end);
            }
        }
        long deliveredAtMeasureStart = -1;
        long acksAtMeasureStart = -1;
        long deliveredAtLastTick = 0;
        while (System.nanoTime() < end) {
            TimeUnit.MILLISECONDS.sleep(1000);
            onTick.run();
            var interval = deliveryLatency.getIntervalHistogram();
            boolean measuring = System.nanoTime() >= measureStartNanos;
            if (measuring && deliveredAtMeasureStart < 0) {
                deliveredAtMeasureStart = delivered.get();
                deliveredAtLastTick = deliveredAtMeasureStart;
                acksAtMeasureStart = acks.get();
            }
            if (measuring) {
                deliveryTotal.add(interval);
                ackTotal.add(ackLatency.getIntervalHistogram());
                double second = (System.nanoTime() - measureStartNanos) / 1e9;
                timeline.add(new double[] {second, interval.getValueAtPercentile(50) / 1000.0,
                        interval.getValueAtPercentile(99) / 1000.0, interval.getMaxValue() / 1000.0});
                long now = delivered.get();
                Console.progress("%5.0fs  delivered %,d/s  p50 %.1f ms  p99 %.1f ms  errors %s", second,
                        now - deliveredAtLastTick, interval.getValueAtPercentile(50) / 1000.0,
                        interval.getValueAtPercentile(99) / 1000.0, errors);
                deliveredAtLastTick = now;
            } else {
                ackLatency.getIntervalHistogram();
                Console.progress("warm-up: delivered %,d  errors %s", delivered.get(), errors);
            }
        }
        long deliveredInWindow = delivered.get() - Math.max(0, deliveredAtMeasureStart);
        long acksInWindow = acks.get() - Math.max(0, acksAtMeasureStart);
        sending = false;
        awaitDrain();
        Result result = new Result(shape, target.name(), sockets.size(), shape.measure().toMillis() / 1000.0,
                deliveredInWindow, acksInWindow, sent.get(), Map.copyOf(toCounts(errors)), deliveryTotal.copy(), ackTotal.copy(),
                correctness(), List.copyOf(timeline));
        for (WebSocket socket : sockets) {
            socket.close();
        }
        client.close();
        return result;
    }

    private List<WebSocket> connectAll(WebSocketClient client, List<Target.ClientPlan> plans) throws Exception {
        Semaphore connecting = new Semaphore(32);
        int probeEvery = shape.probeShare() > 0 ? (int) Math.max(1, Math.round(1 / shape.probeShare())) : Integer.MAX_VALUE;
        List<CompletableFuture<WebSocket>> futures = new ArrayList<>();
        for (Target.ClientPlan plan : plans) {
            connecting.acquire();
            Probe probe = plan.index() % probeEvery == 0 ? new Probe() : null;
            if (probe != null) {
                probes.add(probe);
            }
            CompletableFuture<WebSocket> welcomed = new CompletableFuture<>();
            welcomed.whenComplete((socket, failure) -> connecting.release());
            connect(client, plan, probe, welcomed, 0);
            futures.add(welcomed);
        }
        List<WebSocket> sockets = new ArrayList<>();
        for (CompletableFuture<WebSocket> future : futures) {
            sockets.add(future.get(120, TimeUnit.SECONDS));
        }
        return sockets;
    }

    /** Like a real client: a connection refused or closed before its welcome is tried again, a little later. */
    private void connect(WebSocketClient client, Target.ClientPlan plan, Probe probe, CompletableFuture<WebSocket> welcomed, int tries) {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(target.host()).setPort(target.port())
                .setURI(target.webSocketUri(plan));
        Runnable retry = () -> {
            if (welcomed.isDone()) {
                return;
            }
            reconnects.incrementAndGet();
            if (tries >= 10) {
                welcomed.completeExceptionally(new IllegalStateException("client " + plan.index() + " never got a welcome"));
            } else {
                vertx.setTimer(500L * (tries + 1), id -> connect(client, plan, probe, welcomed, tries + 1));
            }
        };
        client.connect(options).onComplete(result -> {
            if (result.failed()) {
                retry.run();
                return;
            }
            WebSocket socket = result.result();
            socket.closeHandler(v -> retry.run());
            socket.textMessageHandler(text -> {
                if (!welcomed.isDone() && text.contains("\"type\":\"welcome\"")) {
                    welcomed.complete(socket);
                    return;
                }
                onFrame(text, probe);
            });
        });
    }

    private void schedule(WebSocket socket, Target.ClientPlan plan, long at, long period, long end) {
        long delayMs = Math.max(1, (at - System.nanoTime()) / 1_000_000);
        vertx.setTimer(delayMs, id -> {
            if (!sending || at >= end) {
                return;
            }
            long number = sent.incrementAndGet();
            String text = "t" + at + "|" + "x".repeat(Math.max(0, shape.textBytes() - 22));
            socket.writeTextMessage("{\"type\":\"send\",\"roomId\":\"" + plan.roomId() + "\",\"clientMsgId\":\"c" + plan.index()
                    + "-" + number + "-" + at + "\",\"text\":\"" + text + "\"}");
            schedule(socket, plan, at + period, period, end);
        });
    }

    private void onFrame(String text, Probe probe) {
        if (probe == null) {
            if (text.contains(MESSAGE_MARK)) {
                delivered.incrementAndGet();
            } else {
                onControlFrame(text);
            }
            return;
        }
        long now = System.nanoTime();
        JsonNode frame;
        try {
            frame = MAPPER.readTree(text);
        } catch (Exception e) {
            errors.computeIfAbsent("unparseable", k -> new AtomicLong()).incrementAndGet();
            return;
        }
        if (!"message".equals(frame.path("type").asText())) {
            onControlFrame(text);
            return;
        }
        delivered.incrementAndGet();
        String roomId = frame.path("roomId").asText();
        probe.received.computeIfAbsent(roomId, r -> java.util.Collections.synchronizedList(new ArrayList<>()))
                .add(frame.path("seq").asLong());
        long scheduled = scheduledAt(frame.path("text").asText());
        if (scheduled > 0 && scheduled >= measureStartNanos) {
            deliveryLatency.recordValue(Math.max(1, (now - scheduled) / 1000));
        }
    }

    private void onControlFrame(String text) {
        try {
            JsonNode frame = MAPPER.readTree(text);
            String type = frame.path("type").asText();
            if ("ack".equals(type)) {
                acks.incrementAndGet();
                ackedSeqs.computeIfAbsent(frame.path("roomId").asText(), r -> new ConcurrentSkipListSet<>())
                        .add(frame.path("seq").asLong());
                String[] parts = frame.path("clientMsgId").asText().split("-");
                long scheduled = Long.parseLong(parts[parts.length - 1]);
                if (scheduled >= measureStartNanos) {
                    ackLatency.recordValue(Math.max(1, (System.nanoTime() - scheduled) / 1000));
                }
            } else if ("error".equals(type)) {
                errors.computeIfAbsent(frame.path("code").asText(), k -> new AtomicLong()).incrementAndGet();
            }
        } catch (Exception e) {
            errors.computeIfAbsent("unparseable", k -> new AtomicLong()).incrementAndGet();
        }
    }

    private static long scheduledAt(String text) {
        int bar = text.indexOf('|');
        if (!text.startsWith("t") || bar < 0) {
            return -1;
        }
        try {
            return Long.parseLong(text.substring(1, bar));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Waits (up to 15 s) until every probe has every acked message of its rooms. */
    private void awaitDrain() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline && correctness().lost() > 0) {
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private Correctness correctness() {
        long lost = 0;
        long duplicated = 0;
        long outOfOrder = 0;
        long checked = 0;
        for (Probe probe : probes) {
            for (var entry : probe.received.entrySet()) {
                List<Long> seqs;
                synchronized (entry.getValue()) {
                    seqs = List.copyOf(entry.getValue());
                }
                var distinct = new java.util.HashSet<>(seqs);
                duplicated += seqs.size() - distinct.size();
                for (int i = 1; i < seqs.size(); i++) {
                    if (seqs.get(i) < seqs.get(i - 1)) {
                        outOfOrder++;
                    }
                }
                for (Long seq : ackedSeqs.getOrDefault(entry.getKey(), new ConcurrentSkipListSet<>())) {
                    checked++;
                    if (!distinct.contains(seq)) {
                        lost++;
                    }
                }
            }
        }
        return new Correctness(probes.size(), checked, lost, duplicated, outOfOrder);
    }

    private static Map<String, Long> toCounts(Map<String, AtomicLong> counters) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        counters.forEach((k, v) -> counts.put(k, v.get()));
        return counts;
    }

    record Correctness(int probes, long checkedDeliveries, long lost, long duplicated, long outOfOrder) {
    }

    record Result(Shape shape, String target, int connections, double seconds, long deliveries, long acks, long sent,
            Map<String, Long> errors, Histogram deliveryLatencyMicros, Histogram ackLatencyMicros, Correctness correctness,
            List<double[]> timeline) {

        double deliveriesPerSecond() {
            return deliveries / seconds;
        }

        double acksPerSecond() {
            return acks / seconds;
        }
    }
}
