package dev.chat.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A connection that parses every frame: what it received, for the checks that nothing acknowledged was lost, doubled
 * or reordered (DeliveryLedger). Latency is measured on probes too (LoadRun).
 */
final class Probe {
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
    /** The rooms this probe's user is in: an acked canvas op of any of them must reach it. */
    final List<String> roomIds;
    /** Per room, the canvas seqs of {@code sketch.*} ops in the order they arrived. */
    final Map<String, List<Long>> canvasArrivals = new ConcurrentHashMap<>();
    /** Per room, the distinct canvas seqs received. */
    final Map<String, Set<Long>> canvasSeen = new ConcurrentHashMap<>();
    final AtomicLong canvasDuplicated = new AtomicLong();

    Probe(List<String> roomIds) {
        this.roomIds = roomIds;
    }

    /**
     * A message received on the connection of this generation; {@code live} once that connection is in its ordered
     * phase (welcomed, or resumed after a reconnect).
     */
    void message(String roomId, long seq, int generation, boolean live) {
        String connectionKey = roomId + "#" + generation;
        if (!perConnection.computeIfAbsent(connectionKey, k -> ConcurrentHashMap.newKeySet()).add(seq)) {
            duplicated.incrementAndGet();
        } else if (!seen.computeIfAbsent(roomId, k -> ConcurrentHashMap.newKeySet()).add(seq)) {
            redelivered.incrementAndGet();
        }
        if (live) {
            ordered.computeIfAbsent(connectionKey, k -> Collections.synchronizedList(new ArrayList<>())).add(seq);
        }
    }

    /** A canvas op ({@code sketch.stroke}) received. */
    void stroke(String roomId, long seq) {
        if (!canvasSeen.computeIfAbsent(roomId, k -> ConcurrentHashMap.newKeySet()).add(seq)) {
            canvasDuplicated.incrementAndGet();
        }
        canvasArrivals.computeIfAbsent(roomId, k -> Collections.synchronizedList(new ArrayList<>())).add(seq);
    }

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

    /** The {@code resume} frame a reconnecting client sends: every room from where nothing is missing. */
    String resumeFrame() {
        StringBuilder positions = new StringBuilder();
        for (String roomId : welcomePositions.keySet()) {
            positions.append(positions.length() == 0 ? "" : ",").append('"').append(roomId).append("\":").append(lastSeen(roomId));
        }
        return "{\"type\":\"resume\",\"positions\":{" + positions + "}}";
    }
}
