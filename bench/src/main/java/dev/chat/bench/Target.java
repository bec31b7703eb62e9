package dev.chat.bench;

import java.util.List;
import java.util.Map;

/** What the generator drives: our full pipeline or the peer. */
public interface Target extends AutoCloseable {

    String name();

    /** Users in rooms as the shape says; each plan is one connection. */
    List<ClientPlan> prepare(Shape shape) throws Exception;

    /** The processes that make up the target, by role, for CPU and memory accounting. */
    Map<String, List<ProcessHandle>> processes();

    /** Where a client of this plan connects. */
    String webSocketUri(ClientPlan plan);

    /** Where the time goes, from the target's own timers; empty when it has none. */
    default Map<String, Object> hops() {
        return Map.of();
    }

    String host();

    /** The port a client of this plan connects to (with several gateways, its own). */
    int port(ClientPlan plan);

    /** One connection: its user's token (none for the peer) and the room it sends to. */
    record ClientPlan(int index, String userId, String token, String roomId, List<String> roomIds) {
    }
}
