/**
 * The REST resources and the OpenAPI document's frame: what it is, where the whole contract is written
 * (docs/contract.md), its tags, and the error answers most calls share (referenced as {@code @APIResponse(ref = ...)});
 * the texts are {@link dev.chat.gateway.rest.ApiDocument}'s. {@code OpenApiLintTest} holds the document to Spectral's
 * {@code spectral:oas} rules.
 */
@OpenAPIDefinition(
        info = @Info(title = "Chat platform API", version = "1", description = ApiDocument.DESCRIPTION,
                contact = @Contact(name = "Chat platform maintainers")),
        servers = @Server(url = "/", description = "this gateway: the host that serves this document"),
        tags = {
            @Tag(name = ApiDocument.ATTACHMENTS, description = "Images: uploading one to a room, reading it and its thumbnail"),
            @Tag(name = ApiDocument.AUTH, description = "Accounts and sessions: register, log in, refresh the tokens, log out"),
            @Tag(name = ApiDocument.DIRECT, description = "Direct conversations between two users"),
            @Tag(name = ApiDocument.ROOMS, description = "Rooms, membership, join requests, history, sending and read markers"),
            @Tag(name = ApiDocument.SKETCH, description = "Each room's shared canvas: now, at any seq, its op log, as SVG"),
            @Tag(name = ApiDocument.USERS, description = "One's own profile, and finding people with their presence")
        },
        components = @Components(responses = {
            @APIResponse(name = ApiDocument.BAD_REQUEST, description = "validation_failed: the input breaks a rule; errors[] names"
                    + " each field and what is wrong (a body that is not JSON: field body, with line and column)",
                    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ApiSchemas.Problem.class))),
            @APIResponse(name = ApiDocument.UNAUTHORIZED, description = "unauthorized: the access token is missing, invalid, expired,"
                    + " or its session has ended",
                    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ApiSchemas.Problem.class))),
            @APIResponse(name = ApiDocument.NOT_A_MEMBER, description = "not_a_member: the caller is not a member of the room",
                    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ApiSchemas.Problem.class))),
            @APIResponse(name = ApiDocument.NOT_OWNER, description = "not_room_owner: only the room's owner may do this"
                    + " (not_a_member for someone outside the room)",
                    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ApiSchemas.Problem.class))),
            @APIResponse(name = ApiDocument.NO_SUCH_ROOM, description = "not_found: no such room (or one the caller may not know of)",
                    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ApiSchemas.Problem.class))),
            @APIResponse(name = ApiDocument.NO_SUCH_ATTACHMENT, description = "not_found: no such attachment (never uploaded, or"
                    + " deleted with its message or room, or an upload never sent and swept)",
                    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ApiSchemas.Problem.class))),
            @APIResponse(name = ApiDocument.RANGE_NOT_SATISFIABLE, description = "range_not_satisfiable: the Range asked for"
                    + " starts past the end; Content-Range says how long the body is",
                    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ApiSchemas.Problem.class))),
            @APIResponse(name = ApiDocument.NOT_JSON, description = "unsupported_media_type: the body must be sent as"
                    + " Content-Type: application/json",
                    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ApiSchemas.Problem.class))),
            @APIResponse(name = ApiDocument.UNAVAILABLE, description = "service_unavailable: the service that owns the data did not"
                    + " answer in time; try again (a send with the same clientMsgId is stored once)",
                    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ApiSchemas.Problem.class)))
        }))
package dev.chat.gateway.rest;

import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Contact;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.servers.Server;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.chat.contracts.Problem;
