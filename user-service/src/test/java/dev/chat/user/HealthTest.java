package dev.chat.user;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.chat.deploy.local.RealInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "service", value = "user-service"))
class HealthTest {

    @Test
    void readyOnceItsCommandAndPresenceConsumersOwnTheirPartitions() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().when().get("/q/health/ready").then().statusCode(200)
                        .body("status", equalTo("UP"))
                        .body("checks.find { it.name == 'Kafka partitions owned' }.data.'user.commands'",
                                equalTo("4 of 4 consumers joined, 8 partitions"))
                        .body("checks.find { it.name == 'Kafka partitions owned' }.data.'presence.signals'",
                                startsWith("2 of 2 consumers joined")));
    }
}
