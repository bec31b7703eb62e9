package dev.chat.chat.domain;

import java.util.List;

import dev.chat.contracts.Problem.FieldError;

/** What free text (messages, room names, topics) may hold: one rule for all three, apart from the rest of validation. */
public final class TextRules {

    private TextRules() {
    }

    /**
     * Free text (messages, room names, topics) as it may be stored. Control characters are refused, but newline and
     * tab (a carriage return becomes a newline): C0, DEL and C1 garble terminals and logs, and PostgreSQL refuses
     * NUL (which failed a whole batch of other people's sends); so are lone surrogates, which no encoding stores.
     * Bidirectional embeddings, overrides and isolates are taken out: they make a text display as something other
     * than what it says. Null, with an error for {@code field}, if refused.
     */
    public static String clean(String field, String text, List<FieldError> errors) {
        if (text.indexOf('\r') >= 0) {
            // Windows' and old Macs' line ends are line ends, not control characters to refuse.
            text = text.replace("\r\n", "\n").replace('\r', '\n');
        }
        StringBuilder kept = null;
        int i = 0;
        while (i < text.length()) {
            int c = text.codePointAt(i);
            if (isRefused(c)) {
                errors.add(new FieldError(field, "must not contain control characters (newline and tab are fine)"));
                return null;
            }
            if (isBidiControl(c)) {
                if (kept == null) {
                    kept = new StringBuilder(text.length()).append(text, 0, i);
                }
            } else if (kept != null) {
                kept.appendCodePoint(c);
            }
            i += Character.charCount(c);
        }
        return kept == null ? text : kept.toString();
    }

    private static boolean isRefused(int c) {
        return c < 0x20 && c != '\n' && c != '\t' || c >= 0x7F && c <= 0x9F || c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE;
    }

    /** U+202A-U+202E (embeddings and overrides) and U+2066-U+2069 (isolates). */
    private static boolean isBidiControl(int c) {
        return c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069;
    }
}
