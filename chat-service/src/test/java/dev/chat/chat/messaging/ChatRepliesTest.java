package dev.chat.chat.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.chat.service.Outcome;
import dev.chat.contracts.Problem.FieldError;
import dev.chat.contracts.ServiceReply;

class ChatRepliesTest {

    private final ChatReplies replies = new ChatReplies(new ObjectMapper());

    private void assertProblem(Outcome outcome, int status, String code) {
        ServiceReply reply = replies.toReply(outcome);
        assertEquals(status, reply.status(), outcome.toString());
        assertEquals(code, reply.body().get("code").asText(), outcome.toString());
        assertEquals(status, reply.body().get("status").asInt());
    }

    @Test
    void successesCarryTheirResult() {
        assertEquals(201, replies.toReply(new Outcome.Created(Map.of("id", "r"))).status());
        assertEquals("r", replies.toReply(new Outcome.Found(Map.of("id", "r"))).body().get("id").asText());
        assertEquals(202, replies.toReply(new Outcome.Pending(Map.of("status", "pending"))).status());
        ServiceReply done = replies.toReply(new Outcome.Done());
        assertEquals(204, done.status());
        assertNull(done.body());
    }

    @Test
    void refusalsBecomeTheContractsProblems() {
        assertProblem(new Outcome.Invalid(new FieldError("name", "is required")), 400, "validation_failed");
        assertProblem(new Outcome.Missing("no such room"), 404, "not_found");
        assertProblem(new Outcome.NotMember("you are not a member of this room"), 403, "not_a_member");
        assertProblem(new Outcome.NotOwner("only the owner"), 403, "not_room_owner");
        assertProblem(new Outcome.WrongPassword(), 403, "wrong_password");
        assertProblem(new Outcome.NameTaken("lobby"), 409, "room_name_taken");
        assertProblem(new Outcome.CannotLeave("general"), 409, "cannot_leave");
        assertProblem(new Outcome.RateLimited("at most 20 messages per 10 s"), 429, "rate_limited");
        assertProblem(new Outcome.Unauthenticated(), 401, "unauthorized");
        assertProblem(new Outcome.Unreadable("unreadable command"), 400, "validation_failed");
        assertProblem(new Outcome.Failed(), 500, "internal_error");
        assertEquals("name: is required", replies.toReply(new Outcome.Invalid(new FieldError("name", "is required"))).body()
                .get("detail").asText());
    }
}
