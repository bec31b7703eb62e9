package dev.chat.chat.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import dev.chat.contracts.ChatEvent.Retention;

/** The texts of system lines: plain English, the same for every client (the web shows them as they are). */
public final class SystemLineTexts {

    private SystemLineTexts() {
    }

    public static String joined(String username) {
        return username + " joined";
    }

    public static String left(String username) {
        return username + " left";
    }

    public static String removed(String username, String owner) {
        return username + " was removed by " + owner;
    }

    /** What the owner changed, as one line; null when nothing a member would notice changed. */
    public static String changed(String owner, Room before, Room after) {
        List<String> changes = new ArrayList<>();
        if (!Objects.equals(before.topic(), after.topic())) {
            changes.add(after.topic() == null ? "cleared the topic" : "changed the topic to \u201c" + after.topic() + "\u201d");
        }
        if (!Objects.equals(before.retention(), after.retention())) {
            changes.add(retention(after.retention()));
        }
        if (!before.systemLines() && after.systemLines()) {
            changes.add("turned on lines for joins, leaves and room changes");
        }
        return changes.isEmpty() ? null : owner + " " + String.join("; ", changes);
    }

    private static String retention(Retention retention) {
        if (retention == null) {
            return "turned retention off: every message is kept";
        }
        Integer days = retention.maxAgeDays();
        Integer count = retention.maxMessages();
        String age = days == null ? null : days + (days == 1 ? " day" : " days");
        if (count == null) {
            return "set retention: messages are kept for " + age;
        }
        String newest = "only the newest " + String.format(Locale.ROOT, "%,d", count) + " messages are kept";
        return "set retention: " + newest + (age == null ? "" : ", for " + age + " at most");
    }
}
