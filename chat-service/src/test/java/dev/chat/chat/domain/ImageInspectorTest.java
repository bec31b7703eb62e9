package dev.chat.chat.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import dev.chat.chat.domain.ImageInspector.ImageType;
import dev.chat.chat.domain.ImageInspector.Inspection;

/** Images are known by their bytes, sized from their headers, and lose their metadata but not their pixels. */
class ImageInspectorTest {

    private static final String GPS = "GPSLatitude 48.8584 N GPSLongitude 2.2945 E";

    private final ImageInspector inspector = new ImageInspector(10_000, 40_000_000);

    private static byte[] encode(String format, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, format.equals("gif") ? BufferedImage.TYPE_BYTE_INDEXED
                : BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            image.setRGB(x, x % height, 0xFF3366);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out), "no writer for " + format);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static boolean contains(byte[] bytes, String text) {
        return new String(bytes, StandardCharsets.ISO_8859_1).contains(text);
    }

    private static BufferedImage decode(byte[] bytes) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    private Inspection.Accepted accepted(byte[] bytes) {
        return assertInstanceOf(Inspection.Accepted.class, inspector.inspect(bytes));
    }

    /** A PNG chunk with its CRC, as a camera app would add it. */
    private static byte[] pngChunk(String type, String data) {
        byte[] typeAndData = concat(type.getBytes(StandardCharsets.US_ASCII), data.getBytes(StandardCharsets.ISO_8859_1));
        CRC32 crc = new CRC32();
        crc.update(typeAndData);
        return concat(ByteBuffer.allocate(4).putInt(data.length()).array(), typeAndData,
                ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    @Test
    void aPngIsSizedAndLosesItsTextAndExifChunks() throws IOException {
        byte[] png = encode("png", 64, 48);
        // After the signature (8) and IHDR (25): where metadata chunks usually sit.
        byte[] tagged = concat(Arrays.copyOfRange(png, 0, 33), pngChunk("tEXt", "Comment\0" + GPS), pngChunk("eXIf", "MM\0*" + GPS),
                Arrays.copyOfRange(png, 33, png.length));

        Inspection.Accepted inspected = accepted(tagged);
        assertEquals(ImageType.PNG, inspected.type());
        assertEquals(64, inspected.width());
        assertEquals(48, inspected.height());
        assertTrue(contains(tagged, GPS));
        assertFalse(contains(inspected.stripped(), GPS), "no GPS position left");
        assertEquals(64, decode(inspected.stripped()).getWidth(), "still a valid PNG");
    }

    @Test
    void aJpegLosesItsExifSegmentAndKeepsItsPixels() throws IOException {
        byte[] jpeg = encode("jpg", 120, 80);
        byte[] exif = concat("Exif\0\0MM\0*".getBytes(StandardCharsets.ISO_8859_1), GPS.getBytes(StandardCharsets.ISO_8859_1));
        byte[] app1 = concat(new byte[] {(byte) 0xFF, (byte) 0xE1}, ByteBuffer.allocate(2).putShort((short) (exif.length + 2)).array(),
                exif);
        byte[] tagged = concat(Arrays.copyOfRange(jpeg, 0, 2), app1, Arrays.copyOfRange(jpeg, 2, jpeg.length));

        Inspection.Accepted inspected = accepted(tagged);
        assertEquals(ImageType.JPEG, inspected.type());
        assertEquals(120, inspected.width());
        assertEquals(80, inspected.height());
        assertFalse(contains(inspected.stripped(), "Exif"));
        assertEquals(tagged.length - app1.length, inspected.stripped().length, "only the segment went");
        BufferedImage decoded = decode(inspected.stripped());
        assertEquals(80, decoded.getHeight());
        assertEquals(decode(jpeg).getRGB(10, 10), decoded.getRGB(10, 10), "the same pixels");
    }

    @Test
    void aGifLosesItsCommentAndIsSizedFromItsScreen() throws IOException {
        byte[] gif = encode("gif", 30, 20);
        // After the header, the logical screen and the global colour table: the first block.
        int flags = gif[10] & 0xFF;
        int firstBlock = 13 + ((flags & 0x80) != 0 ? 3 * (1 << ((flags & 0x07) + 1)) : 0);
        byte[] comment = concat(new byte[] {0x21, (byte) 0xFE, (byte) GPS.length()}, GPS.getBytes(StandardCharsets.ISO_8859_1),
                new byte[] {0});
        byte[] tagged = concat(Arrays.copyOfRange(gif, 0, firstBlock), comment, Arrays.copyOfRange(gif, firstBlock, gif.length));

        Inspection.Accepted inspected = accepted(tagged);
        assertEquals(ImageType.GIF, inspected.type());
        assertEquals(30, inspected.width());
        assertEquals(20, inspected.height());
        assertFalse(contains(inspected.stripped(), GPS));
        assertEquals(20, decode(inspected.stripped()).getHeight());
    }

    /** A lossless WebP header (VP8L), its pixels left out: enough to read its size. */
    private static byte[] riffChunk(String type, byte[] data) {
        byte[] padded = data.length % 2 == 0 ? data : Arrays.copyOf(data, data.length + 1);
        return concat(type.getBytes(StandardCharsets.US_ASCII),
                ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(data.length).array(), padded);
    }

    private static byte[] webp(byte[]... chunks) {
        byte[] body = concat(chunks);
        return concat("RIFF".getBytes(StandardCharsets.US_ASCII),
                ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(body.length + 4).array(),
                "WEBP".getBytes(StandardCharsets.US_ASCII), body);
    }

    @Test
    void aWebpIsSizedFromItsCanvasAndLosesExifAndXmpWithTheirFlags() {
        int bits = (640 - 1) | ((360 - 1) << 14);
        byte[] vp8l = concat(new byte[] {0x2F}, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(bits).array(), new byte[7]);
        byte[] vp8x = {0x0C, 0, 0, 0, (byte) 0x7F, 0x02, 0, 0x67, 0x01, 0}; // EXIF and XMP flags; 640 x 360
        byte[] tagged = webp(riffChunk("VP8X", vp8x), riffChunk("VP8L", vp8l), riffChunk("EXIF", GPS.getBytes(StandardCharsets.US_ASCII)),
                riffChunk("XMP ", "<x:xmpmeta/>".getBytes(StandardCharsets.US_ASCII)));

        Inspection.Accepted inspected = accepted(tagged);
        assertEquals(ImageType.WEBP, inspected.type());
        assertEquals(640, inspected.width());
        assertEquals(360, inspected.height());
        byte[] stripped = inspected.stripped();
        assertFalse(contains(stripped, GPS));
        assertFalse(contains(stripped, "xmpmeta"));
        assertEquals(0, stripped[20] & 0x0C, "VP8X no longer says it has EXIF or XMP");
        assertEquals(stripped.length - 8, ByteBuffer.wrap(stripped, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt(), "RIFF size");
        assertEquals(640, accepted(webp(riffChunk("VP8L", vp8l))).width(), "a simple lossless file: the size from VP8L");
    }

    @Test
    void aDecompressionBombIsRefusedByItsDeclaredSizeBeforeAnythingDecodesIt() throws IOException {
        byte[] png = encode("png", 4, 4);
        ByteBuffer.wrap(png, 16, 8).putInt(50_000).putInt(50_000);
        Inspection refused = inspector.inspect(png);
        assertInstanceOf(Inspection.Refused.class, refused);
        assertTrue(((Inspection.Refused) refused).reason().contains("50000 x 50000"), refused.toString());
        ByteBuffer.wrap(png, 16, 8).putInt(9_000).putInt(9_000);
        assertInstanceOf(Inspection.Refused.class, inspector.inspect(png), "81 megapixels: within the sides, over the area");
    }

    @Test
    void whatIsNotAnImageOrIsCutShortIsRefused() throws IOException {
        assertInstanceOf(Inspection.Refused.class, inspector.inspect("<html><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8)));
        assertInstanceOf(Inspection.Refused.class, inspector.inspect(new byte[0]));
        assertInstanceOf(Inspection.Refused.class, inspector.inspect("RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.US_ASCII)));
        byte[] png = encode("png", 8, 8);
        Inspection truncated = inspector.inspect(Arrays.copyOf(png, 40));
        assertInstanceOf(Inspection.Refused.class, truncated);
        byte[] jpeg = encode("jpg", 8, 8);
        assertInstanceOf(Inspection.Refused.class, inspector.inspect(Arrays.copyOf(jpeg, 30)));
        assertFalse(ImageInspector.sniff("GIF8".getBytes(StandardCharsets.US_ASCII)).isPresent());
    }
}
