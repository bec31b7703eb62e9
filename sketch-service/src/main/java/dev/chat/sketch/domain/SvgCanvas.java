package dev.chat.sketch.domain;

import dev.chat.contracts.SketchEvent;
import dev.chat.contracts.SketchRules;

/**
 * A canvas as an SVG document in the contract's 0..10000 square. Widths are tenths of a percent of the side
 * (width 10 is one percent), as the web client draws them.
 */
public final class SvgCanvas {

    /** The rendered side in CSS pixels; the viewBox keeps the contract's coordinates. */
    private static final int SIDE_PX = 1000;
    private static final int WIDTH_SCALE = SketchRules.MAX_COORDINATE / SIDE_PX;

    private SvgCanvas() {
    }

    public static String render(SketchEvent.Canvas canvas) {
        StringBuilder svg = new StringBuilder(256 + canvas.strokes().size() * 64);
        int side = SketchRules.MAX_COORDINATE;
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(side).append(' ').append(side)
                .append("\" width=\"").append(SIDE_PX).append("\" height=\"").append(SIDE_PX).append("\">\n");
        // Only numbers and validated #rrggbb colours are written: nothing a client sent reaches the document as text.
        svg.append("<title>Canvas at seq ").append(canvas.seq()).append("</title>\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        for (SketchEvent.StrokeEvent stroke : canvas.strokes()) {
            int width = stroke.width() * WIDTH_SCALE;
            int[][] points = stroke.points();
            if (points.length == 1) {
                svg.append("<circle cx=\"").append(points[0][0]).append("\" cy=\"").append(points[0][1]).append("\" r=\"")
                        .append(Math.max(1, width / 2)).append("\" fill=\"").append(stroke.color()).append("\"/>\n");
                continue;
            }
            svg.append("<polyline fill=\"none\" stroke=\"").append(stroke.color()).append("\" stroke-width=\"").append(width)
                    .append("\" stroke-linecap=\"round\" stroke-linejoin=\"round\" points=\"");
            for (int i = 0; i < points.length; i++) {
                if (i > 0) {
                    svg.append(' ');
                }
                svg.append(points[i][0]).append(',').append(points[i][1]);
            }
            svg.append("\"/>\n");
        }
        return svg.append("</svg>\n").toString();
    }
}
