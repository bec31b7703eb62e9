package dev.chat.chat.repository;

import java.util.Optional;
import java.util.UUID;

import io.smallrye.mutiny.Uni;

/**
 * Where an attachment's bytes live: each upload as two objects, the image and its thumbnail. Bytes never travel through
 * Kafka; only ids and metadata do. Locally a directory ({@link FileAttachmentStore}); a cluster uses object storage with
 * an S3 API, behind this same interface.
 */
public interface AttachmentStore {

    /** The image as uploaded (metadata stripped), or the timeline's thumbnail of it. */
    enum Variant { ORIGINAL, THUMBNAIL }

    Uni<Void> put(UUID id, Variant variant, byte[] bytes);

    /** Empty when there is no such object (never stored, or deleted). */
    Uni<Optional<byte[]>> get(UUID id, Variant variant);

    /** Deletes both variants; deleting what is not there is no error. */
    Uni<Void> delete(UUID id);
}
