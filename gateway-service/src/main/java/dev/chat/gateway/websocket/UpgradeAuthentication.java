package dev.chat.gateway.websocket;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.gateway.security.TokenVerifier;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;

/** No valid token, no WebSocket: the upgrade is refused with 401 before a connection exists. */
@ApplicationScoped
public class UpgradeAuthentication implements HttpUpgradeCheck {

    private final TokenVerifier tokens;

    public UpgradeAuthentication(TokenVerifier tokens) {
        this.tokens = tokens;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        var request = context.httpRequest();
        String token = TokenVerifier.tokenOf(request.getHeader("Authorization"), request.query());
        return tokens.verify(token).isPresent() ? CheckResult.permitUpgrade() : CheckResult.rejectUpgrade(401);
    }
}
