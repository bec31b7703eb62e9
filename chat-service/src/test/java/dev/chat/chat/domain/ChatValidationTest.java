package dev.chat.chat.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chat.contracts.Problem.FieldError;

class ChatValidationTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text.replace('\'', '"'));
    }

    static List<String> fields(ChatValidation.Result<?> result) {
        return result.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void acceptsAChannel() throws Exception {
        var result = ChatValidation.newChannel(json("{'name':'  Café talk ','visibility':'private','password':'pw'}"));
        assertTrue(result.isValid());
        assertEquals("Café talk", result.value().name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "-dash-first", "General", "semi;colon"})
    void refusesBadChannelNames(String name) throws Exception {
        var body = (ObjectNode) json("{'visibility':'public'}");
        body.put("name", name);
        assertEquals(List.of("name"), fields(ChatValidation.newChannel(body)));
    }

    @Test
    void visibilityMustBePublicOrPrivate() throws Exception {
        assertEquals(List.of("visibility"), fields(ChatValidation.newChannel(json("{'name':'x','visibility':'secret'}"))));
        assertEquals(List.of("visibility"), fields(ChatValidation.newChannel(json("{'name':'x'}"))));
    }

    @Test
    void messageTextIsOneTo4000CharactersCountingCodePoints() throws Exception {
        String roomId = UUID.randomUUID().toString();
        var ok = MAPPER.createObjectNode().put("roomId", roomId).put("clientMsgId", "c1").put("text", "😀".repeat(4000));
        assertTrue(ChatValidation.newMessage(ok).isValid(), "4000 emoji are 4000 characters");
        var tooLong = ok.deepCopy().put("text", "x".repeat(4001));
        assertEquals(List.of("text"), fields(ChatValidation.newMessage(tooLong)));
        var blank = ok.deepCopy().put("text", "   ");
        assertEquals(List.of("text"), fields(ChatValidation.newMessage(blank)));
    }

    @Test
    void messageNeedsARoomIdAndAClientMsgId() throws Exception {
        var result = ChatValidation.newMessage(json("{'roomId':'nope','clientMsgId':'has space','text':'hi'}"));
        assertEquals(List.of("roomId", "clientMsgId"), fields(result));
        assertEquals(List.of("roomId", "clientMsgId", "text"), fields(ChatValidation.newMessage(json("{}"))));
        assertEquals(List.of("body"), fields(ChatValidation.newMessage(json("[]"))));
    }

    @Test
    void historyParametersAcceptStringsFromQueryParameters() throws Exception {
        String roomId = UUID.randomUUID().toString();
        var result = ChatValidation.historyQuery(
                json("{'roomId':'" + roomId + "','afterSeq':'5','limit':'10','since':'2026-11-22T10:00:00Z'}"), 50, 200);
        assertTrue(result.isValid());
        assertEquals(5L, result.value().afterSeq());
        assertEquals(10, result.value().limit());
        assertNull(result.value().beforeSeq());
    }

    @Test
    void historyRefusesBadParameters() throws Exception {
        String roomId = UUID.randomUUID().toString();
        var result = ChatValidation.historyQuery(
                json("{'roomId':'" + roomId + "','afterSeq':-1,'limit':201,'until':'yesterday'}"), 50, 200);
        assertEquals(List.of("afterSeq", "until", "limit"), fields(result));
        assertEquals(50, ChatValidation.historyQuery(json("{'roomId':'" + roomId + "'}"), 50, 200).value().limit());
    }
    @ParameterizedTest
    @ValueSource(strings = {"nul \u0000 inside", "bell \u0007", "escape \u001b[31m", "del \u007f",
        "c1 \u0085 next line", "c1 \u009b csi", "lone \ud800 surrogate"})
    void messageTextRefusesControlCharactersButNewlineAndTab(String text) {
        var body = MAPPER.createObjectNode().put("roomId", UUID.randomUUID().toString()).put("clientMsgId", "c1").put("text", text);
        var result = ChatValidation.newMessage(body);
        assertEquals(List.of("text"), fields(result));
        var fine = body.deepCopy().put("text", "line one\n\tindented \uD83D\uDE00");
        assertTrue(ChatValidation.newMessage(fine).isValid());
    }

    @Test
    void carriageReturnsAreLineEnds() {
        var body = MAPPER.createObjectNode().put("roomId", UUID.randomUUID().toString()).put("clientMsgId", "c1")
                .put("text", "one\r\ntwo\rthree");
        var result = ChatValidation.newMessage(body);
        assertTrue(result.isValid());
        assertEquals("one\ntwo\nthree", result.value().text());
    }

    @Test
    void bidirectionalOverridesAreStrippedAndOnlyThemIsBlank() {
        var body = MAPPER.createObjectNode().put("roomId", UUID.randomUUID().toString()).put("clientMsgId", "c1")
                .put("text", "\u202Eevil\u202C and \u2066isolated\u2069 \u202A\u202B\u202D\u2067\u2068");
        var result = ChatValidation.newMessage(body);
        assertTrue(result.isValid());
        assertEquals("evil and isolated ", result.value().text());
        var onlyOverrides = body.deepCopy().put("text", " \u202E\u2066 ");
        assertEquals(List.of("text"), fields(ChatValidation.newMessage(onlyOverrides)));
    }

    @Test
    void roomNamesAndTopicsFollowTheSameTextRules() throws Exception {
        var body = (ObjectNode) json("{'visibility':'public'}");
        body.put("name", "\u202Eroom\u202C one").put("topic", "about \u2066this\u2069");
        var result = ChatValidation.newChannel(body);
        assertTrue(result.isValid());
        assertEquals("room one", result.value().name());
        assertEquals("about this", result.value().topic());
        assertEquals(List.of("name"), fields(ChatValidation.newChannel(body.deepCopy().put("name", "\u202E\u2066"))));
        assertEquals(List.of("topic"), fields(ChatValidation.newChannel(body.deepCopy().put("topic", "nul \u0000"))));
        assertEquals(List.of("topic"), fields(ChatValidation.newChannel(body.deepCopy().put("topic", "c1 \u0090"))));
        assertTrue(ChatValidation.newChannel(body.deepCopy().put("topic", "two\nlines\tand a tab")).isValid());
    }
}
