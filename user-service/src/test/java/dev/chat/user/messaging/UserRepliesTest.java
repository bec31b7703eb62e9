package dev.chat.user.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.Problem.FieldError;
import dev.chat.contracts.ServiceReply;
import dev.chat.support.Envelopes;
import dev.chat.user.service.AccountOutcome;
import dev.chat.user.service.AccountOutcome.Created;
import dev.chat.user.service.AccountOutcome.Done;
import dev.chat.user.service.AccountOutcome.Invalid;
import dev.chat.user.service.AccountOutcome.InvalidCredentials;
import dev.chat.user.service.AccountOutcome.InvalidRefreshToken;
import dev.chat.user.service.AccountOutcome.NoSession;
import dev.chat.user.service.AccountOutcome.NotFound;
import dev.chat.user.service.AccountOutcome.Ok;
import dev.chat.user.service.AccountOutcome.Throttled;
import dev.chat.user.service.AccountOutcome.UsernameTaken;

/** The statuses and problem codes the gateways (and through them the clients) get for each outcome. */
class UserRepliesTest {

    /** Every outcome with the status and code it must answer with (null: a result, no problem). */
    private static final List<Expected> EXPECTED = List.of(
            new Expected(new Ok(Map.of("id", "u1")), 200, null),
            new Expected(new Created(Map.of("id", "u1")), 201, null),
            new Expected(new Done(), 204, null),
            new Expected(new Invalid(List.of(new FieldError("username", "is required"))), 400, "validation_failed"),
            new Expected(new UsernameTaken("Alice"), 409, "username_taken"),
            new Expected(new InvalidCredentials(), 401, "invalid_credentials"),
            new Expected(new Throttled(), 429, "rate_limited"),
            new Expected(new InvalidRefreshToken(), 401, "invalid_refresh_token"),
            new Expected(new NoSession(), 401, "unauthorized"),
            new Expected(new NotFound("your account no longer exists"), 404, "not_found"));

    private final UserReplies replies = new UserReplies(new Envelopes(new ObjectMapper()));

    private record Expected(AccountOutcome outcome, int status, String code) {
    }

    @Test
    void everyOutcomeHasItsStatusAndCode() {
        for (Expected expected : EXPECTED) {
            ServiceReply reply = replies.of(expected.outcome());
            String name = expected.outcome().getClass().getSimpleName();
            assertEquals(expected.status(), reply.status(), name);
            if (expected.code() == null) {
                assertFalse(reply.isError(), name);
            } else {
                assertEquals(expected.code(), reply.body().get("code").asText(), name);
                assertEquals(expected.status(), reply.body().get("status").asInt(), name);
            }
        }
    }

    @Test
    void theTableCoversEveryKindOfOutcome() {
        Set<Class<?>> covered = EXPECTED.stream().map(e -> e.outcome().getClass()).collect(Collectors.toSet());
        assertEquals(Set.of(AccountOutcome.class.getPermittedSubclasses()), covered,
                "a new outcome needs its reply in UserReplies and its row here");
        assertEquals(Arrays.stream(AccountOutcome.class.getPermittedSubclasses()).count(), EXPECTED.size());
    }

    @Test
    void resultsCarryTheirBodyAndDoneHasNone() {
        assertEquals("u1", replies.of(new Ok(Map.of("id", "u1"))).body().get("id").asText());
        assertEquals("u1", replies.of(new Created(Map.of("id", "u1"))).body().get("id").asText());
        assertNull(replies.of(new Done()).body());
    }

    @Test
    void problemsSayWhatWentWrong() {
        ServiceReply invalid = replies.of(new Invalid(List.of(new FieldError("username", "is required"),
                new FieldError("email", "not a valid email address"))));
        assertEquals(2, invalid.body().get("errors").size());
        assertEquals("email", invalid.body().get("errors").get(1).get("field").asText());
        assertEquals("the username 'Alice' is taken", replies.of(new UsernameTaken("Alice")).body().get("detail").asText());
        assertEquals("your account no longer exists", replies.of(new NotFound("your account no longer exists"))
                .body().get("detail").asText());
        // Wrong password and unknown user are one outcome, so they cannot be told apart by their reply.
        assertEquals("wrong username or password", replies.of(new InvalidCredentials()).body().get("detail").asText());
    }

    @Test
    void theHandlersOwnRefusals() {
        assertReply(replies.unreadable(), 400, "validation_failed", "unreadable command");
        assertReply(replies.unauthenticated(), 401, "unauthorized", "authentication required");
        assertReply(replies.unknownOperation("rooms.explode"), 400, "validation_failed", "unknown operation rooms.explode");
        assertReply(replies.failed(), 500, "internal_error", "the user service failed to handle the call");
        assertTrue(replies.failed().isError());
    }

    private static void assertReply(ServiceReply reply, int status, String code, String detail) {
        assertEquals(status, reply.status());
        assertEquals(code, reply.body().get("code").asText());
        assertEquals(detail, reply.body().get("detail").asText());
    }
}
