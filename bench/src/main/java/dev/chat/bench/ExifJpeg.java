package dev.chat.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * S8's photo: a JPEG drawn once (a gradient, a few hundred translucent shapes and lines, and a little per-pixel noise, so
 * it compresses like a photograph: about 1 MB at 2000 x 1500) and given what a camera leaves in it, an EXIF APP1 segment
 * with the make, model, time, a GPS position and a maker note, which chat-service's upload strips.
 */
final class ExifJpeg {

    /** The JPEG quality: with {@link #NOISE} about 1 MB at 2000 x 1500, as a phone's photo. */
    static final float QUALITY = 0.9f;
    /** Per-pixel noise, +/- this much per channel: what keeps the drawn image from compressing better than a photo. */
    static final int NOISE = 10;
    /** The maker note's bytes, the bulk of the EXIF segment (cameras put 10-60 KB there, with a preview). */
    static final int MAKER_NOTE_BYTES = 24 * 1024;

    private static final int ASCII = 2;
    private static final int LONG = 4;
    private static final int RATIONAL = 5;
    private static final int UNDEFINED = 7;

    private ExifJpeg() {
    }

    /** A drawn {@code width} x {@code height} photo with an EXIF segment, the same bytes for the same arguments. */
    static byte[] photo(int width, int height, long seed) {
        return withExif(jpeg(draw(width, height, seed), QUALITY), exifSegment(MAKER_NOTE_BYTES, seed));
    }

    static BufferedImage draw(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(90, 140, 210), 0, height, new Color(235, 205, 160)));
        g.fillRect(0, 0, width, height);
        Random random = new Random(seed);
        int scale = Math.max(10, Math.min(width, height) / 5);
        for (int i = 0; i < 400; i++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256), 60 + random.nextInt(150)));
            int x = random.nextInt(width);
            int y = random.nextInt(height);
            int size = 10 + random.nextInt(scale);
            if (i % 3 == 0) {
                g.fillOval(x, y, size, size * 2 / 3);
            } else if (i % 3 == 1) {
                g.fillRect(x, y, size, size / 2);
            } else {
                g.setStroke(new BasicStroke(1 + random.nextInt(8)));
                g.drawLine(x, y, random.nextInt(width), random.nextInt(height));
            }
        }
        g.dispose();
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < pixels.length; i++) {
            int noise = random.nextInt(2 * NOISE + 1) - NOISE;
            int p = pixels[i];
            pixels[i] = channel(p >> 16, noise) << 16 | channel(p >> 8, noise) << 8 | channel(p, noise);
        }
        return image;
    }

    private static int channel(int value, int noise) {
        return Math.max(0, Math.min(255, (value & 0xFF) + noise));
    }

    static byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new IllegalStateException("could not encode the bench photo", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** The JPEG with the APP1 segment after its JFIF APP0 segment (or right after SOI when it has none). */
    static byte[] withExif(byte[] jpeg, byte[] app1) {
        if ((jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
            throw new IllegalArgumentException("not a JPEG");
        }
        int at = 2;
        if ((jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0) {
            at = 4 + ((jpeg[4] & 0xFF) << 8 | jpeg[5] & 0xFF);
        }
        byte[] out = new byte[jpeg.length + app1.length];
        System.arraycopy(jpeg, 0, out, 0, at);
        System.arraycopy(app1, 0, out, at, app1.length);
        System.arraycopy(jpeg, at, out, at + app1.length, jpeg.length - at);
        return out;
    }

    /**
     * An APP1 "Exif" segment (little-endian TIFF): IFD0 with Make, Model, DateTime and the pointers to the Exif IFD
     * (a {@code makerNoteBytes} MakerNote) and to the GPS IFD (latitude and longitude with their references).
     */
    static byte[] exifSegment(int makerNoteBytes, long seed) {
        byte[] make = ascii("BenchCam");
        byte[] model = ascii("S8 images");
        byte[] when = ascii("2026:12:01 12:00:00");
        byte[] makerNote = new byte[makerNoteBytes];
        new Random(seed).nextBytes(makerNote);
        int ifd0 = 8;
        int makeAt = ifd0 + ifdBytes(5);
        int modelAt = makeAt + even(make.length);
        int whenAt = modelAt + even(model.length);
        int exifIfd = whenAt + even(when.length);
        int makerNoteAt = exifIfd + ifdBytes(1);
        int gpsIfd = makerNoteAt + even(makerNote.length);
        int latitudeAt = gpsIfd + ifdBytes(4);
        int longitudeAt = latitudeAt + 24;
        int tiffBytes = longitudeAt + 24;
        int segmentLength = 2 + 6 + tiffBytes;
        if (segmentLength > 0xFFFF) {
            throw new IllegalArgumentException("an APP1 segment is at most 65,535 bytes");
        }
        ByteBuffer tiff = ByteBuffer.allocate(tiffBytes).order(ByteOrder.LITTLE_ENDIAN);
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifd0);
        tiff.putShort((short) 5);
        entry(tiff, 0x010F, ASCII, make.length, makeAt);
        entry(tiff, 0x0110, ASCII, model.length, modelAt);
        entry(tiff, 0x0132, ASCII, when.length, whenAt);
        entry(tiff, 0x8769, LONG, 1, exifIfd);
        entry(tiff, 0x8825, LONG, 1, gpsIfd);
        tiff.putInt(0);
        tiff.put(makeAt, make).put(modelAt, model).put(whenAt, when);
        tiff.position(exifIfd);
        tiff.putShort((short) 1);
        entry(tiff, 0x927C, UNDEFINED, makerNote.length, makerNoteAt);
        tiff.putInt(0);
        tiff.put(makerNoteAt, makerNote);
        tiff.position(gpsIfd);
        tiff.putShort((short) 4);
        entry(tiff, 0x0001, ASCII, 2, 'N');
        entry(tiff, 0x0002, RATIONAL, 3, latitudeAt);
        entry(tiff, 0x0003, ASCII, 2, 'E');
        entry(tiff, 0x0004, RATIONAL, 3, longitudeAt);
        tiff.putInt(0);
        tiff.position(latitudeAt);
        tiff.putInt(48).putInt(1).putInt(8).putInt(1).putInt(3012).putInt(100);
        tiff.putInt(11).putInt(1).putInt(34).putInt(1).putInt(5634).putInt(100);
        ByteBuffer segment = ByteBuffer.allocate(2 + segmentLength);
        segment.put((byte) 0xFF).put((byte) 0xE1).putShort((short) segmentLength);
        segment.put("Exif\0\0".getBytes(StandardCharsets.US_ASCII)).put(tiff.array());
        return segment.array();
    }

    /** An IFD of {@code entries}: their count, 12 bytes each, and the next IFD's offset. */
    private static int ifdBytes(int entries) {
        return 2 + 12 * entries + 4;
    }

    private static int even(int length) {
        return length + (length & 1);
    }

    /** An IFD entry; {@code value} is the offset of its data, or the data itself when it fits in four bytes. */
    private static void entry(ByteBuffer tiff, int tag, int type, int count, int value) {
        tiff.putShort((short) tag).putShort((short) type).putInt(count).putInt(value);
    }

    private static byte[] ascii(String text) {
        return (text + "\0").getBytes(StandardCharsets.US_ASCII);
    }
}
