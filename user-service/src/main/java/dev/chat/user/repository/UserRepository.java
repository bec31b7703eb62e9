package dev.chat.user.repository;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.user.domain.User;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

@ApplicationScoped
public class UserRepository {

    private static final String COLUMNS = "id, username, email, password_hash, created_at, last_seen_at";
    private static final String UNIQUE_VIOLATION = "23505";

    private final Pool pool;

    public UserRepository(Pool pool) {
        this.pool = pool;
    }

    /** Stores the user; an empty result means the username (in any case) is taken. */
    public Uni<Optional<User>> insert(User user) {
        return pool.preparedQuery("insert into users (id, username, username_key, email, password_hash, created_at) "
                + "values ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.of(user.id(), user.username(), User.keyOf(user.username()), user.email(),
                        user.passwordHash(), user.createdAt().atOffset(ZoneOffset.UTC)))
                .map(rows -> Optional.of(user))
                .onFailure(e -> e instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState()))
                .recoverWithItem(Optional.empty());
    }

    public Uni<Optional<User>> findByUsername(String username) {
        return pool.preparedQuery("select " + COLUMNS + " from users where username_key = $1")
                .execute(Tuple.of(User.keyOf(username)))
                .map(UserRepository::first);
    }

    public Uni<Optional<User>> findById(UUID id) {
        return pool.preparedQuery("select " + COLUMNS + " from users where id = $1")
                .execute(Tuple.of(id))
                .map(UserRepository::first);
    }

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

    /** Records a presence change; returns the user's name, empty if there is no such user. */
    public Uni<Optional<String>> touchLastSeen(UUID id, Instant at) {
        return pool.preparedQuery("update users set last_seen_at = $2 where id = $1 returning username")
                .execute(Tuple.of(id, at.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString("username")));
    }

    private static String likePrefix(String prefix) {
        return User.keyOf(prefix).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static Optional<User> first(RowSet<Row> rows) {
        var iterator = rows.iterator();
        return iterator.hasNext() ? Optional.of(toUser(iterator.next())) : Optional.empty();
    }

    private static List<User> all(RowSet<Row> rows) {
        List<User> users = new ArrayList<>(rows.size());
        rows.forEach(row -> users.add(toUser(row)));
        return users;
    }

    static User toUser(Row row) {
        return new User(row.getUUID("id"), row.getString("username"), row.getString("email"),
                row.getString("password_hash"), instant(row, "created_at"), instant(row, "last_seen_at"));
    }

    static Instant instant(Row row, String column) {
        var value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
