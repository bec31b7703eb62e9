package dev.chat.user.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.exception.ConstraintViolationException;

import dev.chat.support.SqlErrors;
import dev.chat.support.Times;
import dev.chat.user.domain.User;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Accounts. Storing and finding one account goes through Hibernate Reactive Panache ({@link UserEntity}); each of
 * those needs a Vert.x duplicated context (a Kafka handler's, or {@code VertxContextSupport} in tests). The
 * directory search and the presence stamp stay SQL on the reactive client, see there why.
 */
@ApplicationScoped
public class UserRepository {

    private static final String COLUMNS = "id, username, email, password_hash, created_at, last_seen_at";

    private final Pool pool;

    public UserRepository(Pool pool) {
        this.pool = pool;
    }

    /** Stores the user; an empty result means the username (in any case) is taken. */
    public Uni<Optional<User>> insert(User user) {
        return Panache.withTransaction(() -> UserEntity.of(user).persist())
                .map(stored -> Optional.of(user))
                .onFailure(UserRepository::isUniqueViolation).recoverWithItem(Optional.empty());
    }

    public Uni<Optional<User>> findByUsername(String username) {
        return Panache.withSession(() -> UserEntity.<UserEntity>find("usernameKey", User.keyOf(username)).firstResult())
                .map(UserRepository::toUser);
    }

    public Uni<Optional<User>> findById(UUID id) {
        return Panache.withSession(() -> UserEntity.<UserEntity>findById(id)).map(UserRepository::toUser);
    }

    // The two searches are SQL: the online filter binds the whole Redis online set as one array parameter
    // (= any($3)), where HQL would expand an IN list to one parameter per online user (and trip over an empty one);
    // and the LIKE escaping of the prefix is plain here. Both stay side by side so they cannot drift apart.

    /** Users whose name starts with {@code prefix} (any case), by name. */
    public Uni<List<User>> search(String prefix, int limit) {
        return pool.preparedQuery("select " + COLUMNS + " from users where username_key like $1 order by username_key limit $2")
                .execute(Tuple.of(likePrefix(prefix), limit))
                .map(UserRepository::all);
    }

    /** Like {@link #search}, among the given users only ({@code among}) or all but them ({@code !among}). */
    public Uni<List<User>> search(String prefix, int limit, List<UUID> ids, boolean among) {
        String filter = among ? "id = any($3)" : "not (id = any($3))";
        return pool.preparedQuery("select " + COLUMNS + " from users where username_key like $1 and " + filter
                + " order by username_key limit $2")
                .execute(Tuple.of(likePrefix(prefix), limit, ids.toArray(UUID[]::new)))
                .map(UserRepository::all);
    }

    /**
     * Records a presence change; returns the user's name, empty if there is no such user. SQL, not Panache: one
     * {@code update ... returning} instead of a find and a flush, and it runs from the presence sweeper's timer,
     * which has no duplicated context for a Hibernate Reactive session.
     */
    public Uni<Optional<String>> touchLastSeen(UUID id, Instant at) {
        return pool.preparedQuery("update users set last_seen_at = $2 where id = $1 returning username")
                .execute(Tuple.of(id, Times.utc(at)))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString("username")));
    }

    /**
     * A unique constraint refused the row. On a flush Hibernate Reactive reports the driver's error as its own
     * {@link ConstraintViolationException} (the driver's exception is not kept as the cause), so
     * {@link SqlErrors#isUniqueViolation} alone does not see it.
     */
    static boolean isUniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConstraintViolationException violation) {
                return violation.getKind() == ConstraintViolationException.ConstraintKind.UNIQUE;
            }
            if (SqlErrors.isUniqueViolation(cause)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<User> toUser(UserEntity entity) {
        return Optional.ofNullable(entity).map(UserEntity::toUser);
    }

    private static String likePrefix(String prefix) {
        return User.keyOf(prefix).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static List<User> all(RowSet<Row> rows) {
        List<User> users = new ArrayList<>(rows.size());
        rows.forEach(row -> users.add(new User(row.getUUID("id"), row.getString("username"), row.getString("email"),
                row.getString("password_hash"), Times.instant(row, "created_at"), Times.instant(row, "last_seen_at"))));
        return users;
    }
}
