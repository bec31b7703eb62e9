package dev.chat.chat.domain;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import dev.chat.contracts.GeneralRoom;

/** A room as stored. {@code passwordHash} never leaves the service. */
public record Room(UUID id, String kind, String name, String topic, String visibility, String passwordHash, UUID ownerId,
        Instant createdAt, long lastSeq) {

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
}
