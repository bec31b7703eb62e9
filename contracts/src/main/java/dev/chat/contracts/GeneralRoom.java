package dev.chat.contracts;

import java.util.UUID;

/** The general chat: every user is its member from the start, so no membership event ever names it. */
public final class GeneralRoom {

    public static final UUID ID = UUID.fromString("00000000-0000-7000-8000-000000000001");

    private GeneralRoom() {
    }
}
