package dev.chat.gateway.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.chat.deploy.local.RealInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Every answer carries the browser-facing security headers (issue 14): the web client, the API, errors and Quarkus' own
 * endpoints alike; HSTS only over TLS; CORS off; no access log that would keep the WebSocket's token.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "service", value = "gateway-service"))
class SecurityHeadersTest {

    static void assertHardened(ValidatableResponse response) {
        response.header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("no-referrer"))
                .header("X-Frame-Options", equalTo("DENY"))
                // Plain HTTP, and X-Forwarded-Proto from a proxy nobody said to trust: no HSTS.
                .header("Strict-Transport-Security", nullValue());
    }

    @Test
    void theWebClientGetsItsPolicyAsAHeader() {
        ValidatableResponse page = given().header("X-Forwarded-Proto", "https").when().get("/").then().statusCode(200);
        assertHardened(page);
        page.header("Content-Security-Policy", equalTo(SecurityHeaders.POLICY))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("connect-src 'self'"));
        assertHardened(given().when().get("/js/main.js").then().statusCode(200));
    }

    @Test
    void apiAnswersErrorsAndQuarkusEndpointsToo() {
        assertHardened(given().when().get("/api/users/me").then().statusCode(401));
        assertHardened(given().when().get("/api/no-such-thing").then().statusCode(404));
        assertHardened(given().when().get("/ws").then().statusCode(426));
        assertHardened(given().when().get("/q/health/live").then().statusCode(200));
        assertHardened(given().header("If-None-Match", "*").when().get("/robots.txt").then().statusCode(304));
    }

    @Test
    void swaggerUiKeepsItsInlineScriptButCannotBeFramed() {
        given().when().get("/q/swagger-ui/").then().statusCode(200)
                .header("Content-Security-Policy", equalTo(SecurityHeaders.FRAMING_ONLY))
                .header("X-Content-Type-Options", equalTo("nosniff"));
    }

    @Test
    void corsIsOff() {
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .when().options("/api/auth/login")
                .then().header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://evil.example").contentType("application/json").body("{}")
                .when().post("/api/auth/login")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void theAccessLogNeverWritesQueryStrings() {
        var config = ConfigProvider.getConfig();
        assertFalse(config.getValue("quarkus.http.access-log.enabled", Boolean.class));
        String pattern = config.getValue("quarkus.http.access-log.pattern", String.class);
        // %r (the request line) and %U (the URI) include ?access_token=..., as do the named patterns; %q is the query.
        for (String leaky : new String[] {"%r", "%U", "%q", "%{REQUEST_LINE}", "%{REQUEST_URL}", "%{QUERY_STRING}"}) {
            assertFalse(pattern.contains(leaky), pattern);
        }
        assertFalse(pattern.equals("common") || pattern.equals("combined") || pattern.equals("long"), pattern);
        assertEquals(false, config.getValue("quarkus.http.cors.enabled", Boolean.class));
    }
}
