package org.hostr.audit;

import static org.hostr.db.RenderedQuery.param;
import static org.hostr.db.RenderedQuery.stored;
import static org.hostr.db.generated.Tables.AUDIT_LOG;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hostr.db.RenderedQuery;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Who did what to what, and when. Written in the same transaction as the change it describes. */
public final class AuditLog {
    // Rendered once (see RenderedQuery): every settlement and most admin actions write a line.
    private static final RenderedQuery INSERT = RenderedQuery.of(d -> d.insertInto(AUDIT_LOG)
            .set(AUDIT_LOG.ACTOR, param(AUDIT_LOG.ACTOR))
            .set(AUDIT_LOG.ACTION, param(AUDIT_LOG.ACTION))
            .set(AUDIT_LOG.SUBJECT, param(AUDIT_LOG.SUBJECT))
            .set(AUDIT_LOG.DETAILS, param(AUDIT_LOG.DETAILS))
            .set(AUDIT_LOG.AT, param(AUDIT_LOG.AT)));
    public static final String SYSTEM = "system";

    private final DSLContext db;

    public AuditLog(DSLContext db) {
        this.db = db;
    }

    public void record(DSLContext tx, String actor, String action, String subject, String details, Instant at) {
        INSERT.execute(tx, actor, action, subject, stored(AUDIT_LOG.DETAILS, details == null ? null : truncate(details, 2000)),
                stored(AUDIT_LOG.AT, at));
    }

    /**
     * One line per subject, all with the same actor, action and time, as one JDBC batch of one prepared statement: for
     * batch work such as the renewal sweep issuing hundreds of invoices in one transaction.
     *
     * @param detailsBySubject subject → details, in the order to record them
     */
    public void recordAll(DSLContext tx, String actor, String action, Map<String, String> detailsBySubject, Instant at) {
        if (detailsBySubject.isEmpty()) {
            return;
        }
        BatchBindStep batch = tx.batch(tx.insertInto(AUDIT_LOG, AUDIT_LOG.ACTOR, AUDIT_LOG.ACTION, AUDIT_LOG.SUBJECT,
                AUDIT_LOG.DETAILS, AUDIT_LOG.AT).values(actor, action, "", "", at));
        for (Map.Entry<String, String> line : detailsBySubject.entrySet()) {
            batch = batch.bind(actor, action, line.getKey(), line.getValue() == null ? null : truncate(line.getValue(), 2000), at);
        }
        batch.execute();
    }

    public List<Entry> recent(int limit, String subject) {
        var query = db.selectFrom(AUDIT_LOG);
        var where = subject == null ? query.where(org.jooq.impl.DSL.noCondition()) : query.where(AUDIT_LOG.SUBJECT.eq(subject));
        return where.orderBy(AUDIT_LOG.ID.desc()).limit(limit)
                .fetch(r -> new Entry(r.getId(), r.getActor(), r.getAction(), r.getSubject(), r.getDetails(), r.getAt()));
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    /** One line of the audit log. */
    public record Entry(long id, String actor, String action, String subject, String details, Instant at) {
    }
}
