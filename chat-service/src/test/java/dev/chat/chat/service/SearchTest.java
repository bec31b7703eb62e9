package dev.chat.chat.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.contracts.ServiceReply;
import dev.chat.contracts.ServiceRequest.Caller;
import dev.chat.deploy.local.RealInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Full-text search: only in the caller's rooms now, ranked, paged, by prefix; deleted messages never found. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "service", value = "chat-service"))
class SearchTest {

    @Inject
    SearchService search;

    @Inject
    MessageService messages;

    @Inject
    MembershipService membership;

    @Inject
    ChatFixture chat;

    /** A word no other test writes, so the shared database's other messages never match. */
    private static String uniqueWord() {
        return "w" + UUID.randomUUID().toString().replace("-", "");
    }

    private ServiceReply search(Caller caller, Object... params) {
        return chat.result(search.search(caller, chat.json(params)));
    }

    private static List<String> texts(ServiceReply reply) {
        List<String> texts = new ArrayList<>();
        reply.body().get("messages").forEach(message -> texts.add(message.get("text").asText()));
        return texts;
    }

    @Test
    void findsOnlyInTheCallersRoomsAndNotOnceTheyLeft() {
        String word = uniqueWord();
        Caller owner = chat.newUser();
        Caller member = chat.newUser();
        Caller stranger = chat.newUser();
        String shared = chat.createRoom(owner, "public", null);
        String ownersOnly = chat.createRoom(owner, "public", null);
        String strangers = chat.createRoom(stranger, "public", null);
        chat.join(member, shared);
        long seq = chat.send(owner, shared, "m1", "the " + word + " is on friday").body().get("seq").asLong();
        chat.send(owner, ownersOnly, "m2", "another " + word + " here");
        chat.send(stranger, strangers, "m3", "a stranger's " + word);

        ServiceReply found = search(member, "q", word);
        assertEquals(200, found.status());
        assertEquals(List.of("the " + word + " is on friday"), texts(found));
        JsonNode hit = found.body().get("messages").get(0);
        assertEquals(shared, hit.get("roomId").asText());
        assertEquals(seq, hit.get("seq").asLong(), "the hit says where it is, so the client can jump there");
        assertEquals(2, search(owner, "q", word).body().get("messages").size());
        assertEquals(1, search(owner, "q", word, "roomId", ownersOnly).body().get("messages").size());
        assertEquals("not_a_member", search(member, "q", word, "roomId", ownersOnly).body().get("code").asText());

        assertTrue(chat.result(membership.leave(member, chat.json("roomId", shared))).status() < 300);
        assertEquals(List.of(), texts(search(member, "q", word)), "a member who left no longer finds the room's messages");
    }

    @Test
    void everyWordMustMatchTheLastAlsoAsAPrefixBestFirst() {
        String word = uniqueWord();
        Caller author = chat.newUser();
        String roomId = chat.createRoom(author, "public", null);
        chat.send(author, roomId, "m1", word + " deployment tonight");
        chat.send(author, roomId, "m2", word + " " + word + " deploy " + word);
        chat.send(author, roomId, "m3", word + " lunch");

        assertEquals(2, texts(search(author, "q", word + " DEPLO")).size(), "case-blind; the last word as a prefix");
        assertEquals(List.of(word + " lunch"), texts(search(author, "q", "lunch, " + word + "!")), "punctuation separates words");
        assertEquals(word + " " + word + " deploy " + word, texts(search(author, "q", word)).get(0), "the densest match ranks first");
    }

    @Test
    void deletedMessagesAreNeverFound() {
        String word = uniqueWord();
        Caller author = chat.newUser();
        String roomId = chat.createRoom(author, "public", null);
        long seq = chat.send(author, roomId, "m1", "secret " + word).body().get("seq").asLong();
        assertEquals(1, texts(search(author, "q", word)).size());
        chat.result(messages.delete(author, chat.json("roomId", roomId, "seq", seq)));
        assertEquals(List.of(), texts(search(author, "q", word)));
    }

    @Test
    void pagesComeByLimitAndOffset() {
        String word = uniqueWord();
        Caller author = chat.newUser();
        String roomId = chat.createRoom(author, "public", null);
        List<ServiceReply> sent = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            sent.add(chat.send(author, roomId, "p" + i, word + " number " + i));
            if (i % 10 == 9) {
                // The send budget (20 per 10 s in tests): another author for the rest.
                author = chat.newUser();
                chat.join(author, roomId);
            }
        }
        assertEquals(12, sent.stream().filter(reply -> reply.status() == 201).count());
        ServiceReply first = search(author, "q", word, "limit", 5);
        assertEquals(5, first.body().get("messages").size());
        assertTrue(first.body().get("hasMore").asBoolean());
        ServiceReply last = search(author, "q", word, "limit", "5", "offset", "10");
        assertEquals(2, last.body().get("messages").size());
        assertFalse(last.body().get("hasMore").asBoolean());
        assertEquals(List.of(word + " number 1", word + " number 0"), texts(last), "equal matches: newest first");
    }

    @Test
    void badSearchesAreRefusedFieldByField() {
        Caller caller = chat.newUser();
        for (Object[] bad : new Object[][] {{"q", "   "}, {"q", "?!  ..."}, {"q", "a b c d e f g h i"}, {"q", "x".repeat(201)},
            {"q", "ok", "limit", 51}, {"q", "ok", "offset", -1}, {"q", "ok", "roomId", "nope"}, {"limit", 5}}) {
            ServiceReply reply = search(caller, bad);
            assertEquals(400, reply.status(), List.of(bad).toString());
            assertEquals("validation_failed", reply.body().get("code").asText());
        }
    }
}
