package dev.chat.chat.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.chat.service.Outcome;
import dev.chat.contracts.ErrorCodes;
import dev.chat.contracts.ServiceReply;
import dev.chat.support.Envelopes;

/**
 * Turns a use case's {@link Outcome} into the reply the gateway answers with. The only place in chat-service that
 * knows HTTP status codes and the contract's problem codes.
 */
@ApplicationScoped
public class ChatReplies {

    private final Envelopes envelopes;

    public ChatReplies(ObjectMapper mapper) {
        this.envelopes = new Envelopes(mapper);
    }

    public ServiceReply toReply(Outcome outcome) {
        if (outcome instanceof Outcome.Created created) {
            return envelopes.result(201, created.result());
        }
        if (outcome instanceof Outcome.Found found) {
            return envelopes.result(200, found.result());
        }
        if (outcome instanceof Outcome.Pending pending) {
            return envelopes.result(202, pending.result());
        }
        if (outcome instanceof Outcome.Done) {
            return envelopes.result(204, null);
        }
        if (outcome instanceof Outcome.Invalid invalid) {
            return envelopes.invalid(invalid.errors());
        }
        if (outcome instanceof Outcome.Missing missing) {
            return envelopes.problem(404, ErrorCodes.NOT_FOUND, missing.detail());
        }
        if (outcome instanceof Outcome.NotMember notMember) {
            return envelopes.problem(403, ErrorCodes.NOT_A_MEMBER, notMember.detail());
        }
        if (outcome instanceof Outcome.NotOwner notOwner) {
            return envelopes.problem(403, ErrorCodes.NOT_ROOM_OWNER, notOwner.detail());
        }
        if (outcome instanceof Outcome.Refused refused) {
            return envelopes.problem(refused.status(), refused.code(), refused.detail());
        }
        if (outcome instanceof Outcome.WrongPassword) {
            return envelopes.problem(403, ErrorCodes.WRONG_PASSWORD, "wrong password for this room");
        }
        if (outcome instanceof Outcome.NameTaken taken) {
            return envelopes.problem(409, ErrorCodes.ROOM_NAME_TAKEN, "a room named '" + taken.name() + "' exists");
        }
        if (outcome instanceof Outcome.CannotLeave cannotLeave) {
            return envelopes.problem(409, ErrorCodes.CANNOT_LEAVE, cannotLeave.reason());
        }
        if (outcome instanceof Outcome.RateLimited limited) {
            return envelopes.problem(429, ErrorCodes.RATE_LIMITED, limited.detail());
        }
        if (outcome instanceof Outcome.Unauthenticated) {
            return envelopes.problem(401, ErrorCodes.UNAUTHORIZED, "authentication required");
        }
        if (outcome instanceof Outcome.Unreadable unreadable) {
            return envelopes.problem(400, ErrorCodes.VALIDATION_FAILED, unreadable.detail());
        }
        return envelopes.problem(500, ErrorCodes.INTERNAL_ERROR, "the chat service failed to handle the call");
    }

    /** The reply as the record value it travels in. */
    public String write(ServiceReply reply) {
        return envelopes.write(reply);
    }
}
