package dev.chat.user.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chat.contracts.Problem.FieldError;

class AccountValidationTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static ObjectNode registration(String username, String password, String email) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("username", username);
        node.put("password", password);
        node.put("email", email);
        return node;
    }

    private static List<String> fields(AccountValidation.Result<?> result) {
        return result.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void acceptsAValidRegistration() {
        var result = AccountValidation.registration(registration("alice_01.x-y", "correct horse", "alice@example.org"));
        assertTrue(result.isValid());
        assertEquals("alice_01.x-y", result.value().username());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "thirty-three-characters-long-name", "with space", "émile", "semi;colon", ""})
    void refusesBadUsernames(String username) {
        var result = AccountValidation.registration(registration(username, "correct horse", "a@b.org"));
        assertEquals(List.of("username"), fields(result));
    }

    @Test
    void acceptsUsernamesAtTheLengthLimits() {
        assertTrue(AccountValidation.registration(registration("abc", "correct horse", "a@b.org")).isValid());
        assertTrue(AccountValidation.registration(registration("a".repeat(32), "correct horse", "a@b.org")).isValid());
    }

    @Test
    void passwordNeedsEightCharactersAndAtMost72Bytes() {
        assertEquals(List.of("password"), fields(AccountValidation.registration(registration("alice", "1234567", "a@b.org"))));
        assertTrue(AccountValidation.registration(registration("alice", "12345678", "a@b.org")).isValid());
        assertEquals(List.of("password"),
                fields(AccountValidation.registration(registration("alice", "x".repeat(73), "a@b.org"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "no-at.example.org", "two@@example.org", "a@b", "a b@c.org", "a@b.c."})
    void refusesBadEmails(String email) {
        assertEquals(List.of("email"), fields(AccountValidation.registration(registration("alice", "correct horse", email))));
    }

    @Test
    void reportsEveryMissingOrMistypedField() throws Exception {
        JsonNode body = MAPPER.readTree("{\"username\": 42, \"email\": null}");
        var result = AccountValidation.registration(body);
        assertFalse(result.isValid());
        assertEquals(List.of("username", "password", "email"), fields(result));
    }

    @Test
    void refusesABodyThatIsNotAnObject() throws Exception {
        assertEquals(List.of("body"), fields(AccountValidation.registration(MAPPER.readTree("[1,2]"))));
        assertEquals(List.of("body"), fields(AccountValidation.credentials(null)));
    }

    /** A NUL reached PostgreSQL and failed the call with a 500 (issue 14); control characters are refused up front. */
    @Test
    void anEmailWithAControlCharacterIsRefused() {
        assertEquals(List.of("email"), fields(AccountValidation.registration(registration("alice", "correct horse", "a\u0000@b.org"))));
        assertEquals(List.of("email"), fields(AccountValidation.registration(registration("alice", "correct horse", "a@b.o\u0007rg"))));
    }

    @Test
    void onlyCredentialsAnAccountCouldHaveAreWorthAHash() {
        assertTrue(AccountValidation.couldBeAnAccount(new AccountValidation.Credentials("alice", "anything")));
        assertTrue(AccountValidation.couldBeAnAccount(new AccountValidation.Credentials("a".repeat(32), "p".repeat(72))));
        assertFalse(AccountValidation.couldBeAnAccount(new AccountValidation.Credentials("a".repeat(33), "anything")));
        assertFalse(AccountValidation.couldBeAnAccount(new AccountValidation.Credentials("alice smith", "anything")));
        assertFalse(AccountValidation.couldBeAnAccount(new AccountValidation.Credentials("alice", "p".repeat(73))));
    }

    @Test
    void usernamesCompareWithoutCase() {
        assertEquals(User.keyOf("Alice"), User.keyOf("aLICE"));
    }
}
