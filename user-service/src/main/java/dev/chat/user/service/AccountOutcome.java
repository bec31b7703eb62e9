package dev.chat.user.service;

import java.util.List;

import dev.chat.contracts.Problem.FieldError;

/**
 * What an account operation came to, in the service's own terms. {@code messaging.UserReplies} alone turns an
 * outcome into a reply with a status code; nothing in this package knows about transports or statuses.
 */
public sealed interface AccountOutcome {

    /** Something new exists, e.g. an account: its public view. */
    record Created(Object body) implements AccountOutcome {
    }

    /** The answer. */
    record Ok(Object body) implements AccountOutcome {
    }

    /** Done, with nothing to say (logout). */
    record Done() implements AccountOutcome {
    }

    /** The input breaks the contract's rules: what is wrong with each field. */
    record Invalid(List<FieldError> errors) implements AccountOutcome {
        public Invalid {
            errors = List.copyOf(errors);
        }
    }

    /** The username, in any case, belongs to someone else. */
    record UsernameTaken(String username) implements AccountOutcome {
    }

    /** Wrong password or unknown username: deliberately the same outcome. */
    record InvalidCredentials() implements AccountOutcome {
    }

    /** Too many failed logins of this username lately. */
    record Throttled() implements AccountOutcome {
    }

    /** Unknown, expired, rotated or of an ended session. */
    record InvalidRefreshToken() implements AccountOutcome {
    }

    /** A logout without a session to end. */
    record NoSession() implements AccountOutcome {
    }

    record NotFound(String detail) implements AccountOutcome {
    }
}
