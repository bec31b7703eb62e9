package dev.chat.user.domain;

/** The contract's answer to a login or a refresh: a signed access token and the next refresh token. */
public record TokenPair(String accessToken, String refreshToken, String tokenType, long expiresIn, UserView user) {

    public static TokenPair bearer(String accessToken, String refreshToken, long expiresIn, UserView user) {
        return new TokenPair(accessToken, refreshToken, "Bearer", expiresIn, user);
    }
}
