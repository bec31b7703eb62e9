package dev.chat.chat.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.chat.repository.AttachmentStore;
import dev.chat.chat.repository.AttachmentStore.Variant;
import dev.chat.contracts.ServiceReply;
import dev.chat.contracts.ServiceRequest.Caller;
import dev.chat.deploy.local.RealInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Uploads: known by their bytes, stored without metadata with a thumbnail, read by members only, swept when orphaned. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "service", value = "chat-service"))
class AttachmentServiceTest {

    private static final String GPS = "GPSLatitude 48.8584 N";

    @Inject
    AttachmentService attachments;

    @Inject
    MembershipService membership;

    @Inject
    AttachmentStore store;

    @Inject
    ChatFixture chat;

    @Inject
    Pool pool;

    /** A JPEG with an EXIF segment carrying a position, as a phone's camera writes it. */
    static byte[] photo(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(width / 2, height / 2, 0xFF0000);
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

    private ServiceReply upload(Caller caller, String roomId, byte[] bytes) {
        return chat.result(attachments.upload(caller, UUID.fromString(roomId), bytes));
    }

    private AttachmentService.Content read(Caller caller, UUID id, Variant variant) {
        Outcome outcome = attachments.read(caller, id, variant).await().atMost(Duration.ofSeconds(10));
        return (AttachmentService.Content) assertInstanceOf(Outcome.Found.class, outcome).result();
    }

    @Test
    void aMemberUploadsAPhotoThatIsStoredWithoutItsPositionAndWithAThumbnail() throws IOException {
        Caller owner = chat.newUser();
        String roomId = chat.createRoom(owner, "public", null);
        byte[] photo = photo(1200, 900);
        ServiceReply reply = upload(owner, roomId, photo);

        assertEquals(201, reply.status(), reply.body().toString());
        JsonNode body = reply.body();
        UUID id = UUID.fromString(body.get("attachmentId").asText());
        assertEquals("image/jpeg", body.get("contentType").asText());
        assertEquals(1200, body.get("width").asInt());
        assertEquals(900, body.get("height").asInt());
        assertEquals(480, body.get("thumbnail").get("width").asInt());
        assertEquals(360, body.get("thumbnail").get("height").asInt());
        assertFalse(body.has("roomId") || body.has("uploaderId"), "the service's own bookkeeping stays in");

        AttachmentService.Content original = read(owner, id, Variant.ORIGINAL);
        assertEquals("image/jpeg", original.contentType());
        assertEquals(body.get("size").asInt(), original.bytes().length);
        assertFalse(new String(original.bytes(), StandardCharsets.ISO_8859_1).contains(GPS), "no position left in what is served");
        assertTrue(read(owner, id, Variant.THUMBNAIL).bytes().length < original.bytes().length);
    }

    @Test
    void onlyMembersUploadAndReadAndAMemberWhoLeftReadsNoMore() throws IOException {
        Caller owner = chat.newUser();
        Caller member = chat.newUser();
        Caller stranger = chat.newUser();
        String roomId = chat.createRoom(owner, "public", null);
        chat.join(member, roomId);
        assertEquals("not_a_member", upload(stranger, roomId, photo(10, 10)).body().get("code").asText());
        UUID id = UUID.fromString(upload(owner, roomId, photo(10, 10)).body().get("attachmentId").asText());

        assertEquals(10, read(member, id, Variant.ORIGINAL).bytes().length > 0 ? 10 : 0);
        assertEquals(403, chat.result(attachments.read(stranger, id, Variant.ORIGINAL)).status());
        chat.result(membership.leave(member, chat.json("roomId", roomId)));
        assertEquals(403, chat.result(attachments.read(member, id, Variant.THUMBNAIL)).status(), "left: no more");
        assertEquals(404, chat.result(attachments.read(owner, UUID.randomUUID(), Variant.ORIGINAL)).status());
    }

    @Test
    void whatIsNotAnAcceptedImageIsRefusedAndSoIsABomb() throws IOException {
        Caller owner = chat.newUser();
        String roomId = chat.createRoom(owner, "public", null);
        ServiceReply html = upload(owner, roomId, "<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8));
        assertEquals(415, html.status());
        assertEquals("unsupported_media_type", html.body().get("code").asText());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", out);
        byte[] bomb = out.toByteArray();
        ByteBuffer.wrap(bomb, 16, 8).putInt(60_000).putInt(60_000);
        ServiceReply refused = upload(owner, roomId, bomb);
        assertEquals(400, refused.status());
        assertEquals("file", refused.body().get("errors").get(0).get("field").asText());
        assertEquals(413, upload(owner, roomId, new byte[5 * 1024 * 1024 + 1]).status());
        assertEquals(400, upload(owner, roomId, Arrays.copyOf(photo(10, 10), 40)).status(), "a damaged image");
    }

    @Test
    void anUploadNoMessageCarriedIsSweptWithItsBytes() throws IOException {
        Caller owner = chat.newUser();
        String roomId = chat.createRoom(owner, "public", null);
        UUID id = UUID.fromString(upload(owner, roomId, photo(20, 20)).body().get("attachmentId").asText());
        // As if uploaded two hours ago and never sent.
        pool.preparedQuery("update attachments set created_at = now() - interval '2 hours' where id = $1").execute(Tuple.of(id))
                .await().atMost(Duration.ofSeconds(10));

        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .until(() -> chat.result(attachments.read(owner, id, Variant.ORIGINAL)).status() == 404);
        assertTrue(store.get(id, Variant.THUMBNAIL).await().atMost(Duration.ofSeconds(5)).isEmpty(), "the bytes went too");
    }
}
