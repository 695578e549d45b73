package org.hostr.catalog;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;

/** How often a plan bills. Periods are calendar months in UTC: a month from Jan 31 is Feb 28 (or 29). */
public enum BillingPeriod {
    P1M(1, "month", "monthly"),
    P3M(3, "3 months", "quarterly"),
    P6M(6, "6 months", "half-yearly"),
    P1Y(12, "year", "yearly");

    private final int months;
    private final String unit;
    private final String adjective;

    BillingPeriod(int months, String unit, String adjective) {
        this.months = months;
        this.unit = unit;
        this.adjective = adjective;
    }

    public int months() {
        return months;
    }

    /** "month", "3 months", "year": as in "$5.00 / month". */
    public String unit() {
        return unit;
    }

    public String adjective() {
        return adjective;
    }

    public Instant addTo(Instant start) {
        return start.atZone(ZoneOffset.UTC).plus(Period.ofMonths(months)).toInstant();
    }
}
