package org.hostr.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hostr.db.generated.Tables.AUDIT_LOG;
import static org.hostr.db.generated.Tables.INVOICES;
import static org.hostr.db.generated.Tables.JOBS;
import static org.hostr.db.generated.Tables.NOTICES;
import static org.hostr.db.generated.Tables.PAYMENTS;
import static org.hostr.db.generated.Tables.SERVICES;
import static org.hostr.db.generated.Tables.WEBHOOK_EVENTS;
import static org.hostr.drills.Eventually.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hostr.sim.whm.SimAccount;
import org.hostr.testing.TestNostr;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * Issue #9, part 1: two Hostr instances on one PostgreSQL, with logins, orders, payments, webhooks and sweeps spread
 * over both. Whatever runs twice, or on both at once, must still happen once: every payment settled once, every cPanel
 * account created once, every renewal invoice and reminder once per service period, every expiry once.
 */
class TwoInstancesIT {
    private static final int CUSTOMERS = 10;
    private static final int ORDERS = 30;
    private static final int UNPAID = ORDERS / 2;

    @Test
    void ordersWebhooksAndSweepsSpreadOverTwoInstancesEachHappenOnce() throws Exception {
        try (TwoInstanceShop shop = new TwoInstanceShop()) {
            DSLContext db = shop.db();
            // Given customers who logged in on one instance or the other
            List<TestNostr.Session> sessions = new ArrayList<>();
            for (int k = 0; k < CUSTOMERS; k++) {
                sessions.add(new TestNostr().logIn(shop.instance(k)));
            }

            // When orders alternate instances and each is paid through the instance that did not take it
            Map<String, TestNostr.Session> sessionByDomain = new HashMap<>();
            for (int i = 0; i < ORDERS; i++) {
                // two orders in a row per customer, one on each instance: one of the two with the other's cookie
                TestNostr.Session customer = sessions.get(i / 2 % CUSTOMERS);
                String domain = "drill-" + i + ".example";
                sessionByDomain.put(domain, customer);
                shop.payFromWallet(i + 1, customer, shop.order(i, customer, domain));
            }
            await("every order paid and its account ACTIVE", () -> db.fetchCount(SERVICES, SERVICES.STATUS.eq("ACTIVE")) == ORDERS);

            // ...and a billing month passes with sweeps on both instances at once: renewals issued, every other one
            // paid, reminders one day before and on the due date, then expiry of the unpaid ones after grace (3 days)
            Instant lastDue = db.select(DSL.max(SERVICES.NEXT_DUE_AT)).from(SERVICES).fetchOne().value1();
            shop.sweepBothAt(lastDue.minus(Duration.ofDays(7)).plus(Duration.ofHours(1)));
            awaitQuiet(db);
            List<String> renewals = db.select(INVOICES.NUMBER).from(INVOICES).where(INVOICES.KIND.eq("RENEWAL"))
                    .orderBy(INVOICES.ID).fetch(INVOICES.NUMBER);
            assertThat(renewals).hasSize(ORDERS);
            for (int i = 0; i < renewals.size(); i += 2) {
                shop.payFromWallet(i / 2, sessionByDomain.get(domainOf(db, renewals.get(i))), renewals.get(i));
            }
            await("paid renewals settled", () -> db.fetchCount(INVOICES, INVOICES.STATUS.eq("PAID")) == ORDERS + ORDERS - UNPAID);
            shop.sweepBothAt(lastDue.minus(Duration.ofDays(1)).plus(Duration.ofHours(1)));
            awaitQuiet(db);
            shop.sweepBothAt(lastDue.plus(Duration.ofHours(1)));
            awaitQuiet(db);
            shop.sweepBothAt(lastDue.plus(Duration.ofDays(3)).plus(Duration.ofHours(1)));
            await("unpaid services EXPIRED", () -> db.fetchCount(SERVICES, SERVICES.STATUS.eq("EXPIRED")) == UNPAID);
            awaitQuiet(db);

            // Then
            everyPaidInvoiceWasSettledOnce(shop, db);
            everyServiceHasOneAccountSuspendedOnceIfUnpaid(shop, db);
            everyRenewalAndReminderHappenedOncePerPeriod(db);
            everyWebhookReachedBothInstancesAndWasStoredOnce(shop, db);
            assertThat(db.fetchCount(JOBS, JOBS.STATUS.eq("DEAD"))).isZero();
        }
    }

    /** One PAID payment per paid invoice, one Strike invoice, one settlement line in the audit log. */
    private static void everyPaidInvoiceWasSettledOnce(TwoInstanceShop shop, DSLContext db) {
        List<String> paid = db.select(INVOICES.NUMBER).from(INVOICES).where(INVOICES.STATUS.eq("PAID")).fetch(INVOICES.NUMBER);
        assertThat(paid).hasSize(ORDERS + ORDERS - UNPAID);
        assertThat(db.select(PAYMENTS.INVOICE_ID).from(PAYMENTS).where(PAYMENTS.STATE.eq("PAID")).fetch(PAYMENTS.INVOICE_ID))
                .hasSize(paid.size()).doesNotHaveDuplicates();
        assertThat(db.fetchCount(PAYMENTS, PAYMENTS.STATE.ne("PAID"))).isZero();
        assertThat(shop.strike.invoiceCount()).isEqualTo(paid.size());
        assertThat(db.select(AUDIT_LOG.SUBJECT).from(AUDIT_LOG).where(AUDIT_LOG.ACTION.eq("invoice.paid"))
                .fetch(AUDIT_LOG.SUBJECT)).containsExactlyInAnyOrderElementsOf(paid);
    }

    /** Exactly one cPanel account per service, made by one createacct; one suspension per unpaid service. */
    private static void everyServiceHasOneAccountSuspendedOnceIfUnpaid(TwoInstanceShop shop, DSLContext db) {
        Map<String, String> statusByDomain = db.select(SERVICES.DOMAIN, SERVICES.STATUS).from(SERVICES)
                .fetchMap(SERVICES.DOMAIN, SERVICES.STATUS);
        assertThat(shop.whm.accounts()).extracting(SimAccount::domain)
                .containsExactlyInAnyOrderElementsOf(statusByDomain.keySet());
        assertThat(shop.whm.createAccountCalls()).isEqualTo(ORDERS);
        assertThat(shop.whm.accounts()).allSatisfy(account -> assertThat(account.suspended()).as(account.domain())
                .isEqualTo("EXPIRED".equals(statusByDomain.get(account.domain()))));
        assertThat(shop.whm.calls("suspendacct")).isEqualTo(UNPAID);
        assertThat(db.select(AUDIT_LOG.SUBJECT).from(AUDIT_LOG).where(AUDIT_LOG.ACTION.eq("service.expire"))
                .fetch(AUDIT_LOG.SUBJECT)).hasSize(UNPAID).doesNotHaveDuplicates();
    }

    /** One renewal invoice per service; reminders "issued" for all, "due-1d" and "due" for the unpaid, each told once. */
    private static void everyRenewalAndReminderHappenedOncePerPeriod(DSLContext db) {
        assertThat(db.select(INVOICES.SERVICE_ID).from(INVOICES).where(INVOICES.KIND.eq("RENEWAL"))
                .fetch(INVOICES.SERVICE_ID)).hasSize(ORDERS).doesNotHaveDuplicates();
        Map<String, Integer> reminderJobs = reminderSlots(db.select(JOBS.IDEMPOTENCY_KEY).from(JOBS)
                .where(JOBS.IDEMPOTENCY_KEY.startsWith("reminder:")).fetch(JOBS.IDEMPOTENCY_KEY));
        assertThat(reminderJobs).isEqualTo(Map.of("issued", ORDERS, "due-1d", UNPAID, "due", UNPAID));
        assertThat(reminderSlots(db.select(NOTICES.IDEMPOTENCY_KEY).from(NOTICES)
                .where(NOTICES.IDEMPOTENCY_KEY.startsWith("reminder:")).fetch(NOTICES.IDEMPOTENCY_KEY))).isEqualTo(reminderJobs);
    }

    /** The balancer gave one copy of each event to each instance; the database holds each event once. */
    private static void everyWebhookReachedBothInstancesAndWasStoredOnce(TwoInstanceShop shop, DSLContext db) {
        Map<String, Set<Integer>> instancesByEvent = shop.balancer.forwarded().stream().collect(Collectors.groupingBy(
                f -> TwoInstanceShop.field(new String(f.body()), "/id"),
                Collectors.mapping(RoundRobinBalancer.Forwarded::backend, Collectors.toSet())));
        assertThat(instancesByEvent).isNotEmpty()
                .allSatisfy((event, instances) -> assertThat(instances).as(event).containsExactly(0, 1));
        assertThat(shop.balancer.forwarded()).allSatisfy(f -> assertThat(f.status()).isEqualTo(200));
        // (the reconcilers also store events they read from Strike's event list before their webhook came)
        assertThat(db.select(WEBHOOK_EVENTS.EVENT_ID).from(WEBHOOK_EVENTS).fetch(WEBHOOK_EVENTS.EVENT_ID))
                .doesNotHaveDuplicates().containsAll(instancesByEvent.keySet());
    }

    private static String domainOf(DSLContext db, String invoiceNumber) {
        return db.select(SERVICES.DOMAIN).from(SERVICES).join(INVOICES).on(INVOICES.SERVICE_ID.eq(SERVICES.ID))
                .where(INVOICES.NUMBER.eq(invoiceNumber)).fetchOne(SERVICES.DOMAIN);
    }

    /** Waits until no job but the periodic ones is queued or running: what the last step set off has finished. */
    private static void awaitQuiet(DSLContext db) throws InterruptedException {
        await("queued jobs done", () -> db.fetchCount(JOBS,
                JOBS.STATUS.in("QUEUED", "RUNNING").and(JOBS.IDEMPOTENCY_KEY.notLike("periodic:%"))) == 0);
    }

    /** Reminder keys end in their slot ({@code reminder:<service>:<due>:<slot>}): how many of each slot. */
    private static Map<String, Integer> reminderSlots(List<String> keys) {
        return keys.stream().collect(Collectors.groupingBy(k -> k.substring(k.lastIndexOf(':') + 1),
                Collectors.summingInt(k -> 1)));
    }
}
