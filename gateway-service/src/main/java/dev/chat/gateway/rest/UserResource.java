package dev.chat.gateway.rest;

import static dev.chat.contracts.Operation.USERS_LIST;
import static dev.chat.contracts.Operation.USERS_ME;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.chat.contracts.Commands;
import dev.chat.contracts.Problem;
import dev.chat.gateway.messaging.UserServiceClient;
import dev.chat.gateway.security.Callers;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/users")
@Tag(name = ApiDocument.USERS)
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
public class UserResource {

    private final UserServiceClient users;
    private final JsonWebToken token;

    public UserResource(UserServiceClient users, JsonWebToken token) {
        this.users = users;
        this.token = token;
    }

    @GET
    @Path("/me")
    @Operation(operationId = "getOwnProfile", summary = "Get one's own profile",
            description = "The caller's account, with email.")
    @APIResponse(responseCode = "200", description = "The caller's account",
            content = @Content(mediaType = ApiDocument.JSON, schema = @Schema(implementation = ApiSchemas.User.class)))
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "404", description = "not_found: the account no longer exists",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ApiSchemas.Problem.class)))
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public Uni<Response> me() {
        var caller = Callers.of(token);
        return users.call(USERS_ME, caller, null, caller.userId()).map(Replies::toResponse);
    }

    @GET
    @Operation(operationId = "listUsers", summary = "Find users",
            description = "Users whose name starts with the query (in any case), by name, each with presence: online, and"
                    + " lastSeenAt. online=true lists only those online (what a client of a room too big for presence frames"
                    + " asks), online=false only the others.")
    @APIResponse(responseCode = "200", description = "The users found",
            content = @Content(mediaType = ApiDocument.JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = ApiSchemas.ListedUser.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public Uni<Response> list(
            @Parameter(description = "the start of the username; empty or absent: everyone",
                    schema = @Schema(type = SchemaType.STRING, maxLength = 32))
            @QueryParam("query") String query,
            @Parameter(description = "only users who are (true) or are not (false) online; absent: both",
                    schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam("online") String online,
            @Parameter(description = "the most users listed",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "200", defaultValue = "50"))
            @QueryParam("limit") String limit) {
        // Passed as given: user-service validates, so the rules live in one place.
        var caller = Callers.of(token);
        return users.call(USERS_LIST, caller, new Commands.ListUsers(query, online, limit), null).map(Replies::toResponse);
    }
}
