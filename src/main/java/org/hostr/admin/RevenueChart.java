package org.hostr.admin;

import java.util.List;
import java.util.Locale;
import org.hostr.billing.Money;

/**
 * Revenue per month as an inline SVG bar chart, drawn on the server: no script, scales with its container (viewBox),
 * readable by screen readers (role="img" with a title and a description, each bar with its own title). Pure: the
 * same bars give the same markup, so tests compare strings.
 */
public final class RevenueChart {
    static final int WIDTH = 640;
    static final int HEIGHT = 240;
    static final int TOP = 16;
    static final int BOTTOM = 40;
    static final int LEFT = 8;
    static final int PLOT = HEIGHT - TOP - BOTTOM;

    private RevenueChart() {
    }

    /** One month's paid total. */
    public record Bar(String label, long minor) {
    }

    /** The chart of one currency's bars, oldest month first. */
    public static String svg(String currency, List<Bar> bars) {
        long max = bars.stream().mapToLong(Bar::minor).max().orElse(0);
        long total = bars.stream().mapToLong(Bar::minor).sum();
        String title = "Revenue per month in " + currency;
        String desc = bars.isEmpty() ? "no months" : bars.get(0).label() + " to " + bars.get(bars.size() - 1).label()
                + ", total " + new Money(total, currency).display();
        StringBuilder svg = new StringBuilder(2048);
        svg.append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" role=\"img\" aria-labelledby=\"chart-").append(escape(currency))
                .append("-title chart-").append(escape(currency)).append("-desc\">");
        svg.append("<title id=\"chart-").append(escape(currency)).append("-title\">").append(escape(title)).append("</title>");
        svg.append("<desc id=\"chart-").append(escape(currency)).append("-desc\">").append(escape(desc)).append("</desc>");
        int baseline = TOP + PLOT;
        svg.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(baseline).append("\" x2=\"")
                .append(WIDTH - LEFT).append("\" y2=\"").append(baseline).append("\"/>");
        if (bars.isEmpty()) {
            return svg.append("</svg>").toString();
        }
        double slot = (WIDTH - 2.0 * LEFT) / bars.size();
        double barWidth = slot * 0.7;
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int height = barHeight(bar.minor(), max);
            double x = LEFT + i * slot + (slot - barWidth) / 2;
            String amount = new Money(bar.minor(), currency).display();
            svg.append("<g class=\"bar\"><title>").append(escape(bar.label() + ": " + amount)).append("</title>");
            svg.append("<rect x=\"").append(num(x)).append("\" y=\"").append(baseline - height).append("\" width=\"")
                    .append(num(barWidth)).append("\" height=\"").append(height).append("\"/>");
            svg.append("<text class=\"label\" x=\"").append(num(x + barWidth / 2)).append("\" y=\"").append(baseline + 16)
                    .append("\" text-anchor=\"middle\">").append(escape(bar.label())).append("</text>");
            if (bar.minor() == max && max > 0) {
                svg.append("<text class=\"value\" x=\"").append(num(x + barWidth / 2)).append("\" y=\"")
                        .append(Math.max(12, baseline - height - 4)).append("\" text-anchor=\"middle\">")
                        .append(escape(amount)).append("</text>");
            }
            svg.append("</g>");
        }
        return svg.append("</svg>").toString();
    }

    /** Bar height in pixels, proportional to the largest bar; a month with any revenue shows at least 1 px. */
    static int barHeight(long minor, long max) {
        if (minor <= 0 || max <= 0) {
            return 0;
        }
        return (int) Math.max(1, Math.round((double) minor / max * PLOT));
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
