package dev.chat.terminal.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The gateway's frames as a terminal shows them: participant lines {@code [room] name: text} (a direct conversation
 * is {@code [@name]}), everything else a system line starting with {@code *}. Frames a terminal has no use for (typing,
 * read markers, sketches, acks) show nothing. Every piece of text a frame carries goes through {@link TerminalText}.
 */
public final class FrameLines {

    private final Function<String, String> roomLabels;
    private final String gatewayUrl;

    /**
     * @param roomLabels a room id's label ({@code #name}, {@code @peer}), or null when the room is not known yet
     * @param gatewayUrl where images are read, for the links shown in their place
     */
    public FrameLines(Function<String, String> roomLabels, String gatewayUrl) {
        this.roomLabels = roomLabels;
        this.gatewayUrl = gatewayUrl;
    }

    /** The lines a frame shows, each ready for the terminal (no line end). */
    public List<String> of(JsonNode frame) {
        String type = frame.path("type").asText();
        return switch (type) {
            case "message" -> message(frame);
            case "member" -> member(frame);
            case "presence" -> List.of("* " + text(frame, "username") + ("online".equals(frame.path("status").asText())
                    ? " is online" : " went offline"));
            case "room" -> room(frame);
            case "join-request" -> List.of("* " + text(frame, "username") + " asks to join " + label(frame)
                    + ": approve or reject it on the web");
            case "system" -> List.of("* " + text(frame, "text"));
            case "error" -> List.of("* " + text(frame, "message"));
            case "message.edited" -> List.of("* " + label(frame) + " message " + frame.path("seq").asLong() + " was edited: "
                    + text(frame, "text"));
            case "message.deleted" -> List.of("* " + label(frame) + " message " + frame.path("seq").asLong() + " was deleted");
            default -> List.of();
        };
    }

    /** A message as a participant line: {@code [room] name: text}, its images as links after the text. */
    public List<String> message(JsonNode message) {
        // The contract's participant line: [room] name: text; a direct conversation is [@name].
        String label = label(message);
        String room = "[" + (label.startsWith("#") ? label.substring(1) : label) + "]";
        if ("system".equals(message.path("kind").asText())) {
            return List.of("* " + room + " " + text(message, "text"));
        }
        if (message.path("deleted").asBoolean(false)) {
            return List.of(room + " " + text(message.path("sender"), "username") + ": (deleted)");
        }
        StringBuilder line = new StringBuilder(room).append(' ').append(text(message.path("sender"), "username")).append(": ")
                .append(text(message, "text"));
        for (JsonNode image : message.path("attachments")) {
            line.append(line.charAt(line.length() - 2) == ':' ? "" : " ").append("[image ").append(image.path("width").asInt())
                    .append('x').append(image.path("height").asInt()).append(": ").append(gatewayUrl).append("/api/attachments/")
                    .append(TerminalText.shown(image.path("attachmentId").asText())).append(']');
        }
        if (message.hasNonNull("editedAt")) {
            line.append(" (edited)");
        }
        return List.of(line.toString());
    }

    private List<String> member(JsonNode frame) {
        boolean joined = "joined".equals(frame.path("event").asText());
        return List.of("* " + text(frame, "username") + (joined ? " joined " : " left ") + label(frame));
    }

    private List<String> room(JsonNode frame) {
        String room = label(frame);
        List<String> lines = new ArrayList<>();
        switch (frame.path("event").asText()) {
            case "deleted" -> lines.add("* " + room + " was deleted");
            case "updated" -> lines.add("* " + room + " changed: topic " + (frame.hasNonNull("topic")
                    ? "\u201c" + text(frame, "topic") + "\u201d" : "none"));
            case "evicted" -> lines.add("* " + room + ": older messages were removed by the room's retention");
            default -> {
            }
        }
        return lines;
    }

    private String label(JsonNode frame) {
        String roomId = frame.path("roomId").asText();
        return Optional.ofNullable(roomLabels.apply(roomId)).map(TerminalText::shown).orElse("#?");
    }

    private static String text(JsonNode node, String field) {
        return TerminalText.shown(node.path(field).asText(""));
    }
}
