package dev.chat.gateway.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.Operation;
import dev.chat.gateway.websocket.ClientFrame.Rejected;
import dev.chat.gateway.websocket.ClientFrame.Resume.Position;

class ClientFrameParserTest {

    private static final String ROOM = "0190f5e2-7c4e-7000-8000-000000000001";

    private final ClientFrameParser parser = new ClientFrameParser(new ObjectMapper(), 200, 10);

    private Rejected rejected(String raw) {
        return assertInstanceOf(Rejected.class, parser.parse(raw), raw);
    }

    @Test
    void readsEachFrameTypeIntoItsRecord() {
        assertEquals(new ClientFrame.Ping(), parser.parse("{\"type\":\"ping\"}"));
        assertEquals(new ClientFrame.Send(ROOM, "c1", "hello"),
                parser.parse("{\"type\":\"send\",\"roomId\":\"" + ROOM + "\",\"clientMsgId\":\"c1\",\"text\":\"hello\"}"));
        assertEquals(new ClientFrame.Read(ROOM, 7), parser.parse("{\"type\":\"read\",\"roomId\":\"" + ROOM + "\",\"seq\":7}"));
        assertEquals(new ClientFrame.Typing(ROOM), parser.parse("{\"type\":\"typing\",\"roomId\":\"" + ROOM + "\"}"));
        assertEquals(new ClientFrame.Resume(List.of(new Position("a", 3L), new Position("b", null))),
                parser.parse("{\"type\":\"resume\",\"positions\":{\"a\":3,\"b\":-1}}"));
        assertEquals(new ClientFrame.SketchResume(ROOM, 4),
                parser.parse("{\"type\":\"sketch.resume\",\"roomId\":\"" + ROOM + "\",\"afterSeq\":4}"));
    }

    @Test
    void aReactionNamesItsMessageAndEmojiAndIsOnUnlessSaidOtherwise() {
        assertEquals(new ClientFrame.React(ROOM, 3, "👍", true),
                parser.parse("{\"type\":\"react\",\"roomId\":\"" + ROOM + "\",\"seq\":3,\"emoji\":\"👍\"}"));
        assertEquals(new ClientFrame.React(ROOM, 3, "👍", false),
                parser.parse("{\"type\":\"react\",\"roomId\":\"" + ROOM + "\",\"seq\":3,\"emoji\":\"👍\",\"on\":false}"));
        for (String bad : new String[] {"{\"type\":\"react\",\"roomId\":\"" + ROOM + "\",\"emoji\":\"👍\"}",
                "{\"type\":\"react\",\"roomId\":\"" + ROOM + "\",\"seq\":3}",
                "{\"type\":\"react\",\"roomId\":\"" + ROOM + "\",\"seq\":3,\"emoji\":\"\"}",
                "{\"type\":\"react\",\"roomId\":\"" + ROOM + "\",\"seq\":3,\"emoji\":\"" + "x".repeat(33) + "\"}",
                "{\"type\":\"react\",\"roomId\":\"" + ROOM + "\",\"seq\":3,\"emoji\":\"👍\",\"on\":\"yes\"}"}) {
            Rejected rejected = rejected(bad);
            assertEquals("validation_failed", rejected.code(), bad);
            assertEquals("react", rejected.ref(), bad);
        }
    }

    @Test
    void editsAndDeletionsNameTheirMessageBySeq() {
        assertEquals(new ClientFrame.Edit(ROOM, 3, "fixed"),
                parser.parse("{\"type\":\"edit\",\"roomId\":\"" + ROOM + "\",\"seq\":3,\"text\":\"fixed\"}"));
        assertEquals(new ClientFrame.Delete(ROOM, 3), parser.parse("{\"type\":\"delete\",\"roomId\":\"" + ROOM + "\",\"seq\":3}"));
        for (String bad : new String[] {"{\"type\":\"edit\",\"roomId\":\"" + ROOM + "\",\"text\":\"no seq\"}",
                "{\"type\":\"edit\",\"roomId\":\"" + ROOM + "\",\"seq\":0,\"text\":\"seq 0\"}",
                "{\"type\":\"edit\",\"roomId\":\"" + ROOM + "\",\"seq\":\"3\",\"text\":\"seq as text\"}",
                "{\"type\":\"edit\",\"roomId\":\"" + ROOM + "\",\"seq\":3,\"text\":\"  \"}",
                "{\"type\":\"edit\",\"roomId\":\"" + ROOM + "\",\"seq\":3,\"text\":\"eleven chars\"}",
                "{\"type\":\"edit\",\"roomId\":\"nope\",\"seq\":3,\"text\":\"x\"}"}) {
            Rejected rejected = rejected(bad);
            assertEquals("validation_failed", rejected.code(), bad);
            assertEquals("edit", rejected.ref(), bad);
        }
        Rejected noSeq = rejected("{\"type\":\"delete\",\"roomId\":\"" + ROOM + "\"}");
        assertEquals("delete", noSeq.ref());
        assertEquals("validation_failed", noSeq.code());
    }

    @Test
    void sketchFramesCarryTheirOperationRoomAndRef() {
        String stroke = "{\"type\":\"sketch.stroke\",\"roomId\":\"" + ROOM + "\",\"strokeId\":\"s1\",\"points\":[[1,2],[3,4]]}";
        ClientFrame.Sketch parsed = assertInstanceOf(ClientFrame.Sketch.class, parser.parse(stroke));
        assertEquals(Operation.SKETCH_STROKE, parsed.op());
        assertEquals(ROOM, parsed.roomId());
        assertEquals("s1", parsed.ref());
        assertEquals(2, parsed.cost());
        ClientFrame.Sketch undo = assertInstanceOf(ClientFrame.Sketch.class,
                parser.parse("{\"type\":\"sketch.undo\",\"roomId\":\"" + ROOM + "\"}"));
        assertEquals(Operation.SKETCH_UNDO, undo.op());
        assertEquals("sketch.undo", undo.ref());
        assertEquals(ClientFrame.Sketch.EDIT_COST, undo.cost());
        ClientFrame.SketchDraw draw = assertInstanceOf(ClientFrame.SketchDraw.class, parser.parse("{\"type\":\"sketch.draw\",\"roomId\":\""
                + ROOM + "\",\"strokeId\":\"s3\",\"points\":[[1,1],[2,2],[3,3]]}"));
        assertEquals("s3", draw.ref());
        assertEquals(3, draw.cost());
        assertEquals(Operation.SKETCH_REDO, ((ClientFrame.Sketch) parser.parse("{\"type\":\"sketch.redo\",\"roomId\":\"" + ROOM
                + "\"}")).op());
        assertEquals(Operation.SKETCH_CLEAR, ((ClientFrame.Sketch) parser.parse("{\"type\":\"sketch.clear\",\"roomId\":\"" + ROOM
                + "\"}")).op());
    }

    @Test
    void aSketchFrameWithoutItsRoomOrSeqIsRejected() {
        Rejected noRoom = rejected("{\"type\":\"sketch.stroke\",\"strokeId\":\"s2\"}");
        assertEquals("validation_failed", noRoom.code());
        assertEquals("s2", noRoom.ref());
        assertEquals("sketch.resume", rejected("{\"type\":\"sketch.resume\",\"roomId\":\"" + ROOM + "\",\"afterSeq\":-1}").ref());
        assertEquals("sketch.resume", rejected("{\"type\":\"sketch.resume\",\"roomId\":\"" + ROOM + "\"}").ref());
    }

    @Test
    void framesThatAreNotTheContractsAreRejectedWithTheRightCode() {
        assertEquals("frame_too_large", rejected("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(300) + "\"}").code());
        assertEquals("invalid_frame", rejected("{not json").code());
        assertEquals("invalid_frame", rejected("[1,2]").code());
        assertEquals("invalid_frame", rejected("{\"type\":5}").code());
        Rejected unknown = rejected("{\"type\":\"dance\"}");
        assertEquals("unknown_type", unknown.code());
        assertEquals("dance", unknown.ref());
    }

    @Test
    void aSendCarriesItsAttachmentsAndMayThenHaveNoText() {
        String image = "0191c3a2-1111-7000-8000-000000000001";
        String other = "0191c3a2-1111-7000-8000-000000000002";
        String head = "{\"type\":\"send\",\"roomId\":\"" + ROOM + "\",\"clientMsgId\":\"c1\",";
        assertEquals(new ClientFrame.Send(ROOM, "c1", "look", List.of(image, other)),
                parser.parse(head + "\"text\":\"look\",\"attachments\":[\"" + image + "\",\"" + other + "\"]}"));
        assertEquals(new ClientFrame.Send(ROOM, "c1", "", List.of(image)),
                parser.parse(head + "\"attachments\":[\"" + image + "\"]}"), "an image alone");
        assertEquals(new ClientFrame.Send(ROOM, "c1", "", List.of(image)),
                parser.parse(head + "\"text\":\"\",\"attachments\":[\"" + image + "\"]}"));
        assertEquals("send needs a non-blank text", rejected(head + "\"text\":\"\",\"attachments\":null}").message());
        StringBuilder many = new StringBuilder("[");
        for (int i = 10; i <= 20; i++) {
            many.append(i == 10 ? "" : ",").append("\"0191c3a2-1111-7000-8000-0000000000").append(i).append("\"");
        }
        ClientFrameParser roomy = new ClientFrameParser(new ObjectMapper(), 4096, 10);
        for (String bad : List.of("[]", "\"" + image + "\"", "[\"nope\"]", "[\"" + image + "\",\"" + image + "\"]", "[1]",
                many + "]")) {
            Rejected refused = assertInstanceOf(Rejected.class, roomy.parse(head + "\"text\":\"x\",\"attachments\":" + bad + "}"));
            assertEquals("attachments are at most 10 different attachment ids (UUIDs)", refused.message(), bad);
            assertEquals("c1", refused.ref());
        }
    }

    @Test
    void aBadSendNamesWhatIsWrongAndAnswersItsClientMsgId() {
        Rejected noText = rejected("{\"type\":\"send\",\"roomId\":\"" + ROOM + "\",\"clientMsgId\":\"c9\",\"text\":\"  \"}");
        assertEquals("validation_failed", noText.code());
        assertEquals("c9", noText.ref());
        assertEquals("send needs a roomId (a UUID)",
                rejected("{\"type\":\"send\",\"roomId\":\"nope\",\"clientMsgId\":\"c9\",\"text\":\"hi\"}").message());
        assertEquals("send", rejected("{\"type\":\"send\",\"roomId\":\"" + ROOM + "\",\"text\":\"hi\"}").ref());
        assertEquals("text is at most 10 characters",
                rejected("{\"type\":\"send\",\"roomId\":\"" + ROOM + "\",\"clientMsgId\":\"c\",\"text\":\"12345678901\"}").message());
        assertEquals("read", rejected("{\"type\":\"read\",\"roomId\":\"" + ROOM + "\",\"seq\":1.5}").ref());
        assertEquals("resume", rejected("{\"type\":\"resume\",\"positions\":[]}").ref());
    }
}
