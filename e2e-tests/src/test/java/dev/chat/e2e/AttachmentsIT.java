package dev.chat.e2e;

import static dev.chat.e2e.ChatIT.ack;
import static dev.chat.e2e.ChatIT.error;
import static dev.chat.e2e.WsClient.type;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.deploy.local.ServiceProcess;
import io.restassured.response.Response;

/**
 * Images end to end, across two gateway instances: uploaded through one, sent with a message, the message's images
 * reach a member on the other, who reads them there; what no member should see stays unseen, revalidation included.
 */
class AttachmentsIT {

    private static final String GPS = "GPSLatitude 48.8584 N";
    private static final ObjectMapper JSON = new ObjectMapper();

    static RunningSystem system;
    static Api api;
    static ServiceProcess secondGateway;

    @BeforeAll
    static void start() throws Exception {
        system = RunningSystem.get();
        api = new Api(system.gatewayUrl());
        secondGateway = system.gateway(1);
    }

    /** A 640 x 480 JPEG with an EXIF segment carrying a position, as a phone writes one. */
    static byte[] photo() throws IOException {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.ORANGE);
        graphics.fillOval(100, 100, 300, 200);
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        byte[] jpeg = out.toByteArray();
        byte[] exif = ("Exif\0\0" + GPS).getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream tagged = new ByteArrayOutputStream();
        tagged.write(jpeg, 0, 2);
        tagged.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE1});
        tagged.writeBytes(ByteBuffer.allocate(2).putShort((short) (exif.length + 2)).array());
        tagged.writeBytes(exif);
        tagged.write(jpeg, 2, jpeg.length - 2);
        return tagged.toByteArray();
    }

    static Response upload(String baseUrl, Api.Session uploader, String roomId, byte[] file, String claimedType) {
        return given().baseUri(baseUrl).auth().oauth2(uploader.accessToken())
                .multiPart("file", "holiday.jpg", file, claimedType)
                .post("/api/rooms/" + roomId + "/attachments");
    }

    private static Response read(String baseUrl, Api.Session reader, String path) {
        return given().baseUri(baseUrl).auth().oauth2(reader.accessToken()).get(path);
    }

    @Test
    void anImageUploadedThroughOneGatewayIsSentAndReadThroughTheOther() throws Exception {
        Api.Session ann = api.newUser("ann");
        Api.Session bob = api.newUser("bob");
        Api.Session eve = api.newUser("eve");
        String roomId = api.createRoom(ann, "photos ");
        api.join(bob, roomId);

        JsonNode uploaded = JSON.readTree(upload(system.gatewayUrl(), ann, roomId, photo(), "text/plain")
                .then().statusCode(201).body("contentType", equalTo("image/jpeg")).body("width", equalTo(640))
                .extract().asString());
        String id = uploaded.path("attachmentId").asText();
        assertEquals(480, uploaded.path("thumbnail").path("width").asInt());

        try (WsClient a = WsClient.connect(system.gatewayUrl(), ann.accessToken());
                WsClient b = WsClient.connect(secondGateway.url(), bob.accessToken())) {
            a.await(type("welcome"));
            assertEquals(5 * 1024 * 1024, b.await(type("welcome")).path("limits").path("maxAttachmentBytes").asInt());
            a.send(Map.of("type", "send", "roomId", roomId, "clientMsgId", "p1", "text", "", "attachments", List.of(id)));
            long seq = ack(a, "p1").path("seq").asLong();
            JsonNode message = b.await(f -> "message".equals(f.path("type").asText()) && f.path("seq").asLong() == seq);
            JsonNode image = message.path("attachments").get(0);
            assertEquals(id, image.path("attachmentId").asText());
            assertEquals(480, image.path("height").asInt());
            assertEquals(360, image.path("thumbnail").path("height").asInt());

            a.send(Map.of("type", "send", "roomId", roomId, "clientMsgId", "p2", "text", "again", "attachments", List.of(id)));
            JsonNode refused = error(a, "p2");
            assertEquals("validation_failed", refused.path("code").asText(), "an image goes with one message");
        }

        byte[] served = read(secondGateway.url(), bob, "/api/attachments/" + id).then().statusCode(200)
                .header("Content-Type", "image/jpeg").header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "private, no-cache").extract().asByteArray();
        assertEquals(640, ImageIO.read(new ByteArrayInputStream(served)).getWidth());
        assertFalse(new String(served, StandardCharsets.ISO_8859_1).contains(GPS), "no position in what is served");
        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(read(secondGateway.url(), bob,
                "/api/attachments/" + id + "/thumbnail").then().statusCode(200).extract().asByteArray()));
        assertEquals(480, thumbnail.getWidth());
        byte[] tail = given().baseUri(secondGateway.url()).auth().oauth2(bob.accessToken()).header("Range", "bytes=-100")
                .get("/api/attachments/" + id).then().statusCode(206).extract().asByteArray();
        assertArrayEquals(Arrays.copyOfRange(served, served.length - 100, served.length), tail);

        JsonNode history = JSON.readTree(read(secondGateway.url(), bob, "/api/rooms/" + roomId + "/messages")
                .then().statusCode(200).extract().asString());
        assertEquals(id, history.path("messages").get(0).path("attachments").get(0).path("attachmentId").asText());

        read(system.gatewayUrl(), eve, "/api/attachments/" + id).then().statusCode(403).body("code", equalTo("not_a_member"));

        // Bob's browser holds a copy; once removed, revalidating it is refused rather than confirmed.
        String etag = read(secondGateway.url(), bob, "/api/attachments/" + id).then().extract().header("ETag");
        given().baseUri(secondGateway.url()).auth().oauth2(bob.accessToken()).header("If-None-Match", etag)
                .get("/api/attachments/" + id).then().statusCode(304);
        api.as(ann.accessToken()).delete("/api/rooms/" + roomId + "/members/" + bob.userId()).then().statusCode(204);
        given().baseUri(secondGateway.url()).auth().oauth2(bob.accessToken()).header("If-None-Match", etag)
                .get("/api/attachments/" + id).then().statusCode(403);

        // Deleting the message deletes its image.
        api.as(ann.accessToken()).delete("/api/rooms/" + roomId + "/messages/" + history.path("messages").get(0).path("seq").asLong())
                .then().statusCode(204);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> read(system.gatewayUrl(), ann, "/api/attachments/" + id).statusCode() == 404);
    }

    @Test
    void whatIsNotAnImageOrTooBigIsRefusedAtTheDoor() throws Exception {
        Api.Session ann = api.newUser("ann");
        Api.Session eve = api.newUser("eve");
        String roomId = api.createRoom(ann, "photos ");
        upload(system.gatewayUrl(), ann, roomId, "<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8), "image/png")
                .then().statusCode(415).body("code", equalTo("unsupported_media_type"));
        upload(secondGateway.url(), ann, roomId, new byte[5 * 1024 * 1024 + 1], "image/png")
                .then().statusCode(413).body("code", equalTo("payload_too_large"));
        upload(system.gatewayUrl(), eve, roomId, photo(), "image/jpeg")
                .then().statusCode(403).body("code", equalTo("not_a_member"));
        Response sent = api.as(ann.accessToken()).body(Map.of("clientMsgId", "x1", "text", "",
                "attachments", List.of("0191c3a2-1111-7000-8000-000000000001"))).post("/api/rooms/" + roomId + "/messages");
        sent.then().statusCode(400).body("errors[0].field", equalTo("attachments"));
        assertTrue(api.as(ann.accessToken()).get("/api/rooms/" + roomId + "/messages").then().extract().jsonPath()
                .getList("messages").isEmpty(), "nothing stored");
    }
}
