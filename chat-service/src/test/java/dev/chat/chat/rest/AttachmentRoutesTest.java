package dev.chat.chat.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.chat.service.ChatFixture;
import dev.chat.chat.service.MembershipService;
import dev.chat.contracts.CommandSignature;
import dev.chat.contracts.InternalRequest;
import dev.chat.contracts.ServiceRequest.Caller;
import dev.chat.deploy.local.RealInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** The gateways' HTTP door to attachments: only signed calls, for this body and before their deadline, get through. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "service", value = "chat-service"))
class AttachmentRoutesTest {

    @Inject
    ChatFixture chat;

    @Inject
    ObjectMapper mapper;

    @Inject
    MembershipService membership;

    @ConfigProperty(name = "chat.command-signing.secrets")
    List<String> secrets;

    private static byte[] png() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(64, 32, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    private RequestSpecification signed(InternalRequest request, CommandSignature signature) throws IOException {
        String[] headers = InternalRequest.headers(mapper.writeValueAsString(request), signature);
        return given().header(InternalRequest.HEADER, headers[0]).header(InternalRequest.SIGNATURE, headers[1]);
    }

    private RequestSpecification signed(InternalRequest request) throws IOException {
        return signed(request, CommandSignature.fromSecrets(secrets));
    }

    private static long soon() {
        return System.currentTimeMillis() + 10_000;
    }

    @Test
    void aSignedUploadIsStoredAndASignedReadServesItsBytes() throws IOException {
        Caller owner = chat.newUser();
        String roomId = chat.createRoom(owner, "public", null);
        byte[] png = png();
        String id = signed(new InternalRequest(InternalRequest.UPLOAD, owner, roomId, null, null, InternalRequest.sha256(png), soon()))
                .body(png).post(AttachmentRoutes.PATH)
                .then().statusCode(201).body("width", equalTo(64)).body("contentType", equalTo("image/png"))
                .extract().path("attachmentId");

        byte[] served = signed(new InternalRequest(InternalRequest.READ, owner, null, id, "original", InternalRequest.sha256(new byte[0]),
                soon())).get(AttachmentRoutes.PATH + "/" + id + "/original")
                .then().statusCode(200).header("Content-Type", "image/png").extract().asByteArray();
        assertEquals(64, ImageIO.read(new ByteArrayInputStream(served)).getWidth());

        Caller stranger = chat.newUser();
        signed(new InternalRequest(InternalRequest.READ, stranger, null, id, "thumbnail", InternalRequest.sha256(new byte[0]), soon()))
                .get(AttachmentRoutes.PATH + "/" + id + "/thumbnail")
                .then().statusCode(403).body("code", equalTo("not_a_member"));
        signed(new InternalRequest(InternalRequest.READ, owner, null, id, "original", InternalRequest.sha256(new byte[0]), soon()))
                .get(AttachmentRoutes.PATH + "/" + id + "/thumbnail")
                .then().statusCode(404);
    }

    @Test
    void aCachedCopyIsConfirmedWithoutItsBytesToMembersOnly() throws IOException {
        Caller owner = chat.newUser();
        Caller member = chat.newUser();
        String roomId = chat.createRoom(owner, "public", null);
        chat.join(member, roomId);
        byte[] png = png();
        String id = signed(new InternalRequest(InternalRequest.UPLOAD, owner, roomId, null, null, InternalRequest.sha256(png), soon()))
                .body(png).post(AttachmentRoutes.PATH).then().statusCode(201).extract().path("attachmentId");
        InternalRequest read = new InternalRequest(InternalRequest.READ, member, null, id, "original", InternalRequest.sha256(new byte[0]),
                soon());
        String etag = signed(read).get(AttachmentRoutes.PATH + "/" + id + "/original").then().statusCode(200).extract().header("ETag");
        assertEquals("\"" + id + "-original\"", etag);

        byte[] again = signed(read).header("If-None-Match", etag).get(AttachmentRoutes.PATH + "/" + id + "/original")
                .then().statusCode(304).extract().asByteArray();
        assertEquals(0, again.length, "a member's copy is confirmed, no bytes sent");
        signed(read).header("If-None-Match", "\"another\"").get(AttachmentRoutes.PATH + "/" + id + "/original")
                .then().statusCode(200);

        chat.result(membership.leave(member, chat.json("roomId", roomId)));
        signed(read).header("If-None-Match", etag).get(AttachmentRoutes.PATH + "/" + id + "/original")
                .then().statusCode(403).body("code", equalTo("not_a_member"));
    }

    @Test
    void unsignedForgedStaleOrSwappedCallsAreRefusedBeforeAnythingIsStored() throws IOException {
        Caller owner = chat.newUser();
        String roomId = chat.createRoom(owner, "public", null);
        byte[] png = png();
        given().body(png).post(AttachmentRoutes.PATH).then().statusCode(401).body("code", equalTo("unauthorized"));
        CommandSignature forger = CommandSignature.fromSecrets(List.of("Zm9yZ2VkIHNlY3JldCBvZiBzb21lb25lIGVsc2UgLSAzMiBieXRlcw=="));
        signed(new InternalRequest(InternalRequest.UPLOAD, owner, roomId, null, null, InternalRequest.sha256(png), soon()), forger)
                .body(png).post(AttachmentRoutes.PATH).then().statusCode(401);
        signed(new InternalRequest(InternalRequest.UPLOAD, owner, roomId, null, null, InternalRequest.sha256(png),
                System.currentTimeMillis() - 1)).body(png).post(AttachmentRoutes.PATH).then().statusCode(401);
        signed(new InternalRequest(InternalRequest.UPLOAD, owner, roomId, null, null, InternalRequest.sha256(new byte[] {1}), soon()))
                .body(png).post(AttachmentRoutes.PATH).then().statusCode(401);
        signed(new InternalRequest(InternalRequest.READ, owner, roomId, null, null, InternalRequest.sha256(png), soon()))
                .body(png).post(AttachmentRoutes.PATH).then().statusCode(401);
    }

    @Test
    void aBodyPastTheLimitIsRefusedWhileItIsRead() throws IOException {
        Caller owner = chat.newUser();
        String roomId = chat.createRoom(owner, "public", null);
        byte[] big = new byte[5 * 1024 * 1024 + 10];
        signed(new InternalRequest(InternalRequest.UPLOAD, owner, roomId, null, null, InternalRequest.sha256(big), soon()))
                .body(big).post(AttachmentRoutes.PATH).then().statusCode(413);
    }
}
