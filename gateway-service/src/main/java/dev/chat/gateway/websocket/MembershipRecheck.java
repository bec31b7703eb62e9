package dev.chat.gateway.websocket;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.Operation;
import dev.chat.contracts.Results.RoomPosition;
import dev.chat.gateway.config.GatewayConfig;
import dev.chat.gateway.messaging.ChatServiceClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Which rooms a connection receives is this gateway's routing state, kept current by membership events. Should one
 * be missed, or two race (a join and the welcome), that state is wrong until the connection ends. So every
 * {@code WS_MEMBERSHIP_CHECK_INTERVAL} each connection's rooms are asked again of chat-service, which owns membership:
 * a room the user has left stops (the connection gets the {@code member} "left" frame it missed), a room they are in
 * but were not followed starts from its newest message. A removed member thus stops receiving within one interval
 * even if the event that should have told this gateway was lost. Connections are spread over the interval.
 */
@ApplicationScoped
public class MembershipRecheck {

    private final SessionRegistry sessions;
    private final ChatServiceClient chat;
    private final FrameWriter out;
    private final MeterRegistry metrics;
    private final long intervalNanos;
    /** When each connection is next checked, by connection id. */
    private final Map<String, Long> due = new ConcurrentHashMap<>();

    public MembershipRecheck(SessionRegistry sessions, ChatServiceClient chat, FrameWriter out, GatewayConfig config,
            MeterRegistry metrics) {
        this.sessions = sessions;
        this.chat = chat;
        this.out = out;
        this.metrics = metrics;
        this.intervalNanos = config.websocket().membershipCheckInterval().toNanos();
    }

    void onStart(@Observes StartupEvent event, Vertx vertx) {
        long tick = Math.max(200, Math.min(1000, intervalNanos / 1_000_000 / 10));
        vertx.setPeriodic(tick, id -> checkDue(System.nanoTime()));
    }

    void checkDue(long now) {
        Set<String> open = new HashSet<>();
        for (ClientSession session : sessions.all()) {
            open.add(session.id());
            // A new connection's first check falls anywhere in the interval, so checks do not bunch after a restart.
            long next = due.computeIfAbsent(session.id(), id -> now + ThreadLocalRandom.current().nextLong(intervalNanos));
            if (now >= next && session.isReady()) {
                due.put(session.id(), now + intervalNanos);
                check(session);
            }
        }
        due.keySet().retainAll(open);
    }

    private void check(ClientSession session) {
        long versionAsked = session.membershipVersion();
        chat.call(Operation.ROOMS_POSITIONS, session.caller(), null, session.userId()).subscribe().with(reply -> {
            if (reply.isError() || sessions.byConnectionId(session.id()) != session) {
                // Busy or down: the routing state stays as it is until the next check. Closed: nothing to correct.
                return;
            }
            Map<String, Long> actual = new HashMap<>();
            for (RoomPosition position : RoomPosition.listFrom(reply.body())) {
                actual.put(position.roomId(), position.lastSeq());
            }
            reconcile(session, actual, versionAsked);
        }, failure -> Log.debugf("membership check of %s failed: %s", session.id(), failure));
    }

    /**
     * Brings the connection's rooms in line with {@code actual} (room id to its newest seq), unless a membership event
     * changed them since the question was asked: then the answer may be older than what the event said, and the next
     * check settles it.
     */
    void reconcile(ClientSession session, Map<String, Long> actual, long versionAsked) {
        synchronized (session) {
            if (session.membershipVersion() != versionAsked) {
                metrics.counter("chat.gateway.membership.check_superseded").increment();
                return;
            }
            correct(session, actual);
        }
    }

    private void correct(ClientSession session, Map<String, Long> actual) {
        for (String roomId : session.roomIds()) {
            if (!actual.containsKey(roomId)) {
                metrics.counter("chat.gateway.membership.corrected", "change", "left").increment();
                Log.debugf("%s no longer a member of %s: unfollowed", session.id(), roomId);
                out.send(session, new ChatEvent.MemberEvent(UUID.fromString(roomId), UUID.fromString(session.userId()),
                        session.caller().username(), ChatEvent.LEFT, null));
                sessions.unfollow(session, roomId);
            }
        }
        Set<String> followed = session.roomIds();
        actual.forEach((roomId, lastSeq) -> {
            if (!followed.contains(roomId)) {
                metrics.counter("chat.gateway.membership.corrected", "change", "joined").increment();
                sessions.follow(session, roomId, lastSeq);
            }
        });
    }
}
