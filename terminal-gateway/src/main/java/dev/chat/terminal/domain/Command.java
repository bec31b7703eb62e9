package dev.chat.terminal.domain;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One line a terminal user typed: a command ({@code /name args}) or text for the current room. {@link #parse} never
 * throws; a line it cannot take is {@link Invalid}, with the line saying what would work.
 */
public sealed interface Command {

    /** The commands and how to use them, for /help and for every mistake. */
    Map<String, String> USAGE = Map.ofEntries(
            Map.entry("register", "/register name password email"),
            Map.entry("login", "/login name password"),
            Map.entry("join", "/join room [password] (a name with spaces in quotes: /join \"tea room\")"),
            Map.entry("leave", "/leave"),
            Map.entry("rooms", "/rooms"),
            Map.entry("who", "/who"),
            Map.entry("history", "/history [n | since ISO-time, e.g. 2026-12-01T09:00:00Z]"),
            Map.entry("msg", "/msg user text"),
            Map.entry("quit", "/quit"),
            Map.entry("help", "/help"));

    /** In the order /help lists them. */
    List<String> ORDER = List.of("register", "login", "join", "leave", "rooms", "who", "history", "msg", "help", "quit");

    /** The most messages /history shows at once. */
    int MAX_HISTORY = 200;

    record Register(String username, String password, String email) implements Command {
        @Override
        public String toString() {
            return "Register[" + username + "]";
        }
    }

    record Login(String username, String password) implements Command {
        @Override
        public String toString() {
            return "Login[" + username + "]";
        }
    }

    record Join(String room, String password) implements Command {
        @Override
        public String toString() {
            return "Join[" + room + "]";
        }
    }

    record Leave() implements Command {
    }

    record Rooms() implements Command {
    }

    record Who() implements Command {
    }

    /** The last {@code count} messages, or those since {@code since}. */
    record History(int count, Instant since) implements Command {
    }

    record Msg(String username, String text) implements Command {
    }

    record Quit() implements Command {
    }

    record Help() implements Command {
    }

    /** A line of text for the current room. */
    record Say(String text) implements Command {
    }

    /** Nothing to do (an empty line). */
    record Nothing() implements Command {
    }

    /** A line that is no command: {@code reply} says what would work. */
    record Invalid(String reply) implements Command {
    }

    /** The command a line asks for; the line is already stripped of control characters. */
    static Command parse(String line) {
        if (line.isBlank()) {
            return new Nothing();
        }
        if (!line.startsWith("/")) {
            return new Say(line);
        }
        if (line.startsWith("//")) {
            // A message that starts with a slash, as IRC clients send it.
            return new Say(line.substring(1));
        }
        String[] words = line.substring(1).trim().split("\\s+", 2);
        String name = words[0].toLowerCase(Locale.ROOT);
        String rest = words.length > 1 ? words[1].trim() : "";
        String[] args = rest.isEmpty() ? new String[0] : rest.split("\\s+");
        return switch (name) {
            case "register" -> args.length == 3 ? new Register(args[0], args[1], args[2]) : usage(name);
            case "login" -> args.length == 2 ? new Login(args[0], args[1]) : usage(name);
            case "join" -> join(rest);
            case "leave", "part" -> args.length == 0 ? new Leave() : usage("leave");
            case "rooms", "list" -> args.length == 0 ? new Rooms() : usage("rooms");
            case "who", "names" -> args.length == 0 ? new Who() : usage("who");
            case "history" -> history(args);
            case "msg" -> {
                String[] target = rest.split("\\s+", 2);
                yield target.length == 2 && !target[1].isBlank() ? new Msg(target[0], target[1].trim()) : usage(name);
            }
            case "quit", "exit" -> args.length <= 1 ? new Quit() : usage("quit");
            case "help" -> new Help();
            default -> new Invalid("unknown command /" + words[0] + "; the commands: " + String.join("  ", ORDER.stream()
                    .map(USAGE::get).toList()));
        };
    }

    /** {@code room [password]}, the room's name in double quotes when it has spaces; a leading # is no part of it. */
    private static Command join(String rest) {
        String room;
        String after;
        if (rest.startsWith("\"")) {
            int end = rest.indexOf('"', 1);
            if (end < 0) {
                return usage("join");
            }
            room = rest.substring(1, end).trim();
            after = rest.substring(end + 1).trim();
        } else {
            String[] words = rest.split("\\s+", 2);
            room = words[0];
            after = words.length > 1 ? words[1].trim() : "";
        }
        room = room.startsWith("#") ? room.substring(1) : room;
        if (room.isEmpty() || after.contains(" ")) {
            return usage("join");
        }
        return new Join(room, after.isEmpty() ? null : after);
    }

    private static Command history(String[] args) {
        if (args.length == 0) {
            return new History(50, null);
        }
        if (args.length == 1 && args[0].matches("\\d{1,4}")) {
            int count = Integer.parseInt(args[0]);
            return count >= 1 && count <= MAX_HISTORY ? new History(count, null)
                    : new Invalid("/history shows 1 to " + MAX_HISTORY + " messages; usage: " + USAGE.get("history"));
        }
        if (args.length == 2 && args[0].equalsIgnoreCase("since")) {
            try {
                return new History(MAX_HISTORY, Instant.parse(args[1]));
            } catch (DateTimeParseException e) {
                return new Invalid("not an ISO time: " + args[1] + "; usage: " + USAGE.get("history"));
            }
        }
        return usage("history");
    }

    private static Invalid usage(String name) {
        return new Invalid("usage: " + USAGE.get(name));
    }
}
