package org.hostr.billing;

import static org.hostr.db.generated.Tables.SWEEP_RUNS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hostr.web.Json;
import org.jooq.DSLContext;

/** sweep_runs: one row per finished sweep, counts as JSON text, errors one per line. */
final class SweepRunRepository {
    private static final int KEEP_DAYS = 30;

    void insert(DSLContext tx, SweepReport report) {
        tx.insertInto(SWEEP_RUNS)
                .set(SWEEP_RUNS.STARTED_AT, report.startedAt())
                .set(SWEEP_RUNS.FINISHED_AT, report.finishedAt())
                .set(SWEEP_RUNS.COUNTS, write(report.counts()))
                .set(SWEEP_RUNS.ERROR_COUNT, (long) report.errors().size())
                .set(SWEEP_RUNS.ERRORS, String.join("\n", report.errors()))
                .execute();
        // A run a minute is half a million rows a year: keep a month.
        tx.deleteFrom(SWEEP_RUNS)
                .where(SWEEP_RUNS.STARTED_AT.lt(report.startedAt().minus(Duration.ofDays(KEEP_DAYS))))
                .execute();
    }

    Optional<SweepReport> last(DSLContext db) {
        return db.select(SWEEP_RUNS.STARTED_AT, SWEEP_RUNS.FINISHED_AT, SWEEP_RUNS.COUNTS, SWEEP_RUNS.ERRORS).from(SWEEP_RUNS)
                .orderBy(SWEEP_RUNS.STARTED_AT.desc(), SWEEP_RUNS.ID.desc()).limit(1)
                .fetchOptional(r -> new SweepReport(r.value1(), r.value2(), read(r.value3()),
                        r.value4() == null || r.value4().isEmpty() ? List.of() : Arrays.asList(r.value4().split("\n"))));
    }

    private static String write(Map<String, Integer> counts) {
        try {
            return Json.mapper().writeValueAsString(new java.util.TreeMap<>(counts));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Integer> read(String json) {
        try {
            return Json.mapper().readValue(json, new TypeReference<Map<String, Integer>>() { });
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
