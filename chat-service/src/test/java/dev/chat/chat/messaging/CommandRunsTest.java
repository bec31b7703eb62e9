package dev.chat.chat.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Commands are named by letter: s for a send, anything else for another command. */
class CommandRunsTest {

    static List<List<String>> split(String... commands) {
        return CommandRuns.split(List.of(commands), c -> c.startsWith("s"));
    }

    @Test
    void consecutiveSendsMakeOneStep() {
        assertEquals(List.of(List.of("s1", "s2", "s3")), split("s1", "s2", "s3"));
    }

    @Test
    void anyOtherCommandIsAStepOfItsOwnAndEndsARun() {
        assertEquals(List.of(List.of("s1", "s2"), List.of("join"), List.of("s3"), List.of("read"), List.of("read")),
                split("s1", "s2", "join", "s3", "read", "read"));
    }

    @Test
    void orderAndEveryCommandAreKept() {
        assertEquals(List.of(List.of("join"), List.of("s1"), List.of("leave"), List.of("s2", "s3")),
                split("join", "s1", "leave", "s2", "s3"));
        assertEquals(List.of(), split());
    }
}
