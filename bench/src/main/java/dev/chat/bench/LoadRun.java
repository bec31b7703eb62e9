package dev.chat.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
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

import io.vertx.core.Future;
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

    private final AtomicLong skippedWhileAway = new AtomicLong();
    private final AtomicLong stormDropped = new AtomicLong();
    private final AtomicLong stormBack = new AtomicLong();
    private final Histogram stormBackMillis = new Histogram(3);
    private volatile long stormFirstDropNanos;
    private volatile long stormLastBackNanos;

    /** A connection that parses every frame: latency and order are measured here. */
    private static final class Probe {
        /**
         * Per room and connection ("room#generation"), the seqs received while the connection was in its live,
         * ordered phase: from the first connection's welcome, or after a reconnect's {@code resumed}. What
         * arrives on a new connection before {@code resumed} (live messages after the welcome, then the replay
         * of what was missed) is checked for loss and duplicates, not order: the contract orders a resume's
         * replay among itself, and a client places messages by seq.
         */
        final Map<String, List<Long>> ordered = new ConcurrentHashMap<>();
        /** Per room and connection: seqs seen, for duplicates on one connection (a server fault). */
        final Map<String, Set<Long>> perConnection = new ConcurrentHashMap<>();
        /** The same seq again on a later connection: expected after a drop (the client dedupes by seq), counted apart. */
        final AtomicLong redelivered = new AtomicLong();
        final AtomicLong duplicated = new AtomicLong();
        /** Per room, every distinct seq received on any connection: what "lost" is checked against. */
        final Map<String, Set<Long>> seen = new ConcurrentHashMap<>();
        /** The rooms' positions from the first welcome: a resume starts from there when nothing came since. */
        final Map<String, Long> welcomePositions = new ConcurrentHashMap<>();

        /**
         * The highest seq up to which nothing is missing: what a careful client resumes from, so a message that
         * came out of order cannot make it skip one that never came.
         */
        long lastSeen(String roomId) {
            long last = welcomePositions.getOrDefault(roomId, 0L);
            Set<Long> seqs = seen.getOrDefault(roomId, Set.of());
            while (seqs.contains(last + 1)) {
                last++;
            }
            return last;
        }
    }

    /** One simulated client: its plan, its probe if it has one, and its current connection (null while away). */
    private static final class Client {
        final Target.ClientPlan plan;
        final Probe probe;
        volatile WebSocket socket;
        /** When the storm dropped it; 0 once it is back (welcomed and resumed). */
        volatile long droppedAtNanos;
        /** Bumped when the storm drops the connection: frames still arriving on the old one are ignored. */
        volatile int generation;

        Client(Target.ClientPlan plan, Probe probe) {
            this.plan = plan;
            this.probe = probe;
        }
    }

    LoadRun(Vertx vertx, Target target, Shape shape) {
        this.vertx = vertx;
        this.target = target;
        this.shape = shape;
    }

    Result run(List<Target.ClientPlan> plans, Runnable onTick) throws Exception {
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(100_000)
                .setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 20));
        List<Client> clients = connectAll(client, plans);
        Console.progress("connected %d of %d (%d retries)", clients.size(), plans.size(), reconnects.get());

        long period = shape.ratePerClient() > 0 ? (long) (1e9 / shape.ratePerClient()) : 0;
        long start = System.nanoTime() + 1_000_000_000L;
        measureStartNanos = start + shape.warmup().toNanos();
        long end = measureStartNanos + shape.measure().toNanos();
        sending = true;
        Random random = new Random(42);
        if (period > 0) {
            for (Client each : clients) {
                long first = start + (long) (random.nextDouble() * period);
                schedule(each, first, period, end);
            }
        }
        boolean stormPending = shape.stormAfter() != null;
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
            if (measuring && stormPending && System.nanoTime() - measureStartNanos >= shape.stormAfter().toNanos()) {
                stormPending = false;
                startStorm(client, clients, random);
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
        Result result = new Result(shape, target.name(), clients.size(), shape.measure().toMillis() / 1000.0,
                deliveredInWindow, acksInWindow, sent.get(), Map.copyOf(toCounts(errors)), deliveryTotal.copy(), ackTotal.copy(),
                correctness(), List.copyOf(timeline), stormSummary());
        // Each socket closed, and awaited, before the client: closing the client under open sockets fails their
        // pending writes, which Vert.x logs as pages of "SEVERE: Connection was closed" over the summary.
        List<Future<Void>> closing = new ArrayList<>();
        for (Client each : clients) {
            if (each.socket != null) {
                closing.add(each.socket.close());
            }
        }
        try {
            Future.join(closing).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Whatever has not closed by now is closed with the client.
        }
        client.close();
        return result;
    }

    private List<Client> connectAll(WebSocketClient client, List<Target.ClientPlan> plans) throws Exception {
        Semaphore connecting = new Semaphore(32);
        int probeEvery = shape.probeShare() > 0 ? (int) Math.max(1, Math.round(1 / shape.probeShare())) : Integer.MAX_VALUE;
        List<CompletableFuture<WebSocket>> futures = new ArrayList<>();
        List<Client> clients = new ArrayList<>();
        for (Target.ClientPlan plan : plans) {
            connecting.acquire();
            Probe probe = plan.index() % probeEvery == 0 ? new Probe() : null;
            if (probe != null) {
                probes.add(probe);
            }
            Client each = new Client(plan, probe);
            clients.add(each);
            CompletableFuture<WebSocket> welcomed = new CompletableFuture<>();
            welcomed.whenComplete((socket, failure) -> connecting.release());
            connect(client, each, welcomed, 0);
            futures.add(welcomed);
        }
        for (CompletableFuture<WebSocket> future : futures) {
            future.get(120, TimeUnit.SECONDS);
        }
        return clients;
    }

    /** Every client drops its connection at a random moment within the spread, then reconnects and resumes. */
    private void startStorm(WebSocketClient wsClient, List<Client> clients, Random random) {
        Console.progress("reconnect storm: %d clients drop within %d s", clients.size(), Shape.STORM_SPREAD.toSeconds());
        stormFirstDropNanos = System.nanoTime();
        for (Client each : clients) {
            long dropAfter = 1 + (long) (random.nextDouble() * Shape.STORM_SPREAD.toMillis());
            long reconnectAfter = 1 + (long) (random.nextDouble() * 250);
            vertx.setTimer(dropAfter, id -> {
                WebSocket old = each.socket;
                each.socket = null;
                each.generation++;
                each.droppedAtNanos = System.nanoTime();
                stormDropped.incrementAndGet();
                old.close().onComplete(closed -> vertx.setTimer(reconnectAfter, again -> {
                    CompletableFuture<WebSocket> welcomed = new CompletableFuture<>();
                    welcomed.thenAccept(socket -> socket.writeTextMessage(resumeFrame(each.probe)));
                    connect(wsClient, each, welcomed, 0);
                }));
            });
        }
    }

    private static String resumeFrame(Probe probe) {
        StringBuilder positions = new StringBuilder();
        for (String roomId : probe.welcomePositions.keySet()) {
            positions.append(positions.length() == 0 ? "" : ",").append('"').append(roomId).append("\":")
                    .append(probe.lastSeen(roomId));
        }
        return "{\"type\":\"resume\",\"positions\":{" + positions + "}}";
    }

    private Map<String, Object> stormSummary() {
        if (shape.stormAfter() == null) {
            return Map.of();
        }
        Map<String, Object> storm = new LinkedHashMap<>();
        storm.put("dropped", stormDropped.get());
        storm.put("back", stormBack.get());
        storm.put("allBackSeconds", stormBack.get() == stormDropped.get() && stormLastBackNanos > 0
                ? Report.round((stormLastBackNanos - stormFirstDropNanos) / 1e9) : null);
        storm.put("dropToResumedMs", Report.percentiles(toMicros(stormBackMillis)));
        storm.put("sendsSkippedWhileAway", skippedWhileAway.get());
        return storm;
    }

    private static Histogram toMicros(Histogram millis) {
        Histogram micros = new Histogram(3);
        synchronized (millis) {
            millis.recordedValues().forEach(v -> micros.recordValueWithCount(v.getValueIteratedTo() * 1000, v.getCountAtValueIteratedTo()));
        }
        return micros;
    }

    /** Like a real client: a connection refused or closed before its welcome is tried again, a little later. */
    private void connect(WebSocketClient client, Client each, CompletableFuture<WebSocket> welcomed, int tries) {
        Target.ClientPlan plan = each.plan;
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
                vertx.setTimer(500L * (tries + 1), id -> connect(client, each, welcomed, tries + 1));
            }
        };
        client.connect(options).onComplete(result -> {
            if (result.failed()) {
                retry.run();
                return;
            }
            WebSocket socket = result.result();
            int generation = each.generation;
            socket.closeHandler(v -> retry.run());
            // A failure on a socket is answered by its close handler (a retry); unhandled, Vert.x would log it.
            socket.exceptionHandler(failure -> {
                if (sending) {
                    errors.computeIfAbsent("socket", k -> new AtomicLong()).incrementAndGet();
                }
            });
            socket.textMessageHandler(text -> {
                if (generation != each.generation) {
                    return;
                }
                if (!welcomed.isDone() && text.contains("\"type\":\"welcome\"")) {
                    if (each.probe != null && each.probe.welcomePositions.isEmpty()) {
                        rememberPositions(each.probe, text);
                    }
                    each.socket = socket;
                    welcomed.complete(socket);
                    return;
                }
                if (each.droppedAtNanos > 0 && text.contains("\"type\":\"resumed\"")) {
                    long now = System.nanoTime();
                    synchronized (stormBackMillis) {
                        stormBackMillis.recordValue(Math.max(1, (now - each.droppedAtNanos) / 1_000_000));
                    }
                    each.droppedAtNanos = 0;
                    stormBack.incrementAndGet();
                    stormLastBackNanos = Math.max(stormLastBackNanos, now);
                    return;
                }
                onFrame(text, each);
            });
        });
    }

    private void rememberPositions(Probe probe, String welcome) {
        try {
            for (JsonNode room : MAPPER.readTree(welcome).path("rooms")) {
                probe.welcomePositions.put(room.path("roomId").asText(), room.path("lastSeq").asLong());
            }
        } catch (Exception e) {
            errors.computeIfAbsent("unparseable", k -> new AtomicLong()).incrementAndGet();
        }
    }

    private void schedule(Client each, long at, long period, long end) {
        Target.ClientPlan plan = each.plan;
        long delayMs = Math.max(1, (at - System.nanoTime()) / 1_000_000);
        vertx.setTimer(delayMs, id -> {
            if (!sending || at >= end) {
                return;
            }
            WebSocket socket = each.socket;
            if (socket == null) {
                // Away in a reconnect storm: a real client would queue it; the schedule goes on.
                skippedWhileAway.incrementAndGet();
                schedule(each, at + period, period, end);
                return;
            }
            long number = sent.incrementAndGet();
            String text = "t" + at + "|" + "x".repeat(Math.max(0, shape.textBytes() - 22));
            socket.writeTextMessage("{\"type\":\"send\",\"roomId\":\"" + plan.roomId() + "\",\"clientMsgId\":\"c" + plan.index()
                    + "-" + number + "-" + at + "\",\"text\":\"" + text + "\"}");
            schedule(each, at + period, period, end);
        });
    }

    private void onFrame(String text, Client client) {
        Probe probe = client.probe;
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
        long seq = frame.path("seq").asLong();
        String connectionKey = roomId + "#" + client.generation;
        if (!probe.perConnection.computeIfAbsent(connectionKey, k -> ConcurrentHashMap.newKeySet()).add(seq)) {
            probe.duplicated.incrementAndGet();
        } else if (!probe.seen.computeIfAbsent(roomId, k -> ConcurrentHashMap.newKeySet()).add(seq)) {
            probe.redelivered.incrementAndGet();
        }
        if (client.droppedAtNanos == 0) {
            probe.ordered.computeIfAbsent(connectionKey, k -> Collections.synchronizedList(new ArrayList<>())).add(seq);
        }
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
        long redelivered = 0;
        long outOfOrder = 0;
        long checked = 0;
        for (Probe probe : probes) {
            duplicated += probe.duplicated.get();
            redelivered += probe.redelivered.get();
            for (List<Long> live : probe.ordered.values()) {
                List<Long> seqs;
                synchronized (live) {
                    seqs = List.copyOf(live);
                }
                for (int i = 1; i < seqs.size(); i++) {
                    if (seqs.get(i) < seqs.get(i - 1)) {
                        outOfOrder++;
                    }
                }
            }
            for (var entry : probe.seen.entrySet()) {
                var distinct = entry.getValue();
                for (Long seq : ackedSeqs.getOrDefault(entry.getKey(), new ConcurrentSkipListSet<>())) {
                    checked++;
                    if (!distinct.contains(seq)) {
                        lost++;
                    }
                }
            }
        }
        return new Correctness(probes.size(), checked, lost, duplicated, outOfOrder, redelivered);
    }

    private static Map<String, Long> toCounts(Map<String, AtomicLong> counters) {
        Map<String, Long> counts = new TreeMap<>();
        counters.forEach((k, v) -> counts.put(k, v.get()));
        return counts;
    }

    /**
     * @param duplicated  a seq twice on one connection (a server fault)
     * @param outOfOrder  a lower seq after a higher one on one connection, in its live phase
     * @param redelivered a seq again on a later connection after a drop: expected, a client dedupes by seq
     */
    record Correctness(int probes, long checkedDeliveries, long lost, long duplicated, long outOfOrder, long redelivered) {
    }

    record Result(Shape shape, String target, int connections, double seconds, long deliveries, long acks, long sent,
            Map<String, Long> errors, Histogram deliveryLatencyMicros, Histogram ackLatencyMicros, Correctness correctness,
            List<double[]> timeline, Map<String, Object> reconnectStorm) {

        double deliveriesPerSecond() {
            return deliveries / seconds;
        }

        double acksPerSecond() {
            return acks / seconds;
        }
    }
}
