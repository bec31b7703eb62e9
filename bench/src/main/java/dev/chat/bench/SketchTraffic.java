package dev.chat.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * S7's traffic, apart from the message run's: what a drawing client sends at each tick (a {@code sketch.draw} preview,
 * and at a stroke's last tick the whole {@code sketch.stroke}), what the frames a client gets say of them, and S7's own
 * figures. Sketch frames are read without a JSON parse (a probe gets ~2,000 previews a second): the fields needed are
 * found by name in the text.
 */
final class SketchTraffic {

    static final String DRAW = "sketch.draw";
    static final String STROKE = "sketch.stroke";
    static final String ACK = "sketch.ack";

    /** Null for the shapes that do not draw. */
    private final Shape.SketchLoad load;
    /** Scheduled send -> another member's receipt of the stroke (the author's own copy is not counted). */
    final Recorder strokeDeliveryLatency = new Recorder(3);
    final Histogram strokeDeliveryTotal = new Histogram(3);
    final AtomicLong previewsDelivered = new AtomicLong();
    final AtomicLong strokesDelivered = new AtomicLong();
    private final AtomicLong previewsSent = new AtomicLong();
    private final AtomicLong strokesSent = new AtomicLong();
    /**
     * The age (now - scheduled send) of what arrived during the measured window, whenever it was sent: under a
     * backlog longer than the window nothing sent in it arrives in it, and this says how old what did arrive was.
     */
    private final Histogram previewAgeInWindow = new ConcurrentHistogram(3);
    private final Histogram ackAgeInWindow = new ConcurrentHistogram(3);
    /** Previews a probe got whose send this run does not know (should stay 0). */
    private final AtomicLong previewsUnmatched = new AtomicLong();
    /**
     * A preview's scheduled send time, by its strokeId and its first point ("id|x,y"): a stroke's x only grows, so the
     * first point names one preview of the stroke.
     */
    private final Map<String, Long> previewScheduled = new ConcurrentHashMap<>();
    /** A stroke's scheduled send time, by strokeId. */
    private final Map<String, Long> strokeScheduled = new ConcurrentHashMap<>();

    SketchTraffic(Shape.SketchLoad load) {
        this.load = load;
    }

    /**
     * One tick of a drawing client scheduled at {@code at}: its frames go to {@code write}. True when a stroke went (it
     * is stored, so it counts as a send).
     */
    boolean tick(Pen pen, String roomId, long at, Consumer<String> write) {
        String points = pen.next(load.pointsPerPreview());
        if (load.previewsPerSecond() > 0) {
            previewScheduled.put(pen.strokeId + "|" + pen.firstOfBatch, at);
            previewsSent.incrementAndGet();
            write.accept(frame(DRAW, roomId, pen, points));
        }
        if (++pen.ticks < load.ticksPerStroke()) {
            return false;
        }
        strokeScheduled.put(pen.strokeId, at);
        strokesSent.incrementAndGet();
        write.accept(frame(STROKE, roomId, pen, "[" + pen.all + "]"));
        pen.start();
        return true;
    }

    private static String frame(String type, String roomId, Pen pen, String points) {
        return "{\"type\":\"" + type + "\",\"roomId\":\"" + roomId + "\",\"strokeId\":\"" + pen.strokeId + "\",\"color\":\""
                + pen.color + "\",\"width\":" + pen.width + ",\"points\":" + points + "}";
    }

    /**
     * A preview or a stroke a client got, measured if the client is a probe ({@code probe} not null): a preview's
     * latency into {@code previewLatency} when it was sent in the window [{@code start}, {@code end}). False for any
     * other frame, which the caller reads.
     */
    boolean onFrame(String text, Probe probe, String ownUserId, long start, long end, Recorder previewLatency) {
        String type = stringField(text, "type");
        if (DRAW.equals(type)) {
            previewsDelivered.incrementAndGet();
            if (probe != null) {
                long now = System.nanoTime();
                Long scheduled = previewScheduled.get(stringField(text, "strokeId") + "|" + firstPoint(text));
                if (scheduled == null) {
                    previewsUnmatched.incrementAndGet();
                } else {
                    if (scheduled >= start) {
                        previewLatency.recordValue(Math.max(1, (now - scheduled) / 1000));
                    }
                    if (now >= start && now < end) {
                        previewAgeInWindow.recordValue(Math.max(1, (now - scheduled) / 1000));
                    }
                }
            }
            return true;
        }
        if (STROKE.equals(type)) {
            strokesDelivered.incrementAndGet();
            if (probe != null) {
                long now = System.nanoTime();
                probe.stroke(stringField(text, "roomId"), longField(text, "seq"));
                if (!ownUserId.equals(stringField(text, "userId"))) {
                    Long scheduled = strokeScheduled.get(stringField(text, "strokeId"));
                    if (scheduled != null && scheduled >= start) {
                        strokeDeliveryLatency.recordValue(Math.max(1, (now - scheduled) / 1000));
                    }
                }
            }
            return true;
        }
        return false;
    }

    /** A stroke's {@code sketch.ack}: its time from the scheduled send to stored, into {@code ackLatency}. */
    void onAck(String strokeId, long start, long end, Recorder ackLatency) {
        Long scheduled = strokeScheduled.get(strokeId);
        long now = System.nanoTime();
        if (scheduled != null && scheduled >= start) {
            ackLatency.recordValue(Math.max(1, (now - scheduled) / 1000));
        }
        if (scheduled != null && now >= start && now < end) {
            ackAgeInWindow.recordValue(Math.max(1, (now - scheduled) / 1000));
        }
    }

    /** S7's own figures; empty for the other shapes. */
    Map<String, Object> summary(Shape shape, DeliveryLedger ledger, long previewsInWindow, long strokesInWindow, long acksInWindow,
            Histogram previewLatencyTotal, Histogram ackLatencyTotal) {
        if (load == null) {
            return Map.of();
        }
        double seconds = shape.measure().toMillis() / 1000.0;
        DeliveryLedger.CanvasCheck canvas = ledger.canvasCheck();
        Map<String, Object> sketch = new LinkedHashMap<>();
        sketch.put("drawers", load.drawing(shape.connections()));
        sketch.put("previewsSent", previewsSent.get());
        sketch.put("strokesSent", strokesSent.get());
        sketch.put("offeredPreviewDeliveriesPerSecond", Report.round(shape.offeredPreviewDeliveriesPerSecond()));
        sketch.put("previewDeliveriesPerSecond", Report.round(previewsInWindow / seconds));
        sketch.put("offeredStrokeDeliveriesPerSecond", Report.round(shape.offeredStrokeDeliveriesPerSecond()));
        sketch.put("strokeDeliveriesPerSecond", Report.round(strokesInWindow / seconds));
        sketch.put("offeredStrokesPerSecond", Report.round(load.drawing(shape.connections()) * load.strokesPerSecond()));
        sketch.put("storedOpsPerSecond", Report.round(acksInWindow / seconds));
        sketch.put("previewLatencyMs", Report.percentiles(previewLatencyTotal));
        sketch.put("strokeAckLatencyMs", Report.percentiles(ackLatencyTotal));
        sketch.put("strokeToOthersLatencyMs", Report.percentiles(strokeDeliveryTotal));
        sketch.put("previewAgeOnArrivalInWindowMs", Report.percentiles(previewAgeInWindow));
        sketch.put("strokeAckAgeOnArrivalInWindowMs", Report.percentiles(ackAgeInWindow));
        Map<String, Object> canvasFigures = new LinkedHashMap<>();
        canvasFigures.put("ackedStrokes", ledger.ackedStrokes());
        canvasFigures.put("gaps", canvas.gaps());
        canvasFigures.put("receivedButNotAcked", canvas.receivedNotAcked());
        canvasFigures.put("previewsUnmatched", previewsUnmatched.get());
        if (!canvas.lostSeqs().isEmpty()) {
            canvasFigures.put("lostSeqs", canvas.lostSeqs());
        }
        sketch.put("canvas", canvasFigures);
        return sketch;
    }

    /** The string value of the first {@code "name":"..."} in a frame, or null. */
    static String stringField(String text, String name) {
        String key = "\"" + name + "\":\"";
        int at = text.indexOf(key);
        if (at < 0) {
            return null;
        }
        int from = at + key.length();
        int to = text.indexOf('"', from);
        return to < 0 ? null : text.substring(from, to);
    }

    /** The number of the first {@code "name":N} in a frame, or -1. */
    static long longField(String text, String name) {
        String key = "\"" + name + "\":";
        int at = text.indexOf(key);
        if (at < 0) {
            return -1;
        }
        int from = at + key.length();
        int to = from;
        while (to < text.length() && Character.isDigit(text.charAt(to))) {
            to++;
        }
        return to == from ? -1 : Long.parseLong(text, from, to, 10);
    }

    /** The first point of a frame's points as "x,y". */
    private static String firstPoint(String text) {
        int at = text.indexOf("\"points\":[[");
        if (at < 0) {
            return "";
        }
        int from = at + "\"points\":[[".length();
        int to = text.indexOf(']', from);
        return to < 0 ? "" : text.substring(from, to).replace(" ", "");
    }
}
