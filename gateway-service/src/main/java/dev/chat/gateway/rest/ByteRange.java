package dev.chat.gateway.rest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code Range} header asks of a body of known length (RFC 9110, section 14): one range of bytes, the whole
 * body (no header, another unit, several ranges, a header that does not parse: all may be answered with the whole), or
 * nothing it can have (416). An image viewer or a resumed download asks for one range; several are rare enough to
 * answer whole rather than as multipart/byteranges.
 */
sealed interface ByteRange {

    Pattern SINGLE = Pattern.compile("^\\s*bytes\\s*=\\s*(\\d*)\\s*-\\s*(\\d*)\\s*$");

    /** Serve everything, 200. */
    record Whole() implements ByteRange {
    }

    /** Serve {@code first..last} inclusive, 206 with {@code Content-Range}. */
    record Part(long first, long last, long length) implements ByteRange {
        long size() {
            return last - first + 1;
        }

        String contentRange() {
            return "bytes " + first + "-" + last + "/" + length;
        }
    }

    /** 416, with {@code Content-Range: bytes * / length}. */
    record Unsatisfiable(long length) implements ByteRange {
        String contentRange() {
            return "bytes */" + length;
        }
    }

    /**
     * The range {@code header} asks of {@code length} bytes. {@code ifRange}, when sent, must be the body's
     * {@code etag} for the range to count: else the client's copy is another one, and it gets the whole.
     */
    static ByteRange of(String header, String ifRange, String etag, long length) {
        if (header == null || ifRange != null && !ifRange.trim().equals(etag)) {
            return new Whole();
        }
        Matcher matcher = SINGLE.matcher(header);
        if (!matcher.matches() || matcher.group(1).isEmpty() && matcher.group(2).isEmpty()
                || matcher.group(1).length() > 18 || matcher.group(2).length() > 18) {
            return new Whole();
        }
        if (matcher.group(1).isEmpty()) {
            long suffix = Long.parseLong(matcher.group(2));
            if (suffix == 0 || length == 0) {
                return new Unsatisfiable(length);
            }
            return new Part(Math.max(0, length - suffix), length - 1, length);
        }
        long first = Long.parseLong(matcher.group(1));
        if (!matcher.group(2).isEmpty() && Long.parseLong(matcher.group(2)) < first) {
            return new Whole();
        }
        if (first >= length) {
            return new Unsatisfiable(length);
        }
        long last = matcher.group(2).isEmpty() ? length - 1 : Long.parseLong(matcher.group(2));
        return new Part(first, Math.min(last, length - 1), length);
    }
}
