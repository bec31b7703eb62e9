package dev.chat.support;

import io.vertx.pgclient.PgException;

/** PostgreSQL failures that are answers rather than faults. */
public final class SqlErrors {

    private static final String UNIQUE_VIOLATION = "23505";

    private SqlErrors() {
    }

    /** A unique constraint refused the row: a name taken, a row that exists already. */
    public static boolean isUniqueViolation(Throwable failure) {
        return failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState());
    }
}
