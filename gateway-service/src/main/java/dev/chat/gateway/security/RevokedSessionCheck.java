package dev.chat.gateway.security;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.chat.contracts.Claims;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * Refuses a correctly signed, unexpired token whose session has been ended: the check behind "logout
 * revokes the access token at once", for REST calls and WebSocket upgrades alike.
 */
@ApplicationScoped
public class RevokedSessionCheck implements SecurityIdentityAugmentor {

    private final RevokedSessions revoked;

    public RevokedSessionCheck(RevokedSessions revoked) {
        this.revoked = revoked;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.getPrincipal() instanceof JsonWebToken token && revoked.isRevoked(token.getClaim(Claims.SESSION_ID))) {
            return Uni.createFrom().failure(new AuthenticationFailedException("the session has ended"));
        }
        return Uni.createFrom().item(identity);
    }
}
