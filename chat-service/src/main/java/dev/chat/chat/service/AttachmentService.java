package dev.chat.chat.service;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.chat.config.ChatConfig;
import dev.chat.chat.domain.Attachment;
import dev.chat.chat.domain.ImageInspector;
import dev.chat.chat.domain.ImageInspector.Inspection;
import dev.chat.chat.domain.Thumbnails;
import dev.chat.chat.repository.AttachmentRepository;
import dev.chat.chat.repository.AttachmentStore;
import dev.chat.chat.repository.AttachmentStore.Variant;
import dev.chat.contracts.ErrorCodes;
import dev.chat.contracts.Problem.FieldError;
import dev.chat.contracts.ServiceRequest.Caller;
import dev.chat.contracts.UuidV7;
import dev.chat.support.Times;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Uploads of images to a room, and reading them back, for its members only. An upload is known by its bytes, refused
 * past its declared size before anything decodes it, stored without its metadata, with a thumbnail made on a worker
 * thread (decoding is the costly part). Uploads spend the uploader's send budget. The bytes go to the
 * {@link AttachmentStore}; the table keeps the rest.
 */
@ApplicationScoped
public class AttachmentService {

    /** What a member reads: the bytes and how to serve them. */
    public record Content(byte[] bytes, String contentType, String filename) {
    }

    private final AttachmentRepository attachments;
    private final AttachmentStore store;
    private final RoomAccess access;
    private final ChatConfig.Attachments config;
    private final ImageInspector inspector;
    private final Thumbnails thumbnails;
    private final MeterRegistry metrics;
    private final ChatLimits limits;

    public AttachmentService(AttachmentRepository attachments, AttachmentStore store, RoomAccess access, ChatConfig config,
            MeterRegistry metrics, ChatLimits limits) {
        this.attachments = attachments;
        this.store = store;
        this.access = access;
        this.config = config.attachments();
        this.inspector = new ImageInspector(this.config.maxSide(), this.config.maxPixels());
        this.thumbnails = new Thumbnails(this.config.thumbnailBox());
        this.metrics = metrics;
        this.limits = limits;
    }

    /** Answers 201 with the attachment, or why it was refused. */
    public Uni<Outcome> upload(Caller caller, UUID roomId, byte[] bytes) {
        if (bytes.length > config.maxBytes()) {
            return RoomAccess.now(new Outcome.Refused(413, ErrorCodes.PAYLOAD_TOO_LARGE, "at most " + config.maxBytes() + " bytes"));
        }
        // Uploads spend the send budget: each is a message's worth of work, and more.
        var limited = limits.send(caller);
        if (limited.isPresent()) {
            return RoomAccess.now(limited.get());
        }
        UUID uploaderId = UUID.fromString(caller.userId());
        return access.asMember(roomId, uploaderId, found -> {
            if (bytes.length == 0) {
                return RoomAccess.now(new Outcome.Invalid(new FieldError("file", "an empty file")));
            }
            Inspection inspection = inspector.inspect(bytes);
            if (inspection instanceof Inspection.Refused refused) {
                metrics.counter("chat.attachments.refused").increment();
                return RoomAccess.now(ImageInspector.sniff(bytes).isEmpty()
                        ? new Outcome.Refused(415, ErrorCodes.UNSUPPORTED_MEDIA_TYPE, refused.reason())
                        : new Outcome.Invalid(new FieldError("file", refused.reason())));
            }
            Inspection.Accepted image = (Inspection.Accepted) inspection;
            UUID id = UuidV7.next();
            return Uni.createFrom().item(() -> thumbnails.of(image.stripped()))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .chain(thumb -> {
                        Attachment attachment = new Attachment(id, roomId, uploaderId, image.type().contentType(), image.stripped().length,
                                image.width(), image.height(),
                                new Attachment.Thumbnail(thumb.contentType(), thumb.bytes().length, thumb.width(), thumb.height()),
                                Times.now(), null);
                        // The row first, as unsent: the sweeper finds what rows name, so a crash before the bytes are
                        // stored leaves a row it deletes in time, never bytes nothing names. No one knows the id before
                        // the answer, so no one reads the row before its bytes are there.
                        return attachments.insert(attachment)
                                .chain(() -> store.put(id, Variant.ORIGINAL, image.stripped()))
                                .chain(() -> store.put(id, Variant.THUMBNAIL, thumb.bytes()))
                                .onFailure().call(failure -> store.delete(id).onFailure().recoverWithNull()
                                        .chain(() -> attachments.delete(List.of(id))).onFailure().recoverWithNull())
                                .map(done -> (Outcome) new Outcome.Created(attachment));
                    })
                    .onFailure(IllegalArgumentException.class).recoverWithItem(failure ->
                            new Outcome.Invalid(new FieldError("file", "an image that does not decode")))
                    .invoke(outcome -> {
                        if (outcome instanceof Outcome.Created) {
                            metrics.counter("chat.attachments.stored").increment();
                        }
                    });
        });
    }

    /** The image or its thumbnail, to members of its room only (a member who left or was removed gets 403). */
    public Uni<Outcome> read(Caller caller, UUID id, Variant variant) {
        return asReader(caller, id, attachment -> store.get(id, variant).map(bytes -> bytes.isEmpty()
                ? new Outcome.Missing("no such attachment")
                : new Outcome.Found(new Content(bytes.get(), variant == Variant.ORIGINAL ? attachment.contentType()
                        : attachment.thumbnail().contentType(), filename(attachment, variant)))));
    }

    /** Found (with the attachment) if the caller may read it now: what a revalidation of a cached copy asks. */
    public Uni<Outcome> check(Caller caller, UUID id) {
        return asReader(caller, id, attachment -> RoomAccess.now(new Outcome.Found(attachment)));
    }

    private Uni<Outcome> asReader(Caller caller, UUID id, Function<Attachment, Uni<Outcome>> then) {
        UUID readerId = UUID.fromString(caller.userId());
        return attachments.find(id).chain(found -> found.isEmpty()
                ? RoomAccess.now(new Outcome.Missing("no such attachment"))
                : access.asMember(found.get().roomId(), readerId, room -> then.apply(found.get())));
    }

    private static String filename(Attachment attachment, Variant variant) {
        String contentType = variant == Variant.ORIGINAL ? attachment.contentType() : attachment.thumbnail().contentType();
        String extension = contentType.substring("image/".length()).replace("jpeg", "jpg");
        return attachment.id() + (variant == Variant.ORIGINAL ? "." : "-thumbnail.") + extension;
    }
}
