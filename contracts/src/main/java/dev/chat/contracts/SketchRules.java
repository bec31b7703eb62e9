package dev.chat.contracts;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.contracts.Problem.FieldError;

/**
 * The shape of a stroke (../shared/PROTOCOL.md, Sketch): written once, and used by sketch-service for stored strokes
 * and by the gateway for live previews, which never reach a service that could answer them.
 */
public final class SketchRules {

    /** Coordinates lie in a square from 0 to this; clients scale to their canvas. */
    public static final int MAX_COORDINATE = 10_000;
    public static final int MAX_POINTS = 2_000;
    public static final int MIN_WIDTH = 1;
    public static final int MAX_WIDTH = 200;

    private static final Pattern COLOUR = Pattern.compile("^#[0-9a-fA-F]{6}$");

    private SketchRules() {
    }

    /** A stroke or a preview as it will be stored and sent on: its points rounded to whole units of the square. */
    public record StrokeShape(UUID strokeId, String color, int width, int[][] points) {
    }

    /**
     * Reads {@code strokeId}, {@code color}, {@code width} and {@code points} of a frame.
     *
     * @param errors receives one message per wrong field; the shape is null when there is any
     */
    public static StrokeShape read(JsonNode frame, List<FieldError> errors) {
        UUID strokeId = uuid(frame.get("strokeId"));
        if (strokeId == null) {
            errors.add(new FieldError("strokeId", "must be a UUID"));
        }
        JsonNode colour = frame.get("color");
        if (colour == null || !colour.isTextual() || !COLOUR.matcher(colour.textValue()).matches()) {
            errors.add(new FieldError("color", "must be #rrggbb"));
        }
        JsonNode width = frame.get("width");
        boolean widthOk = width != null && width.isNumber() && width.canConvertToInt() && width.asDouble() == width.asInt()
                && width.asInt() >= MIN_WIDTH && width.asInt() <= MAX_WIDTH;
        if (!widthOk) {
            errors.add(new FieldError("width", "must be a whole number from " + MIN_WIDTH + " to " + MAX_WIDTH));
        }
        int[][] points = points(frame.get("points"), errors);
        if (!errors.isEmpty()) {
            return null;
        }
        return new StrokeShape(strokeId, colour.textValue().toLowerCase(), width.asInt(), points);
    }

    /** Shorthand for callers that only need to know whether a frame is well formed. */
    public static List<FieldError> check(JsonNode frame) {
        List<FieldError> errors = new ArrayList<>();
        read(frame, errors);
        return errors;
    }

    public static UUID uuid(JsonNode value) {
        return value == null || !value.isTextual() ? null : Ids.parse(value.textValue());
    }

    private static int[][] points(JsonNode points, List<FieldError> errors) {
        if (points == null || !points.isArray() || points.isEmpty()) {
            errors.add(new FieldError("points", "must be a list of 1 to " + MAX_POINTS + " [x, y] pairs"));
            return null;
        }
        if (points.size() > MAX_POINTS) {
            errors.add(new FieldError("points", "at most " + MAX_POINTS + " points per stroke (got " + points.size() + ")"));
            return null;
        }
        int[][] read = new int[points.size()][];
        for (int i = 0; i < points.size(); i++) {
            JsonNode point = points.get(i);
            if (!point.isArray() || point.size() != 2 || !inRange(point.get(0)) || !inRange(point.get(1))) {
                errors.add(new FieldError("points[" + i + "]", "must be [x, y], numbers from 0 to " + MAX_COORDINATE));
                return null;
            }
            read[i] = new int[] {(int) Math.round(point.get(0).asDouble()), (int) Math.round(point.get(1).asDouble())};
        }
        return read;
    }

    private static boolean inRange(JsonNode value) {
        if (value == null || !value.isNumber()) {
            return false;
        }
        double number = value.asDouble();
        return Double.isFinite(number) && number >= 0 && number <= MAX_COORDINATE;
    }
}
