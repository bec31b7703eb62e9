package dev.chat.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.hamcrest.Matchers;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.chat.contracts.Topics;
import dev.chat.deploy.local.RealInfrastructureResource;
import dev.chat.deploy.local.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The gateway's own checks, on real Kafka with no user-service running: a refused token is a 401
 * problem before anything is forwarded; an accepted one is forwarded and, unanswered, becomes a 503
 * problem after the timeout instead of a hanging request.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "service", value = "gateway-service"))
class TokenChecksTest {

    static Path privateKey() {
        return RealInfrastructureResource.shared().jwtKeys().privateKey();
    }

    static String validToken(String sessionId) throws Exception {
        Instant now = Instant.now();
        return TestTokens.signed(privateKey(),
                TestTokens.claims(UUID.randomUUID().toString(), "alice", sessionId, now, now.plusSeconds(900)));
    }

    @Test
    void aValidTokenIsForwardedAndAnUnansweredCallIs503() throws Exception {
        given().auth().oauth2(validToken(UUID.randomUUID().toString()))
                .when().get("/api/users/me")
                .then().statusCode(503)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("service_unavailable"));
    }

    @Test
    void noTokenIs401Problem() {
        given().when().get("/api/users/me")
                .then().statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("unauthorized"));
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        Instant past = Instant.now().minus(Duration.ofHours(1));
        String expired = TestTokens.signed(privateKey(),
                TestTokens.claims(UUID.randomUUID().toString(), "alice", "s", past, past.plusSeconds(900)));
        given().auth().oauth2(expired).when().get("/api/users/me").then().statusCode(401).body("code", equalTo("unauthorized"));
    }

    @Test
    void aTamperedTokenIsRefused() throws Exception {
        Instant now = Instant.now();
        String token = validToken("s");
        String forged = TestTokens.withClaimsReplaced(token,
                TestTokens.claims(UUID.randomUUID().toString(), "admin", "s", now, now.plusSeconds(900)));
        given().auth().oauth2(forged).when().get("/api/users/me").then().statusCode(401);
    }

    @Test
    void anUnsignedAlgNoneTokenIsRefused() {
        Instant now = Instant.now();
        String none = TestTokens.unsigned(TestTokens.claims(UUID.randomUUID().toString(), "alice", "s", now, now.plusSeconds(900)));
        given().auth().oauth2(none).when().get("/api/users/me").then().statusCode(401);
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() throws Exception {
        Instant now = Instant.now();
        String claims = TestTokens.claims(UUID.randomUUID().toString(), "alice", "s", now, now.plusSeconds(900))
                .replace("chat-platform", "someone-else");
        given().auth().oauth2(TestTokens.signed(privateKey(), claims)).when().get("/api/users/me").then().statusCode(401);
    }

    @Test
    void aSessionRevokedOnKafkaIsRefusedFromThenOn() throws Exception {
        String sessionId = UUID.randomUUID().toString();
        String token = validToken(sessionId);
        given().auth().oauth2(token).when().get("/api/users/me").then().statusCode(503);

        String revocation = "{\"sessionId\":\"" + sessionId + "\",\"userId\":\"u\",\"until\":\""
                + Instant.now().plusSeconds(900) + "\"}";
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers",
                RealInfrastructureResource.shared().kafkaBootstrapServers()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.AUTH_REVOCATIONS, sessionId, revocation)).get();
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(token)
                .when().get("/api/users/me").then().statusCode(401).body("code", equalTo("unauthorized")));
    }

    @Test
    void malformedJsonIs400Problem() {
        given().contentType("application/json").body("{not json")
                .when().post("/api/auth/login")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("validation_failed"));
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        // Ready once the reply channels have their partitions and the revocations on the topic have been read.
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().when().get("/q/health/ready").statusCode() == 200);
        given().when().get("/q/metrics").then().statusCode(200);
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/auth/register'.post", Matchers.notNullValue());
    }
}
