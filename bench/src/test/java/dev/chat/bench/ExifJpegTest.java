package dev.chat.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

/** S8's photo: a JPEG that decodes, about a phone photo's size, with an EXIF segment that a reader can walk. */
class ExifJpegTest {

    @Test
    void thePhotoDecodesAtItsSizeAndWeighsAboutAMegabyte() throws Exception {
        byte[] photo = ExifJpeg.photo(ImageTraffic.WIDTH, ImageTraffic.HEIGHT, 8);

        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(photo));
        assertEquals(2000, decoded.getWidth());
        assertEquals(1500, decoded.getHeight());
        assertTrue(photo.length > 700_000 && photo.length < 1_500_000, "about 1 MB, was " + photo.length);
        assertArrayEquals(photo, ExifJpeg.photo(ImageTraffic.WIDTH, ImageTraffic.HEIGHT, 8), "the same bytes every run");
    }

    @Test
    void theExifSegmentFollowsTheJfifSegment() {
        byte[] jpeg = ExifJpeg.jpeg(ExifJpeg.draw(64, 48, 1), 0.9f);
        byte[] app1 = ExifJpeg.exifSegment(100, 1);
        byte[] tagged = ExifJpeg.withExif(jpeg, app1);

        int app0Length = (jpeg[4] & 0xFF) << 8 | jpeg[5] & 0xFF;
        int at = 4 + app0Length;
        assertEquals(0xE0, jpeg[3] & 0xFF, "ImageIO writes a JFIF APP0 first");
        assertEquals(jpeg.length + app1.length, tagged.length);
        assertArrayEquals(Arrays.copyOfRange(jpeg, 0, at), Arrays.copyOfRange(tagged, 0, at));
        assertArrayEquals(app1, Arrays.copyOfRange(tagged, at, at + app1.length));
        assertArrayEquals(Arrays.copyOfRange(jpeg, at, jpeg.length), Arrays.copyOfRange(tagged, at + app1.length, tagged.length));
    }

    @Test
    void theExifSegmentNamesTheCameraAndWhereThePhotoWasTaken() {
        byte[] app1 = ExifJpeg.exifSegment(ExifJpeg.MAKER_NOTE_BYTES, 8);

        assertEquals(0xFF, app1[0] & 0xFF);
        assertEquals(0xE1, app1[1] & 0xFF);
        assertEquals(app1.length - 2, (app1[2] & 0xFF) << 8 | app1[3] & 0xFF, "the length counts itself, not the marker");
        assertEquals("Exif\0\0", new String(app1, 4, 6, StandardCharsets.US_ASCII));
        ByteBuffer tiff = ByteBuffer.wrap(app1, 10, app1.length - 10).slice().order(ByteOrder.LITTLE_ENDIAN);
        assertEquals('I', tiff.get(0));
        assertEquals(42, tiff.getShort(2));
        int ifd0 = tiff.getInt(4);
        assertEquals(5, tiff.getShort(ifd0));
        assertEquals("BenchCam", ascii(tiff, entryValue(tiff, ifd0, 0x010F)));
        int gps = entryValue(tiff, ifd0, 0x8825);
        assertEquals(4, tiff.getShort(gps));
        assertEquals('N', entryValue(tiff, gps, 0x0001));
        int latitude = entryValue(tiff, gps, 0x0002);
        assertEquals(48, tiff.getInt(latitude) / tiff.getInt(latitude + 4), "degrees north");
        int exif = entryValue(tiff, ifd0, 0x8769);
        assertEquals(ExifJpeg.MAKER_NOTE_BYTES, entryCount(tiff, exif, 0x927C), "the maker note, the bulk of it");
    }

    /** The value field of the IFD entry with this tag (its data's offset, or the data itself when it fits). */
    private static int entryValue(ByteBuffer tiff, int ifd, int tag) {
        return tiff.getInt(entry(tiff, ifd, tag) + 8);
    }

    private static int entryCount(ByteBuffer tiff, int ifd, int tag) {
        return tiff.getInt(entry(tiff, ifd, tag) + 4);
    }

    private static int entry(ByteBuffer tiff, int ifd, int tag) {
        int count = tiff.getShort(ifd);
        for (int i = 0; i < count; i++) {
            int at = ifd + 2 + 12 * i;
            if ((tiff.getShort(at) & 0xFFFF) == tag) {
                return at;
            }
        }
        throw new AssertionError("no tag " + Integer.toHexString(tag));
    }

    private static String ascii(ByteBuffer tiff, int at) {
        StringBuilder text = new StringBuilder();
        for (int i = at; tiff.get(i) != 0; i++) {
            text.append((char) tiff.get(i));
        }
        return text.toString();
    }
}
