package dev.chat.terminal.domain;

/**
 * What may reach a terminal. Everything shown (messages, names, topics, notices) goes through {@link #shown}: a
 * message must not be able to move the cursor, clear the screen, change colours, set the window title or ring the
 * bell on someone's terminal. So escape sequences (CSI, OSC, DCS and the rest) are removed whole, and every other
 * control character (C0 but tab, DEL, C1), bidirectional override or isolate, and line or paragraph separator goes,
 * tabs becoming spaces. The services refuse most of these already (TextRules); this is the terminal's own guarantee,
 * whatever a service or an older message holds.
 */
public final class TerminalText {

    private static final char ESC = 0x1B;

    private TerminalText() {
    }

    /** {@code text} safe to print on one line of a terminal. */
    public static String shown(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ESC) {
                i = afterEscape(text, i + 1);
                continue;
            }
            if (c == 0x9B) {
                i = afterControlSequence(text, i + 1);
                continue;
            }
            if (c == 0x9D || c == 0x90 || c == 0x9E || c == 0x9F || c == 0x98) {
                i = afterString(text, i + 1);
                continue;
            }
            if (c == '\t' || c == '\n' || c == '\r') {
                out.append(' ');
            } else if (!isInvisibleControl(c)) {
                out.append(c);
            }
            i++;
        }
        return out.toString();
    }

    /** A line a terminal user typed, before it is sent: the same rule (arrow keys' sequences, stray escapes, gone). */
    public static String typed(String line) {
        return shown(line).strip();
    }

    private static boolean isInvisibleControl(char c) {
        return c < 0x20 || c == 0x7F || c >= 0x80 && c <= 0x9F
                || c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069 || c == 0x200E || c == 0x200F
                || c == 0x2028 || c == 0x2029 || c == 0x061C;
    }

    /** Past the escape sequence whose ESC was just before {@code i}. */
    private static int afterEscape(String text, int i) {
        if (i >= text.length()) {
            return i;
        }
        char next = text.charAt(i);
        if (next == '[') {
            return afterControlSequence(text, i + 1);
        }
        if (next == ']' || next == 'P' || next == '^' || next == '_' || next == 'X') {
            return afterString(text, i + 1);
        }
        // ESC followed by intermediates (0x20-0x2F) then one final byte: charset selection, keypad modes, resets.
        while (i < text.length() && text.charAt(i) >= 0x20 && text.charAt(i) <= 0x2F) {
            i++;
        }
        return Math.min(text.length(), i + 1);
    }

    /** Past a CSI sequence's parameters and intermediates and its final byte (0x40-0x7E). */
    private static int afterControlSequence(String text, int i) {
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c >= 0x40 && c <= 0x7E) {
                return i + 1;
            }
            if (c < 0x20 || c > 0x7E) {
                // Not part of a sequence: the sequence was cut short; what follows is judged on its own.
                return i;
            }
            i++;
        }
        return i;
    }

    /** Past an OSC, DCS, SOS, PM or APC string: up to BEL or ST (ESC \ or 0x9C), or the end. */
    private static int afterString(String text, int i) {
        while (i < text.length()) {
            char c = text.charAt(i++);
            if (c == 0x07 || c == 0x9C) {
                return i;
            }
            if (c == ESC && i < text.length() && text.charAt(i) == '\\') {
                return i + 1;
            }
        }
        return i;
    }
}
