package dev.chat.gateway.websocket;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.chat.contracts.ServiceRequest.Caller;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * One open WebSocket and what this gateway knows about it: whose it is, its rooms, and for each room the
 * highest seq delivered, so that no message reaches it twice and a resume fills exactly the gap.
 *
 * <p>Frames are queued under this object's lock and written by the connection's own event loop, in queue
 * order. Writing directly would not keep order: Vert.x writes at once on the connection's event loop but
 * queues a write from any other thread, so a frame from the loop could overtake one queued a moment earlier
 * by a Kafka consumer thread (a reconnect storm in the benchmark showed exactly that: seqs out of order, and a
 * client that resumed from the higher one lost the lower).
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

    /**
     * Per room: delivery high-water mark, and what a catch-up in progress holds back. What this connection has
     * sent of a room is always one unbroken range of seqs, [sentFrom, delivered]: live messages go out in seq
     * order and a gap is filled before anything after it. So a resume needs only the range, not a record of
     * each seq (which cost a set insert per delivery and up to thousands of entries per room and connection).
     */
    private static final class RoomStream {
        /** Highest seq delivered; -1 until the first live message of a room joined while connected. */
        long delivered;
        /** Lowest seq sent on this connection; -1 while none was. */
        long sentFrom = -1;
        /** After the client's first resume everything up to {@link #delivered} is known to be delivered. */
        boolean resumed;
        /** Live messages that arrived while a catch-up was reading history; sent after it. */
        List<Live> heldBack;

        RoomStream(long delivered) {
            this.delivered = delivered;
        }

        /** The first seq sent live starts the range; later ones extend it at the top via {@link #delivered}. */
        void markSent(long seq) {
            if (sentFrom < 0) {
                sentFrom = seq;
            }
        }

        boolean alreadySent(long seq) {
            return resumed ? seq <= delivered : sentFrom >= 0 && seq >= sentFrom && seq <= delivered;
        }
    }

    private record Live(long seq, String frame) {
    }

    private final GapFiller gapFiller;
    /** The connection's event loop; null outside Vert.x (unit tests), where frames are written at once. */
    private final Context context;
    private final List<String> outbox = new ArrayList<>();
    private boolean flushScheduled;

    /** Must be created on the connection's own event loop (in {@code @OnOpen}). */
    ClientSession(WebSocketConnection connection, Caller caller, GapFiller gapFiller) {
        this.connection = connection;
        this.caller = caller;
        this.gapFiller = gapFiller;
        this.context = Vertx.currentContext();
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

    /** What a client's resume of one room needs. */
    enum Resume { NOT_A_MEMBER, UP_TO_DATE, CATCH_UP }

    /**
     * Starts the client's resume of a room. When the client has seen up to this connection's high-water mark
     * (the welcome's lastSeq, or a live message since), everything after it reaches this connection live, so
     * there is nothing to read: a reconnect storm then costs one history read per busy room, not one per room.
     */
    synchronized Resume beginResume(String roomId, long lastSeenSeq) {
        RoomStream stream = rooms.get(roomId);
        if (stream == null) {
            return Resume.NOT_A_MEMBER;
        }
        if (stream.heldBack == null && stream.delivered >= 0 && lastSeenSeq >= stream.delivered) {
            stream.resumed = true;
            return Resume.UP_TO_DATE;
        }
        beginCatchUp(roomId);
        return Resume.CATCH_UP;
    }

    /** A message read from history during a catch-up: sent unless this connection already sent it. */
    synchronized void deliverMissed(String roomId, long seq, String frame) {
        RoomStream stream = rooms.get(roomId);
        if (stream == null) {
            return;
        }
        if (!stream.alreadySent(seq)) {
            // Above the high-water mark it extends the live range; below it, it is history from before this
            // connection (a resume), which must not move the range's start.
            if (seq > stream.delivered) {
                stream.markSent(seq);
            }
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
            stream.resumed = true;
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

    private boolean announced;
    private boolean removed;

    /** True if the session may now count for its user's presence: it was not removed before its welcome. */
    synchronized boolean markAnnounced() {
        if (removed || announced) {
            return false;
        }
        announced = true;
        return true;
    }

    /** True if the session had been announced, so its end must be announced too. */
    synchronized boolean markRemoved() {
        removed = true;
        return announced;
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

    /** Called under the lock: queues the frame and, if no flush is pending, schedules one on the event loop. */
    private void send(String frame) {
        if (context == null) {
            write(frame);
            return;
        }
        outbox.add(frame);
        if (!flushScheduled) {
            flushScheduled = true;
            // runOnContext always queues, even on the loop itself, so flushes run in the order scheduled.
            context.runOnContext(v -> flush());
        }
    }

    /** Closes the connection after the frames queued so far have been written (a notice before a close). */
    io.smallrye.mutiny.Uni<Void> close(io.quarkus.websockets.next.CloseReason reason) {
        if (context == null) {
            return connection.close(reason);
        }
        return io.smallrye.mutiny.Uni.createFrom().<Void>emitter(done -> context.runOnContext(v -> {
            flush();
            connection.close(reason).subscribe().with(done::complete, done::fail);
        }));
    }

    private void flush() {
        List<String> frames;
        synchronized (this) {
            frames = new ArrayList<>(outbox);
            outbox.clear();
            flushScheduled = false;
        }
        for (String frame : frames) {
            write(frame);
        }
    }

    private void write(String frame) {
        if (connection.isOpen()) {
            connection.sendText(frame).subscribe().with(ok -> {
            }, failure -> Log.debugf("send to %s failed: %s", connection.id(), failure));
        }
    }
}
