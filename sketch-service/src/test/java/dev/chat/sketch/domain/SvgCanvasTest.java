package dev.chat.sketch.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.chat.contracts.SketchEvent;

class SvgCanvasTest {

    private static final UUID ROOM = UUID.randomUUID();

    @Test
    void drawsEachVisibleStrokeAsAPolylineInTheContractsSquare() {
        var line = new SketchEvent.StrokeEvent(ROOM, 1, UUID.randomUUID(), UUID.randomUUID(), "#ff0000", 4,
                new int[][] {{0, 0}, {10000, 5000}}, Instant.now());
        var dot = new SketchEvent.StrokeEvent(ROOM, 2, UUID.randomUUID(), UUID.randomUUID(), "#00ff00", 10,
                new int[][] {{50, 60}}, Instant.now());
        String svg = SvgCanvas.render(new SketchEvent.Canvas(ROOM, 2, List.of(line, dot)));
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10000 10000\""), svg);
        assertTrue(svg.contains("stroke=\"#ff0000\" stroke-width=\"40\""), svg);
        assertTrue(svg.contains("points=\"0,0 10000,5000\""), svg);
        assertTrue(svg.contains("<circle cx=\"50\" cy=\"60\" r=\"50\" fill=\"#00ff00\"/>"), svg);
        assertTrue(svg.contains("<title>Canvas at seq 2</title>"), svg);
    }

    @Test
    void anEmptyCanvasIsABlankDocument() {
        String svg = SvgCanvas.render(new SketchEvent.Canvas(ROOM, 0, List.of()));
        assertFalse(svg.contains("polyline"));
        assertTrue(svg.trim().endsWith("</svg>"));
    }
}
