package dev.chat.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class UuidV7Test {

    @Test
    void isVersion7WithTheRfcVariant() {
        UUID id = UuidV7.next();
        assertEquals(7, id.version());
        assertEquals(2, id.variant());
    }

    @Test
    void carriesItsCreationTime() {
        assertEquals(1_700_000_000_123L, UuidV7.timestampOf(UuidV7.at(1_700_000_000_123L)));
    }

    @Test
    void sortsByCreationTime() {
        UUID earlier = UuidV7.at(1_000);
        UUID later = UuidV7.at(2_000);
        assertTrue(earlier.toString().compareTo(later.toString()) < 0);
    }
}
