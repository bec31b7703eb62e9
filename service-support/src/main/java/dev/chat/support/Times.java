package dev.chat.support;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import io.vertx.mutiny.sqlclient.Row;

/** Time as the services store and send it: UTC instants at millisecond precision, the contract's timestamps. */
public final class Times {

    private Times() {
    }

    /** Now, to the millisecond: what is stored is what is sent, so a stored time compares equal to the one answered. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * A {@code timestamptz} column as an instant, to the millisecond like every time the contract shows (a row
     * written by SQL's {@code now()}, such as the general room's, holds microseconds); null stays null.
     */
    public static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** An instant as a {@code timestamptz} parameter; null stays null. */
    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
