package dev.chat.gateway.websocket;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.chat.contracts.ServiceRequest.Caller;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * One open WebSocket and what this gateway knows about it: whose it is, its rooms, and for each room the
 * highest seq delivered, so that no message reaches it twice and a resume fills exactly the gap.
 * Frames are sent under this object's lock, which keeps their order on the wire.
 */
public final class ClientSession {

    private final WebSocketConnection connection;
    private final Caller caller;
    private final Map<String, RoomStream> rooms = new HashMap<>();
    private volatile long lastClientFrameNanos = System.nanoTime();
    private volatile long lastPongNanos = System.nanoTime();

    /** Fills a gap in a room's stream from history; see {@link #deliverMessage}. */
    @FunctionalInterface
    interface GapFiller {
        void fill(ClientSession session, String roomId, long afterSeq);
    }

    /** Beyond this many, seqs sent before a resume are no longer tracked one by one. */
    private static final int MAX_TRACKED_SEQS = 10_000;

    /** Per room: delivery high-water mark, and what a catch-up in progress holds back. */
    private static final class RoomStream {
        /** Highest seq delivered; -1 until the first live message of a room joined while connected. */
        long delivered;
        /** Seqs sent before the client's first resume of this room: that resume must not send them again. */
        Set<Long> sentBeforeResume = new HashSet<>();
        /** Live messages that arrived while a catch-up was reading history; sent after it. */
        List<Live> heldBack;

        RoomStream(long delivered) {
            this.delivered = delivered;
        }

        void markSent(long seq) {
            if (sentBeforeResume != null) {
                sentBeforeResume.add(seq);
                if (sentBeforeResume.size() > MAX_TRACKED_SEQS) {
                    sentBeforeResume = null;
                }
            }
        }
    }

    private record Live(long seq, String frame) {
    }

    private final GapFiller gapFiller;

    ClientSession(WebSocketConnection connection, Caller caller, GapFiller gapFiller) {
        this.connection = connection;
        this.caller = caller;
        this.gapFiller = gapFiller;
    }

    public Caller caller() {
        return caller;
    }

    public String userId() {
        return caller.userId();
    }

    public String id() {
        return connection.id();
    }

    WebSocketConnection connection() {
        return connection;
    }

    public synchronized boolean isMemberOf(String roomId) {
        return rooms.containsKey(roomId);
    }

    public synchronized Set<String> roomIds() {
        return Set.copyOf(rooms.keySet());
    }

    /** Starts following a room after {@code lastSeq} (-1: from its next live message). */
    synchronized void follow(String roomId, long lastSeq) {
        rooms.putIfAbsent(roomId, new RoomStream(lastSeq));
    }

    synchronized void unfollow(String roomId) {
        rooms.remove(roomId);
    }

    /**
     * A live message of a followed room: sent once, in seq order. A seq beyond the next one means this
     * connection missed some (an event that never came, a join racing the welcome): the message waits while
     * the gap is read from history, so the client still sees every message exactly once.
     */
    synchronized void deliverMessage(String roomId, long seq, String frame) {
        RoomStream stream = rooms.get(roomId);
        if (stream == null) {
            return;
        }
        if (stream.heldBack != null) {
            stream.heldBack.add(new Live(seq, frame));
            return;
        }
        if (stream.delivered >= 0 && seq <= stream.delivered) {
            return;
        }
        if (stream.delivered >= 0 && seq > stream.delivered + 1) {
            stream.heldBack = new ArrayList<>(List.of(new Live(seq, frame)));
            gapFiller.fill(this, roomId, stream.delivered);
            return;
        }
        stream.delivered = seq;
        stream.markSent(seq);
        send(frame);
    }

    /** Any other frame: sent as it is, in order with the messages. */
    synchronized void deliver(String frame) {
        send(frame);
    }

    /** Holds back live messages of the room until {@link #endCatchUp}; false if the room is not followed. */
    synchronized boolean beginCatchUp(String roomId) {
        RoomStream stream = rooms.get(roomId);
        if (stream == null) {
            return false;
        }
        if (stream.heldBack == null) {
            stream.heldBack = new ArrayList<>();
        }
        return true;
    }

    /** A message read from history during a catch-up: sent unless this connection already sent it. */
    synchronized void deliverMissed(String roomId, long seq, String frame) {
        RoomStream stream = rooms.get(roomId);
        if (stream == null) {
            return;
        }
        boolean alreadySent = stream.sentBeforeResume != null ? stream.sentBeforeResume.contains(seq) : seq <= stream.delivered;
        if (!alreadySent) {
            stream.markSent(seq);
            send(frame);
        }
        stream.delivered = Math.max(stream.delivered, seq);
    }

    /**
     * Sends what arrived live during the catch-up and was not in the history read, then follows live again.
     * After the client's own resume, everything up to the high-water mark is known delivered.
     */
    synchronized void endCatchUp(String roomId, boolean clientResume) {
        RoomStream stream = rooms.get(roomId);
        if (stream == null || stream.heldBack == null) {
            return;
        }
        List<Live> held = stream.heldBack;
        stream.heldBack = null;
        if (clientResume) {
            stream.sentBeforeResume = null;
        }
        for (Live live : held) {
            if (live.seq() > stream.delivered) {
                stream.delivered = live.seq();
                stream.markSent(live.seq());
                send(live.frame());
            }
        }
    }

    private final java.util.concurrent.CompletableFuture<Void> ready = new java.util.concurrent.CompletableFuture<>();

    /** Completes once the welcome has been sent. */
    io.smallrye.mutiny.Uni<Void> ready() {
        return io.smallrye.mutiny.Uni.createFrom().completionStage(ready);
    }

    void markReady() {
        // Idleness counts from the welcome: waiting for it is the server's time, not the client's.
        lastClientFrameNanos = System.nanoTime();
        ready.complete(null);
    }

    void clientFrameReceived() {
        lastClientFrameNanos = System.nanoTime();
    }

    void pongReceived() {
        lastPongNanos = System.nanoTime();
    }

    long lastClientFrameNanos() {
        return lastClientFrameNanos;
    }

    long lastPongNanos() {
        return lastPongNanos;
    }

    private void send(String frame) {
        if (connection.isOpen()) {
            connection.sendText(frame).subscribe().with(ok -> {
            }, failure -> Log.debugf("send to %s failed: %s", connection.id(), failure));
        }
    }
}
