package dev.chat.chat.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmojiTest {

    @ParameterizedTest
    @ValueSource(strings = {"👍", "👍🏽", "❤️", "❤", "🎉", "👨‍👩‍👧", "🇫🇷", "1️⃣", "#⃣", "🏳️‍🌈", "⭐", "☕", "🏴󠁧󠁢󠁳󠁣󠁴󠁿"})
    void oneEmojiIsAReaction(String emoji) {
        assertTrue(Emoji.isSingle(emoji), emoji);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a", "ok", "1", "👍👍", "👍 ", " 👍", "👍a", "\u200D", "\uFE0F", "🏽", "\u0007", "<b>", "é",
        "12⃣", "\u202E👍"})
    void anythingElseIsNot(String text) {
        assertFalse(Emoji.isSingle(text), text);
    }

    @Test
    void nullIsNot() {
        assertFalse(Emoji.isSingle(null));
    }
}
