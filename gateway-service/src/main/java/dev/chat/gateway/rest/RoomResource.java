package dev.chat.gateway.rest;

import static dev.chat.contracts.Operation.DMS_OPEN;
import static dev.chat.contracts.Operation.ROOMS_CREATE;
import static dev.chat.contracts.Operation.ROOMS_DELETE;
import static dev.chat.contracts.Operation.ROOMS_GET;
import static dev.chat.contracts.Operation.ROOMS_JOIN;
import static dev.chat.contracts.Operation.ROOMS_JOIN_REQUESTS;
import static dev.chat.contracts.Operation.ROOMS_JOIN_REQUESTS_APPROVE;
import static dev.chat.contracts.Operation.ROOMS_JOIN_REQUESTS_REJECT;
import static dev.chat.contracts.Operation.ROOMS_LEAVE;
import static dev.chat.contracts.Operation.ROOMS_LIST;
import static dev.chat.contracts.Operation.ROOMS_MEMBERS;
import static dev.chat.contracts.Operation.ROOMS_MEMBERS_REMOVE;
import static dev.chat.contracts.Operation.ROOMS_UPDATE;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chat.contracts.Commands;
import dev.chat.contracts.Problem;
import dev.chat.gateway.messaging.ChatServiceClient;
import dev.chat.gateway.security.Callers;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** Rooms and their members, and direct rooms; every call goes to chat-service, keyed by room id. Messages: MessageResource. */
@Path("/api")
@Tag(name = ApiDocument.ROOMS)
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
public class RoomResource {

    private static final String ROOM_ID = "the room";
    private static final String REQUESTER = "the user who asked to join";

    private final ChatServiceClient chat;
    private final JsonWebToken token;

    public RoomResource(ChatServiceClient chat, JsonWebToken token) {
        this.chat = chat;
        this.token = token;
    }

    @POST
    @Path("/rooms")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createRoom", summary = "Create a channel",
            description = "A public or private channel; the caller is its owner and first member. A private channel with a"
                    + " password admits whoever joins with it; without one, joining asks the owner.")
    @RequestBody(required = true, content = @Content(mediaType = ApiDocument.JSON,
            schema = @Schema(implementation = ApiSchemas.NewRoom.class)))
    @APIResponse(responseCode = "201", description = "The new channel",
            content = @Content(mediaType = ApiDocument.JSON, schema = @Schema(implementation = ApiSchemas.Room.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "409", description = "room_name_taken: a channel has that name, in some case",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ApiSchemas.Problem.class)))
    @APIResponse(responseCode = "415", ref = ApiDocument.NOT_JSON)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public Uni<Response> create(JsonNode body) {
        return chat.call(ROOMS_CREATE, Callers.of(token), body, token.getSubject()).map(Replies::toResponse);
    }

    @GET
    @Path("/rooms")
    @Operation(operationId = "listRooms", summary = "List rooms",
            description = "mine: the caller's rooms (general first, then by latest activity); public: public channels by name"
                    + " (at most 500), each saying whether the caller is a member; direct: the caller's direct conversations."
                    + " With name, whatever the scope: the channel of that name in any case, public or private (none: an empty"
                    + " list); of a private room a non-member gets no lastMessage. How a terminal user finds a room to join.")
    @APIResponse(responseCode = "200", description = "The rooms, with the caller's unread count and the latest message",
            content = @Content(mediaType = ApiDocument.JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = ApiSchemas.ListedRoom.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public Uni<Response> list(@Parameter(description = "which rooms", schema = @Schema(type = SchemaType.STRING,
            enumeration = {"mine", "public", "direct"}, defaultValue = "mine")) @QueryParam("scope") String scope,
            @Parameter(description = "a channel's name, in any case: only that channel", schema = @Schema(type = SchemaType.STRING,
                    minLength = 1, maxLength = 64)) @QueryParam("name") String name) {
        var command = new Commands.ListRooms(scope == null ? "mine" : scope, name);
        return chat.call(ROOMS_LIST, Callers.of(token), command, token.getSubject()).map(Replies::toResponse);
    }

    @GET
    @Path("/rooms/{roomId}")
    @Operation(operationId = "getRoom", summary = "Get a room",
            description = "Public channels for anyone signed in; other rooms for their members only.")
    @APIResponse(responseCode = "200", description = "The room",
            content = @Content(mediaType = ApiDocument.JSON, schema = @Schema(implementation = ApiSchemas.Room.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocument.NOT_A_MEMBER)
    @APIResponse(responseCode = "404", ref = ApiDocument.NO_SUCH_ROOM)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public Uni<Response> get(@Parameter(description = ROOM_ID, schema = @Schema(type = SchemaType.STRING, format = ApiSchemas.UUID))
            @PathParam("roomId") String roomId) {
        return chat.call(ROOMS_GET, Callers.of(token), new Commands.RoomRef(roomId), roomId).map(Replies::toResponse);
    }

    @POST
    @Path("/rooms/{roomId}/join")
    @Operation(operationId = "joinRoom", summary = "Join a room",
            description = "A public channel admits at once. A private channel admits with its password; without the password"
                    + " (or without a body) the owner gets a join request and the answer is 202 pending. Joining a room one is in"
                    + " answers member again.")
    @RequestBody(required = false, description = "Optional; may be left out, with or without a Content-Type",
            content = @Content(mediaType = ApiDocument.JSON, schema = @Schema(implementation = ApiSchemas.JoinRoomRequest.class)))
    @APIResponse(responseCode = "200", description = "The caller is a member",
            content = @Content(mediaType = ApiDocument.JSON, schema = @Schema(implementation = ApiSchemas.JoinResult.class)))
    @APIResponse(responseCode = "202", description = "A join request went to the owner: the caller gets a member frame when"
            + " approved, a system frame when declined",
            content = @Content(mediaType = ApiDocument.JSON, schema = @Schema(implementation = ApiSchemas.JoinResult.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "403", description = "wrong_password: the password given is not the room's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ApiSchemas.Problem.class)))
    @APIResponse(responseCode = "404", ref = ApiDocument.NO_SUCH_ROOM)
    @APIResponse(responseCode = "415", ref = ApiDocument.NOT_JSON)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public Uni<Response> join(@Parameter(description = ROOM_ID, schema = @Schema(type = SchemaType.STRING, format = ApiSchemas.UUID))
            @PathParam("roomId") String roomId, JsonNode body) {
        String password = body != null && body.hasNonNull("password") ? body.get("password").asText() : null;
        return chat.call(ROOMS_JOIN, Callers.of(token), new Commands.JoinRoom(roomId, password), roomId).map(Replies::toResponse);
    }

    @POST
    @Path("/rooms/{roomId}/leave")
    @Operation(operationId = "leaveRoom", summary = "Leave a channel",
            description = "The caller stops being a member; the others get a member frame (left). The general room and direct"
                    + " rooms cannot be left, and an owner deletes the channel instead. No body.")
    @APIResponse(responseCode = "204", description = "The caller has left")
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocument.NOT_A_MEMBER)
    @APIResponse(responseCode = "404", ref = ApiDocument.NO_SUCH_ROOM)
    @APIResponse(responseCode = "409", description = "cannot_leave: the general room, a direct room, or the caller owns it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ApiSchemas.Problem.class)))
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public Uni<Response> leave(@Parameter(description = ROOM_ID, schema = @Schema(type = SchemaType.STRING, format = ApiSchemas.UUID))
            @PathParam("roomId") String roomId) {
        return chat.call(ROOMS_LEAVE, Callers.of(token), new Commands.RoomRef(roomId), roomId).map(Replies::toResponse);
    }

    @PATCH
    @Path("/rooms/{roomId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateRoom", summary = "Change a channel's settings",
            description = "Owner only. Each of topic, retention and systemLines changes only when the body names it. Members get a"
                    + " room frame with event updated and, where the room shows system lines, a line saying what changed. With a"
                    + " retention, older messages are evicted in the background, and history answers evictedBefore.")
    @RequestBody(required = true, content = @Content(mediaType = ApiDocument.JSON,
            schema = @Schema(implementation = ApiSchemas.RoomSettings.class)))
    @APIResponse(responseCode = "200", description = "The room as it is now",
            content = @Content(mediaType = ApiDocument.JSON, schema = @Schema(implementation = ApiSchemas.Room.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocument.NOT_OWNER)
    @APIResponse(responseCode = "404", ref = ApiDocument.NO_SUCH_ROOM)
    @APIResponse(responseCode = "415", ref = ApiDocument.NOT_JSON)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public Uni<Response> update(@Parameter(description = ROOM_ID, schema = @Schema(type = SchemaType.STRING, format = ApiSchemas.UUID))
            @PathParam("roomId") String roomId, JsonNode body) {
        return chat.call(ROOMS_UPDATE, Callers.of(token), withRoomId(body, roomId), roomId).map(Replies::toResponse);
    }

    @DELETE
    @Path("/rooms/{roomId}")
    @Operation(operationId = "deleteRoom", summary = "Delete a channel",
            description = "Owner only. Members get a room frame with event deleted and the room's traffic stops.")
    @APIResponse(responseCode = "204", description = "The channel is gone")
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocument.NOT_OWNER)
    @APIResponse(responseCode = "404", ref = ApiDocument.NO_SUCH_ROOM)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public Uni<Response> delete(@Parameter(description = ROOM_ID, schema = @Schema(type = SchemaType.STRING, format = ApiSchemas.UUID))
            @PathParam("roomId") String roomId) {
        return chat.call(ROOMS_DELETE, Callers.of(token), new Commands.RoomRef(roomId), roomId).map(Replies::toResponse);
    }

    @GET
    @Path("/rooms/{roomId}/members")
    @Operation(operationId = "listMembers", summary = "List a room's members",
            description = "Members only: owner first, then by name, each with role, read marker and presence.")
    @APIResponse(responseCode = "200", description = "The members",
            content = @Content(mediaType = ApiDocument.JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = ApiSchemas.Member.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocument.NOT_A_MEMBER)
    @APIResponse(responseCode = "404", ref = ApiDocument.NO_SUCH_ROOM)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public Uni<Response> members(@Parameter(description = ROOM_ID, schema = @Schema(type = SchemaType.STRING, format = ApiSchemas.UUID))
            @PathParam("roomId") String roomId) {
        return chat.call(ROOMS_MEMBERS, Callers.of(token), new Commands.RoomRef(roomId), roomId).map(Replies::toResponse);
    }

    @GET
    @Path("/rooms/{roomId}/join-requests")
    @Operation(operationId = "listJoinRequests", summary = "List pending join requests",
            description = "Owner only: who asked to join the private room, oldest first.")
    @APIResponse(responseCode = "200", description = "The pending requests",
            content = @Content(mediaType = ApiDocument.JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = ApiSchemas.PendingJoinRequest.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocument.NOT_OWNER)
    @APIResponse(responseCode = "404", ref = ApiDocument.NO_SUCH_ROOM)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public Uni<Response> joinRequests(
            @Parameter(description = ROOM_ID, schema = @Schema(type = SchemaType.STRING, format = ApiSchemas.UUID))
            @PathParam("roomId") String roomId) {
        return chat.call(ROOMS_JOIN_REQUESTS, Callers.of(token), new Commands.RoomRef(roomId), roomId).map(Replies::toResponse);
    }

    @POST
    @Path("/rooms/{roomId}/join-requests/{userId}/approve")
    @Operation(operationId = "approveJoinRequest", summary = "Approve a join request",
            description = "Owner only: the requester becomes a member; the room's members (the requester's connections too) get"
                    + " a member frame (joined). No body.")
    @APIResponse(responseCode = "204", description = "The requester is a member")
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocument.NOT_OWNER)
    @APIResponse(responseCode = "404", description = "not_found: no such room, or no pending request of that user",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ApiSchemas.Problem.class)))
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public Uni<Response> approve(
            @Parameter(description = ROOM_ID, schema = @Schema(type = SchemaType.STRING, format = ApiSchemas.UUID))
            @PathParam("roomId") String roomId,
            @Parameter(description = REQUESTER, schema = @Schema(type = SchemaType.STRING, format = ApiSchemas.UUID))
            @PathParam("userId") String userId) {
        return chat.call(ROOMS_JOIN_REQUESTS_APPROVE, Callers.of(token), new Commands.MemberRef(roomId, userId), roomId)
                .map(Replies::toResponse);
    }

    @POST
    @Path("/rooms/{roomId}/join-requests/{userId}/reject")
    @Operation(operationId = "rejectJoinRequest", summary = "Reject a join request",
            description = "Owner only: the request is dropped and the requester gets a system frame saying so. No body.")
    @APIResponse(responseCode = "204", description = "The request is settled")
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocument.NOT_OWNER)
    @APIResponse(responseCode = "404", description = "not_found: no such room, or no pending request of that user",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ApiSchemas.Problem.class)))
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public Uni<Response> reject(
            @Parameter(description = ROOM_ID, schema = @Schema(type = SchemaType.STRING, format = ApiSchemas.UUID))
            @PathParam("roomId") String roomId,
            @Parameter(description = REQUESTER, schema = @Schema(type = SchemaType.STRING, format = ApiSchemas.UUID))
            @PathParam("userId") String userId) {
        return chat.call(ROOMS_JOIN_REQUESTS_REJECT, Callers.of(token), new Commands.MemberRef(roomId, userId), roomId)
                .map(Replies::toResponse);
    }

    @DELETE
    @Path("/rooms/{roomId}/members/{userId}")
    @Operation(operationId = "removeMember", summary = "Remove a member",
            description = "Owner only: the member is out, their connections stop getting the room at once, and the members get a"
                    + " member frame (left). The owner cannot remove themselves.")
    @APIResponse(responseCode = "204", description = "The member is out")
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocument.NOT_OWNER)
    @APIResponse(responseCode = "404", description = "not_found: no such room, or that user is not a member",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ApiSchemas.Problem.class)))
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public Uni<Response> removeMember(
            @Parameter(description = ROOM_ID, schema = @Schema(type = SchemaType.STRING, format = ApiSchemas.UUID))
            @PathParam("roomId") String roomId,
            @Parameter(description = "the member to remove", schema = @Schema(type = SchemaType.STRING, format = ApiSchemas.UUID))
            @PathParam("userId") String userId) {
        return chat.call(ROOMS_MEMBERS_REMOVE, Callers.of(token), new Commands.MemberRef(roomId, userId), roomId).map(Replies::toResponse);
    }

    @POST
    @Path("/dms")
    @Consumes(MediaType.APPLICATION_JSON)
    @Tag(name = ApiDocument.DIRECT)
    @Operation(operationId = "openDirectRoom", summary = "Open a direct conversation",
            description = "The direct room between the caller and another user: made on first use (201; both get member frames),"
                    + " the same room every time after (200).")
    @RequestBody(required = true, content = @Content(mediaType = ApiDocument.JSON,
            schema = @Schema(implementation = ApiSchemas.OpenDirectRequest.class)))
    @APIResponse(responseCode = "201", description = "The new direct room",
            content = @Content(mediaType = ApiDocument.JSON, schema = @Schema(implementation = ApiSchemas.Room.class)))
    @APIResponse(responseCode = "200", description = "The existing direct room",
            content = @Content(mediaType = ApiDocument.JSON, schema = @Schema(implementation = ApiSchemas.Room.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "404", description = "not_found: no such user",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ApiSchemas.Problem.class)))
    @APIResponse(responseCode = "415", ref = ApiDocument.NOT_JSON)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public Uni<Response> openDirect(JsonNode body) {
        return chat.call(DMS_OPEN, Callers.of(token), body, token.getSubject()).map(Replies::toResponse);
    }

    /** The body with the path's room id; a body that is not an object goes on as it is, for chat-service to refuse. */
    static JsonNode withRoomId(JsonNode body, String roomId) {
        if (body == null || !body.isObject()) {
            return body;
        }
        return ((ObjectNode) body.deepCopy()).put("roomId", roomId);
    }
}
