package dev.chat.terminal.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class FrameLinesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final FrameLines lines = new FrameLines(Map.of("r1", "#harbour", "d1", "@bob")::get, "https://chat.example");

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void aMessageIsAParticipantLine() throws Exception {
        assertEquals(List.of("[harbour] ann: hello"), lines.of(json(
                "{'type':'message','roomId':'r1','seq':3,'sender':{'id':'u','username':'ann'},'text':'hello','kind':'user'}")));
        assertEquals(List.of("[@bob] bob: psst"), lines.of(json(
                "{'type':'message','roomId':'d1','sender':{'username':'bob'},'text':'psst','kind':'user'}")));
        assertEquals(List.of("* [harbour] ann joined"), lines.of(json(
                "{'type':'message','roomId':'r1','sender':{'username':'ann'},'text':'ann joined','kind':'system'}")));
    }

    @Test
    void imagesShowAsLinks() throws Exception {
        assertEquals(List.of("[harbour] ann: [image 800x600: https://chat.example/api/attachments/a1]"), lines.of(json(
                "{'type':'message','roomId':'r1','sender':{'username':'ann'},'text':'','kind':'user',"
                        + "'attachments':[{'attachmentId':'a1','width':800,'height':600}]}")));
        assertEquals(List.of("[harbour] ann: look [image 1x2: https://chat.example/api/attachments/a2]"), lines.of(json(
                "{'type':'message','roomId':'r1','sender':{'username':'ann'},'text':'look','kind':'user',"
                        + "'attachments':[{'attachmentId':'a2','width':1,'height':2}]}")));
    }

    @Test
    void eventsAreSystemLinesAndTheRestShowNothing() throws Exception {
        assertEquals(List.of("* bob joined #harbour"), lines.of(json("{'type':'member','roomId':'r1','username':'bob','event':'joined'}")));
        assertEquals(List.of("* bob left #harbour"), lines.of(json("{'type':'member','roomId':'r1','username':'bob','event':'left'}")));
        assertEquals(List.of("* bob is online"), lines.of(json("{'type':'presence','username':'bob','status':'online'}")));
        assertEquals(List.of("* bob went offline"), lines.of(json("{'type':'presence','username':'bob','status':'offline'}")));
        assertEquals(List.of("* eve asks to join #harbour: approve or reject it on the web"),
                lines.of(json("{'type':'join-request','roomId':'r1','username':'eve'}")));
        assertEquals(List.of("* #harbour was deleted"), lines.of(json("{'type':'room','roomId':'r1','event':'deleted'}")));
        assertEquals(List.of("* you were logged out"), lines.of(json("{'type':'system','text':'you were logged out'}")));
        assertEquals(List.of(), lines.of(json("{'type':'typing','roomId':'r1','username':'bob'}")));
        assertEquals(List.of(), lines.of(json("{'type':'ack','clientMsgId':'c'}")));
        assertEquals(List.of("* #? message 4 was deleted"), lines.of(json("{'type':'message.deleted','roomId':'zz','seq':4}")));
    }

    @Test
    void whatAFrameCarriesCannotReachTheTerminalRaw() throws Exception {
        assertEquals(List.of("[harbour] mallory: pwned"), lines.of(json(
                "{'type':'message','roomId':'r1','sender':{'username':'mal\\u001b[2Jlory'},'text':'\\u001b]0;x\\u0007pwned',"
                        + "'kind':'user'}")));
    }
}
