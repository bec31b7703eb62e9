package dev.chat.gateway.rest;

/**
 * The texts of the OpenAPI document's frame, which package-info.java declares ({@code @OpenAPIDefinition}): tag names,
 * the names of the shared error answers, and the document's description.
 */
final class ApiDocument {

    static final String AUTH = "auth";
    static final String USERS = "users";
    static final String ROOMS = "rooms";
    static final String DIRECT = "direct messages";
    static final String SKETCH = "sketch";
    static final String ATTACHMENTS = "attachments";

    static final String JSON = "application/json";
    static final String BAD_REQUEST = "BadRequest";
    static final String UNAUTHORIZED = "Unauthorized";
    static final String NOT_A_MEMBER = "NotAMember";
    static final String NOT_OWNER = "NotRoomOwner";
    static final String NO_SUCH_ROOM = "NoSuchRoom";
    static final String NO_SUCH_ATTACHMENT = "NoSuchAttachment";
    static final String RANGE_NOT_SATISFIABLE = "RangeNotSatisfiable";
    static final String NOT_JSON = "UnsupportedMediaType";
    static final String UNAVAILABLE = "ServiceUnavailable";

    static final String DESCRIPTION = """
            The REST part of the chat platform's public contract, as this gateway serves it. The whole contract \
            (these calls, the WebSocket frames of `GET /ws`, every error code and every limit) is written out in the \
            repository as `docs/contract.md`; the frames in detail in `docs/websocket-frames.md`.

            **Authentication.** Calls other than register, login and refresh take `Authorization: Bearer <accessToken>` \
            (from login or refresh). A missing, invalid, expired or logged-out token answers 401.

            **Conventions.** JSON in and out, UTF-8, camelCase. Ids are UUIDs; times are ISO-8601 UTC strings with \
            milliseconds (`2026-11-22T10:00:00.123Z`). Every room message has a `seq`: the room's gapless counter from 1, \
            used for order, history paging and catching up.

            **Errors** are `application/problem+json` (RFC 9457): `type`, `title`, `status`, `detail` (one line for a \
            person) and a stable `code` for programs; `validation_failed` adds `errors: [{field, message}]`.

            **Limits.** Message text 1-4000 characters; history pages 1-200 messages (default 50); user lists 1-200 \
            (default 50); 10 failed logins per username per 15 minutes, then 429 `rate_limited`. Register, login and \
            refresh: 10 an hour, 30 and 60 a minute per client address, then 429 `rate_limited` with `Retry-After`. \
            Request bodies up to 64 KiB, else 413 `payload_too_large` (an image upload: up to 5 MiB). Over the WebSocket: \
            frames up to 64 KiB and 20 sends per 10 s per user. All but the text limit are settings; these are their \
            defaults, and the WebSocket's `welcome` frame carries the ones in force.
            """;

    private ApiDocument() {
    }
}
