package dev.chat.chat.service;

import java.util.List;

import dev.chat.contracts.Problem.FieldError;

/**
 * What a chat use case came to, in the service's own terms. The services never pick a status code or build a
 * transport reply: {@code messaging.ChatReplies} alone turns an outcome into the reply the gateway passes on.
 */
public sealed interface Outcome {

    /** Something new was made: a room, a message, a direct room. */
    record Created(Object result) implements Outcome {
    }

    /** The answer to a question, or a command that found its work already done (a resent message, a second join). */
    record Found(Object result) implements Outcome {
    }

    /** Taken in, to be settled later by someone else (a join request). */
    record Pending(Object result) implements Outcome {
    }

    /** Done, nothing to say. */
    record Done() implements Outcome {
    }

    /** The input breaks the rules; each field says how. */
    record Invalid(List<FieldError> errors) implements Outcome {
        public Invalid(FieldError error) {
            this(List.of(error));
        }
    }

    /** No such room, user, request or member; {@code detail} says which. */
    record Missing(String detail) implements Outcome {
    }

    /** The caller is not a member of the room. */
    record NotMember(String detail) implements Outcome {
    }

    /** Only the room's owner may do this. */
    record NotOwner(String detail) implements Outcome {
    }

    /** Refused for a reason of its own, answered with that status and code (not the author: 403; deleted: 409). */
    record Refused(int status, String code, String detail) implements Outcome {
    }

    record WrongPassword() implements Outcome {
    }

    record NameTaken(String name) implements Outcome {
    }

    /** The room cannot be left: general, a direct room, or by its owner. */
    record CannotLeave(String reason) implements Outcome {
    }

    /** The caller used up a budget (sends, room creations, direct rooms, joins, password guesses); {@code detail} says which. */
    record RateLimited(String detail) implements Outcome {
    }

    /** The command came without a caller. */
    record Unauthenticated() implements Outcome {
    }

    /** The command itself could not be read or names no known operation. */
    record Unreadable(String detail) implements Outcome {
    }

    /** Something broke that is not the caller's doing. */
    record Failed() implements Outcome {
    }

    /** "No such room", the usual {@link Missing}. */
    static Outcome noSuchRoom() {
        return new Missing("no such room");
    }

    static Outcome notMember() {
        return new NotMember("you are not a member of this room");
    }
}
