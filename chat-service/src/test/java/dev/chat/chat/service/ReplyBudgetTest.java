package dev.chat.chat.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.chat.domain.Message;
import dev.chat.chat.domain.RoomView;

class ReplyBudgetTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

    /** Items of exactly 100 bytes of JSON: a quoted string of 98 characters. */
    private static List<String> items(int count) {
        return IntStream.range(0, count).mapToObj(i -> String.format("%02d", i) + "x".repeat(96)).toList();
    }

    /** What a reply's record holds: JSON written as a string, in UTF-8. */
    private static int utf8(Object value) throws Exception {
        return MAPPER.writeValueAsString(value).getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void countsTheBytesTheRecordWillHold() throws Exception {
        ReplyBudget budget = new ReplyBudget(MAPPER, 1000);
        for (String text : List.of("plain", "caf\u00e9", "\u20ac", "\uD83D\uDE00\uD83D\uDE00", "nul \u0000 and bell \u0007", "c1 \u0085")) {
            assertEquals(utf8(text), budget.sizeOf(text), text);
        }
    }

    @Test
    void takesItemsWhileTheirJsonFits() {
        // 2 for the brackets, 101 per item with its comma: three fit in 305 bytes, not in 304.
        ReplyBudget budget = new ReplyBudget(MAPPER, 305);
        List<String> items = items(5);
        assertEquals(items.subList(0, 3), budget.first(items));
        assertEquals(items.subList(2, 5), budget.last(items));
        assertEquals(2, new ReplyBudget(MAPPER, 304).first(items).size());
        List<String> few = items(3);
        assertSame(few, budget.first(few), "all of a list that fits");
    }

    @Test
    void oneItemAlwaysGoesSoPagingMovesOn() {
        ReplyBudget tiny = new ReplyBudget(MAPPER, 10);
        assertEquals(items(3).subList(0, 1), tiny.first(items(3)));
        assertEquals(items(3).subList(2, 3), tiny.last(items(3)));
        assertEquals(List.of(), tiny.first(List.of()));
    }

    @Test
    void roomsPastTheBudgetLoseTheirLastMessageBeforeTheyAreLeftOut() throws Exception {
        Message longest = new Message(UUID.randomUUID(), UUID.randomUUID(), 1, new Message.Sender(UUID.randomUUID(), "ann"),
                "\uD83D\uDE00".repeat(4000), Message.USER, "c1", Instant.now());
        List<RoomView> rooms = IntStream.range(0, 40).mapToObj(i -> new RoomView(UUID.randomUUID(), "room " + i, null, "channel",
                "public", UUID.randomUUID(), Instant.now(), false, true, "member", 0L, 1L, 1L, longest, null, null, true, null)).toList();
        ReplyBudget budget = new ReplyBudget(MAPPER, 100_000);
        List<RoomView> kept = budget.rooms(rooms);
        assertEquals(40, kept.size(), "every room, some without a preview");
        assertNotNull(kept.get(0).lastMessage());
        assertNull(kept.get(39).lastMessage());
        long previews = kept.stream().filter(room -> room.lastMessage() != null).count();
        assertTrue(previews >= 4 && previews <= 5, "16 kB each: four or five fit beside the forty rooms, not " + previews);
        assertTrue(utf8(kept) > 80_000, "the budget is used, not wasted");
        assertTrue(kept.subList(0, (int) previews).stream().allMatch(room -> room.lastMessage() != null), "the first rooms keep theirs");
        assertTrue(utf8(kept) <= 100_000);
        List<RoomView> bare = new ReplyBudget(MAPPER, 2_000).rooms(rooms);
        assertTrue(bare.stream().allMatch(room -> room.lastMessage() == null));
        assertTrue(bare.size() > 1 && bare.size() < 40, "then rooms stop: " + bare.size());
        assertTrue(utf8(bare) <= 2_000);
    }
}
