package dev.chat.chat.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.chat.repository.AttachmentStore;
import dev.chat.chat.repository.AttachmentStore.Variant;
import dev.chat.contracts.ServiceReply;
import dev.chat.contracts.ServiceRequest.Caller;
import dev.chat.deploy.local.RealInfrastructureResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A message carries its sender's uploads to its room: only unsent ones of the sender's own, in the order named; history
 * carries their metadata; deleting the message deletes them.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "service", value = "chat-service"))
class AttachmentSendTest {

    @Inject
    AttachmentService attachments;

    @Inject
    MessageService messages;

    @Inject
    AttachmentStore store;

    @Inject
    ChannelService channels;

    @Inject
    MeterRegistry metrics;

    @Inject
    ChatFixture chat;

    private String upload(Caller caller, String roomId, int width, int height) throws IOException {
        ServiceReply reply = chat.result(attachments.upload(caller, UUID.fromString(roomId),
                AttachmentServiceTest.photo(width, height)));
        assertEquals(201, reply.status(), reply.body().toString());
        return reply.body().get("attachmentId").asText();
    }

    private ServiceReply send(Caller sender, String roomId, String clientMsgId, String text, List<String> ids) {
        return chat.result(messages.send(sender, chat.json("roomId", roomId, "clientMsgId", clientMsgId, "text", text,
                "attachments", ids)));
    }

    private static String field(ServiceReply reply) {
        return reply.body().get("errors").get(0).get("field").asText();
    }

    @Test
    void aMessageCarriesItsImagesInTheOrderNamedAndHistoryKeepsThem() throws IOException {
        Caller ann = chat.newUser();
        Caller bob = chat.newUser();
        String roomId = chat.createQuietRoom(ann);
        chat.join(bob, roomId);
        String wide = upload(ann, roomId, 800, 600);
        String tall = upload(ann, roomId, 300, 900);

        ServiceReply sent = send(ann, roomId, "c1", "", List.of(tall, wide));
        assertEquals(201, sent.status(), sent.body().toString());
        JsonNode images = sent.body().get("attachments");
        assertEquals(tall, images.get(0).get("attachmentId").asText());
        assertEquals(wide, images.get(1).get("attachmentId").asText());
        assertEquals(600, images.get(1).get("height").asInt());
        assertEquals(160, images.get(0).get("thumbnail").get("width").asInt());
        assertEquals("", sent.body().get("text").asText(), "an image alone is a message");

        JsonNode message = chat.history(bob, "roomId", roomId).get("messages").get(0);
        assertEquals(List.of(tall, wide), List.of(message.get("attachments").get(0).get("attachmentId").asText(),
                message.get("attachments").get(1).get("attachmentId").asText()));
        assertEquals("image/jpeg", message.get("attachments").get(0).get("contentType").asText());

        ServiceReply resent = send(ann, roomId, "c1", "", List.of(tall, wide));
        assertEquals(message.get("seq").asLong(), resent.body().get("seq").asLong(), "a resend is the same message");
        assertEquals(2, resent.body().get("attachments").size(), "and carries its images");
    }

    @Test
    void onlyTheSendersOwnUnsentUploadsToThatRoomCanBeSent() throws IOException {
        Caller ann = chat.newUser();
        Caller bob = chat.newUser();
        String roomId = chat.createQuietRoom(ann);
        String otherRoom = chat.createQuietRoom(ann);
        chat.join(bob, roomId);
        String bobs = upload(bob, roomId, 10, 10);
        String elsewhere = upload(ann, otherRoom, 10, 10);
        String mine = upload(ann, roomId, 10, 10);

        assertEquals("attachments", field(send(ann, roomId, "a", "look", List.of(bobs))), "someone else's upload");
        assertEquals("attachments", field(send(ann, roomId, "b", "look", List.of(elsewhere))), "an upload to another room");
        assertEquals("attachments", field(send(ann, roomId, "c", "look", List.of(mine, UUID.randomUUID().toString()))),
                "one of them unknown: none is taken");
        assertEquals(201, send(ann, roomId, "d", "look", List.of(mine)).status(), "still unsent, so still usable");
        assertEquals("attachments", field(send(ann, roomId, "e", "again", List.of(mine))), "sent already");
        assertEquals(1, chat.history(ann, "roomId", roomId).get("messages").size(), "the refused sends stored nothing");

        assertEquals("text", field(send(ann, roomId, "f", "", List.of())), "no image, no text: nothing to send");
        assertEquals("attachments", field(send(ann, roomId, "g", "x", List.of(mine, mine))), "named twice");
    }

    @Test
    void anImageInABatchKeepsItsPlaceAndTheTextAroundItIsStillBatched() throws IOException {
        Caller ann = chat.newUser();
        String roomId = chat.createQuietRoom(ann);
        String image = upload(ann, roomId, 20, 20);
        long batchesBefore = metrics.summary("chat.messages.batch.size").count();
        List<ServiceReply> replies = chat.results(messages.sendBatch(List.of(
                new MessageService.BatchedSend(ann, chat.json("roomId", roomId, "clientMsgId", "b1", "text", "before")),
                new MessageService.BatchedSend(ann, chat.json("roomId", roomId, "clientMsgId", "b2", "text", "",
                        "attachments", List.of(image))),
                new MessageService.BatchedSend(ann, chat.json("roomId", roomId, "clientMsgId", "b3", "text", "after")),
                new MessageService.BatchedSend(ann, chat.json("roomId", roomId, "clientMsgId", "b4", "text", "and after")))));

        assertEquals(List.of(1L, 2L, 3L, 4L), replies.stream().map(reply -> reply.body().get("seq").asLong()).toList(),
                "in the order sent");
        assertEquals(image, replies.get(1).body().get("attachments").get(0).get("attachmentId").asText());
        assertEquals(batchesBefore + 1, metrics.summary("chat.messages.batch.size").count(),
                "the two sends after the image went in one statement");
    }

    @Test
    void deletingTheMessageDeletesItsImages() throws IOException {
        Caller ann = chat.newUser();
        String roomId = chat.createQuietRoom(ann);
        String id = upload(ann, roomId, 40, 40);
        ServiceReply sent = send(ann, roomId, "c1", "soon gone", List.of(id));
        long seq = sent.body().get("seq").asLong();

        assertEquals(204, chat.result(messages.delete(ann, chat.json("roomId", roomId, "seq", seq))).status());
        JsonNode deleted = chat.history(ann, "roomId", roomId).get("messages").get(0);
        assertFalse(deleted.has("attachments"), "a deleted message shows no images");
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .until(() -> chat.result(attachments.read(ann, UUID.fromString(id), Variant.ORIGINAL)).status() == 404);
        assertTrue(store.get(UUID.fromString(id), Variant.ORIGINAL).await().atMost(Duration.ofSeconds(5)).isEmpty());
    }

    @Test
    void deletingTheRoomDeletesItsImagesSentOrNot() throws IOException {
        Caller ann = chat.newUser();
        String roomId = chat.createQuietRoom(ann);
        UUID sent = UUID.fromString(upload(ann, roomId, 40, 40));
        UUID unsent = UUID.fromString(upload(ann, roomId, 40, 40));
        assertEquals(201, send(ann, roomId, "c1", "", List.of(sent.toString())).status());

        assertEquals(204, chat.result(channels.delete(ann, chat.json("roomId", roomId))).status());
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).until(() ->
                store.get(sent, Variant.ORIGINAL).await().atMost(Duration.ofSeconds(5)).isEmpty()
                        && store.get(unsent, Variant.THUMBNAIL).await().atMost(Duration.ofSeconds(5)).isEmpty());
        assertEquals(404, chat.result(attachments.read(ann, sent, Variant.ORIGINAL)).status());
    }
}
