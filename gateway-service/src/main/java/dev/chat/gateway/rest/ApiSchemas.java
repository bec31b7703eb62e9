package dev.chat.gateway.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The shapes of the contract, for the OpenAPI document. The gateway itself passes bodies through to the
 * services, which validate them; these records only describe them.
 */
final class ApiSchemas {

    private ApiSchemas() {
    }

    @Schema(name = "RegisterRequest")
    record RegisterRequest(
            @Schema(description = "3-32 of [A-Za-z0-9_.-], unique regardless of case", required = true) String username,
            @Schema(description = "at least 8 characters, at most 72 bytes", required = true) String password,
            @Schema(required = true) String email) {
    }

    @Schema(name = "LoginRequest")
    record LoginRequest(@Schema(required = true) String username, @Schema(required = true) String password) {
    }

    @Schema(name = "RefreshRequest")
    record RefreshRequest(@Schema(required = true) String refreshToken) {
    }

    @Schema(name = "User")
    record User(String id, String username, @Schema(description = "own profile only") String email, Instant createdAt,
            @Schema(description = "user lists only") Boolean online, @Schema(description = "user lists only") Instant lastSeenAt) {
    }

    @Schema(name = "TokenPair")
    record TokenPair(String accessToken, String refreshToken, String tokenType,
            @Schema(description = "seconds the access token is valid") long expiresIn, User user) {
    }

    @Schema(name = "NewRoom")
    record NewRoom(
            @Schema(required = true, description = "1-64 letters, digits, spaces, _ . -; unique among channels in any case") String name,
            String topic, @Schema(required = true, enumeration = {"public", "private"}) String visibility,
            @Schema(description = "private rooms: joining with it makes you a member at once") String password) {
    }

    @Schema(name = "Room")
    record Room(String id, String name, String topic, @Schema(enumeration = {"general", "channel", "direct"}) String kind,
            String visibility, String ownerId, Instant createdAt, boolean hasPassword,
            @Schema(description = "lists only") Boolean member, @Schema(description = "lists only") Long unread,
            Long lastSeq, @Schema(description = "lists only") Message lastMessage,
            @Schema(description = "direct rooms: the other person") Sender peer) {
    }

    @Schema(name = "Sender")
    record Sender(String id, String username) {
    }

    @Schema(name = "Message")
    record Message(String id, String roomId, long seq, Sender sender, String text,
            @Schema(enumeration = {"user", "system"}) String kind, String clientMsgId, Instant createdAt) {
    }

    @Schema(name = "MessagePage")
    record MessagePage(Message[] messages, boolean hasMore) {
    }

    @Schema(name = "NewMessage")
    record NewMessage(
            @Schema(required = true, description = "1-64 printable ASCII; a resend with the same one is the same message")
            String clientMsgId,
            @Schema(required = true, description = "1-4000 characters") String text) {
    }

    @Schema(name = "Problem", description = "RFC 9457 problem with a stable machine-readable code")
    record Problem(String type, String title, int status, String detail, String code) {
    }
}
