package dev.chat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What S8's uploaders send: the multipart body of an upload, and the frame that sends the image as a message. */
class ImageTrafficTest {

    @Test
    void anUploadIsOneFilePartAsABrowserSendsIt() {
        byte[] content = {(byte) 0xFF, (byte) 0xD8, 0, '\r', '\n', (byte) 0xFF, (byte) 0xD9};

        byte[] body = ImageTraffic.multipart("b0und", "file", "photo.jpg", "image/jpeg", content);

        String head = "--b0und\r\nContent-Disposition: form-data; name=\"file\"; filename=\"photo.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n";
        String tail = "\r\n--b0und--\r\n";
        assertEquals(head.length() + content.length + tail.length(), body.length);
        assertEquals(head, new String(body, 0, head.length(), StandardCharsets.ISO_8859_1));
        for (int i = 0; i < content.length; i++) {
            assertEquals(content[i], body[head.length() + i], "the file's bytes as they are, at " + i);
        }
        assertEquals(tail, new String(body, head.length() + content.length, tail.length(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void anImageMessageHasNoTextAndTheOneAttachment() throws Exception {
        JsonNode frame = new ObjectMapper().readTree(ImageTraffic.sendFrame("room-1", "i7-3-123456", "att-9"));

        assertEquals("send", frame.path("type").asText());
        assertEquals("room-1", frame.path("roomId").asText());
        assertEquals("i7-3-123456", frame.path("clientMsgId").asText());
        assertEquals("", frame.path("text").asText());
        assertEquals(1, frame.path("attachments").size());
        assertEquals("att-9", frame.path("attachments").get(0).asText());
    }
}
