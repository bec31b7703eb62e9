package dev.chat.gateway.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class ConnectionDrainTest {

    private static List<Integer> connections(int count) {
        return IntStream.range(0, count).boxed().toList();
    }

    @Test
    void everyConnectionIsInExactlyOneSliceInOrder() {
        List<List<Integer>> batches = ConnectionDrain.batches(connections(1003), Duration.ofSeconds(10));
        assertEquals(200, batches.size(), "one slice per 50 ms of a 10 s window");
        assertEquals(connections(1003), batches.stream().flatMap(List::stream).toList());
        assertTrue(batches.stream().allMatch(batch -> batch.size() == 5 || batch.size() == 6), "slices differ by at most one");
    }

    @Test
    void fewConnectionsGoOneATime() {
        List<List<Integer>> batches = ConnectionDrain.batches(connections(3), Duration.ofSeconds(10));
        assertEquals(List.of(List.of(0), List.of(1), List.of(2)), batches);
    }

    @Test
    void noWindowClosesEverythingAtOnce() {
        assertEquals(List.of(connections(40)), ConnectionDrain.batches(connections(40), Duration.ZERO));
    }
}
