package dev.chat.chat.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.chat.config.ChatConfig;
import dev.chat.chat.domain.ChatValidation;
import dev.chat.chat.domain.Frames;
import dev.chat.chat.messaging.EventOutbox;
import dev.chat.chat.repository.ReactionRepository;
import dev.chat.chat.repository.ReactionRepository.ReactOutcome;
import dev.chat.contracts.ErrorCodes;
import dev.chat.contracts.ServiceRequest.Caller;
import dev.chat.support.Times;
import io.smallrye.mutiny.Uni;

/**
 * Members react to messages: one reaction per member, emoji and message. A change is published as {@code reaction}
 * on the room's stream (through the outbox, so it outlives a crash after the commit) with the emoji's new count; a
 * reaction that was already there, or already gone, changes nothing and publishes nothing. Reactions count against the
 * send budget: each one is an event to every member.
 */
@ApplicationScoped
public class ReactionService {

    private final ReactionRepository reactions;
    private final RoomAccess access;
    private final ChatLimits limits;
    private final EventOutbox outbox;
    private final ChatConfig config;

    public ReactionService(ReactionRepository reactions, RoomAccess access, ChatLimits limits, EventOutbox outbox, ChatConfig config) {
        this.reactions = reactions;
        this.access = access;
        this.limits = limits;
        this.outbox = outbox;
        this.config = config;
    }

    /** Answers with the reaction as members see it ({@code reaction}, with the count after the change). */
    public Uni<Outcome> react(Caller caller, JsonNode body) {
        var input = ChatValidation.reaction(body);
        if (!input.isValid()) {
            return RoomAccess.now(new Outcome.Invalid(input.errors()));
        }
        var limited = limits.send(caller);
        if (limited.isPresent()) {
            return RoomAccess.now(limited.get());
        }
        var reaction = input.value();
        UUID userId = UUID.fromString(caller.userId());
        return access.asMember(reaction.roomId(), userId, found -> outbox.changeWithEvent(
                transaction -> reactions.react(transaction, reaction.roomId(), reaction.seq(), userId, reaction.emoji(), reaction.on(),
                        config.maxEmojiPerMessage(), Times.now()),
                outcome -> outcome instanceof ReactOutcome.Reacted reacted && reacted.changed()
                        ? new EventOutbox.RoomEvent(reaction.roomId(), Frames.reaction(reaction, userId, reacted.count()))
                        : null)
                .map(outcome -> {
                    if (outcome instanceof ReactOutcome.Reacted reacted) {
                        // The answer is the event the members get (or would have, for a change that changed nothing).
                        return new Outcome.Found(Frames.reaction(reaction, userId, reacted.count()));
                    }
                    if (outcome instanceof ReactOutcome.Deleted) {
                        return new Outcome.Refused(409, ErrorCodes.MESSAGE_DELETED, "message " + reaction.seq() + " was deleted");
                    }
                    if (outcome instanceof ReactOutcome.TooManyEmoji) {
                        return new Outcome.Refused(409, ErrorCodes.REACTION_LIMIT,
                                "a message carries at most " + config.maxEmojiPerMessage() + " different emoji");
                    }
                    return new Outcome.Missing("no message " + reaction.seq() + " in this room");
                }));
    }
}
