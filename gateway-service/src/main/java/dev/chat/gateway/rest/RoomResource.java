package dev.chat.gateway.rest;

import static dev.chat.contracts.Operation.DMS_OPEN;
import static dev.chat.contracts.Operation.MESSAGES_HISTORY;
import static dev.chat.contracts.Operation.MESSAGES_SEND;
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
import static dev.chat.contracts.Operation.ROOMS_READ;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chat.contracts.Commands;
import dev.chat.gateway.messaging.ChatServiceClient;
import dev.chat.gateway.security.Callers;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** Rooms, members and messages; every call goes to chat-service, keyed by room id. */
@Path("/api")
@Tag(name = "rooms")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
public class RoomResource {

    private final ChatServiceClient chat;
    private final JsonWebToken token;

    public RoomResource(ChatServiceClient chat, JsonWebToken token) {
        this.chat = chat;
        this.token = token;
    }

    @POST
    @Path("/rooms")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a channel; the caller is its owner and first member")
    @RequestBody(content = @Content(schema = @Schema(implementation = ApiSchemas.NewRoom.class)))
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = ApiSchemas.Room.class)))
    @APIResponse(responseCode = "409", description = "room_name_taken")
    public Uni<Response> create(JsonNode body) {
        return chat.call(ROOMS_CREATE, Callers.of(token), body, token.getSubject()).map(Replies::toResponse);
    }

    @GET
    @Path("/rooms")
    @Operation(summary = "The caller's rooms (mine), public channels (public) or direct conversations (direct)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ApiSchemas.Room[].class)))
    public Uni<Response> list(@QueryParam("scope") String scope) {
        var command = new Commands.ListRooms(scope == null ? "mine" : scope);
        return chat.call(ROOMS_LIST, Callers.of(token), command, token.getSubject()).map(Replies::toResponse);
    }

    @GET
    @Path("/rooms/{roomId}")
    @Operation(summary = "A room (public channels for anyone, others for members)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ApiSchemas.Room.class)))
    public Uni<Response> get(@PathParam("roomId") String roomId) {
        return chat.call(ROOMS_GET, Callers.of(token), new Commands.RoomRef(roomId), roomId).map(Replies::toResponse);
    }

    @POST
    @Path("/rooms/{roomId}/join")
    @Operation(summary = "Join; a private room without the right password makes a join request (202 pending)")
    @APIResponse(responseCode = "200", description = "{status: member}")
    @APIResponse(responseCode = "202", description = "{status: pending}")
    @APIResponse(responseCode = "403", description = "wrong_password")
    public Uni<Response> join(@PathParam("roomId") String roomId, JsonNode body) {
        String password = body != null && body.hasNonNull("password") ? body.get("password").asText() : null;
        return chat.call(ROOMS_JOIN, Callers.of(token), new Commands.JoinRoom(roomId, password), roomId).map(Replies::toResponse);
    }

    @POST
    @Path("/rooms/{roomId}/leave")
    @Operation(summary = "Leave a channel (owners delete instead)")
    @APIResponse(responseCode = "204")
    public Uni<Response> leave(@PathParam("roomId") String roomId) {
        return chat.call(ROOMS_LEAVE, Callers.of(token), new Commands.RoomRef(roomId), roomId).map(Replies::toResponse);
    }

    @DELETE
    @Path("/rooms/{roomId}")
    @Operation(summary = "Delete a channel (owner only); members get a room frame with event deleted")
    @APIResponse(responseCode = "204")
    public Uni<Response> delete(@PathParam("roomId") String roomId) {
        return chat.call(ROOMS_DELETE, Callers.of(token), new Commands.RoomRef(roomId), roomId).map(Replies::toResponse);
    }

    @GET
    @Path("/rooms/{roomId}/members")
    @Operation(summary = "Members (members only)")
    public Uni<Response> members(@PathParam("roomId") String roomId) {
        return chat.call(ROOMS_MEMBERS, Callers.of(token), new Commands.RoomRef(roomId), roomId).map(Replies::toResponse);
    }

    @GET
    @Path("/rooms/{roomId}/join-requests")
    @Operation(summary = "Owner only: pending join requests [{userId, username, requestedAt}]")
    public Uni<Response> joinRequests(@PathParam("roomId") String roomId) {
        return chat.call(ROOMS_JOIN_REQUESTS, Callers.of(token), new Commands.RoomRef(roomId), roomId).map(Replies::toResponse);
    }

    @POST
    @Path("/rooms/{roomId}/join-requests/{userId}/{decision: approve|reject}")
    @Operation(summary = "Owner only: approve (the requester becomes a member) or reject (the requester gets a notice)")
    @APIResponse(responseCode = "204")
    public Uni<Response> decide(@PathParam("roomId") String roomId, @PathParam("userId") String userId,
            @PathParam("decision") String decision) {
        var op = "approve".equals(decision) ? ROOMS_JOIN_REQUESTS_APPROVE : ROOMS_JOIN_REQUESTS_REJECT;
        return chat.call(op, Callers.of(token), new Commands.MemberRef(roomId, userId), roomId).map(Replies::toResponse);
    }

    @DELETE
    @Path("/rooms/{roomId}/members/{userId}")
    @Operation(summary = "Owner only: remove a member; their connections stop getting the room at once")
    @APIResponse(responseCode = "204")
    public Uni<Response> removeMember(@PathParam("roomId") String roomId, @PathParam("userId") String userId) {
        return chat.call(ROOMS_MEMBERS_REMOVE, Callers.of(token), new Commands.MemberRef(roomId, userId), roomId).map(Replies::toResponse);
    }

    @GET
    @Path("/rooms/{roomId}/messages")
    @Operation(summary = "History, ascending by seq. afterSeq/since read forward; otherwise backward from beforeSeq/until or the newest")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ApiSchemas.MessagePage.class)))
    public Uni<Response> history(@PathParam("roomId") String roomId, @QueryParam("afterSeq") String afterSeq,
            @QueryParam("beforeSeq") String beforeSeq, @QueryParam("since") String since, @QueryParam("until") String until,
            @QueryParam("limit") String limit) {
        var query = new Commands.HistoryQuery(roomId, afterSeq, beforeSeq, since, until, limit);
        return chat.call(MESSAGES_HISTORY, Callers.of(token), query, roomId).map(Replies::toResponse);
    }

    @POST
    @Path("/rooms/{roomId}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send; the same clientMsgId again returns the stored message (200) and sends nothing")
    @RequestBody(content = @Content(schema = @Schema(implementation = ApiSchemas.NewMessage.class)))
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = ApiSchemas.Message.class)))
    public Uni<Response> send(@PathParam("roomId") String roomId, JsonNode body) {
        return chat.call(MESSAGES_SEND, Callers.of(token), withRoomId(body, roomId), roomId).map(Replies::toResponse);
    }

    @POST
    @Path("/rooms/{roomId}/read")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move the caller's read marker (never backwards)")
    @APIResponse(responseCode = "204")
    public Uni<Response> read(@PathParam("roomId") String roomId, JsonNode body) {
        return chat.call(ROOMS_READ, Callers.of(token), withRoomId(body, roomId), roomId).map(Replies::toResponse);
    }

    @POST
    @Path("/dms")
    @Consumes(MediaType.APPLICATION_JSON)
    @Tag(name = "direct messages")
    @Operation(summary = "The direct room with another user: created (201) or the existing one (200)")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = ApiSchemas.Room.class)))
    public Uni<Response> openDirect(JsonNode body) {
        return chat.call(DMS_OPEN, Callers.of(token), body, token.getSubject()).map(Replies::toResponse);
    }

    /** The body with the path's room id; a body that is not an object goes on as it is, for chat-service to refuse. */
    private static JsonNode withRoomId(JsonNode body, String roomId) {
        if (body == null || !body.isObject()) {
            return body;
        }
        return ((ObjectNode) body.deepCopy()).put("roomId", roomId);
    }
}
