package dev.chat.chat.domain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What counts as a reaction: one emoji, as one user-perceived character (a grapheme cluster: 👍, 👍🏽, 👨‍👩‍👧, 🇫🇷, 1️⃣),
 * never text. Java 17 has no {@code Character.isEmoji}; the code points allowed here are the Unicode emoji blocks plus the
 * joiners, selectors and modifiers that combine them. Not the exact Unicode emoji list: a character from those blocks
 * that no font draws is let through, which costs nothing, while letters, digits alone, spaces and control characters
 * never are.
 */
public final class Emoji {

    /** No emoji sequence in use is longer (the longest family and flag-tag sequences are 7 to 10 code points). */
    public static final int MAX_CODE_POINTS = 10;

    private static final Pattern GRAPHEME = Pattern.compile("\\X");

    private Emoji() {
    }

    /** True if {@code text} is exactly one emoji. */
    public static boolean isSingle(String text) {
        if (text == null || text.isEmpty() || text.codePointCount(0, text.length()) > MAX_CODE_POINTS) {
            return false;
        }
        Matcher grapheme = GRAPHEME.matcher(text);
        if (!grapheme.find() || grapheme.end() != text.length()) {
            return false;
        }
        boolean pictograph = false;
        int[] codePoints = text.codePoints().toArray();
        for (int i = 0; i < codePoints.length; i++) {
            int c = codePoints[i];
            if (isPictograph(c)) {
                pictograph = true;
            } else if (isKeycapBase(c)) {
                // 0-9, # and * are emoji only as keycaps: followed by the keycap mark (with or without the selector).
                if (i != 0 || !endsAsKeycap(codePoints)) {
                    return false;
                }
                pictograph = true;
            } else if (!isCombining(c)) {
                return false;
            }
        }
        return pictograph;
    }

    private static boolean endsAsKeycap(int[] codePoints) {
        return codePoints[codePoints.length - 1] == 0x20E3;
    }

    private static boolean isKeycapBase(int c) {
        return c >= '0' && c <= '9' || c == '#' || c == '*';
    }

    /** Code points that are emoji on their own (with or without a presentation selector). */
    static boolean isPictograph(int c) {
        return c >= 0x1F000 && c <= 0x1FAFF && !isSkinTone(c) // mahjong to pictographs extended-A, regional indicators
                || c >= 0x2600 && c <= 0x27BF // miscellaneous symbols, dingbats
                || c >= 0x2300 && c <= 0x23FF // miscellaneous technical: ⌚ ⌛ ⏰ ...
                || c >= 0x2B00 && c <= 0x2BFF // arrows and stars: ⭐ ⬆ ...
                || c >= 0x2190 && c <= 0x21FF // arrows
                || c >= 0x25A0 && c <= 0x25FF // geometric shapes: ▶ ◀ ◻ ...
                || c == 0x00A9 || c == 0x00AE || c == 0x203C || c == 0x2049 || c == 0x2122 || c == 0x2139 || c == 0x24C2
                || c == 0x3030 || c == 0x303D || c == 0x3297 || c == 0x3299;
    }

    /** Skin tones modify the emoji before them; alone they are no reaction. */
    private static boolean isSkinTone(int c) {
        return c >= 0x1F3FB && c <= 0x1F3FF;
    }

    /** What joins or modifies a pictograph inside one emoji. */
    private static boolean isCombining(int c) {
        return c == 0x200D // zero-width joiner
                || c == 0xFE0F || c == 0xFE0E // presentation selectors
                || c == 0x20E3 // combining keycap
                || isSkinTone(c)
                || c >= 0xE0020 && c <= 0xE007F; // tags of subdivision flags
    }
}
