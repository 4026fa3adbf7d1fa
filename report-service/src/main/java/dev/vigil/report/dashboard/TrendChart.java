package dev.vigil.report.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The trend as an SVG line chart, laid out here so the template only copies numbers: the page needs no script
 * and no chart library to show it. The x axis has one slot per day; the y axis is 0 to 100 % passing. A day with
 * nothing counted has no dot and breaks the line, rather than dropping to 0.
 *
 * @param segments polyline {@code points} attributes, one per unbroken run of days
 */
public record TrendChart(int width, int height, List<String> segments, List<Dot> dots, List<Tick> yTicks,
                         List<Tick> xTicks) {
    static final int WIDTH = 720;
    static final int HEIGHT = 220;
    static final int LEFT = 44;
    static final int RIGHT = 12;
    static final int TOP = 12;
    static final int BOTTOM = 28;

    /** A day's point, with the label a browser shows on hover. */
    public record Dot(String x, String y, String label) {
    }

    /** An axis label at a position; {@code anchor} is SVG's text-anchor, so the end labels stay inside. */
    public record Tick(String position, String label, String anchor) {
    }

    public static TrendChart of(List<Trend.Point> points) {
        int n = points.size();
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        List<String> segments = new ArrayList<>();
        List<Dot> dots = new ArrayList<>();
        StringBuilder segment = new StringBuilder();
        for (int i = 0; i < n; i++) {
            Trend.Point p = points.get(i);
            Double share = p.score().share();
            if (share == null) {
                flush(segment, segments);
                continue;
            }
            String x = num(LEFT + (n == 1 ? plotWidth / 2 : plotWidth * i / (n - 1)));
            String y = num(TOP + plotHeight * (1 - share));
            if (!segment.isEmpty()) {
                segment.append(' ');
            }
            segment.append(x).append(',').append(y);
            dots.add(new Dot(x, y, p.day() + ": " + p.score().percent() + " passing (" + p.score().passing()
                    + " of " + p.score().counted() + ")"));
        }
        flush(segment, segments);
        List<Tick> yTicks = List.of(
                new Tick(num(TOP + plotHeight), "0 %", "end"),
                new Tick(num(TOP + plotHeight / 2), "50 %", "end"),
                new Tick(num(TOP), "100 %", "end"));
        List<Tick> xTicks = n == 0 ? List.of() : n == 1
                ? List.of(new Tick(num(LEFT + plotWidth / 2), points.get(0).day().toString(), "middle"))
                : List.of(new Tick(num(LEFT), points.get(0).day().toString(), "start"),
                        new Tick(num(LEFT + plotWidth), points.get(n - 1).day().toString(), "end"));
        return new TrendChart(WIDTH, HEIGHT, List.copyOf(segments), List.copyOf(dots), yTicks, xTicks);
    }

    public int plotLeft() {
        return LEFT;
    }

    public int plotRight() {
        return WIDTH - RIGHT;
    }

    public int plotBottom() {
        return HEIGHT - BOTTOM;
    }

    /** Where the y labels end, just left of the plot. */
    public int yLabelX() {
        return LEFT - 6;
    }

    /** The baseline of the x labels, below the plot. */
    public int xLabelY() {
        return HEIGHT - BOTTOM + 18;
    }

    private static void flush(StringBuilder segment, List<String> segments) {
        if (!segment.isEmpty()) {
            segments.add(segment.toString());
            segment.setLength(0);
        }
    }

    /** One decimal is finer than a pixel; Locale.ROOT keeps the decimal point a point. */
    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
