package org.hostr.admin;

import static org.hostr.db.generated.Tables.AUDIT_LOG;
import static org.hostr.db.generated.Tables.CUSTOMERS;
import static org.hostr.db.generated.Tables.INVOICES;
import static org.hostr.db.generated.Tables.PAYMENTS;
import static org.hostr.db.generated.Tables.PLANS;
import static org.hostr.db.generated.Tables.SERVERS;
import static org.hostr.db.generated.Tables.SERVICES;

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
     * {@code customers} customers, {@code perCustomer} services each (service id = (customer-1)*perCustomer + k + 1),
     * one invoice per service (PAID for even ids, paid at {@code now} minus (id mod 12) x 30 days; UNPAID otherwise,
     * due at {@code now} plus or minus), one payment per paid invoice, and an audit line per customer.
     */
    static void bulk(DSLContext db, int customers, int perCustomer, Instant now) {
        List<Query> batch = new ArrayList<>();
        for (int from = 1; from <= customers; from += 500) {
            var insert = db.insertInto(CUSTOMERS, CUSTOMERS.ID, CUSTOMERS.PUBKEY, CUSTOMERS.NAME, CUSTOMERS.CREATED_AT);
            for (long c = from; c < Math.min(from + 500, customers + 1); c++) {
                insert = insert.values(c, pubkey(c), "Customer " + c, now);
            }
            batch.add(insert);
        }
        db.batch(batch).execute();
        batch.clear();
        long services = (long) customers * perCustomer;
        for (long from = 1; from <= services; from += 500) {
            var svc = db.insertInto(SERVICES, SERVICES.ID, SERVICES.CUSTOMER_ID, SERVICES.PLAN_ID, SERVICES.SERVER_ID,
                    SERVICES.DOMAIN, SERVICES.USERNAME, SERVICES.STATUS, SERVICES.NEXT_DUE_AT, SERVICES.CREATED_AT,
                    SERVICES.UPDATED_AT);
            var inv = db.insertInto(INVOICES, INVOICES.ID, INVOICES.NUMBER, INVOICES.CUSTOMER_ID, INVOICES.SERVICE_ID,
                    INVOICES.KIND, INVOICES.STATUS, INVOICES.SUBTOTAL_MINOR, INVOICES.TOTAL_MINOR, INVOICES.CURRENCY,
                    INVOICES.DUE_AT, INVOICES.CREATED_AT, INVOICES.PAID_AT);
            var pay = db.insertInto(PAYMENTS, PAYMENTS.ID, PAYMENTS.INVOICE_ID, PAYMENTS.PROVIDER, PAYMENTS.STATE,
                    PAYMENTS.CREATED_AT, PAYMENTS.UPDATED_AT, PAYMENTS.PAID_AT);
            boolean anyPayment = false;
            for (long s = from; s < Math.min(from + 500, services + 1); s++) {
                long customer = (s - 1) / perCustomer + 1;
                String status = STATUSES[(int) (s % STATUSES.length)];
                svc = svc.values(s, customer, s % 2 + 1, s % 2 + 1, "site" + s + ".example", "u" + s, status,
                        now.plusSeconds(86400), now, now);
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
        for (int from = 1; from <= customers; from += 500) {
            var audit = db.insertInto(AUDIT_LOG, AUDIT_LOG.ACTOR, AUDIT_LOG.ACTION, AUDIT_LOG.SUBJECT, AUDIT_LOG.DETAILS,
                    AUDIT_LOG.AT);
            for (long c = from; c < Math.min(from + 500, customers + 1); c++) {
                audit = audit.values("system", "customer.created", "customer:" + c, null, now);
            }
            batch.add(audit);
        }
        db.batch(batch).execute();
    }
}
