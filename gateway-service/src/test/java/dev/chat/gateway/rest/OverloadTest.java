package dev.chat.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.chat.contracts.Topics;
import dev.chat.deploy.local.RealInfrastructureResource;
import dev.chat.deploy.local.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * A service that stops answering: the call already waiting gets its 503 {@code service_unavailable} when it times out,
 * but a call made once the service has been silent for the stall time (0.5 s in tests) is answered 503
 * {@code overloaded} with Retry-After at once, instead of joining the queue.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "service", value = "gateway-service"))
class OverloadTest {

    private static FakeService stalledSketch;

    @BeforeAll
    static void aSketchServiceThatHangs() throws InterruptedException {
        stalledSketch = new FakeService(RealInfrastructureResource.shared().kafkaBootstrapServers(), Topics.SKETCH_COMMANDS,
                Topics.SKETCH_REPLIES, request -> {
                    try {
                        // Long past the gateway's 1 s timeout: to the gateway, a service that has stopped answering.
                        Thread.sleep(3000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return FakeService.reply(200, "{}");
                });
    }

    @AfterAll
    static void stop() throws InterruptedException {
        stalledSketch.close();
    }

    static String token() throws Exception {
        Instant now = Instant.now();
        return TestTokens.signed(RealInfrastructureResource.shared().jwtKeys().privateKey(),
                TestTokens.claims(UUID.randomUUID().toString(), "carol", UUID.randomUUID().toString(), now, now.plusSeconds(900)));
    }

    @Test
    void callsToAServiceThatStoppedAnsweringAreShedWithRetryAfter() throws Exception {
        String token = token();
        String path = "/api/rooms/" + UUID.randomUUID() + "/sketch";
        CompletableFuture<Response> waiting = CompletableFuture.supplyAsync(() -> given().auth().oauth2(token).get(path));
        // Once the first call has waited past the stall time with no answer, the next is shed.
        stalledSketch.nextRequest("sketch.canvas");
        TimeUnit.MILLISECONDS.sleep(700);
        given().auth().oauth2(token).get(path).then().statusCode(503)
                .contentType(startsWith("application/problem+json"))
                .header("Retry-After", "1")
                .body("code", equalTo("overloaded"))
                .body("retryAfterMs", equalTo(1000));
        waiting.get(10, TimeUnit.SECONDS).then().statusCode(503).body("code", equalTo("service_unavailable"));
    }
}
