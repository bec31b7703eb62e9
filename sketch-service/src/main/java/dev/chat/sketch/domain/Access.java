package dev.chat.sketch.domain;

/** What a user may do on a room's canvas. */
public enum Access {
    NO_SUCH_ROOM, NOT_A_MEMBER, MEMBER, OWNER;

    public boolean isMember() {
        return this == MEMBER || this == OWNER;
    }
}
