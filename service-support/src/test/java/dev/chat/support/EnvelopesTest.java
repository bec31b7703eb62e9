package dev.chat.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.Operation;
import dev.chat.contracts.Problem.FieldError;
import dev.chat.contracts.ServiceReply;

class EnvelopesTest {

    private final Envelopes envelopes = new Envelopes(new ObjectMapper());

    @Test
    void readsACommandWithItsTypedOperation() {
        var request = envelopes.read("{\"op\":\"rooms.join\",\"caller\":{\"userId\":\"u\",\"username\":\"ann\",\"sessionId\":\"s\"},"
                + "\"body\":{\"roomId\":\"r\"}}").orElseThrow();
        assertEquals(Operation.ROOMS_JOIN, request.op());
        assertEquals("ann", request.caller().username());
        assertEquals("r", request.body().get("roomId").asText());
    }

    @Test
    void anUnknownOperationIsReadAsNoneAndGarbageAsNothing() {
        assertNull(envelopes.read("{\"op\":\"rooms.explode\"}").orElseThrow().op());
        assertTrue(envelopes.read("not json").isEmpty());
    }

    @Test
    void aValidationProblemNamesEachField() {
        ServiceReply reply = envelopes.invalid(List.of(new FieldError("name", "is required")));
        assertEquals(400, reply.status());
        assertEquals("validation_failed", reply.body().get("code").asText());
        assertEquals("name", reply.body().get("errors").get(0).get("field").asText());
        assertEquals("{\"status\":204,\"body\":null}", envelopes.write(envelopes.result(204, null)));
    }

    @Test
    void aCommandIsStaleOnlyOnceItsDeadlineHasPassed() {
        var request = envelopes.read("{\"op\":\"rooms.list\",\"deadline\":1000}").orElseThrow();
        assertEquals(1000L, request.deadline());
        assertFalse(Envelopes.isStale(request, 1000));
        assertTrue(Envelopes.isStale(request, 1001));
        assertFalse(Envelopes.isStale(envelopes.read("{\"op\":\"rooms.list\"}").orElseThrow(), Long.MAX_VALUE), "no deadline");
        assertFalse(Envelopes.isStale(null, 1001), "unreadable: answered, not dropped");
    }
}
