package dev.chat.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the server acknowledged (message and canvas seqs per room, and when) and what the probes received: the run's
 * correctness checks, that nothing acknowledged was lost, doubled or reordered, and what to look at when it was.
 */
final class DeliveryLedger {

    /** Seqs acknowledged per room: what every member must receive. */
    private final Map<String, ConcurrentSkipListSet<Long>> ackedSeqs = new ConcurrentHashMap<>();
    /** When each message seq ("room#seq") was acknowledged, for the report of anything lost. */
    private final Map<String, Long> messageAckedAt = new ConcurrentHashMap<>();
    /** Canvas seqs acknowledged per room ({@code sketch.ack}): what every member must receive as {@code sketch.stroke}. */
    private final Map<String, ConcurrentSkipListSet<Long>> ackedCanvasSeqs = new ConcurrentHashMap<>();
    /** When each canvas seq ("room#seq") was acknowledged, for the report of anything missing. */
    private final Map<String, Long> canvasAckedAt = new ConcurrentHashMap<>();
    private final List<Probe> probes = new CopyOnWriteArrayList<>();

    Probe newProbe(List<String> roomIds) {
        Probe probe = new Probe(roomIds);
        probes.add(probe);
        return probe;
    }

    void messageAcked(String roomId, long seq) {
        ackedSeqs.computeIfAbsent(roomId, r -> new ConcurrentSkipListSet<>()).add(seq);
        messageAckedAt.put(roomId + "#" + seq, System.nanoTime());
    }

    void canvasAcked(String roomId, long seq) {
        ackedCanvasSeqs.computeIfAbsent(roomId, r -> new ConcurrentSkipListSet<>()).add(seq);
        canvasAckedAt.put(roomId + "#" + seq, System.nanoTime());
    }

    long ackedStrokes() {
        return ackedCanvasSeqs.values().stream().mapToLong(Set::size).sum();
    }

    /** How many probes are members of the room: each must receive its every message. */
    int probesOf(String roomId) {
        return (int) probes.stream().filter(probe -> probe.roomIds.contains(roomId)).count();
    }

    /** How many of the room's probes lack the message of this seq (on every connection they had). */
    int probesLacking(String roomId, long seq) {
        return (int) probes.stream().filter(probe -> probe.roomIds.contains(roomId)
                && !probe.seen.getOrDefault(roomId, Set.of()).contains(seq)).count();
    }

    /** Every probe's receipts against every acknowledged seq; lost examples are timed from {@code measureStartNanos}. */
    Correctness check(long measureStartNanos) {
        Map<String, Integer> missingOn = new TreeMap<>();
        Map<String, Long> gaplessUpTo = new HashMap<>();
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
                        missingOn.merge(entry.getKey() + "#" + seq, 1, Integer::sum);
                        gaplessUpTo.merge(entry.getKey() + "#" + seq, probe.lastSeen(entry.getKey()), Math::min);
                    }
                }
            }
        }
        CanvasCheck canvas = canvasCheck();
        return new Correctness(probes.size(), checked + canvas.checked(), lost + canvas.lost(), duplicated + canvas.duplicated(),
                outOfOrder + canvas.outOfOrder(), redelivered, lostExamples(missingOn, gaplessUpTo, measureStartNanos), 0);
    }

    /** Up to 20 lost messages, each with how many probes lack it and when it was acknowledged: where to look in the logs. */
    private List<String> lostExamples(Map<String, Integer> missingOn, Map<String, Long> gaplessUpTo, long measureStartNanos) {
        List<String> examples = new ArrayList<>();
        missingOn.entrySet().stream().sorted(Map.Entry.comparingByKey()).limit(20).forEach(entry -> {
            String key = entry.getKey();
            Long ackedAt = messageAckedAt.get(key);
            examples.add(String.format(Locale.ROOT, "room %s seq %s: missing on %d probe(s) (gapless up to seq %d), acked %s",
                    key.substring(0, key.indexOf('#')), key.substring(key.indexOf('#') + 1), entry.getValue(), gaplessUpTo.get(key),
                    ackedAt == null ? "at an unknown time" : String.format(Locale.ROOT, "%.1f s after measuring started",
                            (ackedAt - measureStartNanos) / 1e9)));
        });
        return examples;
    }

    /**
     * The canvas ({@code sketch.stroke} frames) on the probes: every acknowledged stroke's seq once on every probe of
     * its room (lost, duplicated), in seq order (out of order: a lower seq after a higher one), without a gap (a seq
     * more than one above the highest before it; the canvas starts at 0, the room being new). Also counted: seqs the
     * probes got that no {@code sketch.ack} announced (stored, but the sender got an error or nothing in time).
     */
    CanvasCheck canvasCheck() {
        long checked = 0;
        long lost = 0;
        long duplicated = 0;
        long outOfOrder = 0;
        long gaps = 0;
        Set<String> notAcked = new HashSet<>();
        Map<String, Long> missing = new TreeMap<>();
        for (Probe probe : probes) {
            duplicated += probe.canvasDuplicated.get();
            for (var entry : probe.canvasArrivals.entrySet()) {
                List<Long> seqs;
                synchronized (entry.getValue()) {
                    seqs = List.copyOf(entry.getValue());
                }
                long highest = 0;
                Set<Long> acked = ackedCanvasSeqs.getOrDefault(entry.getKey(), new ConcurrentSkipListSet<>());
                for (long seq : seqs) {
                    if (seq < highest) {
                        outOfOrder++;
                    } else if (seq > highest + 1) {
                        gaps++;
                    }
                    highest = Math.max(highest, seq);
                    if (!acked.contains(seq)) {
                        notAcked.add(entry.getKey() + "#" + seq);
                    }
                }
            }
            for (String roomId : probe.roomIds) {
                Set<Long> distinct = probe.canvasSeen.getOrDefault(roomId, Set.of());
                for (Long seq : ackedCanvasSeqs.getOrDefault(roomId, new ConcurrentSkipListSet<>())) {
                    checked++;
                    if (!distinct.contains(seq)) {
                        lost++;
                        missing.merge(roomId + "#" + seq, 1L, Long::sum);
                    }
                }
            }
        }
        // What is missing, for a look at the cause: seq, how many probes miss it, ms since its ack.
        List<String> lostSeqs = new ArrayList<>();
        long now = System.nanoTime();
        missing.forEach((key, probesMissing) -> {
            if (lostSeqs.size() < 10) {
                Long ackedAt = canvasAckedAt.get(key);
                lostSeqs.add("seq " + key.substring(key.indexOf('#') + 1) + ": " + probesMissing + " probes, acked "
                        + (ackedAt == null ? "?" : Long.toString((now - ackedAt) / 1_000_000)) + " ms ago");
            }
        });
        return new CanvasCheck(checked, lost, duplicated, outOfOrder, gaps, notAcked.size(), lostSeqs);
    }

    record CanvasCheck(long checked, long lost, long duplicated, long outOfOrder, long gaps, long receivedNotAcked,
            List<String> lostSeqs) {
    }

    /**
     * @param duplicated  a seq twice on one connection (a server fault)
     * @param outOfOrder  a lower seq after a higher one on one connection, in its live phase
     * @param redelivered a seq again on a later connection after a drop: expected, a client dedupes by seq
     * @param lostMessages up to 20 of the lost messages, each with its room, seq, probes lacking it and when it was acked
     */
    record Correctness(int probes, long checkedDeliveries, long lost, long duplicated, long outOfOrder, long redelivered,
            List<String> lostMessages, double drainSeconds) {

        /** The same check, saying how long the run waited for stragglers before making it. */
        Correctness drained(double seconds) {
            return new Correctness(probes, checkedDeliveries, lost, duplicated, outOfOrder, redelivered, lostMessages, seconds);
        }
    }
}
