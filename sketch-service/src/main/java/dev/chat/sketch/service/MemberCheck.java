package dev.chat.sketch.service;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

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

    private static final int MAX_REMEMBERED = 10_000;

    private final MembershipRepository memberships;
    private final Duration recheck;
    private final long previewTtlMillis;
    /** room/user to the time a confirmed membership stops standing for previews. */
    private final Map<String, Long> previewers = new ConcurrentHashMap<>();

    public MemberCheck(MembershipRepository memberships, SketchConfig config) {
        this.memberships = memberships;
        this.recheck = config.membershipRecheck();
        this.previewTtlMillis = config.previewMembershipTtl().toMillis();
    }

    public Uni<Access> of(UUID roomId, UUID userId) {
        return memberships.access(roomId, userId).chain(access -> access.isMember()
                ? Uni.createFrom().item(access)
                : Uni.createFrom().voidItem().onItem().delayIt().by(recheck).chain(() -> memberships.access(roomId, userId)));
    }

    /** For live previews: a membership confirmed in the last few seconds stands without asking the store again. */
    public Uni<Boolean> mayPreview(UUID roomId, UUID userId) {
        String key = roomId + "/" + userId;
        Long until = previewers.get(key);
        long now = System.currentTimeMillis();
        if (until != null && until > now) {
            return Uni.createFrom().item(true);
        }
        if (previewers.size() > MAX_REMEMBERED) {
            forgetExpired();
        }
        return memberships.access(roomId, userId).map(access -> {
            if (access.isMember()) {
                previewers.put(key, now + previewTtlMillis);
                return true;
            }
            previewers.remove(key);
            return false;
        });
    }

    /** A member left or a room went: their previews stop at once on this instance. */
    public void forget(UUID roomId, UUID userId) {
        previewers.remove(roomId + "/" + userId);
    }

    public void forgetRoom(UUID roomId) {
        String prefix = roomId + "/";
        previewers.keySet().removeIf(key -> key.startsWith(prefix));
    }

    /** Drops expired entries, so users who stopped drawing do not stay in memory. */
    void forgetExpired() {
        long now = System.currentTimeMillis();
        previewers.values().removeIf(until -> until <= now);
    }
}
