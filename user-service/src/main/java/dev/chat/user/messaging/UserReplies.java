package dev.chat.user.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.contracts.ErrorCodes;
import dev.chat.contracts.ServiceReply;
import dev.chat.support.Envelopes;
import dev.chat.user.service.AccountOutcome;
import dev.chat.user.service.AccountOutcome.Created;
import dev.chat.user.service.AccountOutcome.Done;
import dev.chat.user.service.AccountOutcome.Invalid;
import dev.chat.user.service.AccountOutcome.InvalidCredentials;
import dev.chat.user.service.AccountOutcome.InvalidRefreshToken;
import dev.chat.user.service.AccountOutcome.NoSession;
import dev.chat.user.service.AccountOutcome.NotFound;
import dev.chat.user.service.AccountOutcome.Ok;
import dev.chat.user.service.AccountOutcome.Throttled;
import dev.chat.user.service.AccountOutcome.UsernameTaken;

/**
 * The one place where user-service decides status codes: each {@link AccountOutcome}, and the handler's own
 * refusals, become the {@link ServiceReply} the gateway answers the client with.
 */
@ApplicationScoped
public class UserReplies {

    private final Envelopes envelopes;

    public UserReplies(Envelopes envelopes) {
        this.envelopes = envelopes;
    }

    public ServiceReply of(AccountOutcome outcome) {
        if (outcome instanceof Ok ok) {
            return envelopes.result(200, ok.body());
        }
        if (outcome instanceof Created created) {
            return envelopes.result(201, created.body());
        }
        if (outcome instanceof Done) {
            return envelopes.result(204, null);
        }
        if (outcome instanceof Invalid invalid) {
            return envelopes.invalid(invalid.errors());
        }
        if (outcome instanceof UsernameTaken taken) {
            return envelopes.problem(409, ErrorCodes.USERNAME_TAKEN, "the username '" + taken.username() + "' is taken");
        }
        if (outcome instanceof InvalidCredentials) {
            return envelopes.problem(401, ErrorCodes.INVALID_CREDENTIALS, "wrong username or password");
        }
        if (outcome instanceof Throttled) {
            return envelopes.problem(429, ErrorCodes.RATE_LIMITED, "too many failed logins for this username; try again later");
        }
        if (outcome instanceof InvalidRefreshToken) {
            return envelopes.problem(401, ErrorCodes.INVALID_REFRESH_TOKEN, "the refresh token is not valid");
        }
        if (outcome instanceof NoSession) {
            return envelopes.problem(401, ErrorCodes.UNAUTHORIZED, "no session to end");
        }
        if (outcome instanceof NotFound notFound) {
            return envelopes.problem(404, ErrorCodes.NOT_FOUND, notFound.detail());
        }
        throw new IllegalArgumentException("no reply for the outcome " + outcome);
    }

    /** The record's value is not a command. */
    public ServiceReply unreadable() {
        return envelopes.problem(400, ErrorCodes.VALIDATION_FAILED, "unreadable command");
    }

    /** A call that needs a signed-in caller came without one. */
    public ServiceReply unauthenticated() {
        return envelopes.problem(401, ErrorCodes.UNAUTHORIZED, "authentication required");
    }

    /** @param name the operation as the sender named it; empty if it named none */
    public ServiceReply unknownOperation(String name) {
        return envelopes.problem(400, ErrorCodes.VALIDATION_FAILED, "unknown operation " + name);
    }

    /** A command other than a refresh on the refresh path ({@code user.refresh}). */
    public ServiceReply notOnRefreshPath(String name) {
        return envelopes.problem(400, ErrorCodes.VALIDATION_FAILED, "operation " + name + " is not taken on the refresh path");
    }

    /** The call failed on this side: a fault, not an answer. */
    public ServiceReply failed() {
        return envelopes.problem(500, ErrorCodes.INTERNAL_ERROR, "the user service failed to handle the call");
    }
}
