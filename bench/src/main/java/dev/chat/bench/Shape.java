package dev.chat.bench;

import java.time.Duration;

/**
 * A load shape: who connects, how they are grouped into rooms, and how fast they send.
 *
 * @param connections   WebSocket connections, one user each
 * @param roomSize      members per room; 2 makes direct-message pairs
 * @param ratePerClient messages per second each client sends (open loop); 0 for idle connections
 * @param textBytes     size of each message text
 * @param probeShare    share of connections that parse every frame and measure latency (the rest only count)
 * @param stormAfter    when set, this far into the measured window every client drops its connection (spread
 *                      over {@link #STORM_SPREAD}) and reconnects with resume; needs probeShare 1 so all can resume
 * @param sketch        when set, the clients draw on their room's canvas instead of sending messages (S7)
 * @param images        when set, a few of the clients also upload photos and send them as messages (S8)
 */
public record Shape(String name, int connections, int roomSize, double ratePerClient, int textBytes, Duration warmup,
        Duration measure, double probeShare, Duration stormAfter, SketchLoad sketch, ImageLoad images) {

    /** The window in which the clients of a reconnect storm drop. */
    public static final Duration STORM_SPREAD = Duration.ofSeconds(5);

    public Shape(String name, int connections, int roomSize, double ratePerClient, int textBytes, Duration warmup,
            Duration measure, double probeShare, Duration stormAfter, SketchLoad sketch) {
        this(name, connections, roomSize, ratePerClient, textBytes, warmup, measure, probeShare, stormAfter, sketch, null);
    }

    public Shape(String name, int connections, int roomSize, double ratePerClient, int textBytes, Duration warmup,
            Duration measure, double probeShare, Duration stormAfter) {
        this(name, connections, roomSize, ratePerClient, textBytes, warmup, measure, probeShare, stormAfter, null);
    }

    public Shape(String name, int connections, int roomSize, double ratePerClient, int textBytes, Duration warmup,
            Duration measure, double probeShare) {
        this(name, connections, roomSize, ratePerClient, textBytes, warmup, measure, probeShare, null);
    }

    public int rooms() {
        return Math.max(1, connections / roomSize);
    }

    /**
     * Deliveries per second the shape asks for: each message reaches every member of its room (an image message too).
     * Sketch: each preview reaches every other member, each stroke every member.
     */
    public double offeredDeliveriesPerSecond() {
        if (sketch != null) {
            return offeredPreviewDeliveriesPerSecond() + offeredStrokeDeliveriesPerSecond();
        }
        return (connections * ratePerClient + (images == null ? 0 : images.perSecond())) * roomSize;
    }

    /** Sketch: {@code sketch.draw} frames the other members should get per second. */
    public double offeredPreviewDeliveriesPerSecond() {
        return sketch == null ? 0 : sketch.drawing(connections) * sketch.previewsPerSecond() * (Math.min(roomSize, connections) - 1);
    }

    /** Sketch: {@code sketch.stroke} frames every member (the author too) should get per second. */
    public double offeredStrokeDeliveriesPerSecond() {
        return sketch == null ? 0 : sketch.drawing(connections) * sketch.strokesPerSecond() * Math.min(roomSize, connections);
    }

    public Shape withRate(double rate) {
        return new Shape(name, connections, roomSize, rate, textBytes, warmup, measure, probeShare, stormAfter, sketch, images);
    }

    /** A sketch shape keeps everyone in its one channel. */
    public Shape withConnections(int count) {
        return new Shape(name, count, sketch != null ? count : roomSize, ratePerClient, textBytes, warmup, measure, probeShare,
                stormAfter, sketch, images);
    }

    public Shape withTimes(Duration warmupTime, Duration measureTime) {
        return new Shape(name, connections, roomSize, ratePerClient, textBytes, warmupTime, measureTime, probeShare, stormAfter,
                sketch, images);
    }

    public Shape withSketch(SketchLoad load) {
        return new Shape(name, connections, roomSize, ratePerClient, textBytes, warmup, measure, probeShare, stormAfter, load,
                images);
    }

    public Shape withImages(ImageLoad load) {
        return new Shape(name, connections, roomSize, ratePerClient, textBytes, warmup, measure, probeShare, stormAfter, sketch,
                load);
    }

    /** S1 steady: 1,000 connections, 10 rooms of 100, 200-byte texts, 0.5 msg/s per client. */
    public static Shape s1() {
        return new Shape("S1-steady", 1000, 100, 0.5, 200, Duration.ofSeconds(15), Duration.ofSeconds(60), 0.05);
    }

    /**
     * S8 images: S1's chat, and beside it 10 of the users (one per room) uploading a ~1 MB photo through the gateway
     * and sending it as a message, 2 images a second in all. {@code --image-rate} and {@code --uploaders} change it.
     */
    public static Shape s8() {
        return new Shape("S8-images", 1000, 100, 0.5, 200, Duration.ofSeconds(15), Duration.ofSeconds(60), 0.05, null, null,
                new ImageLoad(10, 2));
    }

    /** S3 direct messages: 2,000 connections in 1,000 pairs. */
    public static Shape s3() {
        return new Shape("S3-direct", 2000, 2, 2.5, 200, Duration.ofSeconds(15), Duration.ofSeconds(60), 0.05);
    }

    /**
     * S5 reconnect storm: 1,000 clients in 10 rooms of 100 at 0.1 msg/s each; 10 s into the measured window all of
     * them drop within 5 s and reconnect with resume. Every connection parses frames, since each must resume.
     */
    public static Shape s5() {
        return new Shape("S5-reconnect-storm", 1000, 100, 0.1, 200, Duration.ofSeconds(10), Duration.ofSeconds(40), 1.0,
                Duration.ofSeconds(10));
    }

    /**
     * S7 sketch: 100 users in one channel, one connection each, all drawing on its canvas at once: 20 live previews
     * a second of 5 new points each, and a finished stroke (its 100 points) every second. One in ten connections is
     * a probe. {@code --drawers N} lets only N of them draw while the rest watch.
     */
    public static Shape s7() {
        return new Shape("S7-sketch", 100, 100, 0, 0, Duration.ofSeconds(15), Duration.ofSeconds(60), 0.1, null,
                new SketchLoad(20, 5, 1, 0));
    }

    /** S6 connect storm: the people who open their tabs at once (each in a room of 100, as in S1), sending nothing. */
    public static Shape s6(int users) {
        return new Shape("S6-connect-storm", users, 100, 0, 0, Duration.ZERO, Duration.ZERO, 0);
    }

    /** S4 idle: connections that only stay open. */
    public static Shape s4(int connections) {
        return new Shape("S4-idle-" + connections, connections, 100, 0, 0, Duration.ZERO, Duration.ofSeconds(10), 0);
    }

    /** A few seconds, a few clients: keeps the generator working in CI, proves nothing about speed. */
    public static Shape smoke() {
        return new Shape("smoke", 20, 10, 1, 200, Duration.ofSeconds(1), Duration.ofSeconds(3), 0.5);
    }

    /**
     * What each drawing client of a sketch shape draws: {@code previewsPerSecond} {@code sketch.draw} previews of
     * {@code pointsPerPreview} new points each, and {@code strokesPerSecond} finished strokes ({@code sketch.stroke}
     * with all the points its previews showed, under the same strokeId). Previews 0: strokes only. {@code drawers}:
     * how many of the room's users draw (spread over the room; the others only watch); 0 for everyone.
     */
    public record SketchLoad(double previewsPerSecond, int pointsPerPreview, double strokesPerSecond, int drawers) {

        public SketchLoad {
            if (strokesPerSecond <= 0 || pointsPerPreview < 1 || drawers < 0) {
                throw new IllegalArgumentException("a sketch shape needs strokes per second > 0, points per preview >= 1, drawers >= 0");
            }
        }

        /** Of {@code users}, how many draw. */
        public int drawing(int users) {
            return drawers == 0 ? users : Math.min(drawers, users);
        }

        /** Previews per stroke (the last one is sent just before the stroke); 1 tick per stroke when there are none. */
        public int ticksPerStroke() {
            return previewsPerSecond > 0 ? (int) Math.max(1, Math.round(previewsPerSecond / strokesPerSecond)) : 1;
        }

        public int pointsPerStroke() {
            return pointsPerPreview * ticksPerStroke();
        }

        /** The time between two ticks of one client (a preview, and at a stroke's end the stroke too). */
        public long tickNanos() {
            return (long) (1e9 / (strokesPerSecond * ticksPerStroke()));
        }

        SketchLoad withPreviews(double rate) {
            return new SketchLoad(rate, pointsPerPreview, strokesPerSecond, drawers);
        }

        SketchLoad withStrokes(double rate) {
            return new SketchLoad(previewsPerSecond, pointsPerPreview, rate, drawers);
        }

        SketchLoad withPointsPerPreview(int points) {
            return new SketchLoad(previewsPerSecond, points, strokesPerSecond, drawers);
        }

        SketchLoad withDrawers(int count) {
            return new SketchLoad(previewsPerSecond, pointsPerPreview, strokesPerSecond, count);
        }
    }

    /**
     * The photos of an image shape: {@code uploaders} of the users (spread over the rooms) each upload one and send it
     * in a message on a fixed schedule, {@code perSecond} in all; each keeps sending its chat messages too.
     */
    public record ImageLoad(int uploaders, double perSecond) {

        public ImageLoad {
            if (uploaders < 1 || perSecond <= 0) {
                throw new IllegalArgumentException("an image shape needs at least one uploader and images per second > 0");
            }
        }

        /** Of {@code users}, how many upload. */
        public int uploading(int users) {
            return Math.min(uploaders, users);
        }

        /** The time between two uploads of one of {@code uploading} uploaders, for {@code perSecond} in all. */
        public long periodNanos(int uploading) {
            return (long) (1e9 * uploading / perSecond);
        }

        ImageLoad withUploaders(int count) {
            return new ImageLoad(count, perSecond);
        }

        ImageLoad withPerSecond(double rate) {
            return new ImageLoad(uploaders, rate);
        }
    }
}
