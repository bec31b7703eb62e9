package dev.chat.sketch.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.sketch.repository.CanvasRepository;
import dev.chat.sketch.repository.MembershipRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** Applies chat-service's membership facts to this service's own record; a deleted room takes its canvas with it. */
@ApplicationScoped
public class MembershipChanges {

    private final MembershipRepository memberships;
    private final CanvasRepository canvases;
    private final CanvasStates states;

    public MembershipChanges(MembershipRepository memberships, CanvasRepository canvases, CanvasStates states) {
        this.memberships = memberships;
        this.canvases = canvases;
        this.states = states;
    }

    public Uni<Void> joined(UUID roomId, UUID userId, boolean owner) {
        return memberships.joined(roomId, userId, owner);
    }

    public Uni<Void> left(UUID roomId, UUID userId) {
        return memberships.left(roomId, userId);
    }

    public Uni<Void> roomDeleted(UUID roomId) {
        return canvases.pool().withTransaction(tx -> canvases.deleteCanvas(tx, roomId)
                        .chain(() -> memberships.roomDeleted(tx, roomId)))
                .invoke(() -> {
                    states.forget(roomId);
                    Log.debugf("canvas of deleted room %s deleted", roomId);
                });
    }
}
