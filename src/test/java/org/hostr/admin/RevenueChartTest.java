package org.hostr.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RevenueChartTest {
    private static final Pattern HEIGHT = Pattern.compile("<rect [^>]*height=\"(\\d+)\"");

    @Test
    void barsAreProportionalToTheLargestMonth() {
        String svg = RevenueChart.svg("USD", List.of(new RevenueChart.Bar("Jan 26", 500), new RevenueChart.Bar("Feb 26", 1000)));

        List<Integer> heights = heights(svg);
        assertEquals(List.of(RevenueChart.PLOT / 2, RevenueChart.PLOT), heights);
    }

    @Test
    void theLargestBarIsLabelledWithItsAmountAndEveryBarHasATitle() {
        String svg = RevenueChart.svg("USD", List.of(new RevenueChart.Bar("Jan 26", 250), new RevenueChart.Bar("Feb 26", 1050)));

        assertTrue(svg.contains("<title>Jan 26: $2.50</title>"), svg);
        assertTrue(svg.contains("<title>Feb 26: $10.50</title>"), svg);
        assertTrue(svg.contains("class=\"value\"") && svg.contains(">$10.50</text>"), svg);
    }

    @Test
    void aMonthWithoutRevenueHasNoBarAndATinyMonthStillShows() {
        String svg = RevenueChart.svg("USD", List.of(new RevenueChart.Bar("Jan 26", 0), new RevenueChart.Bar("Feb 26", 1),
                new RevenueChart.Bar("Mar 26", 10_000_000)));

        assertEquals(List.of(0, 1, RevenueChart.PLOT), heights(svg));
    }

    @Test
    void noMonthsGiveAnEmptyButValidChart() {
        String svg = RevenueChart.svg("EUR", List.of());

        assertTrue(svg.startsWith("<svg") && svg.endsWith("</svg>"));
        assertFalse(svg.contains("<rect"));
        assertTrue(svg.contains("role=\"img\""));
    }

    @Test
    void allZeroMonthsDrawNoBarsAndNoValueLabel() {
        String svg = RevenueChart.svg("USD", List.of(new RevenueChart.Bar("Jan 26", 0), new RevenueChart.Bar("Feb 26", 0)));

        assertEquals(List.of(0, 0), heights(svg));
        assertFalse(svg.contains("class=\"value\""));
    }

    @Test
    void labelsAreEscaped() {
        String svg = RevenueChart.svg("USD", List.of(new RevenueChart.Bar("<script>&\"", 100)));

        assertFalse(svg.contains("<script>"));
        assertTrue(svg.contains("&lt;script&gt;&amp;&quot;"));
    }

    @Test
    void theDescriptionNamesTheRangeAndTheTotal() {
        String svg = RevenueChart.svg("USD", List.of(new RevenueChart.Bar("Jan 26", 100), new RevenueChart.Bar("Feb 26", 200)));

        assertTrue(svg.contains("Jan 26 to Feb 26, total $3.00"), svg);
    }

    @Test
    void sameBarsGiveTheSameMarkup() {
        List<RevenueChart.Bar> bars = List.of(new RevenueChart.Bar("Jan 26", 100), new RevenueChart.Bar("Feb 26", 300));

        assertEquals(RevenueChart.svg("USD", bars), RevenueChart.svg("USD", bars));
    }

    private static List<Integer> heights(String svg) {
        Matcher m = HEIGHT.matcher(svg);
        java.util.ArrayList<Integer> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(Integer.parseInt(m.group(1)));
        }
        return out;
    }
}
