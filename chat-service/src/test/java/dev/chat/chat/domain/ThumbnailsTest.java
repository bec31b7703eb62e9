package dev.chat.chat.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

/** Thumbnails fit their box, keep the shape and the transparency, and are made of every accepted type, WebP too. */
class ThumbnailsTest {

    private final Thumbnails thumbnails = new Thumbnails(400);

    private static byte[] encode(String format, int width, int height, int type) throws IOException {
        BufferedImage image = new BufferedImage(width, height, type);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y += 7) {
                image.setRGB(x, y, 0xFF000000 | (x * 31 + y) & 0xFFFFFF);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out));
        return out.toByteArray();
    }

    private static BufferedImage decode(byte[] bytes) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ThumbnailsTest.class.getResourceAsStream("/images/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void aLargePhotoShrinksToFitTheBoxKeepingItsShapeAsJpeg() throws IOException {
        Thumbnails.Thumbnail thumb = thumbnails.of(encode("jpg", 1200, 800, BufferedImage.TYPE_INT_RGB));
        assertEquals("image/jpeg", thumb.contentType());
        assertEquals(400, thumb.width());
        assertEquals(267, thumb.height());
        BufferedImage decoded = decode(thumb.bytes());
        assertEquals(400, decoded.getWidth());
        assertEquals(267, decoded.getHeight());
    }

    @Test
    void aSmallImageIsNeverEnlargedAndTransparencyStaysAsPng() throws IOException {
        Thumbnails.Thumbnail thumb = thumbnails.of(encode("png", 120, 300, BufferedImage.TYPE_INT_ARGB));
        assertEquals("image/png", thumb.contentType());
        assertEquals(120, thumb.width(), "no side grows");
        assertEquals(300, thumb.height());
        assertTrue(decode(thumb.bytes()).getColorModel().hasAlpha());
    }

    @Test
    void aGifAndBothKindsOfWebpMakeThumbnails() throws IOException {
        assertEquals(50, thumbnails.of(encode("gif", 50, 40, BufferedImage.TYPE_BYTE_INDEXED)).width());
        // Made with cwebp from a 160 x 90 picture: lossy (VP8) and lossless (VP8L).
        for (String name : new String[] {"sun-lossy.webp", "sun-lossless.webp"}) {
            byte[] webp = resource(name);
            Thumbnails.Thumbnail thumb = thumbnails.of(webp);
            assertEquals(160, thumb.width(), name);
            assertEquals(90, thumb.height(), name);
            ImageInspector.Inspection inspected = new ImageInspector(10_000, 40_000_000).inspect(webp);
            assertEquals(160, assertInstanceOf(ImageInspector.Inspection.Accepted.class, inspected).width(), name);
        }
    }

    @Test
    void bytesThatDoNotDecodeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> thumbnails.of("not an image".getBytes(StandardCharsets.US_ASCII)));
    }
}
