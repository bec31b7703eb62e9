package dev.chat.gateway.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;


/**
 * The per-connection rules of delivery, without a server or a connection: each seq once, in order, gaps filled before
 * anything after them, and a resume that sends exactly what this connection has not.
 */
class RoomDeliveriesTest {

    private static final String ROOM = "room-1";

    private final List<String> written = new ArrayList<>();
    private final List<Long> gapsAskedAfter = new ArrayList<>();

    private RoomDeliveries session(long welcomeLastSeq) {
        RoomDeliveries session = new RoomDeliveries(frame -> written.add(new String(frame, StandardCharsets.UTF_8)),
                (roomId, afterSeq) -> gapsAskedAfter.add(afterSeq));
        session.follow(ROOM, welcomeLastSeq);
        return session;
    }

    private static String frame(long seq) {
        return "m" + seq;
    }

    private static byte[] bytes(long seq) {
        return frame(seq).getBytes(StandardCharsets.UTF_8);
    }

    private void live(RoomDeliveries session, long... seqs) {
        for (long seq : seqs) {
            session.deliverLive(ROOM, seq, bytes(seq));
        }
    }

    private List<String> frames(long... seqs) {
        List<String> expected = new ArrayList<>();
        for (long seq : seqs) {
            expected.add(frame(seq));
        }
        return expected;
    }

    @Test
    void liveMessagesGoOutOnceInOrder() {
        RoomDeliveries session = session(3);
        live(session, 3, 4, 5, 4, 6);
        assertEquals(frames(4, 5, 6), written);
        assertTrue(gapsAskedAfter.isEmpty());
    }

    @Test
    void aGapIsFilledBeforeAnythingAfterIt() {
        RoomDeliveries session = session(3);
        live(session, 4, 7, 8);
        assertEquals(List.of(4L), gapsAskedAfter, "the missing 5 and 6 are read from history after 4");
        assertEquals(frames(4), written, "7 and 8 wait for the gap");
        session.deliverMissed(ROOM, 5, bytes(5));
        session.deliverMissed(ROOM, 6, bytes(6));
        session.deliverMissed(ROOM, 7, bytes(7));
        session.endCatchUp(ROOM, false);
        assertEquals(frames(4, 5, 6, 7, 8), written);
    }

    @Test
    void aResumeSendsWhatCameBeforeTheWelcomeAndSkipsWhatWentOutLive() {
        RoomDeliveries session = session(10);
        live(session, 11, 12);
        // The client last saw 8 on its previous connection: 9 and 10 are new to it, 11 and 12 went out here.
        assertEquals(RoomDeliveries.Resume.CATCH_UP, session.beginResume(ROOM, 8));
        live(session, 13);
        for (long seq = 9; seq <= 13; seq++) {
            session.deliverMissed(ROOM, seq, bytes(seq));
        }
        session.endCatchUp(ROOM, true);
        live(session, 13, 14);
        assertEquals(frames(11, 12, 9, 10, 13, 14), written);
    }

    @Test
    void aResumeOfAQuietRoomSendsItsWholeHistory() {
        RoomDeliveries session = session(2);
        assertEquals(RoomDeliveries.Resume.CATCH_UP, session.beginResume(ROOM, 0));
        session.deliverMissed(ROOM, 1, bytes(1));
        session.deliverMissed(ROOM, 2, bytes(2));
        session.endCatchUp(ROOM, true);
        live(session, 3);
        assertEquals(frames(1, 2, 3), written);
    }

    @Test
    void aResumeAtTheHighWaterMarkReadsNothing() {
        RoomDeliveries session = session(10);
        live(session, 11);
        assertEquals(RoomDeliveries.Resume.UP_TO_DATE, session.beginResume(ROOM, 11));
        assertEquals(RoomDeliveries.Resume.NOT_A_MEMBER, session.beginResume("other-room", 0));
        live(session, 12);
        assertEquals(frames(11, 12), written);
    }

    @Test
    void aRoomJoinedWhileConnectedStartsAtItsFirstLiveMessage() {
        RoomDeliveries session = session(-1);
        live(session, 5, 6);
        assertEquals(RoomDeliveries.Resume.CATCH_UP, session.beginResume(ROOM, 0));
        for (long seq = 1; seq <= 6; seq++) {
            session.deliverMissed(ROOM, seq, bytes(seq));
        }
        session.endCatchUp(ROOM, true);
        assertEquals(frames(5, 6, 1, 2, 3, 4), written);
    }
}
