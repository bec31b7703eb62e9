package dev.chat.contracts;

/** The JWT claims this system adds to the standard ones; user-service signs them and the gateway reads them. */
public final class Claims {

    /** The login session: logout revokes by session, which ends every access token of that login at once. */
    public static final String SESSION_ID = "sid";

    private Claims() {
    }
}
