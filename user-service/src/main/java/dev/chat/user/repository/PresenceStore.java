package dev.chat.user.repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
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
 * news; {@code presence:gone:<gateway>} marks an instance taken as gone (an hour), whose late signals are ignored.
 * (On a Redis cluster these keys would need one hash slot; this runs on a single Redis.)
 */
@ApplicationScoped
public class PresenceStore {

    static final String ONLINE = "presence:online";
    static final String LEAVING = "presence:leaving";
    static final String GATEWAYS = "presence:gateways";

    /**
     * The next presence version: above the last one and at least the current time in ms, so versions keep
     * growing even if Redis restarts without the counter (readers drop anything not newer than what they have).
     */
    private static final String NEXT_VERSION = """
            local function next_version(key, now)
                local v = math.max((tonumber(redis.call('GET', key)) or 0) + 1, tonumber(now))
                redis.call('SET', key, v)
                return v
            end
            """;

    /**
     * Returns the new presence version if the user just came online, 0 if they were online already, -1 if the
     * instance was already taken as gone (a late signal from it changes nothing).
     */
    private static final String CONNECT = NEXT_VERSION + """
            if redis.call('EXISTS', KEYS[7]) == 1 then return -1 end
            redis.call('ZADD', KEYS[4], ARGV[4], ARGV[5])
            redis.call('SADD', KEYS[2], ARGV[2])
            redis.call('SADD', KEYS[1], ARGV[1])
            if redis.call('ZREM', KEYS[6], ARGV[3]) == 1 then return 0 end
            if redis.call('SADD', KEYS[3], ARGV[3]) == 1 then return next_version(KEYS[5], ARGV[4]) end
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

    /**
     * The user's grace ended by ARGV[2]: offline (new version returned) unless a connection came back
     * meanwhile, or they left again later and their new grace still runs (0).
     */
    private static final String LEAVE = NEXT_VERSION + """
            local ends = redis.call('ZSCORE', KEYS[3], ARGV[1])
            if not ends or tonumber(ends) > tonumber(ARGV[2]) then return 0 end
            redis.call('ZREM', KEYS[3], ARGV[1])
            if redis.call('SCARD', KEYS[1]) > 0 then return 0 end
            if redis.call('SREM', KEYS[2], ARGV[1]) == 1 then return next_version(KEYS[4], ARGV[2]) end
            return 0
            """;

    /** A live instance's heartbeat; ignored from one already taken as gone. */
    private static final String HEARTBEAT = """
            if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
            redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
            return 1
            """;

    /**
     * Takes a gone instance off the books in one step: each of its connections is removed and users left
     * without one start their grace (until ARGV[2]). It is remembered as gone for an hour, so a late or
     * replayed signal from it cannot bring it back. With ARGV[3] = 'if-silent', only if it is still listed
     * (two sweepers: one does it). Returns how many connections it had. Users' keys are built here from the
     * members, which is fine on a single Redis (not on a cluster).
     */
    private static final String DROP_GATEWAY = """
            if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 and ARGV[3] == 'if-silent' then return 0 end
            redis.call('SET', KEYS[3], '1', 'EX', 3600)
            local members = redis.call('SMEMBERS', KEYS[2])
            for _, member in ipairs(members) do
                local space = string.find(member, ' ', 1, true)
                local user = string.sub(member, 1, space - 1)
                local connection = string.sub(member, space + 1)
                local conns = 'presence:conns:' .. user
                if redis.call('SREM', conns, ARGV[1] .. ' ' .. connection) == 1 and redis.call('SCARD', conns) == 0
                        and redis.call('SISMEMBER', KEYS[4], user) == 1 then
                    redis.call('ZADD', KEYS[5], ARGV[2], user)
                end
            end
            redis.call('DEL', KEYS[2])
            return #members
            """;

    private final ReactiveRedisDataSource redis;

    public PresenceStore(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    public Uni<Long> connect(String gatewayId, String connectionId, String userId, long nowMillis) {
        return script(CONNECT, List.of(conns(userId), gateway(gatewayId), ONLINE, GATEWAYS, version(userId), LEAVING, gone(gatewayId)),
                List.of(gatewayId + " " + connectionId, userId + " " + connectionId, userId, Long.toString(nowMillis), gatewayId));
    }

    /** True when this was the user's last connection: they count as offline from {@code offlineAtMillis}. */
    public Uni<Boolean> disconnect(String gatewayId, String connectionId, String userId, long offlineAtMillis) {
        return script(DISCONNECT, List.of(conns(userId), gateway(gatewayId), ONLINE, LEAVING),
                List.of(gatewayId + " " + connectionId, userId + " " + connectionId, userId, Long.toString(offlineAtMillis)))
                .map(result -> result == 1);
    }

    /** Ends a leaving user's grace: the new presence version if they are now offline, 0 if not. */
    public Uni<Long> leave(String userId, long nowMillis) {
        return script(LEAVE, List.of(conns(userId), ONLINE, LEAVING, version(userId)), List.of(userId, Long.toString(nowMillis)));
    }

    public Uni<Void> heartbeat(String gatewayId, long nowMillis) {
        return script(HEARTBEAT, List.of(GATEWAYS, gone(gatewayId)), List.of(Long.toString(nowMillis), gatewayId)).replaceWithVoid();
    }

    /**
     * Takes a gone instance's connections off the books, atomically; {@code onlyIfSilent}: only if no other
     * sweeper did it first. Returns how many connections it had.
     */
    public Uni<Long> dropGateway(String gatewayId, long offlineAtMillis, boolean onlyIfSilent) {
        return script(DROP_GATEWAY, List.of(GATEWAYS, gateway(gatewayId), gone(gatewayId), ONLINE, LEAVING),
                List.of(gatewayId, Long.toString(offlineAtMillis), onlyIfSilent ? "if-silent" : "always"));
    }

    /** Instances whose last heartbeat is older than the given time. */
    public Uni<List<String>> gatewaysSilentSince(long millis) {
        return redis.execute("ZRANGEBYSCORE", GATEWAYS, "-inf", "(" + millis).map(PresenceStore::strings);
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
            Set<String> online = new HashSet<>();
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

    private static String gone(String gatewayId) {
        return "presence:gone:" + gatewayId;
    }

    private static String version(String userId) {
        return "presence:version:" + userId;
    }
}
