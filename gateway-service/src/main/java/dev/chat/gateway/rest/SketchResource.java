package dev.chat.gateway.rest;

import static dev.chat.contracts.Operation.SKETCH_CANVAS;
import static dev.chat.contracts.Operation.SKETCH_OPS;
import static dev.chat.contracts.Operation.SKETCH_SVG;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
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

import dev.chat.contracts.Commands;
import dev.chat.gateway.messaging.SketchServiceClient;
import dev.chat.gateway.security.Callers;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** A room's canvas: as it looks now or looked at any seq, its op log, and an SVG of it. Members only; sketch-service decides. */
// The same root as RoomResource: JAX-RS picks a resource class by its own path first, so a class at /api/rooms/{roomId}
// would take every call under it (join, leave, ...) and answer 404.
@Path("/api")
@Tag(name = ApiDocument.SKETCH)
@Authenticated
@SecurityRequirement(name = "bearer")
public class SketchResource {

    private static final String ROOM_ID = "the room";
    private static final String SVG = "image/svg+xml";

    private final SketchServiceClient sketches;
    private final JsonWebToken token;

    public SketchResource(SketchServiceClient sketches, JsonWebToken token) {
        this.sketches = sketches;
        this.token = token;
    }

    @GET
    @Path("/rooms/{roomId}/sketch")
    @Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
    @Operation(operationId = "getCanvas", summary = "Read a room's canvas, now or at any seq",
            description = "Members only. The visible strokes in seq order as the canvas looked right after op atSeq (time"
                    + " travel; default and past the end: now). Undone strokes and strokes before a clear are left out.")
    @APIResponse(responseCode = "200", description = "The canvas",
            content = @Content(mediaType = ApiDocument.JSON, schema = @Schema(implementation = ApiSchemas.SketchCanvas.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocument.NOT_A_MEMBER)
    @APIResponse(responseCode = "404", ref = ApiDocument.NO_SUCH_ROOM)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public Uni<Response> canvas(
            @Parameter(description = ROOM_ID, schema = @Schema(type = SchemaType.STRING, format = ApiSchemas.UUID))
            @PathParam("roomId") String roomId,
            @Parameter(description = "the canvas's seq to show it at",
                    schema = @Schema(type = SchemaType.INTEGER, format = ApiSchemas.INT64, minimum = "0"))
            @QueryParam("atSeq") String atSeq) {
        return sketches.call(SKETCH_CANVAS, Callers.of(token), new Commands.SketchQuery(roomId, atSeq, null, null), roomId)
                .map(Replies::toResponse);
    }

    @GET
    @Path("/rooms/{roomId}/sketch/ops")
    @Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
    @Operation(operationId = "getCanvasOps", summary = "Read a room's canvas op log",
            description = "Members only. Strokes, undos, redos and clears after afterSeq, in seq order, as the sketch frames"
                    + " members get carry them.")
    @APIResponse(responseCode = "200", description = "A page of ops",
            content = @Content(mediaType = ApiDocument.JSON, schema = @Schema(implementation = ApiSchemas.SketchOpsPage.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocument.NOT_A_MEMBER)
    @APIResponse(responseCode = "404", ref = ApiDocument.NO_SUCH_ROOM)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public Uni<Response> ops(
            @Parameter(description = ROOM_ID, schema = @Schema(type = SchemaType.STRING, format = ApiSchemas.UUID))
            @PathParam("roomId") String roomId,
            @Parameter(description = "ops with a greater seq",
                    schema = @Schema(type = SchemaType.INTEGER, format = ApiSchemas.INT64, minimum = "0", defaultValue = "0"))
            @QueryParam("afterSeq") String afterSeq,
            @Parameter(description = "the most ops in the page",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "500", defaultValue = "100"))
            @QueryParam("limit") String limit) {
        return sketches.call(SKETCH_OPS, Callers.of(token), new Commands.SketchQuery(roomId, null, afterSeq, limit), roomId)
                .map(Replies::toResponse);
    }

    @GET
    @Path("/rooms/{roomId}/sketch.svg")
    @Produces({SVG, "application/problem+json"})
    @Operation(operationId = "getCanvasSvg", summary = "Export a room's canvas as SVG",
            description = "Members only. The canvas (now, or at atSeq) as an SVG document in its 0..10000 square.")
    @APIResponse(responseCode = "200", description = "The canvas as SVG",
            content = @Content(mediaType = SVG, schema = @Schema(implementation = ApiSchemas.SvgDocument.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocument.NOT_A_MEMBER)
    @APIResponse(responseCode = "404", ref = ApiDocument.NO_SUCH_ROOM)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public Uni<Response> svg(
            @Parameter(description = ROOM_ID, schema = @Schema(type = SchemaType.STRING, format = ApiSchemas.UUID))
            @PathParam("roomId") String roomId,
            @Parameter(description = "the canvas's seq to show it at",
                    schema = @Schema(type = SchemaType.INTEGER, format = ApiSchemas.INT64, minimum = "0"))
            @QueryParam("atSeq") String atSeq) {
        return sketches.call(SKETCH_SVG, Callers.of(token), new Commands.SketchQuery(roomId, atSeq, null, null), roomId)
                .map(reply -> reply.isError()
                        ? Replies.toResponse(reply)
                        : Response.ok(reply.body().path("svg").asText(), SVG)
                                .header("Content-Disposition", "inline; filename=\"canvas.svg\"")
                                // Nothing the client drew is ever text in the document, but a script would run if it were.
                                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                                .build());
    }
}
