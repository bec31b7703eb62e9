package dev.chat.gateway.websocket;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What one connection has been sent of each of its rooms, so that no message reaches it twice, messages go out
 * in seq order, a gap is filled before anything after it, and a resume fills exactly what the client lacks.
 * Not thread-safe: its {@link ClientSession} calls it under the session's lock.
 */
final class RoomDeliveries {

    /** Asks for a room's history after a seq, to fill a gap in what arrived live. */
    @FunctionalInterface
    interface GapRequest {
        void fill(String roomId, long afterSeq);
    }

    /** What a client's resume of one room needs. */
    enum Resume { NOT_A_MEMBER, UP_TO_DATE, CATCH_UP }

    private final Map<String, RoomStream> rooms = new HashMap<>();
    private final Consumer<byte[]> out;
    private final GapRequest gapRequest;

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

    private record Live(long seq, byte[] frame) {
    }

    /** @param out where frames go, in the order given */
    RoomDeliveries(Consumer<byte[]> out, GapRequest gapRequest) {
        this.out = out;
        this.gapRequest = gapRequest;
    }

    boolean follows(String roomId) {
        return rooms.containsKey(roomId);
    }

    Set<String> roomIds() {
        return Set.copyOf(rooms.keySet());
    }

    /** Starts following a room after {@code lastSeq} (-1: from its next live message). */
    void follow(String roomId, long lastSeq) {
        rooms.putIfAbsent(roomId, new RoomStream(lastSeq));
    }

    void unfollow(String roomId) {
        rooms.remove(roomId);
    }

    /**
     * A live message of a followed room: sent once, in seq order. A seq beyond the next one means this
     * connection missed some (an event that never came, a join racing the welcome): the message waits while
     * the gap is read from history, so the client still sees every message exactly once.
     */
    void deliverLive(String roomId, long seq, byte[] frame) {
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
            gapRequest.fill(roomId, stream.delivered);
            return;
        }
        stream.delivered = seq;
        stream.markSent(seq);
        out.accept(frame);
    }

    /**
     * Starts the client's resume of a room. When the client has seen up to this connection's high-water mark
     * (the welcome's lastSeq, or a live message since), everything after it reaches this connection live, so
     * there is nothing to read: a reconnect storm then costs one history read per busy room, not one per room.
     */
    Resume beginResume(String roomId, long lastSeenSeq) {
        RoomStream stream = rooms.get(roomId);
        if (stream == null) {
            return Resume.NOT_A_MEMBER;
        }
        if (stream.heldBack == null && stream.delivered >= 0 && lastSeenSeq >= stream.delivered) {
            stream.resumed = true;
            return Resume.UP_TO_DATE;
        }
        if (stream.heldBack == null) {
            stream.heldBack = new ArrayList<>();
        }
        return Resume.CATCH_UP;
    }

    /** A message read from history during a catch-up: sent unless this connection already sent it. */
    void deliverMissed(String roomId, long seq, byte[] frame) {
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
            out.accept(frame);
        }
        stream.delivered = Math.max(stream.delivered, seq);
    }

    /**
     * Ends a client's resume that stopped before the room's end (it reached the resume's cap): what lies between the
     * last seq sent and the room's live messages is left for the client to read from history. What arrived live
     * meanwhile goes out now; if nothing did, the next live message is taken as the new start rather than as a gap to
     * fill (which would read the rest of the history onto the connection after all).
     */
    void endCatchUpPartial(String roomId) {
        RoomStream stream = rooms.get(roomId);
        if (stream == null || stream.heldBack == null) {
            return;
        }
        List<Live> held = stream.heldBack;
        stream.heldBack = null;
        stream.resumed = true;
        if (held.isEmpty()) {
            stream.delivered = -1;
            return;
        }
        for (Live live : held) {
            if (live.seq() > stream.delivered) {
                stream.delivered = live.seq();
                out.accept(live.frame());
            }
        }
    }

    /**
     * Sends what arrived live during the catch-up and was not in the history read, then follows live again.
     * After the client's own resume, everything up to the high-water mark is known delivered.
     */
    void endCatchUp(String roomId, boolean clientResume) {
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
                out.accept(live.frame());
            }
        }
    }
}
