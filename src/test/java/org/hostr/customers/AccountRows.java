package org.hostr.customers;

import static org.hostr.db.generated.Tables.AUDIT_LOG;
import static org.hostr.db.generated.Tables.BILLING_ACTIONS;
import static org.hostr.db.generated.Tables.CUSTOMERS;
import static org.hostr.db.generated.Tables.INVOICES;
import static org.hostr.db.generated.Tables.JOBS;
import static org.hostr.db.generated.Tables.NOTICES;
import static org.hostr.db.generated.Tables.NOTICE_PREFERENCES;
import static org.hostr.db.generated.Tables.ORDER_REQUESTS;
import static org.hostr.db.generated.Tables.PAYMENTS;
import static org.hostr.db.generated.Tables.SERVICES;
import static org.hostr.db.generated.Tables.SERVICE_EVENTS;
import static org.hostr.db.generated.Tables.SERVICE_NOTES;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;

/**
 * A customer's rows in every table that holds something of theirs, as text: taken before and after requests that must
 * change nothing of theirs (another customer's attempts, a refused form), the two must be equal. Jobs are matched by the
 * service ids in their payload, audit entries by subject.
 */
final class AccountRows {
    private static final Pattern SERVICE_ID = Pattern.compile("\"service_id\"\\s*:\\s*(\\d+)");

    private AccountRows() {
    }

    static String of(DSLContext db, long id) {
        List<Long> services = db.select(SERVICES.ID).from(SERVICES).where(SERVICES.CUSTOMER_ID.eq(id)).fetch(SERVICES.ID);
        List<String> subjects = new ArrayList<>(db.select(INVOICES.NUMBER).from(INVOICES).where(INVOICES.CUSTOMER_ID.eq(id))
                .fetch(INVOICES.NUMBER));
        services.forEach(s -> subjects.add("service:" + s));
        subjects.add("customer:" + id);
        StringBuilder rows = new StringBuilder();
        rows.append(db.selectFrom(CUSTOMERS).where(CUSTOMERS.ID.eq(id)).fetch().format(Integer.MAX_VALUE));
        rows.append(db.selectFrom(SERVICES).where(SERVICES.CUSTOMER_ID.eq(id)).orderBy(SERVICES.ID).fetch().format(Integer.MAX_VALUE));
        rows.append(db.selectFrom(INVOICES).where(INVOICES.CUSTOMER_ID.eq(id)).orderBy(INVOICES.ID).fetch().format(Integer.MAX_VALUE));
        rows.append(db.select(PAYMENTS.fields()).from(PAYMENTS).join(INVOICES).on(INVOICES.ID.eq(PAYMENTS.INVOICE_ID))
                .where(INVOICES.CUSTOMER_ID.eq(id)).orderBy(PAYMENTS.ID).fetch().format(Integer.MAX_VALUE));
        rows.append(db.selectFrom(ORDER_REQUESTS).where(ORDER_REQUESTS.CUSTOMER_ID.eq(id)).fetch().format(Integer.MAX_VALUE));
        rows.append(db.selectFrom(NOTICE_PREFERENCES).where(NOTICE_PREFERENCES.CUSTOMER_ID.eq(id))
                .orderBy(NOTICE_PREFERENCES.KIND).fetch().format(Integer.MAX_VALUE));
        rows.append(db.selectFrom(NOTICES).where(NOTICES.CUSTOMER_ID.eq(id)).orderBy(NOTICES.ID).fetch().format(Integer.MAX_VALUE));
        rows.append(db.selectFrom(SERVICE_EVENTS).where(SERVICE_EVENTS.SERVICE_ID.in(services)).orderBy(SERVICE_EVENTS.ID)
                .fetch().format(Integer.MAX_VALUE));
        rows.append(db.selectFrom(SERVICE_NOTES).where(SERVICE_NOTES.SERVICE_ID.in(services)).fetch().format(Integer.MAX_VALUE));
        rows.append(db.selectFrom(BILLING_ACTIONS).where(BILLING_ACTIONS.SERVICE_ID.in(services)).fetch().format(Integer.MAX_VALUE));
        rows.append(db.selectFrom(AUDIT_LOG).where(AUDIT_LOG.SUBJECT.in(subjects)).orderBy(AUDIT_LOG.ID).fetch()
                .format(Integer.MAX_VALUE));
        // Which work was ever asked for on the customer's services; a job's progress (status, attempts) is not the point.
        db.select(JOBS.ID, JOBS.KIND, JOBS.PAYLOAD, JOBS.IDEMPOTENCY_KEY).from(JOBS).orderBy(JOBS.ID).fetch().stream()
                .filter(job -> services.contains(serviceIdIn(job.value3())))
                .forEach(job -> rows.append("job ").append(job.value1()).append(' ').append(job.value2()).append(' ')
                        .append(job.value3()).append(' ').append(job.value4()).append('\n'));
        return rows.toString();
    }

    private static Long serviceIdIn(String payload) {
        Matcher m = SERVICE_ID.matcher(payload);
        return m.find() ? Long.valueOf(m.group(1)) : null;
    }
}
