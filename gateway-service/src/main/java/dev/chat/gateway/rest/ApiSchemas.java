package dev.chat.gateway.rest;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.chat.contracts.Limits;

/**
 * The shapes of the contract, for the OpenAPI document (docs/contract.md says the same in prose). The gateway
 * itself passes bodies through to the services, which validate them; these records only describe them. Times are
 * ISO-8601 UTC strings with milliseconds; ids are UUIDs.
 */
final class ApiSchemas {

    static final String UUID = "uuid";
    static final String DATE_TIME = "date-time";
    static final String INT64 = "int64";
    static final String TIME_EXAMPLE = "2026-11-22T10:00:00.123Z";
    static final String ID_EXAMPLE = "0193a5c2-7d1e-7c3a-9f2b-5e8d4c1a2b3c";

    private ApiSchemas() {
    }

    @Schema(name = "RegisterRequest", description = "A new account")
    record RegisterRequest(
            @Schema(required = true, minLength = 3, maxLength = 32, pattern = "^[A-Za-z0-9_.-]{3,32}$",
                    description = "3-32 of A-Z a-z 0-9 _ . -; unique regardless of case") String username,
            @Schema(required = true, minLength = 8, description = "at least 8 characters, at most 72 bytes in UTF-8") String password,
            @Schema(required = true, maxLength = 254, format = "email", description = "one @ and a dot in the domain") String email) {
    }

    @Schema(name = "LoginRequest", description = "Username and password")
    record LoginRequest(
            @Schema(required = true, description = "in any case") String username,
            @Schema(required = true) String password) {
    }

    @Schema(name = "RefreshRequest", description = "A refresh token from login or an earlier refresh")
    record RefreshRequest(@Schema(required = true) String refreshToken) {
    }

    @Schema(name = "User", description = "An account; email on the caller's own profile only (GET /api/users/me, login, refresh)")
    record User(
            @Schema(required = true, format = UUID) String id,
            @Schema(required = true) String username,
            @Schema(description = "the caller's own profile only") String email,
            @Schema(required = true, format = DATE_TIME, examples = TIME_EXAMPLE) String createdAt) {
    }

    @Schema(name = "ListedUser", description = "A user as GET /api/users lists them: User with presence")
    record ListedUser(
            @Schema(required = true, format = UUID) String id,
            @Schema(required = true) String username,
            @Schema(required = true, format = DATE_TIME, examples = TIME_EXAMPLE) String createdAt,
            @Schema(required = true, description = "has at least one open WebSocket (or closed the last one under 5 s ago)")
            boolean online,
            @Schema(required = true, type = SchemaType.STRING, format = DATE_TIME, nullable = true, examples = TIME_EXAMPLE,
                    description = "when the user was last online: now for an online user; null for one who never connected")
            String lastSeenAt) {
    }

    @Schema(name = "Member", description = "A member as GET /api/rooms/{roomId}/members lists them")
    record Member(
            @Schema(required = true, format = UUID) String id,
            @Schema(required = true) String username,
            @Schema(required = true, format = DATE_TIME, examples = TIME_EXAMPLE) String createdAt,
            @Schema(required = true, enumeration = {"owner", "member"}) String role,
            @Schema(required = true, format = INT64, minimum = "0", description = "the member's read marker: the newest seq read")
            long readSeq,
            @Schema(required = true) boolean online,
            @Schema(type = SchemaType.STRING, format = DATE_TIME, nullable = true, examples = TIME_EXAMPLE,
                    description = "when the member's presence last changed; null if never connected") String lastSeenAt) {
    }

    @Schema(name = "TokenPair", description = "Tokens of a new session (login) or the next pair of one (refresh)")
    record TokenPair(
            @Schema(required = true, description = "a JWT (RS256); send as Authorization: Bearer") String accessToken,
            @Schema(required = true, description = "opaque; use once with POST /api/auth/refresh") String refreshToken,
            @Schema(required = true, enumeration = "Bearer") String tokenType,
            @Schema(required = true, format = INT64, minimum = "1", description = "seconds the access token is valid") long expiresIn,
            @Schema(required = true) User user) {
    }

    @Schema(name = "NewRoom", description = "A channel to create; the caller becomes its owner")
    record NewRoom(
            @Schema(required = true, minLength = 1, maxLength = 64,
                    description = "1-64 letters, digits, spaces, _ . -, starting with a letter or digit; unique among channels"
                            + " in any case; not 'general'") String name,
            @Schema(maxLength = 256) String topic,
            @Schema(required = true, enumeration = {"public", "private"}) String visibility,
            @Schema(minLength = 1, description = "private rooms: joining with it makes one a member at once (at most 72 bytes)")
            String password) {
    }

    @Schema(name = "Room", description = "A room: the general chat, a channel, or a direct conversation")
    record Room(
            @Schema(required = true, format = UUID) String id,
            @Schema(required = true, description = "direct rooms: the other person's username") String name,
            @Schema(description = "absent when none was given") String topic,
            @Schema(required = true, enumeration = {"general", "channel", "direct"}) String kind,
            @Schema(required = true, enumeration = {"public", "private"}) String visibility,
            @Schema(format = UUID, description = "channels only") String ownerId,
            @Schema(required = true, format = DATE_TIME, examples = TIME_EXAMPLE) String createdAt,
            @Schema(required = true, description = "a private room with a password: ask for it before joining") boolean hasPassword,
            @Schema(required = true, format = INT64, minimum = "0", description = "the newest message's seq; 0 if none") long lastSeq,
            @Schema(description = "POST /api/dms only: true") Boolean member,
            @Schema(enumeration = {"owner", "member"}, description = "POST /api/dms only: member") String role,
            @Schema(description = "direct rooms (POST /api/dms, GET /api/rooms/{roomId}): the other person") Sender peer,
            @Schema(description = "how long the room keeps its messages; absent: it keeps everything") Retention retention,
            @Schema(required = true, description = "joins, leaves and room changes are written into the timeline as system lines")
            boolean systemLines,
            @Schema(format = INT64, minimum = "1", description = "the lowest seq kept, once retention evicted older messages")
            Long evictedBefore) {
    }

    @Schema(name = "Retention", description = "A room's retention: either bound, or both; older messages are evicted")
    record Retention(
            @Schema(format = "int32", minimum = "1", maximum = "3650", nullable = true, description = "days a message is kept")
            Integer maxAgeDays,
            @Schema(format = "int32", minimum = "10", maximum = "10000000", nullable = true, description = "the newest messages kept")
            Integer maxMessages) {
    }

    @Schema(name = "RoomSettings", description = "An owner's change: only the fields named change")
    record RoomSettings(
            @Schema(maxLength = 256, nullable = true, description = "the new topic; empty or null clears it") String topic,
            @Schema(nullable = true, description = "the new retention; null keeps everything") Retention retention,
            @Schema(description = "write joins, leaves and room changes into the timeline") Boolean systemLines) {
    }

    @Schema(name = "ListedRoom", description = "A room as GET /api/rooms lists it: Room with the caller's view of it")
    record ListedRoom(
            @Schema(required = true, format = UUID) String id,
            @Schema(required = true, description = "direct rooms: the other person's username") String name,
            @Schema(description = "absent when none was given") String topic,
            @Schema(required = true, enumeration = {"general", "channel", "direct"}) String kind,
            @Schema(required = true, enumeration = {"public", "private"}) String visibility,
            @Schema(format = UUID, description = "channels only") String ownerId,
            @Schema(required = true, format = DATE_TIME, examples = TIME_EXAMPLE) String createdAt,
            @Schema(required = true) boolean hasPassword,
            @Schema(required = true, format = INT64, minimum = "0") long lastSeq,
            @Schema(required = true, description = "whether the caller is a member") boolean member,
            @Schema(enumeration = {"owner", "member"}, description = "the caller's role; members only") String role,
            @Schema(required = true, format = INT64, minimum = "0", description = "messages after the caller's read marker") long unread,
            @Schema(format = INT64, minimum = "0", description = "the caller's read marker; members only") Long readSeq,
            @Schema(description = "absent in a room without messages") Message lastMessage,
            @Schema(description = "direct rooms: the other person") Sender peer,
            @Schema(description = "how long the room keeps its messages; absent: it keeps everything") Retention retention,
            @Schema(required = true, description = "joins, leaves and room changes are written into the timeline") boolean systemLines,
            @Schema(format = INT64, minimum = "1", description = "the lowest seq kept, once retention evicted older messages")
            Long evictedBefore) {
    }

    @Schema(name = "Sender", description = "A user as messages and direct rooms name them")
    record Sender(@Schema(required = true, format = UUID) String id, @Schema(required = true) String username) {
    }

    @Schema(name = "Message", description = "A stored message; seq is the room's gapless counter from 1")
    record Message(
            @Schema(required = true, format = UUID) String id,
            @Schema(required = true, format = UUID) String roomId,
            @Schema(required = true, format = INT64, minimum = "1") long seq,
            @Schema(required = true) Sender sender,
            @Schema(description = "absent once the message is deleted") String text,
            @Schema(required = true, enumeration = {"user", "system"}) String kind,
            @Schema(type = SchemaType.STRING, nullable = true, description = "the sender's id for the send; null for system messages")
            String clientMsgId,
            @Schema(required = true, format = DATE_TIME, examples = TIME_EXAMPLE) String createdAt,
            @Schema(format = DATE_TIME, examples = TIME_EXAMPLE, description = "when its author last edited it; absent if never")
            String editedAt,
            @Schema(description = "true once deleted: the seq stays, the text is gone; absent otherwise") Boolean deleted,
            @Schema(description = "how many members reacted with each emoji, in the order the emoji were first used; absent when none",
                    additionalProperties = Long.class) Map<String, Long> reactions,
            @Schema(description = "history only: the emoji the caller reacted with; absent when none") String[] myReactions,
            @Schema(description = "the images the message carries, in the order sent; absent when none (and once deleted)")
            Attachment[] attachments) {
    }

    @Schema(name = "Attachment", description = "An uploaded image: what its upload answers and what a message carries."
            + " Read it with GET /api/attachments/{attachmentId} and its thumbnail with .../thumbnail")
    record Attachment(
            @Schema(required = true, format = UUID) String attachmentId,
            @Schema(required = true, enumeration = {"image/png", "image/jpeg", "image/gif", "image/webp"},
                    description = "decided from the bytes, not from what the client said") String contentType,
            @Schema(required = true, format = "int32", minimum = "1", description = "bytes, as stored (metadata stripped)") int size,
            @Schema(required = true, format = "int32", minimum = "1", maximum = "10000") int width,
            @Schema(required = true, format = "int32", minimum = "1", maximum = "10000") int height,
            @Schema(required = true) Thumbnail thumbnail) {
    }

    @Schema(name = "Thumbnail", description = "An image's thumbnail: its first frame fitted in 480 x 480, never enlarged")
    record Thumbnail(
            @Schema(required = true, enumeration = {"image/jpeg", "image/png"}) String contentType,
            @Schema(required = true, format = "int32", minimum = "1") int size,
            @Schema(required = true, format = "int32", minimum = "1", maximum = "480") int width,
            @Schema(required = true, format = "int32", minimum = "1", maximum = "480") int height) {
    }

    @Schema(name = "NewReaction", description = "A reaction to add")
    record NewReaction(@Schema(required = true, examples = "👍", maxLength = 64,
            description = "one emoji: a single grapheme from the emoji blocks (👍, 👍🏽, 🇫🇷, 1️⃣), never text") String emoji) {
    }

    @Schema(name = "Reaction", description = "A reaction as the members see it: the reaction frame")
    record Reaction(
            @Schema(required = true, enumeration = "reaction") String type,
            @Schema(required = true, format = UUID) String roomId,
            @Schema(required = true, format = INT64, minimum = "1") long seq,
            @Schema(required = true) String emoji,
            @Schema(required = true, format = UUID) String userId,
            @Schema(required = true, description = "true: added; false: taken back") boolean on,
            @Schema(required = true, format = INT64, minimum = "0", description = "members reacting with this emoji now") long count) {
    }

    @Schema(name = "SearchPage", description = "Messages matching a search, best match first")
    record SearchPage(
            @Schema(required = true) Message[] messages,
            @Schema(required = true, description = "more matches lie beyond this page: ask again with offset + limit") boolean hasMore) {
    }

    @Schema(name = "MessageEdit", description = "A message's new text")
    record MessageEdit(
            @Schema(required = true, maxLength = Limits.MAX_TEXT_LENGTH,
                    description = "1-4000 characters (Unicode code points), not only whitespace; with attachments it may be"
                            + " empty") String text,
            @Schema(maxItems = 10, description = "ids of the sender's own uploads to this room, not sent yet (at most 10)",
                    uniqueItems = true) String[] attachments) {
    }

    @Schema(name = "MessagePage", description = "A page of history, ascending by seq")
    record MessagePage(
            @Schema(required = true) Message[] messages,
            @Schema(required = true, description = "more messages lie beyond this page in the direction read") boolean hasMore,
            @Schema(format = INT64, minimum = "1", description = "the lowest seq the room still keeps, once its retention evicted"
                    + " older ones: below it there is nothing to read, by design; absent if nothing was evicted") Long evictedBefore) {
    }

    @Schema(name = "NewMessage", description = "A message to send")
    record NewMessage(
            @Schema(required = true, minLength = 1, maxLength = 64, pattern = "^[\\x21-\\x7E]{1,64}$",
                    description = "1-64 printable ASCII, made by the client; a resend with the same one is the same message")
            String clientMsgId,
            @Schema(required = true, minLength = 1, maxLength = Limits.MAX_TEXT_LENGTH,
                    description = "1-4000 characters (Unicode code points), not only whitespace") String text) {
    }

    @Schema(name = "JoinRoomRequest", description = "Optional: the body may be left out (no password)")
    record JoinRoomRequest(
            @Schema(description = "a private room's password; without it (or without a body) a private room gets a join request")
            String password) {
    }

    @Schema(name = "JoinResult", description = "member: the caller is in the room; pending: the owner was asked")
    record JoinResult(@Schema(required = true, enumeration = {"member", "pending"}) String status) {
    }

    @Schema(name = "PendingJoinRequest", description = "Someone who asked to join a private room, waiting for its owner")
    record PendingJoinRequest(
            @Schema(required = true, format = UUID) String userId,
            @Schema(required = true) String username,
            @Schema(required = true, format = DATE_TIME, examples = TIME_EXAMPLE) String requestedAt) {
    }

    @Schema(name = "ReadMarkerRequest", description = "Where the caller has read up to")
    record ReadMarkerRequest(
            @Schema(required = true, format = INT64, minimum = "0",
                    description = "a seq of the room; the marker never moves backwards nor past the newest message") long seq) {
    }

    @Schema(name = "OpenDirectRequest", description = "The other person of a direct conversation")
    record OpenDirectRequest(@Schema(required = true, format = UUID, description = "not the caller") String userId) {
    }

    @Schema(name = "SketchStroke", description = "A stroke on a room's canvas, as stored (and as the sketch.stroke frame carries it)")
    record SketchStroke(
            @Schema(required = true, enumeration = "sketch.stroke") String type,
            @Schema(required = true, format = UUID) String roomId,
            @Schema(required = true, format = INT64, minimum = "1", description = "the canvas's own gapless seq") long seq,
            @Schema(required = true, format = UUID, description = "made by the client; unique per canvas") String strokeId,
            @Schema(required = true, format = UUID, description = "the author") String userId,
            @Schema(required = true, pattern = "^#[0-9a-f]{6}$", examples = "#1f6feb") String color,
            @Schema(required = true, format = "int32", minimum = "1", maximum = "200",
                    description = "in thousandths of the canvas's side") int width,
            @Schema(required = true, minItems = 1, maxItems = 2000, type = SchemaType.ARRAY,
                    description = "[x, y] pairs in the 0..10000 square (whole numbers)") int[][] points,
            @Schema(required = true, format = DATE_TIME, examples = TIME_EXAMPLE) String createdAt) {
    }

    @Schema(name = "SketchCanvas", description = "A canvas as it looked at seq: its visible strokes in seq order (undone"
            + " strokes, and strokes before a clear, left out)")
    record SketchCanvas(
            @Schema(required = true, enumeration = "sketch.canvas") String type,
            @Schema(required = true, format = UUID) String roomId,
            @Schema(required = true, format = INT64, minimum = "0") long seq,
            @Schema(required = true) SketchStroke[] strokes) {
    }

    @Schema(name = "SketchOp", description = "One op of a canvas's log, as members get it: sketch.stroke (the fields of"
            + " SketchStroke), sketch.undo or sketch.redo (strokeId), sketch.clear")
    record SketchOp(
            @Schema(required = true, enumeration = {"sketch.stroke", "sketch.undo", "sketch.redo", "sketch.clear"}) String type,
            @Schema(required = true, format = UUID) String roomId,
            @Schema(required = true, format = INT64, minimum = "1") long seq,
            @Schema(required = true, format = UUID, description = "who did it") String userId,
            @Schema(format = UUID, description = "the stroke drawn, undone or redone; absent for a clear") String strokeId,
            @Schema(pattern = "^#[0-9a-f]{6}$", description = "strokes only") String color,
            @Schema(format = "int32", minimum = "1", maximum = "200", description = "strokes only") Integer width,
            @Schema(type = SchemaType.ARRAY, description = "strokes only") int[][] points,
            @Schema(required = true, format = DATE_TIME, examples = TIME_EXAMPLE) String createdAt) {
    }

    @Schema(name = "SketchOpsPage", description = "A page of a canvas's op log in seq order")
    record SketchOpsPage(
            @Schema(required = true) SketchOp[] ops,
            @Schema(required = true, description = "more ops follow this page") boolean hasMore) {
    }

    @Schema(name = "ImageBytes", type = SchemaType.STRING, format = "binary", description = "An image's bytes as stored: PNG,"
            + " JPEG, GIF or WebP (a thumbnail: JPEG or PNG), its type in Content-Type")
    static final class ImageBytes {
        private ImageBytes() {
        }
    }

    @Schema(name = "SvgDocument", type = SchemaType.STRING, description = "An SVG document (image/svg+xml) in the canvas's"
            + " 0..10000 square, 1000 CSS pixels a side")
    static final class SvgDocument {
        private SvgDocument() {
        }
    }

    @Schema(name = "Problem", description = "An error (RFC 9457, application/problem+json) with a stable machine-readable code;"
            + " the codes are listed in docs/contract.md")
    record Problem(
            @Schema(required = true, examples = "about:blank") String type,
            @Schema(required = true, description = "the status's reason phrase") String title,
            @Schema(required = true, format = "int32", minimum = "400", maximum = "599") int status,
            @Schema(required = true, description = "one line for a person") String detail,
            @Schema(required = true, description = "for programs: validation_failed, not_a_member, rate_limited, ...",
                    examples = "validation_failed") String code,
            @Schema(description = "validation_failed only: what is wrong with which field") FieldError[] errors) {
    }

    @Schema(name = "FieldError", description = "One thing wrong with the input")
    record FieldError(
            @Schema(required = true, description = "the field (a body field or query parameter); body for the body as a whole")
            String field,
            @Schema(required = true) String message) {
    }
}
