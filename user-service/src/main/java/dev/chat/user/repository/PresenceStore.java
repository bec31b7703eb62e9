package dev.chat.user.repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Who is connected where, in user-service's Redis. Each change is one Lua script, so two instances of this
 * service (or a sweep racing a reconnect) never both see the same user go online or offline.
 *
 * <p>Keys: {@code presence:conns:<user>} the user's open connections ("gateway connection");
 * {@code presence:gateway:<gateway>} the same connections by instance ("user connection"), for sweeping a dead
 * one; {@code presence:gateways} instances by last heartbeat (ms); {@code presence:online} users online;
 * {@code presence:leaving} users whose last connection closed, by the time they count as offline;
 * {@code presence:version:<user>} grows with every change of the user's presence, so readers can drop stale
 * news. (On a Redis cluster these keys would need one hash slot; this runs on a single Redis.)
 */
@ApplicationScoped
public class PresenceStore {

    static final String ONLINE = "presence:online";
    static final String LEAVING = "presence:leaving";
    static final String GATEWAYS = "presence:gateways";

    /** Returns the new presence version if the user just came online, 0 if they were online already. */
    private static final String CONNECT = """
            redis.call('ZADD', KEYS[4], ARGV[4], ARGV[5])
            redis.call('SADD', KEYS[2], ARGV[2])
            redis.call('SADD', KEYS[1], ARGV[1])
            if redis.call('ZREM', KEYS[6], ARGV[3]) == 1 then return 0 end
            if redis.call('SADD', KEYS[3], ARGV[3]) == 1 then return redis.call('INCR', KEYS[5]) end
            return 0
            """;

    /** Removes one connection; when it was the user's last, the user is leaving from ARGV[4] on. Returns 1 then. */
    private static final String DISCONNECT = """
            redis.call('SREM', KEYS[2], ARGV[2])
            if redis.call('SREM', KEYS[1], ARGV[1]) == 1 and redis.call('SCARD', KEYS[1]) == 0
                    and redis.call('SISMEMBER', KEYS[3], ARGV[3]) == 1 then
                redis.call('ZADD', KEYS[4], ARGV[4], ARGV[3])
                return 1
            end
            return 0
            """;

    /** The user's grace ended: offline (new version returned) unless a connection came back meanwhile (0). */
    private static final String LEAVE = """
            if redis.call('ZREM', KEYS[3], ARGV[1]) == 0 then return 0 end
            if redis.call('SCARD', KEYS[1]) > 0 then return 0 end
            if redis.call('SREM', KEYS[2], ARGV[1]) == 1 then return redis.call('INCR', KEYS[4]) end
            return 0
            """;

    private final ReactiveRedisDataSource redis;

    public PresenceStore(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    public Uni<Long> connect(String gatewayId, String connectionId, String userId, long nowMillis) {
        return script(CONNECT, List.of(conns(userId), gateway(gatewayId), ONLINE, GATEWAYS, version(userId), LEAVING),
                List.of(gatewayId + " " + connectionId, userId + " " + connectionId, userId, Long.toString(nowMillis), gatewayId));
    }

    /** True when this was the user's last connection: they count as offline from {@code offlineAtMillis}. */
    public Uni<Boolean> disconnect(String gatewayId, String connectionId, String userId, long offlineAtMillis) {
        return script(DISCONNECT, List.of(conns(userId), gateway(gatewayId), ONLINE, LEAVING),
                List.of(gatewayId + " " + connectionId, userId + " " + connectionId, userId, Long.toString(offlineAtMillis)))
                .map(result -> result == 1);
    }

    /** Ends a leaving user's grace: the new presence version if they are now offline, 0 if not. */
    public Uni<Long> leave(String userId) {
        return script(LEAVE, List.of(conns(userId), ONLINE, LEAVING, version(userId)), List.of(userId));
    }

    public Uni<Void> heartbeat(String gatewayId, long nowMillis) {
        return redis.execute("ZADD", GATEWAYS, Long.toString(nowMillis), gatewayId).replaceWithVoid();
    }

    /** Instances whose last heartbeat is older than the given time. */
    public Uni<List<String>> gatewaysSilentSince(long millis) {
        return redis.execute("ZRANGEBYSCORE", GATEWAYS, "-inf", "(" + millis).map(PresenceStore::strings);
    }

    /**
     * Claims a gone instance for this caller (only one sweeper gets true) and returns its connections as
     * [userId, connectionId] pairs; the caller then disconnects each.
     */
    public Uni<List<String[]>> claimGateway(String gatewayId) {
        return redis.execute("ZREM", GATEWAYS, gatewayId).chain(removed -> removed.toLong() == 0
                ? Uni.createFrom().item(List.<String[]>of())
                : redis.execute("SMEMBERS", gateway(gatewayId)).map(members -> {
                    List<String[]> connections = new ArrayList<>();
                    for (String member : strings(members)) {
                        connections.add(member.split(" ", 2));
                    }
                    return connections;
                }));
    }

    public Uni<Void> forgetGateway(String gatewayId) {
        return redis.execute("DEL", gateway(gatewayId)).replaceWithVoid();
    }

    /** Users whose grace after their last connection ended by the given time. */
    public Uni<List<String>> leavingBy(long millis) {
        return redis.execute("ZRANGEBYSCORE", LEAVING, "-inf", Long.toString(millis)).map(PresenceStore::strings);
    }

    public Uni<List<String>> onlineUsers() {
        return redis.execute("SMEMBERS", ONLINE).map(PresenceStore::strings);
    }

    /** Which of the given users are online. */
    public Uni<Set<String>> onlineAmong(Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        List<String> ids = List.copyOf(userIds);
        List<String> args = new ArrayList<>(ids.size() + 1);
        args.add(ONLINE);
        args.addAll(ids);
        return redis.execute("SMISMEMBER", args.toArray(String[]::new)).map(flags -> {
            Set<String> online = new java.util.HashSet<>();
            for (int i = 0; i < ids.size(); i++) {
                if (flags.get(i).toLong() == 1) {
                    online.add(ids.get(i));
                }
            }
            return online;
        });
    }

    private Uni<Long> script(String script, List<String> keys, List<String> args) {
        List<String> command = new ArrayList<>(2 + keys.size() + args.size());
        command.add(script);
        command.add(Integer.toString(keys.size()));
        command.addAll(keys);
        command.addAll(args);
        return redis.execute("EVAL", command.toArray(String[]::new)).map(Response::toLong);
    }

    private static List<String> strings(Response response) {
        List<String> values = new ArrayList<>(response.size());
        for (Response each : response) {
            values.add(each.toString());
        }
        return values;
    }

    private static String conns(String userId) {
        return "presence:conns:" + userId;
    }

    private static String gateway(String gatewayId) {
        return "presence:gateway:" + gatewayId;
    }

    private static String version(String userId) {
        return "presence:version:" + userId;
    }
}
