package dev.chat.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 *
 * <p>A sketch shape (S7) draws instead of sending messages: {@code sketch.draw} previews on a fixed schedule and,
 * every few of them, the finished {@code sketch.stroke}. Then "delivery latency" is a preview's, scheduled send to
 * receipt by another member's probe; "acks" are stored strokes ({@code sketch.ack}); and the probes check the canvas
 * seqs of every acknowledged stroke the way they check message seqs.
 *
 * <p>An image shape (S8) sends its chat as usual, and beside it {@link ImageTraffic} uploads photos and sends them as
 * messages: their acks go into the same ledger, and their figures apart ({@link Result#images()}).
 */
final class LoadRun {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String MESSAGE_MARK = "\"type\":\"message\"";
    /** How long one connection attempt may take to be welcomed before it is given up and tried again. */
    private static final long WELCOME_TIMEOUT_MS = 15_000;

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
    /** Sends answered, by an ack or by an error naming their clientMsgId: the drain waits for the rest. */
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    private final DeliveryLedger ledger = new DeliveryLedger();
    private final List<double[]> timeline = new ArrayList<>();
    private volatile long measureStartNanos = Long.MAX_VALUE;
    private volatile long measureEndNanos = Long.MAX_VALUE;
    private volatile boolean sending;
    /** Set once the drain is over and the generator closes its sockets: closes from then on are its own. */
    private volatile boolean finished;

    private final AtomicLong skippedWhileAway = new AtomicLong();
    private final AtomicLong stormDropped = new AtomicLong();
    private final AtomicLong stormBack = new AtomicLong();
    private final Histogram stormBackMillis = new Histogram(3);
    private volatile long stormFirstDropNanos;
    private volatile long stormLastBackNanos;

    /** S7's traffic and figures (strokes and previews); idle for the other shapes. */
    private final SketchTraffic sketchTraffic;
    /** S8's photos, uploaded and sent beside the chat; idle for the other shapes. */
    private final ImageTraffic imageTraffic;
    private volatile long lastAckNanos;

    /** One simulated client: its plan, its probe if it has one, and its current connection (null while away). */
    private static final class Client {
        final Target.ClientPlan plan;
        final Probe probe;
        volatile WebSocket socket;
        /** When the storm dropped it; 0 once it is back (welcomed and resumed). */
        volatile long droppedAtNanos;
        /** Bumped when the storm drops the connection: frames still arriving on the old one are ignored. */
        volatile int generation;
        /** The stroke this client is drawing (sketch shapes only); touched by its own timer only. */
        Pen pen;

        Client(Target.ClientPlan plan, Probe probe) {
            this.plan = plan;
            this.probe = probe;
        }
    }

    LoadRun(Vertx vertx, Target target, Shape shape) {
        this.vertx = vertx;
        this.target = target;
        this.shape = shape;
        this.sketchTraffic = new SketchTraffic(shape.sketch());
        this.imageTraffic = new ImageTraffic(shape.images(), vertx, target);
    }

    /** Told when the measured window opens (the first tick inside it) and when it closes. */
    interface Window {
        void opened();

        void closed();
    }

    Result run(List<Target.ClientPlan> plans, Runnable onTick) throws Exception {
        return run(plans, onTick, new Window() {
            @Override
            public void opened() {
            }

            @Override
            public void closed() {
            }
        });
    }

    Result run(List<Target.ClientPlan> plans, Runnable onTick, Window window) throws Exception {
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(100_000)
                .setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 20));
        List<Client> clients = connectAll(client, plans);
        Console.progress("connected %d of %d (%d retries)", clients.size(), plans.size(), reconnects.get());

        Shape.SketchLoad sketch = shape.sketch();
        long period = sketch != null ? sketch.tickNanos() : shape.ratePerClient() > 0 ? (long) (1e9 / shape.ratePerClient()) : 0;
        long start = System.nanoTime() + 1_000_000_000L;
        measureStartNanos = start + shape.warmup().toNanos();
        long end = measureStartNanos + shape.measure().toNanos();
        measureEndNanos = end;
        sending = true;
        Random random = new Random(42);
        // Sketch: which clients draw, spread over the room (every k-th); the others only watch.
        int drawEvery = sketch == null ? 1 : Math.max(1, clients.size() / Math.max(1, sketch.drawing(clients.size())));
        int drawing = 0;
        if (period > 0) {
            for (Client each : clients) {
                long first = start + (long) (random.nextDouble() * period);
                if (sketch != null) {
                    boolean draws = each.plan.index() % drawEvery == drawEvery - 1 && drawing < sketch.drawing(clients.size());
                    if (!draws) {
                        continue;
                    }
                    drawing++;
                    each.pen = new Pen(sketch.pointsPerStroke());
                    // Strokes end at different ticks of different clients: spread over the second, like the previews.
                    each.pen.ticks = random.nextInt(sketch.ticksPerStroke());
                    scheduleSketch(each, first, period, end);
                } else {
                    schedule(each, first, period, end);
                }
            }
        }
        imageTraffic.start(clients.stream().map(c -> new ImageTraffic.Uploader(c.plan, () -> c.socket)).toList(), start,
                measureStartNanos, end, () -> sending);
        boolean stormPending = shape.stormAfter() != null;
        long deliveredAtMeasureStart = -1;
        long acksAtMeasureStart = -1;
        long previewsAtMeasureStart = -1;
        long strokesAtMeasureStart = -1;
        long deliveredAtLastTick = 0;
        long acksAtLastTick = 0;
        long strokesAtLastTick = 0;
        while (System.nanoTime() < end) {
            TimeUnit.MILLISECONDS.sleep(1000);
            onTick.run();
            var interval = deliveryLatency.getIntervalHistogram();
            boolean measuring = System.nanoTime() >= measureStartNanos;
            if (measuring && deliveredAtMeasureStart < 0) {
                window.opened();
                deliveredAtMeasureStart = delivered.get();
                deliveredAtLastTick = deliveredAtMeasureStart;
                acksAtMeasureStart = acks.get();
                acksAtLastTick = acksAtMeasureStart;
                previewsAtMeasureStart = sketchTraffic.previewsDelivered.get();
                strokesAtMeasureStart = sketchTraffic.strokesDelivered.get();
                strokesAtLastTick = strokesAtMeasureStart;
            }
            if (measuring && stormPending && System.nanoTime() - measureStartNanos >= shape.stormAfter().toNanos()) {
                stormPending = false;
                startStorm(client, clients, random);
            }
            if (measuring) {
                deliveryTotal.add(interval);
                var acked = ackLatency.getIntervalHistogram();
                ackTotal.add(acked);
                sketchTraffic.strokeDeliveryTotal.add(sketchTraffic.strokeDeliveryLatency.getIntervalHistogram());
                double second = (System.nanoTime() - measureStartNanos) / 1e9;
                if (interval.getTotalCount() > 0) {
                    // A second without a measured receipt (everything sent since the window opened still under way) is
                    // left out rather than charted as 0 ms.
                    timeline.add(new double[] {second, interval.getValueAtPercentile(50) / 1000.0,
                            interval.getValueAtPercentile(99) / 1000.0, interval.getMaxValue() / 1000.0});
                }
                long now = delivered.get();
                if (sketch != null) {
                    long strokesNow = sketchTraffic.strokesDelivered.get();
                    long acksNow = acks.get();
                    Console.progress("%5.0fs  previews %,d/s  strokes %,d/s  stored %,d/s  preview p50/p99 %s ms  "
                            + "stroke ack p50/p99 %s ms  errors %s", second,
                            (now - deliveredAtLastTick) - (strokesNow - strokesAtLastTick), strokesNow - strokesAtLastTick,
                            acksNow - acksAtLastTick, p50p99(interval), p50p99(acked), errors);
                    strokesAtLastTick = strokesNow;
                    acksAtLastTick = acksNow;
                } else {
                    Console.progress("%5.0fs  delivered %,d/s  p50 %.1f ms  p99 %.1f ms  errors %s", second,
                            now - deliveredAtLastTick, interval.getValueAtPercentile(50) / 1000.0,
                            interval.getValueAtPercentile(99) / 1000.0, errors);
                }
                deliveredAtLastTick = now;
            } else {
                ackLatency.getIntervalHistogram();
                sketchTraffic.strokeDeliveryLatency.getIntervalHistogram();
                Console.progress("warm-up: delivered %,d  acks %,d  errors %s", delivered.get(), acks.get(), errors);
            }
        }
        window.closed();
        long deliveredInWindow = delivered.get() - Math.max(0, deliveredAtMeasureStart);
        long acksInWindow = acks.get() - Math.max(0, acksAtMeasureStart);
        long previewsInWindow = sketchTraffic.previewsDelivered.get() - Math.max(0, previewsAtMeasureStart);
        long strokesInWindow = sketchTraffic.strokesDelivered.get() - Math.max(0, strokesAtMeasureStart);
        sending = false;
        DeliveryLedger.Correctness correctness = awaitDrain();
        finished = true;
        Result result = new Result(shape, target.name(), clients.size(), shape.measure().toMillis() / 1000.0,
                deliveredInWindow, acksInWindow, sent.get(), Map.copyOf(toCounts(errors)), deliveryTotal.copy(), ackTotal.copy(),
                correctness, List.copyOf(timeline), stormSummary(),
                sketchTraffic.summary(shape, ledger, previewsInWindow, strokesInWindow, acksInWindow, deliveryTotal, ackTotal),
                imageTraffic.summary(shape, ledger));
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

    /** "p50 / p99" in ms, or "-" when nothing was measured in the interval. */
    private static String p50p99(Histogram micros) {
        return micros.getTotalCount() == 0 ? "-"
                : String.format(Locale.ROOT, "%.1f / %.1f", micros.getValueAtPercentile(50) / 1000.0,
                        micros.getValueAtPercentile(99) / 1000.0);
    }

    private List<Client> connectAll(WebSocketClient client, List<Target.ClientPlan> plans) throws Exception {
        Semaphore connecting = new Semaphore(32);
        int probeEvery = shape.probeShare() > 0 ? (int) Math.max(1, Math.round(1 / shape.probeShare())) : Integer.MAX_VALUE;
        List<CompletableFuture<WebSocket>> futures = new ArrayList<>();
        List<Client> clients = new ArrayList<>();
        for (Target.ClientPlan plan : plans) {
            connecting.acquire();
            Probe probe = plan.index() % probeEvery == 0 ? ledger.newProbe(plan.roomIds()) : null;
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
                    welcomed.thenAccept(socket -> socket.writeTextMessage(each.probe.resumeFrame()));
                    connect(wsClient, each, welcomed, 0);
                }));
            });
        }
    }

    /**
     * The server closed a welcomed connection (a catch-up that could not read history, a client too slow to read, a
     * gateway draining): like a real client, this one reconnects and resumes. The close is counted under its status,
     * so the report shows it; without the reconnect, every later message of its rooms counted as lost.
     */
    private void afterServerClose(WebSocketClient wsClient, Client each, Short status) {
        errors.computeIfAbsent("closed-by-server-" + status, k -> new AtomicLong()).incrementAndGet();
        each.socket = null;
        each.generation++;
        each.droppedAtNanos = System.nanoTime();
        vertx.setTimer(1 + ThreadLocalRandom.current().nextLong(250), again -> {
            CompletableFuture<WebSocket> welcomed = new CompletableFuture<>();
            welcomed.thenAccept(socket -> socket.writeTextMessage(each.probe == null ? "{\"type\":\"resume\",\"positions\":{}}"
                    : each.probe.resumeFrame()));
            connect(wsClient, each, welcomed, 0);
        });
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
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(target.host()).setPort(target.port(plan))
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
        // An attempt that has neither failed nor been welcomed after a while (a handshake or a welcome that never came)
        // is given up and tried again; what it opens later is closed.
        AtomicBoolean abandoned = new AtomicBoolean();
        vertx.setTimer(WELCOME_TIMEOUT_MS, id -> {
            if (!welcomed.isDone() && abandoned.compareAndSet(false, true)) {
                retry.run();
            }
        });
        client.connect(options).onComplete(result -> {
            if (result.failed()) {
                if (abandoned.compareAndSet(false, true)) {
                    retry.run();
                }
                return;
            }
            WebSocket socket = result.result();
            if (abandoned.get() && !welcomed.isDone()) {
                socket.close();
                return;
            }
            int generation = each.generation;
            socket.closeHandler(v -> {
                if (!welcomed.isDone()) {
                    if (abandoned.compareAndSet(false, true)) {
                        retry.run();
                    }
                    return;
                }
                // During the drain too: a connection closed then would miss the rest of the backlog.
                if (!finished && generation == each.generation && each.socket == socket) {
                    afterServerClose(client, each, socket.closeStatusCode());
                }
            });
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
                if (abandoned.get() && each.socket != socket) {
                    // An attempt given up on: a later one replaced it, so nothing it brings counts.
                    socket.close();
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

    /**
     * One client's drawing: at every tick the next points go out as a {@code sketch.draw} preview; at the stroke's
     * last tick the whole stroke follows as {@code sketch.stroke} under the same strokeId, and a new stroke begins.
     */
    private void scheduleSketch(Client each, long at, long period, long end) {
        long delayMs = Math.max(1, (at - System.nanoTime()) / 1_000_000);
        vertx.setTimer(delayMs, id -> {
            if (!sending || at >= end) {
                return;
            }
            WebSocket socket = each.socket;
            if (socket == null) {
                skippedWhileAway.incrementAndGet();
                scheduleSketch(each, at + period, period, end);
                return;
            }
            if (sketchTraffic.tick(each.pen, each.plan.roomId(), at, socket::writeTextMessage)) {
                sent.incrementAndGet();
            }
            scheduleSketch(each, at + period, period, end);
        });
    }

    private void onSketchFrame(String text, Client client) {
        if (sketchTraffic.onFrame(text, client.probe, client.plan.userId(), measureStartNanos, measureEndNanos, deliveryLatency)) {
            delivered.incrementAndGet();
            return;
        }
        onControlFrame(text);
    }

    private void onFrame(String text, Client client) {
        if (shape.sketch() != null) {
            onSketchFrame(text, client);
            return;
        }
        Probe probe = client.probe;
        if (probe == null) {
            if (text.contains(MESSAGE_MARK)) {
                delivered.incrementAndGet();
                imageTraffic.onMessage(text);
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
        probe.message(roomId, seq, client.generation, client.droppedAtNanos == 0);
        imageTraffic.onProbeMessage(frame, now);
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
                ledger.messageAcked(frame.path("roomId").asText(), frame.path("seq").asLong());
                if (imageTraffic.onAck(frame.path("clientMsgId").asText(), frame.path("roomId").asText(), frame.path("seq").asLong())) {
                    return;
                }
                answered.incrementAndGet();
                acks.incrementAndGet();
                String[] parts = frame.path("clientMsgId").asText().split("-");
                long scheduled = Long.parseLong(parts[parts.length - 1]);
                if (scheduled >= measureStartNanos) {
                    ackLatency.recordValue(Math.max(1, (System.nanoTime() - scheduled) / 1000));
                }
            } else if (SketchTraffic.ACK.equals(type)) {
                acks.incrementAndGet();
                ledger.canvasAcked(frame.path("roomId").asText(), frame.path("seq").asLong());
                lastAckNanos = System.nanoTime();
                sketchTraffic.onAck(frame.path("strokeId").asText(), measureStartNanos, measureEndNanos, ackLatency);
            } else if ("error".equals(type)) {
                if (frame.path("ref").asText().matches("c\\d+-\\d+-\\d+")) {
                    answered.incrementAndGet();
                }
                imageTraffic.onError(frame.path("ref").asText(), frame.path("code").asText());
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

    /**
     * Waits until every send has been answered (acked or refused) and every probe has every acked message of its
     * rooms: up to 15 s, and past that for as long as acks and messages still arrive (a backlog draining, up to 90 s
     * in all), so a message that is late is not counted as lost. Under overload a send can be acked after the window
     * ends, and its ack and a member's copy come from different gateways, each reading the events at its own pace.
     * The check is made once, here: an ack that comes while the sockets close is not held against a probe.
     */
    private DeliveryLedger.Correctness awaitDrain() throws InterruptedException {
        long start = System.nanoTime();
        long quietAfter = start + TimeUnit.SECONDS.toNanos(15);
        long deadline = start + TimeUnit.SECONDS.toNanos(90);
        long progress = delivered.get() + answered.get();
        long lastProgress = start;
        DeliveryLedger.Correctness check = ledger.check(measureStartNanos);
        while (System.nanoTime() < deadline && (check.lost() > 0 || unanswered() > 0 || stillAcking())) {
            TimeUnit.MILLISECONDS.sleep(200);
            long now = System.nanoTime();
            if (delivered.get() + answered.get() != progress) {
                progress = delivered.get() + answered.get();
                lastProgress = now;
            }
            if (now > quietAfter && now - lastProgress > TimeUnit.SECONDS.toNanos(2)) {
                break;
            }
            check = ledger.check(measureStartNanos);
        }
        return check.drained((System.nanoTime() - start) / 1e9);
    }

    /** Message sends (image ones too) not yet acked or refused (sketch shapes are drained by {@link #stillAcking()}). */
    private long unanswered() {
        return shape.sketch() == null ? sent.get() - answered.get() + imageTraffic.pending() : 0;
    }

    /**
     * Sketch: strokes are still being acknowledged (a backlog draining), so a check now could count a stroke acked a
     * moment ago, whose {@code sketch.stroke} is on its way, as lost. Waits for a second without acks.
     */
    private boolean stillAcking() {
        return shape.sketch() != null && System.nanoTime() - lastAckNanos < TimeUnit.SECONDS.toNanos(1);
    }

    private static Map<String, Long> toCounts(Map<String, AtomicLong> counters) {
        Map<String, Long> counts = new TreeMap<>();
        counters.forEach((k, v) -> counts.put(k, v.get()));
        return counts;
    }

    record Result(Shape shape, String target, int connections, double seconds, long deliveries, long acks, long sent,
            Map<String, Long> errors, Histogram deliveryLatencyMicros, Histogram ackLatencyMicros, DeliveryLedger.Correctness correctness,
            List<double[]> timeline, Map<String, Object> reconnectStorm, Map<String, Object> sketch, Map<String, Object> images) {

        double deliveriesPerSecond() {
            return deliveries / seconds;
        }

        double acksPerSecond() {
            return acks / seconds;
        }
    }
}
