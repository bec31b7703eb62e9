package dev.chat.gateway.websocket;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chat.contracts.Commands;
import dev.chat.contracts.ErrorCodes;
import dev.chat.contracts.Operation;
import dev.chat.contracts.Results;
import dev.chat.gateway.config.GatewayConfig;
import dev.chat.gateway.messaging.ChatServiceClient;
import dev.chat.gateway.websocket.ClientFrame.Resume;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.CloseReason;
import io.smallrye.mutiny.Uni;

/**
 * Reading missed messages from chat-service's history into a connection: a client's {@code resume}, and a gap
 * in what arrived live. Live messages of the room wait meanwhile and follow without duplicates.
 */
@ApplicationScoped
public class CatchUp {

    /** History is read in pages of this many during a resume. */
    static final int PAGE = 200;

    static final CloseReason FAILED = new CloseReason(1011, "catch-up failed; reconnect and resume");

    private final ChatServiceClient chat;
    private final FrameWriter out;
    private final ObjectMapper mapper;
    private final MeterRegistry metrics;
    private final SlidingWindowLimiter resumes;
    private final int resumesPerMinute;
    private final int resumeMaxMessages;

    public CatchUp(ChatServiceClient chat, FrameWriter out, ObjectMapper mapper, MeterRegistry metrics, GatewayConfig config) {
        this.chat = chat;
        this.out = out;
        this.mapper = mapper;
        this.metrics = metrics;
        this.resumesPerMinute = config.websocket().resumesPerMinute();
        this.resumeMaxMessages = config.websocket().resumeMaxMessages();
        this.resumes = new SlidingWindowLimiter(resumesPerMinute, Duration.ofMinutes(1));
    }

    void forgetIdleLimits() {
        resumes.forgetIdle();
    }

    /**
     * For each room the client names, the messages after its last seen seq, one room after another, at most
     * {@code resumeMaxMessages} per room; then {@code resumed}, naming the rooms cut short. A resume from 0 on a long
     * room would otherwise stream its whole history onto one connection, as often as a client asked.
     */
    Uni<Void> resume(ClientSession session, Resume resume) {
        if (!resumes.tryAcquire(session.id())) {
            return out.error(session, ErrorCodes.RATE_LIMITED, "at most " + resumesPerMinute + " resumes a minute", "resume");
        }
        Map<String, Long> partial = new ConcurrentHashMap<>();
        Map<String, Long> evicted = new ConcurrentHashMap<>();
        Uni<Void> all = Uni.createFrom().voidItem();
        for (Resume.Position position : resume.positions()) {
            String roomId = position.roomId();
            Long seq = position.lastSeenSeq();
            if (seq == null) {
                all = all.chain(() -> out.error(session, ErrorCodes.VALIDATION_FAILED,
                        "positions of " + roomId + " must be a whole number", "resume"));
                continue;
            }
            switch (session.beginResume(roomId, seq)) {
                case NOT_A_MEMBER -> all = all.chain(() -> out.error(session, ErrorCodes.NOT_A_MEMBER,
                        "you are not a member of room " + roomId, "resume"));
                case CATCH_UP -> all = all.chain(() -> read(session, roomId, seq, resumeMaxMessages, partial, evicted));
                default -> metrics.counter("chat.gateway.resume.up_to_date").increment();
            }
        }
        return all.chain(() -> out.send(session, new ServerFrames.Resumed(partial, evicted)));
    }

    /** The session's gap filler: a live message skipped ahead, so the gap is read from history. */
    void fillGap(ClientSession session, String roomId, long afterSeq) {
        metrics.counter("chat.gateway.fanout.gaps").increment();
        read(session, roomId, afterSeq, Integer.MAX_VALUE, null, null).subscribe().with(ok -> {
        }, failure -> {
        });
    }

    /**
     * Reads a room's history after {@code afterSeq} into the session, page by page, then releases live messages.
     *
     * @param budget  the most messages still to send (a client's resume is capped; a gap is not)
     * @param partial null for a gap; for a client's resume, where rooms cut short at the cap are recorded
     * @param evicted null for a gap; for a client's resume, where rooms whose retention evicted past its point are recorded
     */
    private Uni<Void> read(ClientSession session, String roomId, long afterSeq, int budget, Map<String, Long> partial,
            Map<String, Long> evicted) {
        boolean clientResume = partial != null;
        int pageSize = Math.max(1, Math.min(PAGE, budget));
        return chat.call(Operation.MESSAGES_HISTORY, session.caller(), Commands.HistoryQuery.after(roomId, afterSeq, pageSize), roomId)
                .chain(reply -> {
                    if (reply.isError() && reply.status() >= 500) {
                        return abandon(session, roomId, new IllegalStateException("history answered " + reply.status()));
                    }
                    if (reply.isError()) {
                        // Not (or no longer) a member, or the room is gone: nothing more of it will reach this connection.
                        session.endCatchUp(roomId, clientResume);
                        return out.problem(session, reply, clientResume ? "resume" : "message");
                    }
                    Results.HistoryPage page = Results.HistoryPage.from(reply.body());
                    if (evicted != null && page.evictedBefore() != null && page.evictedBefore() > afterSeq + 1) {
                        evicted.put(roomId, page.evictedBefore());
                    }
                    long last = afterSeq;
                    for (ObjectNode message : page.messages()) {
                        ObjectNode frame = mapper.createObjectNode().put("type", "message");
                        frame.setAll(message);
                        last = message.path("seq").asLong();
                        session.deliverMissed(roomId, last, out.bytes(frame));
                    }
                    int left = budget - page.messages().size();
                    if (page.hasMore() && clientResume && left <= 0) {
                        partial.put(roomId, last);
                        session.endCatchUpPartial(roomId);
                        metrics.counter("chat.gateway.resume.capped").increment();
                        return Uni.createFrom().voidItem();
                    }
                    if (page.hasMore()) {
                        return read(session, roomId, last, left, partial, evicted);
                    }
                    session.endCatchUp(roomId, clientResume);
                    return Uni.createFrom().voidItem();
                }).onFailure().recoverWithUni(failure -> abandon(session, roomId, failure));
    }

    /**
     * History could not be read, so this connection cannot deliver the room without a gap. Rather than go on
     * past the hole, it is closed: the client reconnects and resumes from what it has, and loses nothing.
     */
    private Uni<Void> abandon(ClientSession session, String roomId, Throwable failure) {
        Log.warnf("catch-up of room %s for %s failed (%s): closing it so the client resumes", roomId, session.id(), failure.toString());
        metrics.counter("chat.gateway.catchup.failed").increment();
        return out.error(session, ErrorCodes.SERVICE_UNAVAILABLE, "messages could not be caught up; reconnect and resume", "resume")
                .chain(() -> session.close(FAILED))
                .onFailure().recoverWithNull();
    }
}
