package dev.chat.contracts;

/** The stable {@code code}s of problems and error frames. Clients switch on these, so never rename one. */
public final class ErrorCodes {
    public static final String VALIDATION_FAILED = "validation_failed";
    public static final String USERNAME_TAKEN = "username_taken";
    public static final String INVALID_CREDENTIALS = "invalid_credentials";
    public static final String INVALID_REFRESH_TOKEN = "invalid_refresh_token";
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String FORBIDDEN = "forbidden";
    public static final String NOT_FOUND = "not_found";
    public static final String RATE_LIMITED = "rate_limited";
    public static final String SERVICE_UNAVAILABLE = "service_unavailable";
    /** The gateway sheds the call at once (its budget of calls in flight is spent, or the service is stalled). */
    public static final String OVERLOADED = "overloaded";
    public static final String INTERNAL_ERROR = "internal_error";
    public static final String NOT_A_MEMBER = "not_a_member";
    public static final String NOT_ROOM_OWNER = "not_room_owner";
    public static final String ROOM_NAME_TAKEN = "room_name_taken";
    public static final String WRONG_PASSWORD = "wrong_password";
    public static final String CANNOT_LEAVE = "cannot_leave";
    /** Only a message's author may edit it; only its author or the room's owner may delete it. */
    public static final String NOT_MESSAGE_AUTHOR = "not_message_author";
    /** The message was deleted: there is nothing left to edit. */
    public static final String MESSAGE_DELETED = "message_deleted";
    /** A message carries at most so many different emoji (a new one is refused; adding to an existing one is not). */
    public static final String REACTION_LIMIT = "reaction_limit";
    /** Sketch: the caller has no visible stroke of their own to undo. */
    public static final String NOTHING_TO_UNDO = "nothing_to_undo";
    /** Sketch: the caller has no undone stroke to redo (a new stroke or a clear empties what can be redone). */
    public static final String NOTHING_TO_REDO = "nothing_to_redo";
    /** Sketch: another user's stroke already has this strokeId on the canvas. */
    public static final String STROKE_ID_TAKEN = "stroke_id_taken";
    /** HTTP only: a body that is not sent as JSON ({@code Content-Type: application/json}). */
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
    /** HTTP only: a path that exists, with a method it does not take (the {@code Allow} header lists those it does). */
    public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
    /** HTTP only: an {@code Accept} header that admits neither JSON nor problem+json. */
    public static final String NOT_ACCEPTABLE = "not_acceptable";
    /** HTTP only: a request body over the gateway's body limit (64 KiB by default). */
    public static final String PAYLOAD_TOO_LARGE = "payload_too_large";
    /** A Range that starts past the end of an attachment's bytes (416). */
    public static final String RANGE_NOT_SATISFIABLE = "range_not_satisfiable";
    /** A plain HTTP request to {@code /ws}, which only takes a WebSocket upgrade. */
    public static final String UPGRADE_REQUIRED = "upgrade_required";
    /** WebSocket frames only: the frame is not JSON, has no known type, or is over the size limit. */
    public static final String INVALID_FRAME = "invalid_frame";
    public static final String UNKNOWN_TYPE = "unknown_type";
    public static final String FRAME_TOO_LARGE = "frame_too_large";
    /** WebSocket only: the user has the most connections this instance takes; the new one is closed (1008). */
    public static final String TOO_MANY_CONNECTIONS = "too_many_connections";

    private ErrorCodes() {
    }
}
