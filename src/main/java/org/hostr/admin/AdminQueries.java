package org.hostr.admin;

import static org.hostr.db.generated.Tables.AUDIT_LOG;
import static org.hostr.db.generated.Tables.CUSTOMERS;
import static org.hostr.db.generated.Tables.INVOICES;
import static org.hostr.db.generated.Tables.PAYMENTS;
import static org.hostr.db.generated.Tables.PLANS;
import static org.hostr.db.generated.Tables.SERVERS;
import static org.hostr.db.generated.Tables.SERVICES;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectCount;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.when;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hostr.admin.AdminRows.AuditRow;
import org.hostr.admin.AdminRows.CustomerRow;
import org.hostr.admin.AdminRows.InvoiceRow;
import org.hostr.admin.AdminRows.OpenInvoices;
import org.hostr.admin.AdminRows.Page;
import org.hostr.admin.AdminRows.PaymentRow;
import org.hostr.admin.AdminRows.ServiceRow;
import org.hostr.nostr.Nip19;
import org.jooq.CaseConditionStep;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.SQLDataType;

/**
 * The admin pages' reads: one set-based query per list plus one count, whatever the number of rows, so a page costs
 * the same with ten customers or ten thousand. Read-only: every change goes through the owning feature's service.
 */
public final class AdminQueries {
    public static final int PAGE_SIZE = 50;

    private final DSLContext db;

    public AdminQueries(DSLContext db) {
        this.db = db;
    }

    /** Which services to list; a null field means any. */
    public record ServiceFilter(String status, Long serverId, Long planId, Long customerId) {
        public static final ServiceFilter ALL = new ServiceFilter(null, null, null, null);

        Condition condition() {
            Condition c = noCondition();
            if (status != null) {
                c = c.and(SERVICES.STATUS.eq(status));
            }
            if (serverId != null) {
                c = c.and(SERVICES.SERVER_ID.eq(serverId));
            }
            if (planId != null) {
                c = c.and(SERVICES.PLAN_ID.eq(planId));
            }
            if (customerId != null) {
                c = c.and(SERVICES.CUSTOMER_ID.eq(customerId));
            }
            return c;
        }
    }

    // ---- dashboard

    /** Count of services per status, in one grouped query. */
    public Map<String, Long> servicesByStatus() {
        Map<String, Long> counts = new LinkedHashMap<>();
        db.select(SERVICES.STATUS, count()).from(SERVICES).groupBy(SERVICES.STATUS).orderBy(SERVICES.STATUS)
                .forEach(r -> counts.put(r.value1(), r.value2().longValue()));
        return counts;
    }

    /**
     * Paid revenue per currency per month: bucket i covers [bounds[i], bounds[i+1]). One query; the month is found with
     * a CASE on the bounds, not a date function, because SQLite and PostgreSQL share none for epoch milliseconds.
     */
    public Map<String, long[]> revenueByMonth(List<Instant> bounds) {
        int buckets = bounds.size() - 1;
        CaseConditionStep<Integer> bucket = when(INVOICES.PAID_AT.lt(bounds.get(1)), inline(0));
        for (int i = 1; i < buckets; i++) {
            bucket = bucket.when(INVOICES.PAID_AT.lt(bounds.get(i + 1)), inline(i));
        }
        Field<Integer> month = bucket.as("month");
        Map<String, long[]> totals = new LinkedHashMap<>();
        db.select(INVOICES.CURRENCY, month, sum(INVOICES.TOTAL_MINOR))
                .from(INVOICES)
                .where(INVOICES.STATUS.eq("PAID"))
                .and(INVOICES.PAID_AT.ge(bounds.get(0))).and(INVOICES.PAID_AT.lt(bounds.get(buckets)))
                .groupBy(INVOICES.CURRENCY, field(org.jooq.impl.DSL.name("month")))
                .orderBy(INVOICES.CURRENCY)
                .forEach(r -> totals.computeIfAbsent(r.value1(), c -> new long[buckets])[r.value2()] += longOf(r.value3()));
        return totals;
    }

    /** Monthly recurring revenue of ACTIVE services per currency: each plan's price over its months. */
    public Map<String, Long> monthlyRecurring() {
        Map<String, Long> mrr = new LinkedHashMap<>();
        db.select(PLANS.CURRENCY, PLANS.PERIOD, sum(PLANS.PRICE_MINOR))
                .from(SERVICES).join(PLANS).on(PLANS.ID.eq(SERVICES.PLAN_ID))
                .where(SERVICES.STATUS.eq("ACTIVE"))
                .groupBy(PLANS.CURRENCY, PLANS.PERIOD)
                .orderBy(PLANS.CURRENCY)
                .forEach(r -> {
                    int months = org.hostr.catalog.BillingPeriod.valueOf(r.value2()).months();
                    mrr.merge(r.value1(), longOf(r.value3()) / months, Long::sum);
                });
        return mrr;
    }

    /** Unpaid invoices per currency, and how many of them are past due at {@code now}. */
    public List<OpenInvoices> openInvoices(Instant now) {
        Condition overdue = INVOICES.DUE_AT.lt(now);
        return db.select(INVOICES.CURRENCY, count(),
                        sum(INVOICES.TOTAL_MINOR),
                        sum(when(overdue, inline(1L)).otherwise(inline(0L))),
                        sum(when(overdue, INVOICES.TOTAL_MINOR).otherwise(inline(0L))))
                .from(INVOICES).where(INVOICES.STATUS.eq("UNPAID"))
                .groupBy(INVOICES.CURRENCY).orderBy(INVOICES.CURRENCY)
                .fetch(r -> new OpenInvoices(r.value1(), r.value2(), longOf(r.value3()), longOf(r.value4()), longOf(r.value5())));
    }

    /** Live (not TERMINATED or CANCELLED) services per plan id. */
    public Map<Long, Long> liveServicesPerPlan() {
        Map<Long, Long> counts = new HashMap<>();
        db.select(SERVICES.PLAN_ID, count()).from(SERVICES)
                .where(SERVICES.STATUS.notIn("TERMINATED", "CANCELLED"))
                .groupBy(SERVICES.PLAN_ID)
                .forEach(r -> counts.put(r.value1(), r.value2().longValue()));
        return counts;
    }

    // ---- customers

    /**
     * Customers whose npub, hex key, name or NIP-05 matches {@code search} (null or blank: all), newest first. An npub
     * or a hex key is looked up exactly; other text matches names case-insensitively (LIKE wildcards escaped by jOOQ).
     */
    public Page<CustomerRow> customers(String search, int page) {
        Condition where = customerSearch(search);
        Field<Integer> services = field(selectCount().from(SERVICES).where(SERVICES.CUSTOMER_ID.eq(CUSTOMERS.ID)));
        Field<Integer> live = field(selectCount().from(SERVICES).where(SERVICES.CUSTOMER_ID.eq(CUSTOMERS.ID))
                .and(SERVICES.STATUS.notIn("TERMINATED", "CANCELLED")));
        Field<Integer> unpaid = field(selectCount().from(INVOICES).where(INVOICES.CUSTOMER_ID.eq(CUSTOMERS.ID))
                .and(INVOICES.STATUS.eq("UNPAID")));
        long total = db.fetchCount(CUSTOMERS, where);
        Page<CustomerRow> shape = new Page<>(List.of(), clampPage(page, total), PAGE_SIZE, total);
        List<CustomerRow> rows = db.select(CUSTOMERS.ID, CUSTOMERS.PUBKEY, CUSTOMERS.NAME, CUSTOMERS.STATUS,
                        CUSTOMERS.CREDIT_MINOR, CUSTOMERS.CREATED_AT, CUSTOMERS.LAST_LOGIN_AT, services, live, unpaid)
                .from(CUSTOMERS).where(where)
                .orderBy(CUSTOMERS.ID.desc())
                .limit(PAGE_SIZE).offset(shape.offset())
                .fetch(r -> new CustomerRow(r.value1(), r.value2(), Nip19.npubEncode(r.value2()), r.value3(), r.value4(),
                        r.value5(), r.value6(), r.value7(), r.value8(), r.value9(), r.value10()));
        return new Page<>(rows, shape.page(), PAGE_SIZE, total);
    }

    public Optional<CustomerRow> customer(long id) {
        return db.select(CUSTOMERS.ID, CUSTOMERS.PUBKEY, CUSTOMERS.NAME, CUSTOMERS.STATUS, CUSTOMERS.CREDIT_MINOR,
                        CUSTOMERS.CREATED_AT, CUSTOMERS.LAST_LOGIN_AT)
                .from(CUSTOMERS).where(CUSTOMERS.ID.eq(id))
                .fetchOptional(r -> new CustomerRow(r.value1(), r.value2(), Nip19.npubEncode(r.value2()), r.value3(),
                        r.value4(), r.value5(), r.value6(), r.value7(), 0, 0, 0));
    }

    private static Condition customerSearch(String search) {
        if (search == null || search.isBlank()) {
            return noCondition();
        }
        String q = search.strip();
        if (q.startsWith("npub1")) {
            try {
                return CUSTOMERS.PUBKEY.eq(Nip19.decodePublicKey(q));
            } catch (Exception e) {
                return org.jooq.impl.DSL.falseCondition();
            }
        }
        if (q.matches("[0-9a-fA-F]{64}")) {
            return CUSTOMERS.PUBKEY.eq(q.toLowerCase(java.util.Locale.ROOT));
        }
        return CUSTOMERS.NAME.containsIgnoreCase(q).or(CUSTOMERS.NIP05.containsIgnoreCase(q));
    }

    // ---- services

    /** Services matching the filter, newest first, with their customer, plan and server in the same query. */
    public Page<ServiceRow> services(ServiceFilter filter, int page) {
        return services(filter.condition(), page);
    }

    /** Services matching a condition on SERVICES, newest first; for lists other features define (the review queue). */
    Page<ServiceRow> services(Condition where, int page) {
        long total = db.fetchCount(SERVICES, where);
        int number = clampPage(page, total);
        List<ServiceRow> rows = serviceQuery(where).orderBy(SERVICES.ID.desc())
                .limit(PAGE_SIZE).offset((number - 1) * PAGE_SIZE)
                .fetch(AdminQueries::serviceRow);
        return new Page<>(rows, number, PAGE_SIZE, total);
    }

    /** All services of one customer (a customer has few), newest first. */
    public List<ServiceRow> servicesOf(long customerId) {
        return serviceQuery(SERVICES.CUSTOMER_ID.eq(customerId)).orderBy(SERVICES.ID.desc()).limit(500)
                .fetch(AdminQueries::serviceRow);
    }

    public Optional<ServiceRow> service(long id) {
        return serviceQuery(SERVICES.ID.eq(id)).fetchOptional(AdminQueries::serviceRow);
    }

    /** The service's status read in the caller's transaction, to check an action against it. */
    public Optional<String> serviceStatus(DSLContext tx, long id) {
        return tx.select(SERVICES.STATUS).from(SERVICES).where(SERVICES.ID.eq(id)).fetchOptional(SERVICES.STATUS);
    }

    private org.jooq.SelectConditionStep<? extends Record> serviceQuery(Condition where) {
        return db.select(SERVICES.ID, SERVICES.CUSTOMER_ID, CUSTOMERS.NAME, CUSTOMERS.PUBKEY, SERVICES.DOMAIN,
                        SERVICES.USERNAME, SERVICES.STATUS, SERVICES.SUSPEND_REASON, SERVICES.PLAN_ID, PLANS.NAME,
                        SERVICES.SERVER_ID, SERVERS.NAME, SERVICES.NEXT_DUE_AT, SERVICES.UPDATED_AT)
                .from(SERVICES)
                .join(CUSTOMERS).on(CUSTOMERS.ID.eq(SERVICES.CUSTOMER_ID))
                .join(PLANS).on(PLANS.ID.eq(SERVICES.PLAN_ID))
                .leftJoin(SERVERS).on(SERVERS.ID.eq(SERVICES.SERVER_ID))
                .where(where);
    }

    private static ServiceRow serviceRow(Record r) {
        return new ServiceRow(r.get(SERVICES.ID), r.get(SERVICES.CUSTOMER_ID), r.get(CUSTOMERS.NAME),
                Nip19.npubEncode(r.get(CUSTOMERS.PUBKEY)), r.get(SERVICES.DOMAIN), r.get(SERVICES.USERNAME),
                r.get(SERVICES.STATUS), r.get(SERVICES.SUSPEND_REASON), r.get(SERVICES.PLAN_ID), r.get(PLANS.NAME),
                r.get(SERVICES.SERVER_ID), r.get(SERVERS.NAME), r.get(SERVICES.NEXT_DUE_AT), r.get(SERVICES.UPDATED_AT));
    }

    // ---- invoices and payments

    /** Invoices with the given status (null: any), newest first, with customer, domain and latest payment state. */
    public Page<InvoiceRow> invoices(String status, Long customerId, int page) {
        return invoices(status, customerId, null, page);
    }

    /** As {@link #invoices(String, Long, int)}, also narrowed to one service when {@code serviceId} is given. */
    public Page<InvoiceRow> invoices(String status, Long customerId, Long serviceId, int page) {
        Condition where = status == null ? noCondition() : INVOICES.STATUS.eq(status);
        if (customerId != null) {
            where = where.and(INVOICES.CUSTOMER_ID.eq(customerId));
        }
        if (serviceId != null) {
            where = where.and(INVOICES.SERVICE_ID.eq(serviceId));
        }
        long total = db.fetchCount(INVOICES, where);
        int number = clampPage(page, total);
        Field<String> paymentState = field(select(PAYMENTS.STATE).from(PAYMENTS)
                .where(PAYMENTS.INVOICE_ID.eq(INVOICES.ID))
                .orderBy(PAYMENTS.UPDATED_AT.desc(), PAYMENTS.ID.desc()).limit(1)).as("payment_state");
        List<InvoiceRow> rows = db.select(INVOICES.ID, INVOICES.NUMBER, INVOICES.CUSTOMER_ID, CUSTOMERS.NAME,
                        INVOICES.SERVICE_ID, SERVICES.DOMAIN, INVOICES.KIND, INVOICES.STATUS, INVOICES.TOTAL_MINOR,
                        INVOICES.CURRENCY, INVOICES.DUE_AT, INVOICES.PAID_AT, INVOICES.CREATED_AT, paymentState)
                .from(INVOICES)
                .join(CUSTOMERS).on(CUSTOMERS.ID.eq(INVOICES.CUSTOMER_ID))
                .join(SERVICES).on(SERVICES.ID.eq(INVOICES.SERVICE_ID))
                .where(where)
                .orderBy(INVOICES.ID.desc())
                .limit(PAGE_SIZE).offset((number - 1) * PAGE_SIZE)
                .fetch(r -> new InvoiceRow(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7(), r.value8(), r.value9(), r.value10(), r.value11(), r.value12(), r.value13(),
                        r.value14()));
        return new Page<>(rows, number, PAGE_SIZE, total);
    }

    /** Payments, newest first, with their invoice number. */
    public Page<PaymentRow> payments(int page) {
        long total = db.fetchCount(PAYMENTS);
        int number = clampPage(page, total);
        List<PaymentRow> rows = db.select(PAYMENTS.ID, INVOICES.NUMBER, PAYMENTS.PROVIDER, PAYMENTS.STATE,
                        PAYMENTS.AMOUNT_SATS, PAYMENTS.CREATED_AT, PAYMENTS.PAID_AT)
                .from(PAYMENTS).join(INVOICES).on(INVOICES.ID.eq(PAYMENTS.INVOICE_ID))
                .orderBy(PAYMENTS.ID.desc())
                .limit(PAGE_SIZE).offset((number - 1) * PAGE_SIZE)
                .fetch(r -> new PaymentRow(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7()));
        return new Page<>(rows, number, PAGE_SIZE, total);
    }

    // ---- audit log

    /** Audit lines, newest first; action and subject filter exactly when given. */
    public Page<AuditRow> audit(String action, String subject, int page) {
        Condition where = noCondition();
        if (action != null) {
            where = where.and(AUDIT_LOG.ACTION.eq(action));
        }
        if (subject != null) {
            where = where.and(AUDIT_LOG.SUBJECT.eq(subject));
        }
        long total = db.fetchCount(AUDIT_LOG, where);
        int number = clampPage(page, total);
        List<AuditRow> rows = db.selectFrom(AUDIT_LOG).where(where).orderBy(AUDIT_LOG.ID.desc())
                .limit(PAGE_SIZE).offset((number - 1) * PAGE_SIZE)
                .fetch(r -> new AuditRow(r.getId(), r.getActor(), r.getAction(), r.getSubject(), r.getDetails(), r.getAt()));
        return new Page<>(rows, number, PAGE_SIZE, total);
    }

    /**
     * A customer's trail: lines about the customer, by the customer (their npub or "customer:id" as actor), about any of
     * their services, or about any of their invoices. One query; the service and invoice subjects come from subqueries.
     */
    public List<AuditRow> trailOf(long customerId, String npub, int limit) {
        Field<String> serviceSubject = inline("service:").concat(SERVICES.ID.cast(SQLDataType.VARCHAR));
        Condition about = AUDIT_LOG.SUBJECT.eq("customer:" + customerId)
                .or(AUDIT_LOG.ACTOR.in(npub, "customer:" + customerId))
                .or(AUDIT_LOG.SUBJECT.in(select(serviceSubject).from(SERVICES).where(SERVICES.CUSTOMER_ID.eq(customerId))))
                .or(AUDIT_LOG.SUBJECT.in(select(INVOICES.NUMBER).from(INVOICES).where(INVOICES.CUSTOMER_ID.eq(customerId))));
        return db.selectFrom(AUDIT_LOG).where(about).orderBy(AUDIT_LOG.ID.desc()).limit(limit)
                .fetch(r -> new AuditRow(r.getId(), r.getActor(), r.getAction(), r.getSubject(), r.getDetails(), r.getAt()));
    }

    private static int clampPage(int page, long total) {
        int last = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        return Math.max(1, Math.min(page, last));
    }

    private static long longOf(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof BigDecimal d) {
            return d.longValue();
        }
        return ((Number) value).longValue();
    }
}
