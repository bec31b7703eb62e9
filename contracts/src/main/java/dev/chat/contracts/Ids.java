package dev.chat.contracts;

import java.util.UUID;

/** Ids as clients write them: only the canonical 36-character UUID form is one, in either case. */
public final class Ids {

    private static final int CANONICAL_LENGTH = 36;

    private Ids() {
    }

    /**
     * The id the text names, or null when it names none. {@link UUID#fromString} alone also takes short groups
     * ("1-1-1-1-1") and reads them as another id, so the text must be the canonical form of what it parsed to.
     */
    public static UUID parse(String text) {
        if (text == null || text.length() != CANONICAL_LENGTH) {
            return null;
        }
        try {
            UUID parsed = UUID.fromString(text);
            return parsed.toString().equalsIgnoreCase(text) ? parsed : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public static boolean isId(String text) {
        return parse(text) != null;
    }
}
