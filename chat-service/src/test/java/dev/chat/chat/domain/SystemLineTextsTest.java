package dev.chat.chat.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.chat.contracts.ChatEvent.Retention;

class SystemLineTextsTest {

    private static Room room(String topic, Retention retention, boolean systemLines) {
        return new Room(UUID.randomUUID(), Room.CHANNEL, "garden", topic, Room.PUBLIC, null, UUID.randomUUID(), Instant.EPOCH, 0,
                retention, 0, systemLines);
    }

    @Test
    void eachChangeASettingsChangeMadeIsSaidOnceInOneLine() {
        Room before = room("old", null, true);
        assertEquals("ann changed the topic to \u201cnew\u201d", SystemLineTexts.changed("ann", before, room("new", null, true)));
        assertEquals("ann cleared the topic", SystemLineTexts.changed("ann", before, room(null, null, true)));
        assertEquals("ann set retention: messages are kept for 1 day",
                SystemLineTexts.changed("ann", before, room("old", new Retention(1, null), true)));
        assertEquals("ann set retention: only the newest 10,000 messages are kept, for 30 days at most",
                SystemLineTexts.changed("ann", before, room("old", new Retention(30, 10_000), true)));
        assertEquals("ann turned retention off: every message is kept",
                SystemLineTexts.changed("ann", room("old", new Retention(30, null), true), before));
        assertEquals("ann turned on lines for joins, leaves and room changes",
                SystemLineTexts.changed("ann", room("old", null, false), before));
        assertEquals("ann cleared the topic; set retention: only the newest 50 messages are kept",
                SystemLineTexts.changed("ann", before, room(null, new Retention(null, 50), true)));
    }

    @Test
    void nothingAMemberWouldNoticeSaysNothing() {
        Room room = room("same", new Retention(7, null), true);
        assertNull(SystemLineTexts.changed("ann", room, room("same", new Retention(7, null), true)));
        assertNull(SystemLineTexts.changed("ann", room, room("same", new Retention(7, null), false)), "turning them off writes none");
    }
}
