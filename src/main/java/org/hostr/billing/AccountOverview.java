package org.hostr.billing;

import static org.hostr.db.generated.Tables.INVOICES;
import static org.hostr.db.generated.Tables.PLANS;
import static org.hostr.db.generated.Tables.SERVICES;

import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;

/** A customer's services and invoices as the account page and GET /api/v1/me show them: two queries, whatever the size. */
public final class AccountOverview {
    private final DSLContext db;

    public AccountOverview(DSLContext db) {
        this.db = db;
    }

    public record ServiceLine(long id, String domain, String plan, String planName, String status, String suspendReason,
                              Instant nextDueAt, String username) {
    }

    public record InvoiceLine(String number, String kind, String status, long totalMinor, String currency, Instant dueAt,
                              Instant paidAt) {
        public String total() {
            return new Money(totalMinor, currency).display();
        }
    }

    public List<ServiceLine> services(long customerId) {
        return db.select(SERVICES.ID, SERVICES.DOMAIN, PLANS.SLUG, PLANS.NAME, SERVICES.STATUS, SERVICES.SUSPEND_REASON,
                        SERVICES.NEXT_DUE_AT, SERVICES.USERNAME)
                .from(SERVICES).join(PLANS).on(PLANS.ID.eq(SERVICES.PLAN_ID))
                .where(SERVICES.CUSTOMER_ID.eq(customerId))
                .orderBy(SERVICES.ID.desc())
                .fetch(r -> new ServiceLine(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7(),
                        r.value8()));
    }

    public List<InvoiceLine> invoices(long customerId) {
        return db.select(INVOICES.NUMBER, INVOICES.KIND, INVOICES.STATUS, INVOICES.TOTAL_MINOR, INVOICES.CURRENCY,
                        INVOICES.DUE_AT, INVOICES.PAID_AT)
                .from(INVOICES)
                .where(INVOICES.CUSTOMER_ID.eq(customerId))
                .orderBy(INVOICES.ID.desc())
                .limit(200)
                .fetch(r -> new InvoiceLine(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7()));
    }
}
