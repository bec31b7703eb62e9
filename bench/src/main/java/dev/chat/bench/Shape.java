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
 */
public record Shape(String name, int connections, int roomSize, double ratePerClient, int textBytes, Duration warmup,
        Duration measure, double probeShare, Duration stormAfter) {

    /** The window in which the clients of a reconnect storm drop. */
    public static final Duration STORM_SPREAD = Duration.ofSeconds(5);

    public Shape(String name, int connections, int roomSize, double ratePerClient, int textBytes, Duration warmup,
            Duration measure, double probeShare) {
        this(name, connections, roomSize, ratePerClient, textBytes, warmup, measure, probeShare, null);
    }

    public int rooms() {
        return Math.max(1, connections / roomSize);
    }

    /** Deliveries per second the shape asks for: each message reaches every member of its room. */
    public double offeredDeliveriesPerSecond() {
        return connections * ratePerClient * roomSize;
    }

    public Shape withRate(double rate) {
        return new Shape(name, connections, roomSize, rate, textBytes, warmup, measure, probeShare, stormAfter);
    }

    public Shape withConnections(int count) {
        return new Shape(name, count, roomSize, ratePerClient, textBytes, warmup, measure, probeShare, stormAfter);
    }

    public Shape withTimes(Duration warmupTime, Duration measureTime) {
        return new Shape(name, connections, roomSize, ratePerClient, textBytes, warmupTime, measureTime, probeShare, stormAfter);
    }

    /** S1 steady: 1,000 connections, 10 rooms of 100, 200-byte texts, 0.5 msg/s per client. */
    public static Shape s1() {
        return new Shape("S1-steady", 1000, 100, 0.5, 200, Duration.ofSeconds(15), Duration.ofSeconds(60), 0.05);
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

    /** S4 idle: connections that only stay open. */
    public static Shape s4(int connections) {
        return new Shape("S4-idle-" + connections, connections, 100, 0, 0, Duration.ZERO, Duration.ofSeconds(10), 0);
    }

    /** A few seconds, a few clients: keeps the generator working in CI, proves nothing about speed. */
    public static Shape smoke() {
        return new Shape("smoke", 20, 10, 1, 200, Duration.ofSeconds(1), Duration.ofSeconds(3), 0.5);
    }
}
