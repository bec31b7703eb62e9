package dev.chat.gateway.rest;

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
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
    private final ObjectMapper mapper;

    public RoomResource(ChatServiceClient chat, JsonWebToken token, ObjectMapper mapper) {
        this.chat = chat;
        this.token = token;
        this.mapper = mapper;
    }

    @POST
    @Path("/rooms")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a channel; the caller is its owner and first member")
    @RequestBody(content = @Content(schema = @Schema(implementation = ApiSchemas.NewRoom.class)))
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = ApiSchemas.Room.class)))
    @APIResponse(responseCode = "409", description = "room_name_taken")
    public Uni<Response> create(JsonNode body) {
        return call("rooms.create", body, token.getSubject());
    }

    @GET
    @Path("/rooms")
    @Operation(summary = "The caller's rooms (mine), public channels (public) or direct conversations (direct)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ApiSchemas.Room[].class)))
    public Uni<Response> list(@QueryParam("scope") String scope) {
        return call("rooms.list", params("scope", scope == null ? "mine" : scope), token.getSubject());
    }

    @GET
    @Path("/rooms/{roomId}")
    @Operation(summary = "A room (public channels for anyone, others for members)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ApiSchemas.Room.class)))
    public Uni<Response> get(@PathParam("roomId") String roomId) {
        return call("rooms.get", params("roomId", roomId), roomId);
    }

    @POST
    @Path("/rooms/{roomId}/join")
    @Operation(summary = "Join; a private room without the right password makes a join request (202 pending)")
    @APIResponse(responseCode = "200", description = "{status: member}")
    @APIResponse(responseCode = "202", description = "{status: pending}")
    @APIResponse(responseCode = "403", description = "wrong_password")
    public Uni<Response> join(@PathParam("roomId") String roomId, JsonNode body) {
        ObjectNode params = params("roomId", roomId);
        if (body != null && body.hasNonNull("password")) {
            params.set("password", body.get("password"));
        }
        return call("rooms.join", params, roomId);
    }

    @POST
    @Path("/rooms/{roomId}/leave")
    @Operation(summary = "Leave a channel (owners delete instead)")
    @APIResponse(responseCode = "204")
    public Uni<Response> leave(@PathParam("roomId") String roomId) {
        return call("rooms.leave", params("roomId", roomId), roomId);
    }

    @DELETE
    @Path("/rooms/{roomId}")
    @Operation(summary = "Delete a channel (owner only); members get a room frame with event deleted")
    @APIResponse(responseCode = "204")
    public Uni<Response> delete(@PathParam("roomId") String roomId) {
        return call("rooms.delete", params("roomId", roomId), roomId);
    }

    @GET
    @Path("/rooms/{roomId}/members")
    @Operation(summary = "Members (members only)")
    public Uni<Response> members(@PathParam("roomId") String roomId) {
        return call("rooms.members", params("roomId", roomId), roomId);
    }

    @GET
    @Path("/rooms/{roomId}/join-requests")
    @Operation(summary = "Owner only: pending join requests [{userId, username, requestedAt}]")
    public Uni<Response> joinRequests(@PathParam("roomId") String roomId) {
        return call("rooms.join-requests", params("roomId", roomId), roomId);
    }

    @POST
    @Path("/rooms/{roomId}/join-requests/{userId}/{decision: approve|reject}")
    @Operation(summary = "Owner only: approve (the requester becomes a member) or reject (the requester gets a notice)")
    @APIResponse(responseCode = "204")
    public Uni<Response> decide(@PathParam("roomId") String roomId, @PathParam("userId") String userId,
            @PathParam("decision") String decision) {
        return call("rooms.join-requests." + decision, params("roomId", roomId).put("userId", userId), roomId);
    }

    @DELETE
    @Path("/rooms/{roomId}/members/{userId}")
    @Operation(summary = "Owner only: remove a member; their connections stop getting the room at once")
    @APIResponse(responseCode = "204")
    public Uni<Response> removeMember(@PathParam("roomId") String roomId, @PathParam("userId") String userId) {
        return call("rooms.members.remove", params("roomId", roomId).put("userId", userId), roomId);
    }

    @GET
    @Path("/rooms/{roomId}/messages")
    @Operation(summary = "History, ascending by seq. afterSeq/since read forward; otherwise backward from beforeSeq/until or the newest")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ApiSchemas.MessagePage.class)))
    public Uni<Response> history(@PathParam("roomId") String roomId, @QueryParam("afterSeq") String afterSeq,
            @QueryParam("beforeSeq") String beforeSeq, @QueryParam("since") String since, @QueryParam("until") String until,
            @QueryParam("limit") String limit) {
        ObjectNode params = params("roomId", roomId);
        putIfPresent(params, "afterSeq", afterSeq);
        putIfPresent(params, "beforeSeq", beforeSeq);
        putIfPresent(params, "since", since);
        putIfPresent(params, "until", until);
        putIfPresent(params, "limit", limit);
        return call("messages.history", params, roomId);
    }

    @POST
    @Path("/rooms/{roomId}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send; the same clientMsgId again returns the stored message (200) and sends nothing")
    @RequestBody(content = @Content(schema = @Schema(implementation = ApiSchemas.NewMessage.class)))
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = ApiSchemas.Message.class)))
    public Uni<Response> send(@PathParam("roomId") String roomId, JsonNode body) {
        return call("messages.send", withRoomId(body, roomId), roomId);
    }

    @POST
    @Path("/rooms/{roomId}/read")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move the caller's read marker (never backwards)")
    @APIResponse(responseCode = "204")
    public Uni<Response> read(@PathParam("roomId") String roomId, JsonNode body) {
        return call("rooms.read", withRoomId(body, roomId), roomId);
    }

    @POST
    @Path("/dms")
    @Consumes(MediaType.APPLICATION_JSON)
    @Tag(name = "direct messages")
    @Operation(summary = "The direct room with another user: created (201) or the existing one (200)")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = ApiSchemas.Room.class)))
    public Uni<Response> openDirect(JsonNode body) {
        return call("dms.open", body, token.getSubject());
    }

    private Uni<Response> call(String op, JsonNode body, String key) {
        return chat.call(op, Callers.of(token), body, key).map(Replies::toResponse);
    }

    private ObjectNode params(String name, String value) {
        ObjectNode params = mapper.createObjectNode();
        params.put(name, value);
        return params;
    }

    /** The body with the path's room id; a body that is not an object goes on as it is, for chat-service to refuse. */
    private static JsonNode withRoomId(JsonNode body, String roomId) {
        if (body == null || !body.isObject()) {
            return body;
        }
        return ((ObjectNode) body.deepCopy()).put("roomId", roomId);
    }

    private static void putIfPresent(ObjectNode params, String name, String value) {
        if (value != null) {
            params.put(name, value);
        }
    }
}
