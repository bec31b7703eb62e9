package dev.chat.sketch.service;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.sketch.config.SketchConfig;
import dev.chat.sketch.domain.Access;
import dev.chat.sketch.repository.MembershipRepository;
import io.smallrye.mutiny.Uni;

/**
 * Who may use a canvas, from this service's own record of memberships. That record follows chat-service's events, so a
 * user who has just joined may reach here before their join does: a refusal is checked once more after a short wait.
 */
@ApplicationScoped
public class MemberCheck {

    private final MembershipRepository memberships;
    private final Duration recheck;

    public MemberCheck(MembershipRepository memberships, SketchConfig config) {
        this.memberships = memberships;
        this.recheck = config.membershipRecheck();
    }

    public Uni<Access> of(UUID roomId, UUID userId) {
        return memberships.access(roomId, userId).chain(access -> access.isMember()
                ? Uni.createFrom().item(access)
                : Uni.createFrom().voidItem().onItem().delayIt().by(recheck).chain(() -> memberships.access(roomId, userId)));
    }
}
