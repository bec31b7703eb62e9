package dev.chat.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.chat.contracts.Operation;
import dev.chat.contracts.Topics;
import dev.chat.deploy.local.RealInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Register, login and refresh are limited per client address and for everyone together (issue 14), behind a trusted
 * proxy whose X-Forwarded-For names each test's own addresses. Stand-ins for user-service answer on both of its topics,
 * so every call that gets through is answered at once.
 */
@QuarkusTest
@TestProfile(AuthLimitsTest.TightLimitsBehindProxy.class)
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "service", value = "gateway-service"))
class AuthLimitsTest {

    private static final String TOKENS = "{\"accessToken\":\"a\",\"refreshToken\":\"r\",\"tokenType\":\"Bearer\",\"expiresIn\":900}";
    private static FakeService commands;
    private static FakeService refreshes;

    /** Small limits, so a test reaches them in a few calls; the proxy in front is trusted. */
    public static class TightLimitsBehindProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("chat.gateway.http.trust-proxy", "true"),
                    Map.entry("chat.gateway.http.auth-limits.login-per-ip.count", "3"),
                    Map.entry("chat.gateway.http.auth-limits.login-per-ip.window", "PT1M"),
                    Map.entry("chat.gateway.http.auth-limits.login-global.count", "5"),
                    Map.entry("chat.gateway.http.auth-limits.login-global.window", "PT1H"),
                    Map.entry("chat.gateway.http.auth-limits.register-per-ip.count", "2"),
                    Map.entry("chat.gateway.http.auth-limits.register-per-ip.window", "PT1H"),
                    Map.entry("chat.gateway.http.auth-limits.refresh-per-ip.count", "3"),
                    Map.entry("chat.gateway.http.auth-limits.refresh-per-ip.window", "PT1M"));
        }
    }

    @BeforeAll
    static void fakeUserService() throws InterruptedException {
        String bootstrap = RealInfrastructureResource.shared().kafkaBootstrapServers();
        commands = new FakeService(bootstrap, Topics.USER_COMMANDS, Topics.USER_REPLIES, request -> {
            if (request.path("op").asText().equals(Operation.AUTH_REGISTER.wireName())) {
                return FakeService.reply(201, "{\"id\":\"u\",\"username\":\"x\"}");
            }
            return FakeService.reply(401, "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                    + "\"detail\":\"wrong username or password\",\"code\":\"invalid_credentials\"}");
        });
        refreshes = new FakeService(bootstrap, Topics.USER_REFRESH, Topics.USER_REFRESH_REPLIES, request -> FakeService.reply(200, TOKENS));
    }

    @AfterAll
    static void stopFakes() throws InterruptedException {
        commands.close();
        refreshes.close();
    }

    /** A client address of this test's own. */
    static String address() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    static Response call(String path, String address, String body) {
        // The client's own claim first, then what the trusted proxy appended: only the last entry counts.
        return given().header("X-Forwarded-For", "203.0.113.7, " + address).contentType("application/json").body(body)
                .when().post("/api/auth/" + path);
    }

    static Response login(String address) {
        return call("login", address, "{\"username\":\"alice\",\"password\":\"wrong password\"}");
    }

    static void assertLimited(Response response, int maxSeconds) {
        response.then().statusCode(429).contentType(startsWith("application/problem+json")).body("code", equalTo("rate_limited"));
        int retryAfter = Integer.parseInt(response.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= maxSeconds, "Retry-After " + retryAfter);
    }

    @Test
    void loginsAreLimitedPerAddressThenForEveryone() {
        String first = address();
        for (int i = 0; i < 3; i++) {
            login(first).then().statusCode(401).body("code", equalTo("invalid_credentials"));
        }
        // 3 a minute: the next one in 20 s.
        assertLimited(login(first), 20);

        String second = address();
        login(second).then().statusCode(401);
        login(second).then().statusCode(401);
        // Five logins went through from two addresses: the global budget (5 an hour) is spent, for a new address too.
        assertLimited(login(address()), 720);
    }

    @Test
    void registrationsAreLimitedPerAddress() {
        String address = address();
        String body = "{\"username\":\"alice\",\"password\":\"correct horse\",\"email\":\"a@example.org\"}";
        call("register", address, body).then().statusCode(201);
        call("register", address, body).then().statusCode(201);
        assertLimited(call("register", address, body), 1800);
        call("register", address(), body).then().statusCode(201);
    }

    @Test
    void refreshesGoToTheirOwnTopicAndAreLimitedPerAddress() throws Exception {
        String address = address();
        for (int i = 0; i < 3; i++) {
            call("refresh", address, "{\"refreshToken\":\"r" + i + "\"}").then().statusCode(200).body("refreshToken", equalTo("r"));
            assertEquals("r" + i, refreshes.nextRequest(Operation.AUTH_REFRESH.wireName()).path("body").path("refreshToken").asText());
        }
        assertLimited(call("refresh", address, "{\"refreshToken\":\"r\"}"), 20);
        call("refresh", address(), "{\"refreshToken\":\"r\"}").then().statusCode(200);
    }

    @Test
    void strictTransportSecurityWhenTheTrustedProxySaysHttps() {
        String hsts = given().header("X-Forwarded-Proto", "https").when().get("/robots.txt")
                .then().statusCode(200).extract().header("Strict-Transport-Security");
        assertEquals("max-age=31536000", hsts);
        assertNull(given().header("X-Forwarded-Proto", "http").when().get("/robots.txt")
                .then().statusCode(200).extract().header("Strict-Transport-Security"));
    }
}
