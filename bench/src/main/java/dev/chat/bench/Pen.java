package dev.chat.bench;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A stroke in progress: a strokeId, a colour and width, and its points so far. x grows by 1..step at every point,
 * so a preview's first point is unique within its stroke; y wanders. Coordinates stay within 0..10000.
 */
final class Pen {
    final String color;
    final int width;
    final int pointsPerStroke;
    String strokeId;
    int x;
    int y;
    int step;
    int ticks;
    /** The points so far, as JSON pairs without the outer brackets. */
    final StringBuilder all = new StringBuilder();
    /** The first point of the latest batch, "x,y". */
    String firstOfBatch;

    Pen(int pointsPerStroke) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        this.color = String.format("#%06x", random.nextInt(1 << 24));
        this.width = 1 + random.nextInt(20);
        this.pointsPerStroke = pointsPerStroke;
        start();
    }

    void start() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        strokeId = UUID.randomUUID().toString();
        step = Math.max(1, Math.min(20, 9000 / Math.max(1, pointsPerStroke)));
        x = random.nextInt(Math.max(1, 10_000 - step * pointsPerStroke));
        y = random.nextInt(10_001);
        ticks = 0;
        all.setLength(0);
    }

    /** The next {@code count} points as a JSON array; they are added to the stroke too. */
    String next(int count) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            x = Math.min(10_000, x + 1 + random.nextInt(step));
            y = Math.max(0, Math.min(10_000, y + random.nextInt(-50, 51)));
            if (i == 0) {
                firstOfBatch = x + "," + y;
            }
            String pair = "[" + x + "," + y + "]";
            batch.append(i == 0 ? "" : ",").append(pair);
            all.append(all.length() == 0 ? "" : ",").append(pair);
        }
        return batch.append(']').toString();
    }
}
