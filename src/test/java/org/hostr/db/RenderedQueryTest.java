package org.hostr.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hostr.db.RenderedQuery.param;
import static org.hostr.db.RenderedQuery.stored;
import static org.hostr.db.generated.Tables.AUDIT_LOG;

import java.time.Instant;
import org.hostr.testing.TestDatabases;
import org.hostr.testing.TestDatabases.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RenderedQueryTest {
    private static final RenderedQuery INSERT = RenderedQuery.of(d -> d.insertInto(AUDIT_LOG)
            .set(AUDIT_LOG.ACTOR, param(AUDIT_LOG.ACTOR))
            .set(AUDIT_LOG.ACTION, param(AUDIT_LOG.ACTION))
            .set(AUDIT_LOG.SUBJECT, param(AUDIT_LOG.SUBJECT))
            .set(AUDIT_LOG.DETAILS, param(AUDIT_LOG.DETAILS))
            .set(AUDIT_LOG.AT, param(AUDIT_LOG.AT)));
    private static final RenderedQuery BY_ACTION_SINCE = RenderedQuery.of(d -> d.selectFrom(AUDIT_LOG)
            .where(AUDIT_LOG.ACTION.eq(param(AUDIT_LOG.ACTION)), AUDIT_LOG.AT.ge(param(AUDIT_LOG.AT)))
            .orderBy(AUDIT_LOG.ID));

    /** One instance serves both engines (the tests use both in one JVM): each gets SQL rendered for its own dialect. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void runsWithFreshValuesEachTimeConvertingInstantsAsTheColumnDoes(Kind kind) {
        try (Database db = TestDatabases.open(kind)) {
            Instant t1 = Instant.parse("2026-11-21T10:00:00.123Z");
            Instant t2 = Instant.parse("2026-11-21T11:00:00Z");
            db.transactionRun(tx -> {
                assertThat(INSERT.execute(tx, "admin", "plan.created", "plan:1", stored(AUDIT_LOG.DETAILS, null),
                        stored(AUDIT_LOG.AT, t1))).isEqualTo(1);
                assertThat(INSERT.execute(tx, "admin", "plan.created", "plan:2", "second", stored(AUDIT_LOG.AT, t2))).isEqualTo(1);
            });
            // stored as the generated code stores instants, so jOOQ's own queries read them back
            assertThat(db.dsl().select(AUDIT_LOG.AT).from(AUDIT_LOG).where(AUDIT_LOG.SUBJECT.eq("plan:1")).fetchSingle(AUDIT_LOG.AT))
                    .isEqualTo(t1);
            var row = BY_ACTION_SINCE.fetchOptional(db.dsl(), AUDIT_LOG, "plan.created", stored(AUDIT_LOG.AT, t1.plusSeconds(1)))
                    .orElseThrow();
            assertThat(row.getSubject()).isEqualTo("plan:2");
            assertThat(row.getDetails()).isEqualTo("second");
            assertThat(row.getAt()).isEqualTo(t2);
            assertThatThrownBy(() -> BY_ACTION_SINCE.fetchOptional(db.dsl(), AUDIT_LOG, "plan.created", stored(AUDIT_LOG.AT, t1)))
                    .isInstanceOf(org.jooq.exception.TooManyRowsException.class);
            assertThat(BY_ACTION_SINCE.fetchOptional(db.dsl(), AUDIT_LOG, "plan.deleted", stored(AUDIT_LOG.AT, t1))).isEmpty();
        }
    }

    @Test
    void listenersCountItsStatementsInsideAndOutsideTransactions() {
        try (Database db = TestDatabases.open(Kind.SQLITE)) {
            java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();
            db.addExecuteListener(org.jooq.ExecuteListener.onExecuteStart(ctx -> started.incrementAndGet()));
            db.transactionRun(tx -> INSERT.execute(tx, "admin", "a", "s", "d", stored(AUDIT_LOG.AT, Instant.EPOCH)));
            INSERT.execute(db.dsl(), "admin", "b", "s", "d", stored(AUDIT_LOG.AT, Instant.EPOCH));
            BY_ACTION_SINCE.fetchOptional(db.dsl(), AUDIT_LOG, "a", stored(AUDIT_LOG.AT, Instant.EPOCH));
            assertThat(started).hasValue(3);
        }
    }

    @Test
    void theWrongNumberOfValuesIsRefusedBeforeAnythingRuns() {
        try (Database db = TestDatabases.open(Kind.SQLITE)) {
            assertThatThrownBy(() -> db.transactionRun(tx -> INSERT.execute(tx, "admin", "plan.created")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes 5 values, got 2");
            assertThat(db.dsl().fetchCount(AUDIT_LOG)).isZero();
        }
    }
}
