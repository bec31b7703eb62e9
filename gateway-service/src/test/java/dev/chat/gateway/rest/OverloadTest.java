package dev.chat.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.chat.contracts.Topics;
import dev.chat.deploy.local.RealInfrastructureResource;
import dev.chat.deploy.local.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * A service that stops answering: the call already waiting gets its 503 {@code service_unavailable} when it times out,
 * but a call made once the service has been silent for the stall time (0.5 s here, below the tests' 1 s timeout) is
 * answered 503 {@code overloaded} with Retry-After at once, instead of joining the queue.
 */
@QuarkusTest
@TestProfile(OverloadTest.ShortStall.class)
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "service", value = "gateway-service"))
class OverloadTest {

    private static FakeService stalledSketch;

    /** Only this test sees a stall before a call times out; the other gateway tests keep the default. */
    public static class ShortStall implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chat.gateway.overload.stall-after", "PT0.5S");
        }
    }

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
        CompletableFuture<Response> first = CompletableFuture.supplyAsync(() -> given().auth().oauth2(token).get(path));
        stalledSketch.nextRequest("sketch.canvas");
        // Other callers keep calling, as real traffic does: some call is always waiting on the silent service.
        ExecutorService traffic = Executors.newFixedThreadPool(4);
        AtomicBoolean running = new AtomicBoolean(true);
        for (int i = 0; i < 4; i++) {
            traffic.submit(() -> {
                while (running.get()) {
                    given().auth().oauth2(token).get(path);
                }
            });
        }
        try {
            // Once calls have waited past the stall time with no reply, the next is answered at once (one a second
            // still goes through, to notice the service's return).
            Response shed = Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                    .until(() -> given().auth().oauth2(token).get(path), response -> "overloaded".equals(response.path("code")));
            shed.then().statusCode(503)
                    .contentType(startsWith("application/problem+json"))
                    .header("Retry-After", "1")
                    .body("retryAfterMs", equalTo(1000));
            first.get(10, TimeUnit.SECONDS).then().statusCode(503).body("code", equalTo("service_unavailable"));
        } finally {
            running.set(false);
            traffic.shutdown();
            traffic.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
