package org.hostr.admin;

import static org.hostr.db.generated.Tables.AUDIT_LOG;
import static org.hostr.db.generated.Tables.BILLING_ACTIONS;
import static org.hostr.db.generated.Tables.CUSTOMERS;
import static org.hostr.db.generated.Tables.INVOICES;
import static org.hostr.db.generated.Tables.JOBS;
import static org.hostr.db.generated.Tables.PAYMENTS;
import static org.hostr.db.generated.Tables.PLANS;
import static org.hostr.db.generated.Tables.SERVERS;
import static org.hostr.db.generated.Tables.SERVICES;
import static org.hostr.db.generated.Tables.SERVICE_NOTES;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Query;

/**
 * Bulk rows for the admin tests, written with multi-row batch inserts. Ids are given explicitly, so tests know them;
 * statuses cycle so every filter has rows.
 */
final class AdminSeed {
    static final String[] STATUSES = {"ACTIVE", "ACTIVE", "ACTIVE", "SUSPENDED", "EXPIRED", "TERMINATED", "PENDING",
            "PROVISIONING", "CANCELLED", "ACTIVE"};

    private AdminSeed() {
    }

    static String pubkey(long i) {
        return String.format("%064x", i);
    }

    static void plansAndServers(DSLContext db, Instant now) {
        db.insertInto(PLANS, PLANS.ID, PLANS.SLUG, PLANS.NAME, PLANS.STORAGE_MB, PLANS.BANDWIDTH_MB, PLANS.WHM_PACKAGE,
                        PLANS.PRICE_MINOR, PLANS.CURRENCY, PLANS.PERIOD, PLANS.CREATED_AT, PLANS.UPDATED_AT)
                .values(1L, "starter", "Starter", 1000L, 10000L, "starter", 500L, "USD", "P1M", now, now)
                .values(2L, "pro", "Pro", 5000L, 50000L, "pro", 12000L, "USD", "P1Y", now, now)
                .execute();
        db.insertInto(SERVERS, SERVERS.ID, SERVERS.NAME, SERVERS.WHM_URL, SERVERS.WHM_USER, SERVERS.WHM_TOKEN_ENC,
                        SERVERS.CREATED_AT, SERVERS.UPDATED_AT)
                .values(1L, "whm1", "https://whm1.example.com:2087", "root", "x", now, now)
                .values(2L, "whm2", "https://whm2.example.com:2087", "root", "x", now, now)
                .execute();
    }

    /**
     * Which rows {@link #bulk(DSLContext, Fleet, Instant)} writes: customers {@code firstCustomer} onwards with
     * {@code perCustomer} services each (service id = (customer-1) x perCustomer + k + 1; invoice and payment ids follow
     * the service id), on the given plans and servers in turn. Starting above the ids a running app hands out keeps the
     * seed and the app's own rows apart on PostgreSQL, whose identity columns do not skip explicit ids.
     */
    record Fleet(long firstCustomer, int customers, int perCustomer, List<Long> plans, List<Long> servers, Instant dueAt) {
        long lastCustomer() {
            return firstCustomer + customers - 1;
        }

        long firstService() {
            return (firstCustomer - 1) * perCustomer + 1;
        }

        long lastService() {
            return lastCustomer() * perCustomer;
        }

        long customerOf(long service) {
            return (service - 1) / perCustomer + 1;
        }
    }

    /**
     * {@code customers} customers, {@code perCustomer} services each, on plans and servers 1 and 2; see
     * {@link #bulk(DSLContext, Fleet, Instant)}.
     */
    static void bulk(DSLContext db, int customers, int perCustomer, Instant now) {
        bulk(db, new Fleet(1, customers, perCustomer, List.of(1L, 2L), List.of(1L, 2L), now.plusSeconds(86400)), now);
    }

    /**
     * The fleet's customers and services, one invoice per service (PAID for even ids, paid at {@code now} minus
     * (id mod 12) x 30 days; UNPAID otherwise, due at {@code now} plus or minus a day), one payment per paid invoice,
     * and an audit line per customer.
     */
    static void bulk(DSLContext db, Fleet fleet, Instant now) {
        List<Query> batch = new ArrayList<>();
        for (long from = fleet.firstCustomer(); from <= fleet.lastCustomer(); from += 500) {
            var insert = db.insertInto(CUSTOMERS, CUSTOMERS.ID, CUSTOMERS.PUBKEY, CUSTOMERS.NAME, CUSTOMERS.CREATED_AT);
            for (long c = from; c < Math.min(from + 500, fleet.lastCustomer() + 1); c++) {
                insert = insert.values(c, pubkey(c), "Customer " + c, now);
            }
            batch.add(insert);
        }
        db.batch(batch).execute();
        batch.clear();
        for (long from = fleet.firstService(); from <= fleet.lastService(); from += 500) {
            var svc = db.insertInto(SERVICES, SERVICES.ID, SERVICES.CUSTOMER_ID, SERVICES.PLAN_ID, SERVICES.SERVER_ID,
                    SERVICES.DOMAIN, SERVICES.USERNAME, SERVICES.STATUS, SERVICES.NEXT_DUE_AT, SERVICES.CREATED_AT,
                    SERVICES.UPDATED_AT);
            var inv = db.insertInto(INVOICES, INVOICES.ID, INVOICES.NUMBER, INVOICES.CUSTOMER_ID, INVOICES.SERVICE_ID,
                    INVOICES.KIND, INVOICES.STATUS, INVOICES.SUBTOTAL_MINOR, INVOICES.TOTAL_MINOR, INVOICES.CURRENCY,
                    INVOICES.DUE_AT, INVOICES.CREATED_AT, INVOICES.PAID_AT);
            var pay = db.insertInto(PAYMENTS, PAYMENTS.ID, PAYMENTS.INVOICE_ID, PAYMENTS.PROVIDER, PAYMENTS.STATE,
                    PAYMENTS.CREATED_AT, PAYMENTS.UPDATED_AT, PAYMENTS.PAID_AT);
            boolean anyPayment = false;
            for (long s = from; s < Math.min(from + 500, fleet.lastService() + 1); s++) {
                long customer = fleet.customerOf(s);
                String status = STATUSES[(int) (s % STATUSES.length)];
                svc = svc.values(s, customer, fleet.plans().get((int) (s % fleet.plans().size())),
                        fleet.servers().get((int) (s % fleet.servers().size())), "site" + s + ".example", "u" + s, status,
                        fleet.dueAt(), now, now);
                boolean paid = s % 2 == 0;
                Instant paidAt = paid ? now.minusSeconds(86400L * 30 * (s % 12)) : null;
                inv = inv.values(s, "INV-" + s, customer, s, "NEW", paid ? "PAID" : "UNPAID", 500L, 500L, "USD",
                        now.plusSeconds(s % 4 == 1 ? -86400 : 86400), now, paidAt);
                if (paid) {
                    pay = pay.values(s, s, "strike", "PAID", now, now, paidAt);
                    anyPayment = true;
                }
            }
            batch.add(svc);
            batch.add(inv);
            if (anyPayment) {
                batch.add(pay);
            }
        }
        db.batch(batch).execute();
        batch.clear();
        for (long from = fleet.firstCustomer(); from <= fleet.lastCustomer(); from += 500) {
            var audit = db.insertInto(AUDIT_LOG, AUDIT_LOG.ACTOR, AUDIT_LOG.ACTION, AUDIT_LOG.SUBJECT, AUDIT_LOG.DETAILS,
                    AUDIT_LOG.AT);
            for (long c = from; c < Math.min(from + 500, fleet.lastCustomer() + 1); c++) {
                audit = audit.values("system", "customer.created", "customer:" + c, null, now);
            }
            batch.add(audit);
        }
        db.batch(batch).execute();
    }

    /**
     * What the review queue, the jobs page and the audit log show, for the fleet's services: each SUSPENDED service gets
     * a note and a kept payment to review (its own invoice, now PAID, with a payment), every service a job (DONE, DEAD,
     * CANCELLED, or QUEUED a month ahead so no worker picks it up) and an audit line.
     */
    static void reviewsJobsAndAudit(DSLContext db, Fleet fleet, Instant now) {
        String[] jobStates = {"DONE", "DEAD", "CANCELLED", "QUEUED"};
        List<Query> batch = new ArrayList<>();
        for (long from = fleet.firstService(); from <= fleet.lastService(); from += 500) {
            var notes = db.insertInto(SERVICE_NOTES, SERVICE_NOTES.SERVICE_ID, SERVICE_NOTES.AUTHOR, SERVICE_NOTES.TEXT,
                    SERVICE_NOTES.AT);
            var kept = db.insertInto(BILLING_ACTIONS, BILLING_ACTIONS.SERVICE_ID, BILLING_ACTIONS.ACTION,
                    BILLING_ACTIONS.REF, BILLING_ACTIONS.DETAILS, BILLING_ACTIONS.CREATED_AT);
            var jobs = db.insertInto(JOBS, JOBS.KIND, JOBS.PAYLOAD, JOBS.IDEMPOTENCY_KEY, JOBS.STATUS, JOBS.RUN_AT,
                    JOBS.LAST_ERROR, JOBS.CREATED_AT, JOBS.UPDATED_AT);
            var payments = db.insertInto(PAYMENTS, PAYMENTS.ID, PAYMENTS.INVOICE_ID, PAYMENTS.PROVIDER, PAYMENTS.STATE,
                    PAYMENTS.AMOUNT_SATS, PAYMENTS.CREATED_AT, PAYMENTS.UPDATED_AT, PAYMENTS.PAID_AT);
            var audit = db.insertInto(AUDIT_LOG, AUDIT_LOG.ACTOR, AUDIT_LOG.ACTION, AUDIT_LOG.SUBJECT, AUDIT_LOG.DETAILS,
                    AUDIT_LOG.AT);
            List<Long> suspended = new ArrayList<>();
            for (long s = from; s < Math.min(from + 500, fleet.lastService() + 1); s++) {
                if (STATUSES[(int) (s % STATUSES.length)].equals("SUSPENDED")) {
                    notes = notes.values(s, "npub1seed", "customer called about service " + s, now);
                    kept = kept.values(s, "PAYMENT_TO_REVIEW", "INV-" + s, "paid while SUSPENDED by an admin", now);
                    payments = payments.values(s, s, "strike", "PAID", 7000L, now, now, now);
                    suspended.add(s);
                }
                String state = jobStates[(int) (s % jobStates.length)];
                jobs = jobs.values("whm.create", "{\"service_id\":" + s + "}", "seed-job-" + s, state,
                        state.equals("QUEUED") ? now.plusSeconds(30L * 86400) : now,
                        state.equals("DEAD") ? "WHM answered 500" : null, now, now);
                audit = audit.values("system", "service.created", "service:" + s, null, now);
            }
            if (!suspended.isEmpty()) {
                batch.add(db.update(INVOICES).set(INVOICES.STATUS, "PAID").set(INVOICES.PAID_AT, now)
                        .where(INVOICES.ID.in(suspended)));
                batch.add(payments);
                batch.add(notes);
                batch.add(kept);
            }
            batch.add(jobs);
            batch.add(audit);
        }
        db.batch(batch).execute();
    }
}
