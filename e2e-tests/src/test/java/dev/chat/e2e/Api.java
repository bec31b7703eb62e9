package dev.chat.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** The public REST API as a client uses it. */
public final class Api {

    private final String baseUrl;

    public Api(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public static String uniqueName(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    public RequestSpecification anonymous() {
        return given().baseUri(baseUrl).contentType(ContentType.JSON);
    }

    public RequestSpecification as(String accessToken) {
        return anonymous().auth().oauth2(accessToken);
    }

    public Response register(String username, String password) {
        return anonymous().body(Map.of("username", username, "password", password, "email", username + "@example.org"))
                .post("/api/auth/register");
    }

    public Response login(String username, String password) {
        return anonymous().body(Map.of("username", username, "password", password)).post("/api/auth/login");
    }

    /** A new account, logged in. */
    public Session newUser(String prefix) {
        String username = uniqueName(prefix);
        register(username, "correct horse battery").then().statusCode(201);
        Response login = login(username, "correct horse battery");
        login.then().statusCode(200);
        return new Session(login.path("user.id"), username, login.path("accessToken"), login.path("refreshToken"));
    }

    /** A new public channel owned by {@code owner}; its id. */
    public String createRoom(Session owner, String namePrefix) {
        return as(owner.accessToken()).body(Map.of("name", uniqueName(namePrefix), "visibility", "public"))
                .post("/api/rooms").then().statusCode(201).extract().path("id");
    }

    /** Joins a public room: the user is a member once this returns. */
    public void join(Session user, String roomId) {
        as(user.accessToken()).post("/api/rooms/" + roomId + "/join").then().statusCode(200).body("status", equalTo("member"));
    }

    /**
     * Posts a message as a client should: a 503 (a service busy, or moving its partitions just after it started) is
     * sent again with the same clientMsgId a second later, for up to 30 s, so it is stored once either way. The answer
     * must end as 201, or 200 when an earlier attempt had stored it.
     */
    public Response postMessage(Session sender, String roomId, String clientMsgId, String text) {
        // Polled a second apart: the Retry-After the gateway names for a shed call.
        Response response = Awaitility.await("message " + clientMsgId + " stored").atMost(Duration.ofSeconds(30))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1))
                .until(() -> as(sender.accessToken()).body(Map.of("clientMsgId", clientMsgId, "text", text))
                        .post("/api/rooms/" + roomId + "/messages"), answer -> answer.statusCode() != 503);
        // 201 stored now; 200 stored by an earlier attempt whose answer was lost (the 503), found by its clientMsgId.
        response.then().statusCode(anyOf(equalTo(201), equalTo(200)));
        return response;
    }

    public record Session(String userId, String username, String accessToken, String refreshToken) {
    }
}
