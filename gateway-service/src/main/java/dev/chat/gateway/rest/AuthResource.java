package dev.chat.gateway.rest;

import static dev.chat.contracts.Operation.AUTH_LOGIN;
import static dev.chat.contracts.Operation.AUTH_LOGOUT;
import static dev.chat.contracts.Operation.AUTH_REFRESH;
import static dev.chat.contracts.Operation.AUTH_REGISTER;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.contracts.ErrorCodes;
import dev.chat.contracts.Problem;
import dev.chat.gateway.config.HttpConfig;
import dev.chat.gateway.messaging.UserServiceClient;
import dev.chat.gateway.security.AuthRateLimits;
import dev.chat.gateway.security.AuthRateLimits.Call;
import dev.chat.gateway.security.Callers;
import dev.chat.gateway.security.ClientAddress;
import dev.chat.gateway.security.RevokedSessions;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

@Path("/api/auth")
@Tag(name = ApiDocument.AUTH)
@Consumes(MediaType.APPLICATION_JSON)
@Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
public class AuthResource {

    /** The contract's longest username: a longer one names no account, and is not worth a Kafka key. */
    private static final int USERNAME_MAX = 32;
    private static final String RETRY_AFTER = "Retry-After";
    private static final String RETRY_AFTER_TEXT = "seconds until a call may succeed";

    private final UserServiceClient users;
    private final RefreshClient refreshes;
    private final RevokedSessions revoked;
    private final JsonWebToken token;
    private final AuthRateLimits limits;
    private final boolean trustProxy;

    public AuthResource(UserServiceClient users, RefreshClient refreshes, RevokedSessions revoked, JsonWebToken token,
            AuthRateLimits limits, HttpConfig config) {
        this.users = users;
        this.refreshes = refreshes;
        this.revoked = revoked;
        this.token = token;
        this.limits = limits;
        this.trustProxy = config.trustProxy();
    }

    @POST
    @Path("/register")
    @PermitAll
    @Operation(operationId = "register", summary = "Create an account",
            description = "A new account with a unique username (in any case). It joins the general room; log in to get tokens.")
    @RequestBody(required = true, content = @Content(mediaType = ApiDocument.JSON,
            schema = @Schema(implementation = ApiSchemas.RegisterRequest.class)))
    @APIResponse(responseCode = "201", description = "The account (with email)",
            content = @Content(mediaType = ApiDocument.JSON, schema = @Schema(implementation = ApiSchemas.User.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "409", description = "username_taken: someone has that username, in some case",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ApiSchemas.Problem.class)))
    @APIResponse(responseCode = "415", ref = ApiDocument.NOT_JSON)
    @APIResponse(responseCode = "429", description = "rate_limited: too many registrations from this address (10 an hour by"
            + " default) or from everyone; try after Retry-After seconds",
            headers = @Header(name = RETRY_AFTER, description = RETRY_AFTER_TEXT, schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ApiSchemas.Problem.class)))
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public Uni<Response> register(JsonNode body, @Context HttpServerRequest request) {
        return limited(Call.REGISTER, request)
                .orElseGet(() -> users.call(AUTH_REGISTER, null, body, usernameOf(body)).map(Replies::toResponse));
    }

    @POST
    @Path("/login")
    @PermitAll
    @Operation(operationId = "login", summary = "Log in",
            description = "Exchanges username and password for an access token (a JWT, valid expiresIn seconds) and a refresh"
                    + " token: a new session.")
    @RequestBody(required = true, content = @Content(mediaType = ApiDocument.JSON,
            schema = @Schema(implementation = ApiSchemas.LoginRequest.class)))
    @APIResponse(responseCode = "200", description = "The session's tokens and the user",
            content = @Content(mediaType = ApiDocument.JSON, schema = @Schema(implementation = ApiSchemas.TokenPair.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", description = "invalid_credentials: wrong username or password",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ApiSchemas.Problem.class)))
    @APIResponse(responseCode = "415", ref = ApiDocument.NOT_JSON)
    @APIResponse(responseCode = "429", description = "rate_limited: too many failed logins for this username (10 per 15 minutes"
            + " by default); or too many logins from this address (30 a minute by default) or from everyone, with Retry-After",
            headers = @Header(name = RETRY_AFTER, description = RETRY_AFTER_TEXT, schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ApiSchemas.Problem.class)))
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public Uni<Response> login(JsonNode body, @Context HttpServerRequest request) {
        return limited(Call.LOGIN, request)
                .orElseGet(() -> users.call(AUTH_LOGIN, null, body, usernameOf(body)).map(Replies::toResponse));
    }

    @POST
    @Path("/refresh")
    @PermitAll
    @Operation(operationId = "refresh", summary = "Refresh the tokens",
            description = "Swaps a refresh token for a new pair of the same session; the old refresh token stops working, except"
                    + " that within 30 s (by default) of its swap it may be presented again (a retry after a lost answer) for"
                    + " another new pair. Presented after that, it ends the session.")
    @RequestBody(required = true, content = @Content(mediaType = ApiDocument.JSON,
            schema = @Schema(implementation = ApiSchemas.RefreshRequest.class)))
    @APIResponse(responseCode = "200", description = "The new tokens and the user",
            content = @Content(mediaType = ApiDocument.JSON, schema = @Schema(implementation = ApiSchemas.TokenPair.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", description = "invalid_refresh_token: unknown, used or expired, or its session ended",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ApiSchemas.Problem.class)))
    @APIResponse(responseCode = "415", ref = ApiDocument.NOT_JSON)
    @APIResponse(responseCode = "429", description = "rate_limited: too many refreshes from this address (60 a minute by"
            + " default) or from everyone; try after Retry-After seconds",
            headers = @Header(name = RETRY_AFTER, description = RETRY_AFTER_TEXT, schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ApiSchemas.Problem.class)))
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public Uni<Response> refresh(JsonNode body, @Context HttpServerRequest request) {
        // Its own topic: refreshes never wait behind logins' bcrypt hashing in user-service.
        return limited(Call.REFRESH, request)
                .orElseGet(() -> refreshes.call(AUTH_REFRESH, null, body, null).map(Replies::toResponse));
    }

    @POST
    @Path("/logout")
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(operationId = "logout", summary = "Log out",
            description = "Ends the session: its access and refresh tokens stop working at once, on every gateway, and its open"
                    + " WebSockets get a system frame and close (4401). No body.")
    @APIResponse(responseCode = "204", description = "The session has ended")
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public Uni<Response> logout() {
        var caller = Callers.of(token);
        var expiry = Instant.ofEpochSecond(token.getExpirationTime());
        return users.call(AUTH_LOGOUT, caller, null, caller.userId())
                .invoke(reply -> {
                    if (!reply.isError()) {
                        // The revocation event reaches this instance a moment later; the caller must not see that moment.
                        revoked.revoke(caller.sessionId(), expiry);
                    }
                })
                .map(Replies::toResponse);
    }

    /** The call's answer if it is over a limit: 429 with how many seconds to wait. */
    private Optional<Uni<Response>> limited(Call call, HttpServerRequest request) {
        Optional<Duration> wait = limits.check(call, ClientAddress.of(request, trustProxy));
        return wait.map(duration -> {
            long seconds = Math.max(1, (duration.toMillis() + 999) / 1000);
            Problem problem = Problem.of(429, ErrorCodes.RATE_LIMITED,
                    "too many " + call.name().toLowerCase(Locale.ROOT) + " calls; try again in " + seconds + " s");
            return Uni.createFrom().item(Response.fromResponse(Replies.problem(problem)).header(RETRY_AFTER, seconds).build());
        });
    }

    /** The username as the key that orders its calls; none for a name no account can have (too long to be one). */
    private static String usernameOf(JsonNode body) {
        if (body == null || !body.path("username").isTextual()) {
            return null;
        }
        String name = body.get("username").asText();
        return name.length() > USERNAME_MAX ? null : name.toLowerCase(Locale.ROOT);
    }
}
