package dev.chat.chat.domain;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * What an uploaded image is, read from its bytes and never from the client's word: the type by its signature, the
 * dimensions from its header (before anything decodes it, so a decompression bomb is refused by its declared size), and
 * the same image without the metadata a camera or an editor leaves in it (EXIF with its GPS position, XMP, IPTC,
 * comments). Only the container is rewritten: pixel data is copied byte for byte, so nothing is recompressed.
 */
public final class ImageInspector {

    /** What was found, or why the bytes are refused. */
    public sealed interface Inspection {
        record Accepted(ImageType type, int width, int height, byte[] stripped) implements Inspection {
        }

        /** {@code reason}: what a person uploading it should be told. */
        record Refused(String reason) implements Inspection {
        }
    }

    public enum ImageType {
        PNG("image/png", "png"), JPEG("image/jpeg", "jpg"), GIF("image/gif", "gif"), WEBP("image/webp", "webp");

        private final String contentType;
        private final String extension;

        ImageType(String contentType, String extension) {
            this.contentType = contentType;
            this.extension = extension;
        }

        public String contentType() {
            return contentType;
        }

        public String extension() {
            return extension;
        }
    }

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    /** PNG chunks that carry text, EXIF or timestamps: dropped. Everything else (pixels, palette, colour) stays. */
    private static final Set<String> PNG_METADATA = Set.of("eXIf", "tEXt", "zTXt", "iTXt", "tIME");

    private final int maxSide;
    private final long maxPixels;

    /** @param maxSide the widest or tallest image accepted; @param maxPixels the most pixels (what decoding costs). */
    public ImageInspector(int maxSide, long maxPixels) {
        this.maxSide = maxSide;
        this.maxPixels = maxPixels;
    }

    public Inspection inspect(byte[] bytes) {
        ImageType type = sniff(bytes).orElse(null);
        if (type == null) {
            return new Inspection.Refused("not a PNG, JPEG, GIF or WebP image");
        }
        try {
            return switch (type) {
                case PNG -> png(bytes);
                case JPEG -> jpeg(bytes);
                case GIF -> gif(bytes);
                case WEBP -> webp(bytes);
            };
        } catch (IndexOutOfBoundsException | IllegalArgumentException | NegativeArraySizeException e) {
            return new Inspection.Refused("a damaged " + type.extension() + " image");
        }
    }

    /** The type by the file's signature; empty for anything else. */
    public static Optional<ImageType> sniff(byte[] bytes) {
        if (startsWith(bytes, 0, PNG_SIGNATURE)) {
            return Optional.of(ImageType.PNG);
        }
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
            return Optional.of(ImageType.JPEG);
        }
        if (startsWith(bytes, 0, ascii("GIF87a")) || startsWith(bytes, 0, ascii("GIF89a"))) {
            return Optional.of(ImageType.GIF);
        }
        if (startsWith(bytes, 0, ascii("RIFF")) && startsWith(bytes, 8, ascii("WEBP"))) {
            return Optional.of(ImageType.WEBP);
        }
        return Optional.empty();
    }

    private Inspection accept(ImageType type, long width, long height, byte[] stripped) {
        if (width < 1 || height < 1) {
            return new Inspection.Refused("an image without a size");
        }
        if (width > maxSide || height > maxSide || width * height > maxPixels) {
            return new Inspection.Refused("at most " + maxSide + " pixels a side and " + maxPixels / 1_000_000 + " megapixels; this one is "
                    + width + " x " + height);
        }
        return new Inspection.Accepted(type, (int) width, (int) height, stripped);
    }

    /** Chunks: length, type, data, CRC. The size is in IHDR, the first chunk. */
    private Inspection png(byte[] bytes) {
        if (!"IHDR".equals(ascii(bytes, 12, 4))) {
            throw new IllegalArgumentException("no IHDR");
        }
        long width = u32(bytes, 16);
        long height = u32(bytes, 20);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        out.write(bytes, 0, PNG_SIGNATURE.length);
        int at = PNG_SIGNATURE.length;
        while (at < bytes.length) {
            long length = u32(bytes, at);
            String chunk = ascii(bytes, at + 4, 4);
            long end = at + 12 + length;
            if (end > bytes.length) {
                throw new IllegalArgumentException("a chunk past the end");
            }
            if (!PNG_METADATA.contains(chunk)) {
                out.write(bytes, at, (int) (end - at));
            }
            at = (int) end;
            if ("IEND".equals(chunk)) {
                return accept(ImageType.PNG, width, height, out.toByteArray());
            }
        }
        throw new IllegalArgumentException("no IEND");
    }

    /**
     * Segments: 0xFF, a marker, a 16-bit length. The size is in the start-of-frame segment; APP1 (EXIF, XMP), APP13
     * (IPTC) and comments are dropped; after start-of-scan the rest (entropy-coded data) is copied as it is.
     */
    private Inspection jpeg(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        out.write(bytes, 0, 2);
        int at = 2;
        long width = 0;
        long height = 0;
        while (at + 4 <= bytes.length) {
            if ((bytes[at] & 0xFF) != 0xFF) {
                throw new IllegalArgumentException("not a segment");
            }
            int marker = bytes[at + 1] & 0xFF;
            if (marker == 0xFF) {
                at++;
                continue;
            }
            int length = u16(bytes, at + 2);
            int end = at + 2 + length;
            if (end > bytes.length || length < 2) {
                throw new IllegalArgumentException("a segment past the end");
            }
            boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (startOfFrame && width == 0) {
                height = u16(bytes, at + 5);
                width = u16(bytes, at + 7);
            }
            boolean metadata = marker == 0xE1 || marker == 0xED || marker == 0xFE;
            if (!metadata) {
                out.write(bytes, at, end - at);
            }
            if (marker == 0xDA) {
                out.write(bytes, end, bytes.length - end);
                return accept(ImageType.JPEG, width, height, out.toByteArray());
            }
            at = end;
        }
        throw new IllegalArgumentException("no image data");
    }

    /**
     * Header, logical screen, then blocks. The size is the logical screen's. Comment extensions and application
     * extensions other than the looping one (NETSCAPE2.0, which animations need) are dropped; images are copied.
     */
    private Inspection gif(byte[] bytes) {
        long width = u16le(bytes, 6);
        long height = u16le(bytes, 8);
        int flags = bytes[10] & 0xFF;
        int at = 13 + ((flags & 0x80) != 0 ? 3 * (1 << ((flags & 0x07) + 1)) : 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        out.write(bytes, 0, at);
        while (at < bytes.length) {
            int introducer = bytes[at] & 0xFF;
            if (introducer == 0x3B) {
                out.write(0x3B);
                return accept(ImageType.GIF, width, height, out.toByteArray());
            }
            int start = at;
            boolean keep = true;
            if (introducer == 0x21) {
                int label = bytes[at + 1] & 0xFF;
                keep = label != 0xFE && (label != 0xFF || "NETSCAPE2.0".equals(ascii(bytes, at + 3, 11)));
                at = skipSubBlocks(bytes, at + 2);
            } else if (introducer == 0x2C) {
                // A frame larger than the screen would be decoded at its own size: it counts as the image's.
                width = Math.max(width, u16le(bytes, at + 1) + (long) u16le(bytes, at + 5));
                height = Math.max(height, u16le(bytes, at + 3) + (long) u16le(bytes, at + 7));
                int imageFlags = bytes[at + 9] & 0xFF;
                at += 10 + ((imageFlags & 0x80) != 0 ? 3 * (1 << ((imageFlags & 0x07) + 1)) : 0);
                at = skipSubBlocks(bytes, at + 1);
            } else {
                throw new IllegalArgumentException("an unknown block");
            }
            if (keep) {
                out.write(bytes, start, at - start);
            }
        }
        throw new IllegalArgumentException("no trailer");
    }

    private static int skipSubBlocks(byte[] bytes, int at) {
        int size = bytes[at] & 0xFF;
        while (size != 0) {
            at += size + 1;
            size = bytes[at] & 0xFF;
        }
        return at + 1;
    }

    /**
     * RIFF chunks: a four-letter type, a 32-bit little-endian size, the data, padded to even. The size is in VP8X (the
     * canvas), else VP8 (lossy) or VP8L (lossless); EXIF and XMP chunks are dropped, and VP8X's flags for them cleared.
     */
    private Inspection webp(byte[] bytes) {
        long riffEnd = Math.min(bytes.length, 8 + u32le(bytes, 4));
        ByteArrayOutputStream chunks = new ByteArrayOutputStream(bytes.length);
        long width = 0;
        long height = 0;
        int at = 12;
        while (at + 8 <= riffEnd) {
            String chunk = ascii(bytes, at, 4);
            long size = u32le(bytes, at + 4);
            long end = at + 8 + size + (size & 1);
            if (at + 8 + size > riffEnd) {
                throw new IllegalArgumentException("a chunk past the end");
            }
            int data = at + 8;
            if ("VP8X".equals(chunk)) {
                width = 1 + u24le(bytes, data + 4);
                height = 1 + u24le(bytes, data + 7);
                byte[] copy = Arrays.copyOfRange(bytes, at, (int) Math.min(end, riffEnd));
                copy[8] &= (byte) ~0x0C; // the EXIF (0x08) and XMP (0x04) flags: their chunks go
                chunks.write(copy, 0, copy.length);
            } else {
                if (width == 0 && "VP8 ".equals(chunk)) {
                    width = u16le(bytes, data + 6) & 0x3FFF;
                    height = u16le(bytes, data + 8) & 0x3FFF;
                } else if (width == 0 && "VP8L".equals(chunk)) {
                    long bits = u32le(bytes, data + 1);
                    width = 1 + (bits & 0x3FFF);
                    height = 1 + ((bits >> 14) & 0x3FFF);
                }
                if (!"EXIF".equals(chunk) && !"XMP ".equals(chunk)) {
                    chunks.write(bytes, at, (int) (Math.min(end, riffEnd) - at));
                }
            }
            at = (int) end;
        }
        byte[] body = chunks.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 12);
        out.writeBytes(ascii("RIFF"));
        long riffSize = 4 + body.length;
        out.writeBytes(new byte[] {(byte) riffSize, (byte) (riffSize >> 8), (byte) (riffSize >> 16), (byte) (riffSize >> 24)});
        out.writeBytes(ascii("WEBP"));
        out.writeBytes(body);
        return accept(ImageType.WEBP, width, height, out.toByteArray());
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        if (bytes.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String ascii(byte[] bytes, int offset, int length) {
        if (offset < 0 || offset + length > bytes.length) {
            throw new IllegalArgumentException("past the end");
        }
        return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }

    private static long u32(byte[] b, int at) {
        return ((long) (b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    private static int u16le(byte[] b, int at) {
        return (b[at] & 0xFF) | ((b[at + 1] & 0xFF) << 8);
    }

    private static long u24le(byte[] b, int at) {
        return (b[at] & 0xFF) | ((b[at + 1] & 0xFF) << 8) | ((long) (b[at + 2] & 0xFF) << 16);
    }

    private static long u32le(byte[] b, int at) {
        return (b[at] & 0xFF) | ((b[at + 1] & 0xFF) << 8) | ((long) (b[at + 2] & 0xFF) << 16) | ((long) (b[at + 3] & 0xFF) << 24);
    }
}
