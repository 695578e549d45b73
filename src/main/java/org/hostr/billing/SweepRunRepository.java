package org.hostr.billing;

import static org.hostr.billing.SweepTables.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Instant;
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
                .set(RUN_STARTED_AT, report.startedAt().toEpochMilli())
                .set(RUN_FINISHED_AT, report.finishedAt().toEpochMilli())
                .set(RUN_COUNTS, write(report.counts()))
                .set(RUN_ERROR_COUNT, (long) report.errors().size())
                .set(RUN_ERRORS, String.join("\n", report.errors()))
                .execute();
        // A run a minute is half a million rows a year: keep a month.
        tx.deleteFrom(SWEEP_RUNS)
                .where(RUN_STARTED_AT.lt(report.startedAt().minus(java.time.Duration.ofDays(KEEP_DAYS)).toEpochMilli()))
                .execute();
    }

    Optional<SweepReport> last(DSLContext db) {
        return db.select(RUN_STARTED_AT, RUN_FINISHED_AT, RUN_COUNTS, RUN_ERRORS).from(SWEEP_RUNS)
                .orderBy(RUN_STARTED_AT.desc(), RUN_ID.desc()).limit(1)
                .fetchOptional(r -> new SweepReport(Instant.ofEpochMilli(r.value1()), Instant.ofEpochMilli(r.value2()),
                        read(r.value3()), r.value4() == null || r.value4().isEmpty() ? List.of()
                                : Arrays.asList(r.value4().split("\n"))));
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
