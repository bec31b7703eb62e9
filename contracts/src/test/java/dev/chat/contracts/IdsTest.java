package dev.chat.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void theCanonicalFormIsAnIdInEitherCase() {
        UUID id = UUID.fromString("0190f3a4-7b2c-7d4e-9f00-123456789abc");
        assertEquals(id, Ids.parse("0190f3a4-7b2c-7d4e-9f00-123456789abc"));
        assertEquals(id, Ids.parse("0190F3A4-7B2C-7D4E-9F00-123456789ABC"));
        assertTrue(Ids.isId(id.toString()));
    }

    @Test
    void shortGroupsAndOtherTextAreNot() {
        // UUID.fromString reads "1-1-1-1-1" as 00000001-0001-0001-0001-000000000001: a different text for the same id.
        assertNull(Ids.parse("1-1-1-1-1"));
        assertNull(Ids.parse("00000001-0001-0001-0001-0000000000001"));
        assertNull(Ids.parse("0190f3a4-7b2c-7d4e-9f00-123456789abg"));
        assertNull(Ids.parse("0190f3a47b2c7d4e9f00123456789abc0000"));
        assertNull(Ids.parse(""));
        assertNull(Ids.parse(null));
        assertFalse(Ids.isId("general"));
    }
}
