package dev.chat.gateway.rest;

import static dev.chat.contracts.Operation.MESSAGES_DELETE;
import static dev.chat.contracts.Operation.MESSAGES_EDIT;
import static dev.chat.contracts.Operation.MESSAGES_HISTORY;
import static dev.chat.contracts.Operation.MESSAGES_REACT;
import static dev.chat.contracts.Operation.MESSAGES_SEARCH;
import static dev.chat.contracts.Operation.MESSAGES_SEND;
import static dev.chat.contracts.Operation.ROOMS_READ;

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
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chat.contracts.Commands;
import dev.chat.contracts.Problem;
import dev.chat.gateway.messaging.ChatServiceClient;
import dev.chat.gateway.security.Callers;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/**
 * A room's messages: history, sending, editing, deleting, and the read marker; every call goes to chat-service, keyed
 * by room id. At the same root as RoomResource (see SketchResource for why).
 */
@Path("/api")
@Tag(name = ApiDocument.ROOMS)
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
public class MessageResource {

    private static final String ROOM_ID = "the room";
    private static final String SEQ = "the message's seq in the room";

    private final ChatServiceClient chat;
    private final JsonWebToken token;

    public MessageResource(ChatServiceClient chat, JsonWebToken token) {
        this.chat = chat;
        this.token = token;
    }

    /**
     * The query values go on as the client wrote them: chat-service validates them and names the one that is wrong
     * (a 400 problem), so the document describes them as the numbers and times they must be.
     */
    @GET
    @Path("/rooms/{roomId}/messages")
    @Operation(operationId = "getHistory", summary = "Read a room's history",
            description = "Members only. A page of messages, ascending by seq. With afterSeq or since it reads forward from"
                    + " there (catching up); otherwise backward from beforeSeq, until, or the newest message (scrolling back)."
                    + " hasMore says whether more lie in the direction read.")
    @APIResponse(responseCode = "200", description = "A page of messages",
            content = @Content(mediaType = ApiDocument.JSON, schema = @Schema(implementation = ApiSchemas.MessagePage.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocument.NOT_A_MEMBER)
    @APIResponse(responseCode = "404", ref = ApiDocument.NO_SUCH_ROOM)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public Uni<Response> history(
            @Parameter(description = ROOM_ID, schema = @Schema(type = SchemaType.STRING, format = ApiSchemas.UUID))
            @PathParam("roomId") String roomId,
            @Parameter(description = "messages with a greater seq, read forward",
                    schema = @Schema(type = SchemaType.INTEGER, format = ApiSchemas.INT64, minimum = "0"))
            @QueryParam("afterSeq") String afterSeq,
            @Parameter(description = "messages with a smaller seq, read backward",
                    schema = @Schema(type = SchemaType.INTEGER, format = ApiSchemas.INT64, minimum = "0"))
            @QueryParam("beforeSeq") String beforeSeq,
            @Parameter(description = "messages created at or after this time, read forward",
                    schema = @Schema(type = SchemaType.STRING, format = ApiSchemas.DATE_TIME))
            @QueryParam("since") String since,
            @Parameter(description = "messages created before this time, read backward",
                    schema = @Schema(type = SchemaType.STRING, format = ApiSchemas.DATE_TIME))
            @QueryParam("until") String until,
            @Parameter(description = "the most messages in the page",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "200", defaultValue = "50"))
            @QueryParam("limit") String limit) {
        var query = new Commands.HistoryQuery(roomId, afterSeq, beforeSeq, since, until, limit);
        return chat.call(MESSAGES_HISTORY, Callers.of(token), query, roomId).map(Replies::toResponse);
    }

    @POST
    @Path("/rooms/{roomId}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "sendMessage", summary = "Send a message",
            description = "Members only. Stored with the room's next seq; every member connection gets a message frame. The"
                    + " same clientMsgId again returns the stored message (200) and sends nothing.")
    @RequestBody(required = true, content = @Content(mediaType = ApiDocument.JSON,
            schema = @Schema(implementation = ApiSchemas.NewMessage.class)))
    @APIResponse(responseCode = "201", description = "The stored message",
            content = @Content(mediaType = ApiDocument.JSON, schema = @Schema(implementation = ApiSchemas.Message.class)))
    @APIResponse(responseCode = "200", description = "A resend: the message stored before with this clientMsgId",
            content = @Content(mediaType = ApiDocument.JSON, schema = @Schema(implementation = ApiSchemas.Message.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocument.NOT_A_MEMBER)
    @APIResponse(responseCode = "404", ref = ApiDocument.NO_SUCH_ROOM)
    @APIResponse(responseCode = "415", ref = ApiDocument.NOT_JSON)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public Uni<Response> send(@Parameter(description = ROOM_ID, schema = @Schema(type = SchemaType.STRING, format = ApiSchemas.UUID))
            @PathParam("roomId") String roomId, JsonNode body) {
        return chat.call(MESSAGES_SEND, Callers.of(token), RoomResource.withRoomId(body, roomId), roomId).map(Replies::toResponse);
    }

    @PATCH
    @Path("/rooms/{roomId}/messages/{seq}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "editMessage", summary = "Edit a message",
            description = "Its author only. The new text replaces the old; history returns it with editedAt, and every member"
                    + " connection gets a message.edited frame, in order with the room's messages.")
    @RequestBody(required = true, content = @Content(mediaType = ApiDocument.JSON,
            schema = @Schema(implementation = ApiSchemas.MessageEdit.class)))
    @APIResponse(responseCode = "200", description = "The edited message",
            content = @Content(mediaType = ApiDocument.JSON, schema = @Schema(implementation = ApiSchemas.Message.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "403", description = "not_a_member, or not_message_author: only its author edits a message",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ApiSchemas.Problem.class)))
    @APIResponse(responseCode = "404", description = "not_found: no such room, or no message with that seq in it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ApiSchemas.Problem.class)))
    @APIResponse(responseCode = "409", description = "message_deleted: a deleted message cannot be edited",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ApiSchemas.Problem.class)))
    @APIResponse(responseCode = "415", ref = ApiDocument.NOT_JSON)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public Uni<Response> edit(@Parameter(description = ROOM_ID, schema = @Schema(type = SchemaType.STRING, format = ApiSchemas.UUID))
            @PathParam("roomId") String roomId,
            @Parameter(description = SEQ, schema = @Schema(type = SchemaType.INTEGER, format = ApiSchemas.INT64, minimum = "1"))
            @PathParam("seq") String seq, JsonNode body) {
        JsonNode command = body == null || !body.isObject() ? body : ((ObjectNode) RoomResource.withRoomId(body, roomId)).put("seq", seq);
        return chat.call(MESSAGES_EDIT, Callers.of(token), command, roomId).map(Replies::toResponse);
    }

    @DELETE
    @Path("/rooms/{roomId}/messages/{seq}")
    @Operation(operationId = "deleteMessage", summary = "Delete a message",
            description = "Its author, or the room's owner. The seq stays: history returns it with deleted true and no text, and"
                    + " every member connection gets a message.deleted frame. Deleting it again answers 204 again.")
    @APIResponse(responseCode = "204", description = "The message is deleted")
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "403", description = "not_a_member, or not_message_author: neither its author nor the room's owner",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ApiSchemas.Problem.class)))
    @APIResponse(responseCode = "404", description = "not_found: no such room, or no message with that seq in it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ApiSchemas.Problem.class)))
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public Uni<Response> deleteMessage(
            @Parameter(description = ROOM_ID, schema = @Schema(type = SchemaType.STRING, format = ApiSchemas.UUID))
            @PathParam("roomId") String roomId,
            @Parameter(description = SEQ, schema = @Schema(type = SchemaType.INTEGER, format = ApiSchemas.INT64, minimum = "1"))
            @PathParam("seq") String seq) {
        var command = JsonNodeFactory.instance.objectNode().put("roomId", roomId).put("seq", seq);
        return chat.call(MESSAGES_DELETE, Callers.of(token), command, roomId).map(Replies::toResponse);
    }
    @POST
    @Path("/rooms/{roomId}/messages/{seq}/reactions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addReaction", summary = "React to a message",
            description = "Members only; one reaction per member and emoji. Every member connection gets a reaction frame with"
                    + " the emoji's new count; reacting again with the same emoji changes nothing and sends nothing.")
    @RequestBody(required = true, content = @Content(mediaType = ApiDocument.JSON,
            schema = @Schema(implementation = ApiSchemas.NewReaction.class)))
    @APIResponse(responseCode = "200", description = "The reaction, with the emoji's count now",
            content = @Content(mediaType = ApiDocument.JSON, schema = @Schema(implementation = ApiSchemas.Reaction.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocument.NOT_A_MEMBER)
    @APIResponse(responseCode = "404", description = "not_found: no such room, or no message with that seq in it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ApiSchemas.Problem.class)))
    @APIResponse(responseCode = "409", description = "message_deleted, or reaction_limit: the message carries 20 different emoji"
            + " already and this is not one of them",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ApiSchemas.Problem.class)))
    @APIResponse(responseCode = "415", ref = ApiDocument.NOT_JSON)
    @APIResponse(responseCode = "429", description = "rate_limited: reactions share the send budget",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ApiSchemas.Problem.class)))
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public Uni<Response> react(@Parameter(description = ROOM_ID, schema = @Schema(type = SchemaType.STRING, format = ApiSchemas.UUID))
            @PathParam("roomId") String roomId,
            @Parameter(description = SEQ, schema = @Schema(type = SchemaType.INTEGER, format = ApiSchemas.INT64, minimum = "1"))
            @PathParam("seq") String seq, JsonNode body) {
        JsonNode command = body == null || !body.isObject() ? body
                : ((ObjectNode) RoomResource.withRoomId(body, roomId)).put("seq", seq).put("on", true);
        return chat.call(MESSAGES_REACT, Callers.of(token), command, roomId).map(Replies::toResponse);
    }

    @DELETE
    @Path("/rooms/{roomId}/messages/{seq}/reactions/{emoji}")
    @Operation(operationId = "removeReaction", summary = "Take a reaction back",
            description = "The caller's own reaction with that emoji (URL-encoded in the path). Every member connection gets a"
                    + " reaction frame with on false and the new count; taking back one that is not there changes nothing.")
    @APIResponse(responseCode = "200", description = "The reaction taken back, with the emoji's count now",
            content = @Content(mediaType = ApiDocument.JSON, schema = @Schema(implementation = ApiSchemas.Reaction.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocument.NOT_A_MEMBER)
    @APIResponse(responseCode = "404", description = "not_found: no such room, or no message with that seq in it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ApiSchemas.Problem.class)))
    @APIResponse(responseCode = "409", description = "message_deleted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ApiSchemas.Problem.class)))
    @APIResponse(responseCode = "429", description = "rate_limited: reactions share the send budget",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ApiSchemas.Problem.class)))
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public Uni<Response> unreact(@Parameter(description = ROOM_ID, schema = @Schema(type = SchemaType.STRING, format = ApiSchemas.UUID))
            @PathParam("roomId") String roomId,
            @Parameter(description = SEQ, schema = @Schema(type = SchemaType.INTEGER, format = ApiSchemas.INT64, minimum = "1"))
            @PathParam("seq") String seq,
            @Parameter(description = "the emoji, URL-encoded", schema = @Schema(type = SchemaType.STRING))
            @PathParam("emoji") String emoji) {
        var command = JsonNodeFactory.instance.objectNode().put("roomId", roomId).put("seq", seq).put("emoji", emoji).put("on", false);
        return chat.call(MESSAGES_REACT, Callers.of(token), command, roomId).map(Replies::toResponse);
    }

    @GET
    @Path("/search")
    @Operation(operationId = "searchMessages", summary = "Search messages",
            description = "Full-text search in the rooms the caller is a member of now (or in one of them, with roomId): every"
                    + " word must match, the last one also as a prefix. Best match first, then newest; each hit carries its"
                    + " roomId and seq, so a client can open the room there. Deleted messages and system lines are never found.")
    @APIResponse(responseCode = "200", description = "A page of matches",
            content = @Content(mediaType = ApiDocument.JSON, schema = @Schema(implementation = ApiSchemas.SearchPage.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocument.NOT_A_MEMBER)
    @APIResponse(responseCode = "404", ref = ApiDocument.NO_SUCH_ROOM)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public Uni<Response> search(
            @Parameter(required = true, description = "the words to find: 1-200 characters, at most 8 words",
                    schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 200)) @QueryParam("q") String q,
            @Parameter(description = "only this room", schema = @Schema(type = SchemaType.STRING, format = ApiSchemas.UUID))
            @QueryParam("roomId") String roomId,
            @Parameter(description = "the most matches in the page",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "50", defaultValue = "20"))
            @QueryParam("limit") String limit,
            @Parameter(description = "matches to skip: the previous pages' limits added up",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "0", maximum = "1000", defaultValue = "0"))
            @QueryParam("offset") String offset) {
        // Keyed by the room when there is one, so a room's search queues with its other commands; by the caller otherwise.
        var caller = Callers.of(token);
        String key = roomId != null ? roomId : caller.userId();
        return chat.call(MESSAGES_SEARCH, caller, new Commands.SearchQuery(q, roomId, limit, offset), key)
                .map(Replies::toResponse);
    }

    @POST
    @Path("/rooms/{roomId}/read")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "markRead", summary = "Move the read marker",
            description = "Members only. Never backwards, never past the newest message; the members get a read frame.")
    @RequestBody(required = true, content = @Content(mediaType = ApiDocument.JSON,
            schema = @Schema(implementation = ApiSchemas.ReadMarkerRequest.class)))
    @APIResponse(responseCode = "204", description = "The marker is where it should be")
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocument.NOT_A_MEMBER)
    @APIResponse(responseCode = "404", ref = ApiDocument.NO_SUCH_ROOM)
    @APIResponse(responseCode = "415", ref = ApiDocument.NOT_JSON)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public Uni<Response> read(@Parameter(description = ROOM_ID, schema = @Schema(type = SchemaType.STRING, format = ApiSchemas.UUID))
            @PathParam("roomId") String roomId, JsonNode body) {
        return chat.call(ROOMS_READ, Callers.of(token), RoomResource.withRoomId(body, roomId), roomId).map(Replies::toResponse);
    }
}
