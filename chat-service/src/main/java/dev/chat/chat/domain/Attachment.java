package dev.chat.chat.domain;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An uploaded image, as the contract's upload answer and a message's {@code attachments} carry it: {@code attachmentId},
 * its type, size in bytes, dimensions, and its thumbnail's. Who uploaded it, to which room, and which message carries it
 * ({@code messageSeq}, null while unsent) stay in the service.
 */
public record Attachment(@JsonProperty("attachmentId") UUID id, @JsonIgnore UUID roomId, @JsonIgnore UUID uploaderId,
        String contentType, int size, int width, int height, Thumbnail thumbnail, @JsonIgnore Instant createdAt,
        @JsonIgnore Long messageSeq) {

    public record Thumbnail(String contentType, int size, int width, int height) {
    }
}
