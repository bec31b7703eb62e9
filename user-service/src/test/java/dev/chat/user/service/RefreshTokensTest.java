package dev.chat.user.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class RefreshTokensTest {

    @Test
    void tokensCarry256BitsInUrlSafeText() {
        String token = RefreshTokens.generate();
        assertEquals(43, token.length());
        assertFalse(token.contains("+") || token.contains("/") || token.contains("="));
    }

    @Test
    void tokensDoNotRepeat() {
        assertNotEquals(RefreshTokens.generate(), RefreshTokens.generate());
    }

    @Test
    void theHashIsStableAndNotTheToken() {
        String token = RefreshTokens.generate();
        assertArrayEquals(RefreshTokens.hash(token), RefreshTokens.hash(token));
        assertEquals(32, RefreshTokens.hash(token).length);
        assertFalse(Arrays.equals(RefreshTokens.hash(token), RefreshTokens.hash(token + "x")));
    }
}
