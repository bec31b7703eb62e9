package dev.chat.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class OperationTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void everyOperationTravelsByItsWireNameAndComesBack() throws Exception {
        for (Operation op : Operation.values()) {
            String json = mapper.writeValueAsString(new ServiceRequest(op, null, null));
            assertEquals("{\"op\":\"" + op.wireName() + "\"}", json);
            assertEquals(op, mapper.readValue(json, ServiceRequest.class).op());
        }
    }

    @Test
    void anUnknownWireNameIsNoOperation() throws Exception {
        assertNull(mapper.readValue("{\"op\":\"rooms.nuke\"}", ServiceRequest.class).op());
        assertNull(Operation.fromWireName(null));
    }

    @Test
    void onlySigningInIsAnonymous() {
        for (Operation op : Operation.values()) {
            boolean signsIn = op == Operation.AUTH_REGISTER || op == Operation.AUTH_LOGIN || op == Operation.AUTH_REFRESH;
            assertEquals(!signsIn, op.needsCaller(), op.wireName());
        }
        assertFalse(Operation.MESSAGES_SEND.owner() == Operation.Owner.USER);
    }
}
