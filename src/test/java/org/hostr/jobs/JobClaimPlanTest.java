package org.hostr.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hostr.db.generated.Tables.JOBS;

import java.util.List;
import org.hostr.db.Database;
import org.hostr.testing.TestDatabases;
import org.hostr.testing.TestDatabases.Kind;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * How PostgreSQL plans the runner's "is any job of these kinds due?" once the table holds a shop's history: many
 * finished settlements and a backlog of provisioning jobs waiting for a slow WHM. Judged from its statistics, not
 * from timings: the plan is what grows with the table.
 */
class JobClaimPlanTest {

    @Test
    void aDueCheckForSettlementsUsesTheClaimIndexBesideABacklogOfProvisioning() {
        try (Database db = TestDatabases.open(Kind.POSTGRES)) {
            DSLContext dsl = db.dsl();
            dsl.execute("INSERT INTO jobs (kind, payload, idempotency_key, status, attempts, max_attempts, run_at, created_at, updated_at) "
                    + "SELECT 'strike-settle', '{}', 'settle:' || g, 'DONE', 1, 10, g, g, g FROM generate_series(1, 20000) g");
            dsl.execute("INSERT INTO jobs (kind, payload, idempotency_key, status, attempts, max_attempts, run_at, created_at, updated_at) "
                    + "SELECT 'provision', '{}', 'provision:' || g, 'QUEUED', 0, 10, 20000 + g, g, g FROM generate_series(1, 3000) g");
            dsl.execute("INSERT INTO jobs (kind, payload, idempotency_key, status, attempts, max_attempts, run_at, created_at, updated_at) "
                    + "SELECT 'strike-settle', '{}', 'due:' || g, 'QUEUED', 0, 10, 30000 + g, g, g FROM generate_series(1, 5) g");
            dsl.execute("ANALYZE jobs");

            var dueCheck = dsl.selectOne().from(JOBS)
                    .where(JOBS.STATUS.eq(DSL.inline("QUEUED")), JOBS.RUN_AT.le(DSL.inline(java.time.Instant.ofEpochMilli(40_000), JOBS.RUN_AT)),
                            JOBS.KIND.in(List.of("billing-sweep", "notice-review-queue", "strike-reconcile", "strike-settle")
                                    .stream().map(DSL::inline).toList()))
                    .limit(DSL.inline(1));
            String plan = dsl.explain(dueCheck).plan();

            assertThat(plan).contains("jobs_claim_ix").doesNotContain("Seq Scan");
            assertThat(dsl.fetchExists(dueCheck)).isTrue();
        }
    }
}
