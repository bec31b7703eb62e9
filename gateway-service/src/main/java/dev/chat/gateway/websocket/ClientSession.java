package dev.chat.gateway.websocket;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import dev.chat.contracts.ServiceRequest.Caller;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * One open WebSocket: whose it is, its outbox, and (in {@link RoomDeliveries}) what it has been sent of each room.
 *
 * <p>Frames are queued under this object's lock and written by the connection's own event loop, in queue
 * order. Writing directly would not keep order: Vert.x writes at once on the connection's event loop but
 * queues a write from any other thread, so a frame from the loop could overtake one queued a moment earlier
 * by a Kafka consumer thread (a reconnect storm in the benchmark showed exactly that: seqs out of order, and a
 * client that resumed from the higher one lost the lower).
 */
public final class ClientSession {

    /** Fills a gap in a room's stream from history; see {@link RoomDeliveries#deliverLive}. */
    @FunctionalInterface
    interface GapFiller {
        void fill(ClientSession session, String roomId, long afterSeq);
    }

    /**
     * A client that does not read its socket: once more than {@code maxUnsentBytes} of its frames wait unsent (in the
     * outbox, or handed to the transport and not yet written to the socket), {@code onOverflow} is called once and
     * nothing more is queued for it. Without it a reader that never reads grew the gateway's heap without bound.
     */
    record Outflow(long maxUnsentBytes, Consumer<ClientSession> onOverflow) {
        static final Outflow UNBOUNDED = new Outflow(Long.MAX_VALUE, session -> {
        });
    }

    private final WebSocketConnection connection;
    private final TextFrameSink sink;
    private final Caller caller;
    private final RoomDeliveries rooms;
    /** The connection's event loop; null outside Vert.x (unit tests), where frames are written at once. */
    private final Context context;
    private final Outflow outflow;
    private final List<byte[]> outbox = new ArrayList<>();
    /** Bytes queued or handed to the transport and not yet written; under this object's lock. */
    private long unsentBytes;
    private boolean overflowed;
    private final ServerPings pings = new ServerPings();
    private final CompletableFuture<Void> welcomed = new CompletableFuture<>();
    private boolean flushScheduled;
    /** Room events that came before the welcome was sent; null once it has been. */
    private List<Runnable> beforeWelcome = new ArrayList<>();
    private long membershipVersion;
    private boolean announced;
    private boolean removed;
    private volatile long lastClientFrameNanos = System.nanoTime();

    /** Must be created on the connection's own event loop (in {@code @OnOpen}). */
    ClientSession(WebSocketConnection connection, Caller caller, GapFiller gapFiller) {
        this(connection, caller, gapFiller, Outflow.UNBOUNDED);
    }

    /** Must be created on the connection's own event loop (in {@code @OnOpen}). */
    ClientSession(WebSocketConnection connection, Caller caller, GapFiller gapFiller, Outflow outflow) {
        this.connection = connection;
        this.sink = TextFrameSink.of(connection);
        this.outflow = outflow;
        this.caller = caller;
        this.rooms = new RoomDeliveries(this::send, (roomId, afterSeq) -> gapFiller.fill(this, roomId, afterSeq));
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

    public synchronized boolean isMemberOf(String roomId) {
        return rooms.follows(roomId);
    }

    public synchronized Set<String> roomIds() {
        return rooms.roomIds();
    }

    /** Starts following a room after {@code lastSeq} (-1: from its next live message). */
    synchronized void follow(String roomId, long lastSeq) {
        rooms.follow(roomId, lastSeq);
        membershipVersion++;
    }

    synchronized void unfollow(String roomId) {
        rooms.unfollow(roomId);
        membershipVersion++;
    }

    /** Counts follows and unfollows: a membership answer asked for before a change is older than it. */
    synchronized long membershipVersion() {
        return membershipVersion;
    }

    /** A live message of a followed room: once, in seq order, gaps filled first; after the welcome. */
    synchronized void deliverMessage(String roomId, long seq, byte[] frame) {
        if (beforeWelcome != null) {
            beforeWelcome.add(() -> rooms.deliverLive(roomId, seq, frame));
            return;
        }
        rooms.deliverLive(roomId, seq, frame);
    }

    /**
     * A room event (a member joined, presence, typing...): in order with the messages, and never before the welcome.
     * A join that races the welcome is so seen after it, as the event that follows the rooms the welcome lists.
     */
    synchronized void deliverEvent(byte[] frame) {
        if (beforeWelcome != null) {
            beforeWelcome.add(() -> send(frame));
            return;
        }
        send(frame);
    }

    /** A frame of the gateway's own (the welcome, an answer, an error): sent at once, in order with the rest. */
    synchronized void deliver(byte[] frame) {
        send(frame);
    }

    /** Starts the client's resume of a room. */
    synchronized RoomDeliveries.Resume beginResume(String roomId, long lastSeenSeq) {
        return rooms.beginResume(roomId, lastSeenSeq);
    }

    /** A message read from history during a catch-up: sent unless this connection already sent it. */
    synchronized void deliverMissed(String roomId, long seq, byte[] frame) {
        rooms.deliverMissed(roomId, seq, frame);
    }

    /** Ends a client's resume cut short at its cap: live messages follow, the rest is left to history. */
    synchronized void endCatchUpPartial(String roomId) {
        rooms.endCatchUpPartial(roomId);
    }

    /** Sends what arrived live during the catch-up, then follows live again. */
    synchronized void endCatchUp(String roomId, boolean clientResume) {
        rooms.endCatchUp(roomId, clientResume);
    }

    /** Completes once the welcome has been sent. */
    Uni<Void> ready() {
        return Uni.createFrom().completionStage(welcomed);
    }

    /** True once the welcome has been sent. */
    boolean isReady() {
        return welcomed.isDone();
    }

    /** Called once the welcome has been sent: the room events that arrived meanwhile follow it, in arrival order. */
    void markReady() {
        // Idleness counts from the welcome: waiting for it is the server's time, not the client's.
        lastClientFrameNanos = System.nanoTime();
        synchronized (this) {
            if (beforeWelcome != null) {
                beforeWelcome.forEach(Runnable::run);
                beforeWelcome = null;
            }
        }
        welcomed.complete(null);
    }

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

    void clientFrameReceived() {
        lastClientFrameNanos = System.nanoTime();
    }

    /** Sends the server's ping ({@link ServerPings}: only the pong that echoes it counts). */
    void ping() {
        if (connection.isOpen()) {
            connection.sendPing(pings.next()).subscribe().with(ok -> {
            }, failure -> Log.debugf("ping to %s failed: %s", connection.id(), failure));
        }
    }

    void pongReceived(Buffer data) {
        pings.answered(data);
    }

    synchronized long unsentBytes() {
        return unsentBytes;
    }

    /** True if frames go to the Vert.x WebSocket as bytes ({@link TextFrameSink}). */
    boolean writesDirect() {
        return sink.isDirect();
    }

    /** The connection's event loop context; null outside Vert.x. */
    Context context() {
        return context;
    }

    long lastClientFrameNanos() {
        return lastClientFrameNanos;
    }

    long lastPongNanos() {
        return pings.lastAnsweredNanos();
    }

    /** Closes the connection after the frames queued so far have been written (a notice before a close). */
    Uni<Void> close(CloseReason reason) {
        if (context == null) {
            return connection.close(reason);
        }
        return Uni.createFrom().<Void>emitter(done -> context.runOnContext(v -> {
            flush();
            connection.close(reason).subscribe().with(done::complete, done::fail);
        }));
    }

    /** Called under the lock: queues the frame and, if no flush is pending, schedules one on the event loop. */
    private void send(byte[] frame) {
        if (overflowed) {
            return;
        }
        unsentBytes += frame.length;
        if (unsentBytes > outflow.maxUnsentBytes()) {
            // The client is not reading: drop what waits and let the owner close it (1013), so it resumes later.
            overflowed = true;
            outbox.clear();
            outflow.onOverflow().accept(this);
            return;
        }
        if (context == null) {
            write(frame);
            return;
        }
        outbox.add(frame);
        if (!flushScheduled) {
            flushScheduled = true;
            // A batch of events flushes its sessions a task per event loop (FlushBatch); runOnContext always queues,
            // even on the loop itself, so flushes run in the order scheduled either way.
            if (!FlushBatch.join(this, context)) {
                context.runOnContext(v -> flush());
            }
        }
    }

    /** Writes what the outbox holds; on the connection's event loop. */
    void flush() {
        List<byte[]> frames;
        synchronized (this) {
            frames = new ArrayList<>(outbox);
            outbox.clear();
            flushScheduled = false;
        }
        for (byte[] frame : frames) {
            write(frame);
        }
    }

    private void write(byte[] frame) {
        int length = frame.length;
        sink.write(frame, () -> written(length));
    }

    private synchronized void written(int bytes) {
        unsentBytes -= bytes;
    }
}
