package dev.chat.chat.domain;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import dev.chat.contracts.ChatEvent.Retention;
import dev.chat.contracts.GeneralRoom;

/**
 * A room as stored. {@code passwordHash} never leaves the service. {@code retention} is null when the room keeps
 * everything; {@code evictedThrough} is the highest seq its retention evicted (0: none); {@code systemLines} whether
 * joins, leaves and room changes are written into its timeline.
 */
public record Room(UUID id, String kind, String name, String topic, String visibility, String passwordHash, UUID ownerId,
        Instant createdAt, long lastSeq, Retention retention, long evictedThrough, boolean systemLines) {

    public static final UUID GENERAL_ID = GeneralRoom.ID;
    public static final String GENERAL = "general";
    public static final String CHANNEL = "channel";
    public static final String DIRECT = "direct";
    public static final String PUBLIC = "public";
    public static final String PRIVATE = "private";

    public static String keyOf(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** The one direct room of two users, whichever of them opens it. */
    public static String pairKey(UUID a, UUID b) {
        return a.compareTo(b) < 0 ? a + ":" + b : b + ":" + a;
    }

    public boolean isChannel() {
        return CHANNEL.equals(kind);
    }

    public boolean isPrivate() {
        return PRIVATE.equals(visibility);
    }

    /** The lowest seq still kept, once retention evicted anything; null otherwise. */
    public Long evictedBefore() {
        return evictedThrough > 0 ? evictedThrough + 1 : null;
    }
}
