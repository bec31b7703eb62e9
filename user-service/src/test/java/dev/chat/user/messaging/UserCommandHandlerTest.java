package dev.chat.user.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.ServiceReply;
import dev.chat.support.Envelopes;
import dev.chat.user.service.AccountService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * What the handler answers before any account logic runs: unreadable commands, operations it does not own, calls
 * that need a caller. The account service here has nothing behind it, so a test that reached it would fail.
 */
class UserCommandHandlerTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final Envelopes envelopes = new Envelopes(mapper);
    private final UserCommandHandler handler = new UserCommandHandler(
            // No SignedCommands: answer() is what runs after the signature check.
            new AccountService(null, null, null, null, null, null, null, null, null), envelopes, new UserReplies(envelopes), mapper,
            null, new SimpleMeterRegistry());

    private ServiceReply answer(String payload) {
        return handler.answer(payload).await().atMost(Duration.ofSeconds(5));
    }

    private void assertProblem(ServiceReply reply, int status, String code, String detail) {
        assertEquals(status, reply.status());
        assertEquals(code, reply.body().get("code").asText());
        assertEquals(detail, reply.body().get("detail").asText());
    }

    @Test
    void garbageIsUnreadable() {
        assertProblem(answer("not json"), 400, "validation_failed", "unreadable command");
    }

    @Test
    void anUnknownOperationIsNamedAsItCame() {
        assertProblem(answer("{\"op\":\"users.explode\",\"body\":{}}"), 400, "validation_failed", "unknown operation users.explode");
        assertProblem(answer("{\"body\":{}}"), 400, "validation_failed", "unknown operation ");
    }

    @Test
    void anotherServicesOperationIsNotOurs() {
        // Known to the contract, but chat-service's: answered as unknown here, with or without a caller.
        assertProblem(answer("{\"op\":\"rooms.create\",\"body\":{}}"), 400, "validation_failed", "unknown operation rooms.create");
        assertProblem(answer("{\"op\":\"rooms.create\",\"caller\":{\"userId\":\"u\",\"username\":\"ann\",\"sessionId\":\"s\"}}"),
                400, "validation_failed", "unknown operation rooms.create");
    }

    @Test
    void usersCallsNeedACaller() {
        assertProblem(answer("{\"op\":\"users.me\"}"), 401, "unauthorized", "authentication required");
        assertProblem(answer("{\"op\":\"users.list\",\"body\":{\"query\":\"a\"}}"), 401, "unauthorized", "authentication required");
    }

    @Test
    void logoutWithoutACallerHasNoSessionToEnd() {
        assertProblem(answer("{\"op\":\"auth.logout\"}"), 401, "unauthorized", "no session to end");
    }

    @Test
    void invalidInputIsRefusedBeforeAnythingIsStored() {
        ServiceReply reply = answer("{\"op\":\"auth.register\",\"body\":[1,2]}");
        assertEquals(400, reply.status());
        assertEquals("body", reply.body().get("errors").get(0).get("field").asText());
        ServiceReply list = answer("{\"op\":\"users.list\",\"caller\":{\"userId\":\"u\",\"username\":\"ann\",\"sessionId\":\"s\"},"
                + "\"body\":{\"limit\":\"0\"}}");
        assertEquals(400, list.status());
        assertEquals("limit", list.body().get("errors").get(0).get("field").asText());
    }
}
