package dev.chat.terminal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class LiveFramesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ME = "u-me";

    private final List<String> shown = new ArrayList<>();
    private LiveFrames live;

    @BeforeEach
    void session() {
        // No gateway behind it: the frames below are all ones this connection answers without a call.
        TerminalSession session = new TerminalSession(new TerminalSession.Terminal() {
            @Override
            public void line(String text) {
                shown.add(text);
            }

            @Override
            public void close() {
            }
        }, null, null, "https://chat.example", "203.0.113.9");
        session.labels().put("r1", "#harbour");
        live = session.live();
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void ownMessagesAreNotShownAgainButTheSameTextFromTheWebIs() throws Exception {
        live.sending("t1");
        live.on(json("{'type':'message','roomId':'r1','clientMsgId':'t1','sender':{'id':'u-me','username':'me'},'text':'hi',"
                + "'kind':'user'}"), ME);
        // The same user typing on the web: another clientMsgId, so it is shown.
        live.on(json("{'type':'message','roomId':'r1','clientMsgId':'w9','sender':{'id':'u-me','username':'me'},'text':'hi',"
                + "'kind':'user'}"), ME);
        live.on(json("{'type':'message','roomId':'r1','clientMsgId':'x','sender':{'id':'u-ann','username':'ann'},"
                + "'text':'hello','kind':'user'}"), ME);
        assertEquals(List.of("[harbour] me: hi", "[harbour] ann: hello"), shown);
    }

    @Test
    void aRefusedSendIsSaidAsNotSentOnceAndAnyOtherErrorAsItIs() throws Exception {
        live.sending("t2");
        live.on(json("{'type':'error','ref':'t2','code':'rate_limited','message':'slow down'}"), ME);
        live.on(json("{'type':'error','ref':'t2','code':'rate_limited','message':'slow down'}"), ME);
        assertEquals(List.of("* not sent: slow down", "* slow down"), shown);
    }

    @Test
    void ownJoinAskedForHereAndMembersOfUnknownRoomsSayNothing() throws Exception {
        live.joining("r2");
        live.on(json("{'type':'member','roomId':'r2','userId':'u-me','username':'me','event':'joined'}"), ME);
        live.on(json("{'type':'member','roomId':'d7','userId':'u-bob','username':'bob','event':'joined'}"), ME);
        assertEquals(List.of(), shown);
    }

    @Test
    void theLastSeqSeenInEachRoomIsWhereAResumeStartsAndACutShortOneIsSaid() throws Exception {
        live.seen("r1", 4);
        live.on(json("{'type':'message','roomId':'r1','seq':7,'clientMsgId':'x','sender':{'id':'u-ann','username':'ann'},"
                + "'text':'hello','kind':'user'}"), ME);
        live.sending("t3");
        // One's own message is not shown again, but its seq counts.
        live.on(json("{'type':'message','roomId':'r1','seq':8,'clientMsgId':'t3','sender':{'id':'u-me','username':'me'},"
                + "'text':'mine','kind':'user'}"), ME);
        live.seen("r1", 5);
        assertEquals(Map.of("r1", 8L), live.positions());
        live.on(json("{'type':'resumed','partial':{'r1':1008}}"), ME);
        assertEquals(List.of("[harbour] ann: hello", "* more was said in #harbour while you were away: /history shows it"), shown);
    }
}
