package dev.chat.e2e;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.chat.deploy.local.ServiceProcess;
import dev.chat.deploy.local.TestTokens;
import io.restassured.response.Response;

/** Accounts and tokens through the gateway, with user-service and the gateway running as processes. */
class AccountsIT {

    static RunningSystem system;
    static Api api;

    @BeforeAll
    static void start() throws Exception {
        system = RunningSystem.get();
        api = new Api(system.gatewayUrl());
    }

    @Test
    void registerThenTheSameNameInAnyCaseIs409() {
        String name = Api.uniqueName("reg");
        api.register(name, "correct horse battery").then().statusCode(201)
                .body("username", equalTo(name))
                .body("email", equalTo(name + "@example.org"))
                .body("id", notNullValue())
                .body("createdAt", notNullValue())
                .body("$", not(hasKey("password")))
                .body("$", not(hasKey("passwordHash")));
        api.register(name.toUpperCase(), "correct horse battery").then().statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("username_taken"))
                .body("status", equalTo(409));
    }

    @Test
    void badInputIs400WithTheCodeAndTheFields() {
        api.anonymous().body(Map.of("username", "a b", "password", "short", "email", "not-an-email"))
                .post("/api/auth/register").then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("validation_failed"))
                .body("errors.field", hasItem("username"))
                .body("errors.field", hasItem("password"))
                .body("errors.field", hasItem("email"));
        api.anonymous().body("[]").post("/api/auth/register").then().statusCode(400).body("code", equalTo("validation_failed"));
        api.anonymous().body("{broken").post("/api/auth/login").then().statusCode(400).body("code", equalTo("validation_failed"));
        api.anonymous().body(Map.of("username", "x")).post("/api/auth/login").then().statusCode(400)
                .body("code", equalTo("validation_failed"));
    }

    @Test
    void loginAndMe() {
        String name = Api.uniqueName("me");
        api.register(name, "correct horse battery").then().statusCode(201);
        Response login = api.login(name, "correct horse battery");
        login.then().statusCode(200)
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(900))
                .body("user.username", equalTo(name))
                .body("refreshToken", notNullValue());
        api.as(login.path("accessToken")).get("/api/users/me").then().statusCode(200)
                .body("username", equalTo(name))
                .body("email", equalTo(name + "@example.org"));
    }

    @Test
    void wrongPasswordIs401() {
        String name = Api.uniqueName("pw");
        api.register(name, "correct horse battery").then().statusCode(201);
        api.login(name, "wrong horse battery").then().statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("invalid_credentials"));
        api.login(Api.uniqueName("nobody"), "correct horse battery").then().statusCode(401)
                .body("code", equalTo("invalid_credentials"));
    }

    @Test
    void usersAreListedByNameWithoutEmail() {
        Api.Session me = api.newUser("lst");
        api.as(me.accessToken()).queryParam("query", me.username()).get("/api/users").then().statusCode(200)
                .body("username", hasItem(me.username()))
                .body("[0]", not(hasKey("email")))
                .body("[0].online", notNullValue());
        api.as(me.accessToken()).queryParam("limit", "0").get("/api/users").then().statusCode(400)
                .body("code", equalTo("validation_failed"));
    }

    @Test
    void refreshRotatesAndTheOldRefreshTokenIsRefusedOnceItsGraceIsOver() throws Exception {
        Api.Session session = api.newUser("rot");
        Response rotated = api.anonymous().body(Map.of("refreshToken", session.refreshToken())).post("/api/auth/refresh");
        rotated.then().statusCode(200).body("accessToken", notNullValue());
        assertNotEquals(session.refreshToken(), rotated.path("refreshToken"));
        api.as(rotated.<String>path("accessToken")).get("/api/users/me").then().statusCode(200);

        // A client whose answer was lost tries again with the token it has: within the grace (1 s in these tests,
        // REFRESH_REUSE_GRACE) it gets a fresh pair rather than losing its session.
        api.anonymous().body(Map.of("refreshToken", session.refreshToken())).post("/api/auth/refresh").then().statusCode(200);
        // Once the grace is over the same token is refused (each retry before that gets a pair, as above).
        Response refused = Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .until(() -> api.anonymous().body(Map.of("refreshToken", session.refreshToken())).post("/api/auth/refresh"),
                        response -> response.statusCode() == 401);
        refused.then().body("code", equalTo("invalid_refresh_token"));
    }

    @Test
    void logoutRefusesTheAccessAndRefreshTokenAtOnce() {
        Api.Session session = api.newUser("out");
        api.as(session.accessToken()).get("/api/users/me").then().statusCode(200);
        api.as(session.accessToken()).post("/api/auth/logout").then().statusCode(204);
        // No waiting: the very next call is refused.
        api.as(session.accessToken()).get("/api/users/me").then().statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("unauthorized"));
        api.anonymous().body(Map.of("refreshToken", session.refreshToken())).post("/api/auth/refresh").then().statusCode(401);
    }

    @Test
    void aGatewayStartedAfterALogoutRefusesItsTokenFromTheMomentItIsReady() throws Exception {
        Api.Session session = api.newUser("late");
        api.as(session.accessToken()).post("/api/auth/logout").then().statusCode(204);
        // Ready only once it has read the revocations already on the topic: the first call may not slip through.
        try (ServiceProcess fresh = system.startPrivateGateway(Map.of())) {
            new Api(fresh.url()).as(session.accessToken()).get("/api/users/me").then().statusCode(401);
        }
    }

    @Test
    void forgedTokensAreRefused() throws Exception {
        Api.Session session = api.newUser("jwt");
        String[] parts = session.accessToken().split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]));
        Instant now = Instant.now();

        String tampered = TestTokens.withClaimsReplaced(session.accessToken(), claims.replace(session.username(), "admin"));
        api.as(tampered).get("/api/users/me").then().statusCode(401).body("code", equalTo("unauthorized"));

        api.as(TestTokens.unsigned(claims)).get("/api/users/me").then().statusCode(401);

        Instant past = now.minus(Duration.ofHours(2));
        String expired = TestTokens.signed(system.infrastructure().jwtKeys().privateKey(),
                TestTokens.claims(session.userId(), session.username(), UUID.randomUUID().toString(), past, past.plusSeconds(900)));
        api.as(expired).get("/api/users/me").then().statusCode(401);

        api.as("not-a-jwt").get("/api/users/me").then().statusCode(401);
        api.anonymous().get("/api/users/me").then().statusCode(401);
    }
}
