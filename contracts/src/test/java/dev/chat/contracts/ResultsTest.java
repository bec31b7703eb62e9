package dev.chat.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ResultsTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private JsonNode json(String text) throws Exception {
        return mapper.readTree(text.replace('\'', '"'));
    }

    @Test
    void aStoredMessageKeepsItsTimeAsTheServiceWroteIt() throws Exception {
        var stored = Results.StoredMessage.from(json("{'id':'m1','seq':42,'text':'hi','createdAt':'2026-12-01T15:05:59.670Z'}"));
        assertEquals(new Results.StoredMessage("m1", 42, "2026-12-01T15:05:59.670Z"), stored);
    }

    @Test
    void positionsAreReadInOrder() throws Exception {
        assertEquals(List.of(new Results.RoomPosition("a", 3), new Results.RoomPosition("b", 0)),
                Results.RoomPosition.listFrom(json("[{'roomId':'a','lastSeq':3},{'roomId':'b','lastSeq':0,'extra':1}]")));
    }

    @Test
    void aHistoryPageHoldsTheMessagesAsSent() throws Exception {
        var page = Results.HistoryPage.from(json("{'messages':[{'seq':1,'text':'a'},{'seq':2,'text':'b'}],'hasMore':true}"));
        assertTrue(page.hasMore());
        assertEquals("b", page.messages().get(1).get("text").asText());
        assertFalse(Results.HistoryPage.from(json("{'messages':[]}")).hasMore());
    }
}
