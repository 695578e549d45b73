package org.hostr.jobs;

import static org.hostr.db.RenderedQuery.param;
import static org.hostr.db.generated.Tables.JOBS;

import java.util.Collection;
import org.hostr.db.RenderedQuery;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Which kinds of jobs a claim takes. A runner makes its few filters once, and each carries the claim's reads rendered
 * once for it (see {@link RenderedQuery}): a busy runner polls hundreds of times a second. The kinds are written into
 * the SQL as literals, so the statements take the same values whatever the filter.
 */
final class ClaimFilter {
    static final ClaimFilter ALL = new ClaimFilter(DSL.noCondition());

    /** Some due job exists: QUEUED with run_at ≤ ?. */
    final RenderedQuery anyDue;
    /** Some abandoned lease exists: RUNNING with locked_until < ?. */
    final RenderedQuery anyAbandoned;
    /** Up to ? due jobs, oldest first, locked on PostgreSQL (FOR UPDATE SKIP LOCKED). */
    final RenderedQuery due;
    /** Up to ? abandoned jobs, oldest first, locked likewise. */
    final RenderedQuery abandoned;

    private ClaimFilter(Condition kinds) {
        Condition queued = JOBS.STATUS.eq(DSL.inline(JobStatus.QUEUED.name())).and(JOBS.RUN_AT.le(param(JOBS.RUN_AT)));
        Condition stale = JOBS.STATUS.eq(DSL.inline(JobStatus.RUNNING.name())).and(JOBS.LOCKED_UNTIL.lt(param(JOBS.LOCKED_UNTIL)));
        this.anyDue = RenderedQuery.of(d -> d.selectOne().from(JOBS).where(queued.and(kinds)).limit(DSL.inline(1)));
        this.anyAbandoned = RenderedQuery.of(d -> d.selectOne().from(JOBS).where(stale.and(kinds)).limit(DSL.inline(1)));
        this.due = RenderedQuery.of(d -> oldestFirst(d, queued.and(kinds)));
        this.abandoned = RenderedQuery.of(d -> oldestFirst(d, stale.and(kinds)));
    }

    static ClaimFilter kindsIn(Collection<String> kinds) {
        return new ClaimFilter(JOBS.KIND.in(kinds.stream().sorted().map(DSL::inline).toList()));
    }

    static ClaimFilter kindsNotIn(Collection<String> kinds) {
        return new ClaimFilter(JOBS.KIND.notIn(kinds.stream().sorted().map(DSL::inline).toList()));
    }

    private static Query oldestFirst(DSLContext d, Condition which) {
        var query = d.selectFrom(JOBS).where(which).orderBy(JOBS.RUN_AT, JOBS.ID).limit(DSL.param("max", Integer.class));
        return d.dialect().family() == SQLDialect.POSTGRES ? query.forUpdate().skipLocked() : query;
    }
}
