package dev.chat.gateway.security;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.chat.contracts.Claims;
import dev.chat.contracts.ServiceRequest.Caller;

/** Who is calling, as the services need to know it: taken from the verified token only. */
public final class Callers {

    private Callers() {
    }

    public static Caller of(JsonWebToken token) {
        return new Caller(token.getSubject(), token.getName(), token.getClaim(Claims.SESSION_ID));
    }
}
