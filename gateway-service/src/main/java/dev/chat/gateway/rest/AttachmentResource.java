package dev.chat.gateway.rest;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.ErrorCodes;
import dev.chat.contracts.Ids;
import dev.chat.contracts.Problem;
import dev.chat.contracts.Problem.FieldError;
import dev.chat.gateway.config.GatewayConfig;
import dev.chat.gateway.messaging.AttachmentClient;
import dev.chat.gateway.security.Callers;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/**
 * An uploaded image and its thumbnail, to members of its room only, asked of chat-service at every call. The answer may
 * be kept by the browser ({@code private}) but never used without asking again ({@code no-cache}): the revalidation
 * with its ETag costs a 304 and no bytes, and a member who left or was removed gets 403 instead of the cached copy.
 * A full-size image is held whole while it passes through, so at most ATTACHMENT_MAX_CONCURRENT_READS are read at once
 * (one instance of this class holds that count); one more gets 503 {@code overloaded} with {@code Retry-After}.
 */
@Path("/api/attachments")
@Tag(name = ApiDocument.ATTACHMENTS)
@Authenticated
@SecurityRequirement(name = "bearer")
@Singleton
public class AttachmentResource {

    static final String CACHE_CONTROL = "private, no-cache";
    /** An image is never a document: nothing in it runs, even opened on its own. */
    static final String POLICY = "default-src 'none'; sandbox";
    private static final String ID = "the attachment's id, from its upload or a message's attachments";
    private static final String IMAGE = "image/*";
    private static final String IF_NONE_MATCH = "the ETag of a copy the caller holds: 304 without the bytes while a member";
    private static final String RANGE = "one byte range, bytes=first-last, first- or -suffix (several are answered whole)";
    private static final String IF_RANGE = "the ETag the range is of: another one gets the whole image";

    private final AttachmentClient attachments;
    private final JsonWebToken token;
    private final ObjectMapper mapper;
    private final Slots fullSizeReads;
    private final String retryAfterSeconds;

    public AttachmentResource(AttachmentClient attachments, JsonWebToken token, ObjectMapper mapper, GatewayConfig config,
            MeterRegistry metrics) {
        this.attachments = attachments;
        this.token = token;
        this.mapper = mapper;
        this.fullSizeReads = new Slots(config.attachments().maxConcurrentReads());
        this.retryAfterSeconds = String.valueOf(Math.max(1, (config.overload().retryAfter().toMillis() + 999) / 1000));
        metrics.gauge("gateway.attachments.reads.in.progress", fullSizeReads, Slots::taken);
    }

    @GET
    @Path("/{attachmentId}")
    @Produces({"image/png", "image/jpeg", "image/gif", "image/webp", Problem.MEDIA_TYPE})
    @Operation(operationId = "getAttachment", summary = "Read an uploaded image",
            description = "Members of the image's room only, checked at every call. The image as stored (its metadata"
                    + " stripped), with Content-Disposition, nosniff, Cache-Control: private, no-cache and an ETag"
                    + " (If-None-Match answers 304 while the caller is a member), and one byte range on request.")
    @APIResponse(responseCode = "200", description = "The image",
            content = @Content(mediaType = IMAGE, schema = @Schema(implementation = ApiSchemas.ImageBytes.class)))
    @APIResponse(responseCode = "206", description = "The byte range asked for (Range, If-Range)",
            content = @Content(mediaType = IMAGE, schema = @Schema(implementation = ApiSchemas.ImageBytes.class)))
    @APIResponse(responseCode = "304", description = "The copy the caller holds (If-None-Match) is the image")
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocument.NOT_A_MEMBER)
    @APIResponse(responseCode = "404", ref = ApiDocument.NO_SUCH_ATTACHMENT)
    @APIResponse(responseCode = "416", ref = ApiDocument.RANGE_NOT_SATISFIABLE)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public Uni<Response> original(
            @Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = ApiSchemas.UUID))
            @PathParam("attachmentId") String attachmentId,
            @Parameter(description = IF_NONE_MATCH) @HeaderParam("If-None-Match") String ifNoneMatch,
            @Parameter(description = RANGE) @HeaderParam("Range") String range,
            @Parameter(description = IF_RANGE) @HeaderParam("If-Range") String ifRange) {
        return serve(attachmentId, "original", ifNoneMatch, range, ifRange);
    }

    @GET
    @Path("/{attachmentId}/thumbnail")
    @Produces({"image/png", "image/jpeg", Problem.MEDIA_TYPE})
    @Operation(operationId = "getAttachmentThumbnail", summary = "Read an uploaded image's thumbnail",
            description = "As the image, for its thumbnail: the first frame fitted in 480 x 480 pixels (never enlarged),"
                    + " JPEG, or PNG when it has transparency. Its size is in the attachment's `thumbnail`.")
    @APIResponse(responseCode = "200", description = "The thumbnail",
            content = @Content(mediaType = IMAGE, schema = @Schema(implementation = ApiSchemas.ImageBytes.class)))
    @APIResponse(responseCode = "206", description = "The byte range asked for (Range, If-Range)",
            content = @Content(mediaType = IMAGE, schema = @Schema(implementation = ApiSchemas.ImageBytes.class)))
    @APIResponse(responseCode = "304", description = "The copy the caller holds (If-None-Match) is the thumbnail")
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocument.NOT_A_MEMBER)
    @APIResponse(responseCode = "404", ref = ApiDocument.NO_SUCH_ATTACHMENT)
    @APIResponse(responseCode = "416", ref = ApiDocument.RANGE_NOT_SATISFIABLE)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public Uni<Response> thumbnail(
            @Parameter(description = ID, schema = @Schema(type = SchemaType.STRING, format = ApiSchemas.UUID))
            @PathParam("attachmentId") String attachmentId,
            @Parameter(description = IF_NONE_MATCH) @HeaderParam("If-None-Match") String ifNoneMatch,
            @Parameter(description = RANGE) @HeaderParam("Range") String range,
            @Parameter(description = IF_RANGE) @HeaderParam("If-Range") String ifRange) {
        return serve(attachmentId, "thumbnail", ifNoneMatch, range, ifRange);
    }

    private Uni<Response> serve(String attachmentId, String variant, String ifNoneMatch, String range, String ifRange) {
        if (!Ids.isId(attachmentId)) {
            return Uni.createFrom().item(Replies.problem(Problem.validation(
                    List.of(new FieldError("attachmentId", "an attachment id (UUID)")))));
        }
        boolean fullSize = "original".equals(variant);
        if (fullSize && !fullSizeReads.tryTake()) {
            return Uni.createFrom().item(Response.fromResponse(Replies.problem(Problem.of(503, ErrorCodes.OVERLOADED,
                    "too many images are being read here at once; try again shortly")))
                    .header("Retry-After", retryAfterSeconds).build());
        }
        Uni<Response> served = attachments.read(Callers.of(token), attachmentId, variant, ifNoneMatch).map(answer -> {
            String etag = answer.headers().get("ETag");
            if (answer.status() == 304) {
                return cacheable(Response.notModified(), etag).build();
            }
            if (answer.status() != 200) {
                return problem(answer);
            }
            byte[] body = answer.body();
            Response.ResponseBuilder response;
            ByteRange asked = ByteRange.of(range, ifRange, etag, body.length);
            if (asked instanceof ByteRange.Unsatisfiable none) {
                return cacheable(Response.status(416), etag).type(Problem.MEDIA_TYPE)
                        .entity(Problem.of(416, ErrorCodes.RANGE_NOT_SATISFIABLE, "the image has " + body.length + " bytes"))
                        .header("Content-Range", none.contentRange()).build();
            }
            if (asked instanceof ByteRange.Part part) {
                response = Response.status(206).entity(Arrays.copyOfRange(body, (int) part.first(), (int) part.last() + 1))
                        .header("Content-Range", part.contentRange());
            } else {
                response = Response.ok(body);
            }
            String filename = answer.headers().get("X-Attachment-Filename");
            return cacheable(response, etag)
                    .type(answer.headers().get("Content-Type"))
                    .header("Content-Disposition", "inline; filename=\"" + safeFilename(filename) + "\"")
                    .header("Accept-Ranges", "bytes")
                    .header("Content-Security-Policy", POLICY)
                    .build();
        }).onFailure().recoverWithItem(failure -> {
            Log.warnf("an attachment could not be read from chat-service: %s", failure.toString());
            return Replies.problem(Problem.of(503, ErrorCodes.SERVICE_UNAVAILABLE, "the image store did not answer; try again"));
        });
        return fullSize ? served.onTermination().invoke(fullSizeReads::giveBack) : served;
    }

    private Response problem(AttachmentClient.Answer answer) {
        try {
            return Response.status(answer.status()).type(Problem.MEDIA_TYPE)
                    .entity(mapper.readTree(answer.body())).build();
        } catch (IOException e) {
            return Response.status(answer.status()).build();
        }
    }

    private static Response.ResponseBuilder cacheable(Response.ResponseBuilder response, String etag) {
        response.header("Cache-Control", CACHE_CONTROL).header("Vary", "Authorization");
        return etag == null ? response : response.header("ETag", etag);
    }

    /** The name chat-service gave (an id and an extension); anything else in it is dropped rather than quoted. */
    private static String safeFilename(String filename) {
        return filename == null ? "image" : filename.replaceAll("[^A-Za-z0-9._-]", "");
    }

}
