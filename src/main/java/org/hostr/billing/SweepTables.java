package org.hostr.billing;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/**
 * The tables and columns of migrations/V3__billing_sweep.sql, named by hand until the generated jOOQ classes include
 * them (then replace these with {@code Tables.SWEEP_RUNS} etc.). Times are epoch milliseconds here.
 */
final class SweepTables {
    static final Table<Record> SWEEP_RUNS = table(name("sweep_runs"));
    static final Field<Long> RUN_ID = field(name("sweep_runs", "id"), SQLDataType.BIGINT);
    static final Field<Long> RUN_STARTED_AT = field(name("sweep_runs", "started_at"), SQLDataType.BIGINT);
    static final Field<Long> RUN_FINISHED_AT = field(name("sweep_runs", "finished_at"), SQLDataType.BIGINT);
    static final Field<String> RUN_COUNTS = field(name("sweep_runs", "counts"), SQLDataType.VARCHAR);
    static final Field<Long> RUN_ERROR_COUNT = field(name("sweep_runs", "error_count"), SQLDataType.BIGINT);
    static final Field<String> RUN_ERRORS = field(name("sweep_runs", "errors"), SQLDataType.VARCHAR);

    static final Table<Record> BILLING_ACTIONS = table(name("billing_actions"));
    static final Field<Long> ACTION_ID = field(name("billing_actions", "id"), SQLDataType.BIGINT);
    static final Field<Long> ACTION_SERVICE_ID = field(name("billing_actions", "service_id"), SQLDataType.BIGINT);
    static final Field<String> ACTION = field(name("billing_actions", "action"), SQLDataType.VARCHAR);
    static final Field<String> ACTION_REF = field(name("billing_actions", "ref"), SQLDataType.VARCHAR);
    static final Field<String> ACTION_DETAILS = field(name("billing_actions", "details"), SQLDataType.VARCHAR);
    static final Field<Long> ACTION_CREATED_AT = field(name("billing_actions", "created_at"), SQLDataType.BIGINT);
    static final Field<Long> ACTION_RESOLVED_AT = field(name("billing_actions", "resolved_at"), SQLDataType.BIGINT);
    static final Field<String> ACTION_RESOLVED_BY = field(name("billing_actions", "resolved_by"), SQLDataType.VARCHAR);
    static final Field<String> ACTION_RESOLUTION = field(name("billing_actions", "resolution"), SQLDataType.VARCHAR);

    static final Table<Record> SERVICE_NOTES = table(name("service_notes"));
    static final Field<Long> NOTE_SERVICE_ID = field(name("service_notes", "service_id"), SQLDataType.BIGINT);
    static final Field<String> NOTE_AUTHOR = field(name("service_notes", "author"), SQLDataType.VARCHAR);
    static final Field<String> NOTE_TEXT = field(name("service_notes", "text"), SQLDataType.VARCHAR);
    static final Field<Long> NOTE_AT = field(name("service_notes", "at"), SQLDataType.BIGINT);

    /** invoices.refunded_minor (added by V3). */
    static final Field<Long> INVOICE_REFUNDED_MINOR = field(name("invoices", "refunded_minor"), SQLDataType.BIGINT);

    /** billing_actions.action values. */
    static final String EXPIRE = "EXPIRE";
    static final String TERMINATE = "TERMINATE";
    static final String REVIEW_TERMINATE = "REVIEW_TERMINATE";
    static final String PAYMENT_TO_REVIEW = "PAYMENT_TO_REVIEW";

    private SweepTables() {
    }
}
