package dev.chat.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A service's answer to a {@link ServiceRequest}: the HTTP status the gateway answers with, and either the
 * result or (status 400 and up) a {@link Problem}.
 */
public record ServiceReply(int status, JsonNode body) {

    @JsonIgnore
    public boolean isError() {
        return status >= 400;
    }
}
