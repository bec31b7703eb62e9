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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.chat.contracts.Commands;
import dev.chat.gateway.messaging.UserServiceClient;
import dev.chat.gateway.security.Callers;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/users")
@Tag(name = "users")
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
    @Operation(summary = "The caller's own profile, with email")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ApiSchemas.User.class)))
    public Uni<Response> me() {
        var caller = Callers.of(token);
        return users.call(USERS_ME, caller, null, caller.userId()).map(Replies::toResponse);
    }

    @GET
    @Operation(summary = "Find users by the start of their name")
    @APIResponse(responseCode = "200", description = "[User + {online, lastSeenAt}]")
    public Uni<Response> list(@QueryParam("query") String query, @QueryParam("online") String online,
            @QueryParam("limit") String limit) {
        // Passed as given: user-service validates, so the rules live in one place.
        var caller = Callers.of(token);
        return users.call(USERS_LIST, caller, new Commands.ListUsers(query, online, limit), null).map(Replies::toResponse);
    }
}
