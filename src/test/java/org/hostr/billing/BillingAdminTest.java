package org.hostr.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hostr.db.generated.Tables.CUSTOMERS;
import static org.hostr.db.generated.Tables.PLANS;

import java.time.Duration;
import java.time.Instant;
import org.hostr.db.generated.tables.records.InvoicesRecord;
import org.hostr.db.generated.tables.records.ServicesRecord;
import org.hostr.testing.TestDatabases.Kind;
import org.hostr.web.ApiError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The admin's billing actions and the customer's renew/upgrade, including what they refuse. */
class BillingAdminTest {
    private static final String ADMIN = "npub1admin";

    @Test
    void markingAnInvoicePaidByHandRenewsTheServiceAndIsAudited() {
        try (RenewalFixture f = new RenewalFixture(Kind.SQLITE)) {
            long id = f.activeService("manual.example");
            Instant due = f.service(id).getNextDueAt();
            String number = f.customers.renewNow(f.service(id).getCustomerId(), id).number();

            f.admin.markPaid(ADMIN, number, "paid in cash at the office");

            assertThat(f.service(id).getNextDueAt()).isEqualTo(org.hostr.catalog.BillingPeriod.P1M.addTo(due));
            assertThat(f.audits("invoice.marked_paid")).isEqualTo(1);
            assertThat(f.customers.receipt(f.service(id).getCustomerId(), number).strikeInvoiceId()).isNull();
        }
    }

    @Test
    void renewNowReturnsTheOpenRenewalInsteadOfASecondOne() {
        try (RenewalFixture f = new RenewalFixture(Kind.SQLITE)) {
            long id = f.activeService("renew.example");
            long customer = f.service(id).getCustomerId();

            String first = f.customers.renewNow(customer, id).number();
            f.clock.advance(Duration.ofDays(25));
            f.sweepAndRunJobs();

            assertThat(f.customers.renewNow(customer, id).number()).isEqualTo(first);
            assertThat(f.invoices(id).stream().filter(i -> "RENEWAL".equals(i.getKind()))).hasSize(1);
        }
    }

    @Test
    void extendingMovesTheDueDateAndTheOpenRenewalWithIt() {
        try (RenewalFixture f = new RenewalFixture(Kind.SQLITE)) {
            long id = f.activeService("outage.example");
            Instant due = f.service(id).getNextDueAt();
            f.liveUntil(due.minus(Duration.ofDays(5)), Duration.ofDays(1));

            f.admin.extend(ADMIN, id, 3, "outage on whm1");
            f.liveUntil(due.plus(Duration.ofDays(5)), Duration.ofHours(12));

            assertThat(f.service(id).getNextDueAt()).isEqualTo(due.plus(Duration.ofDays(3)));
            assertThat(f.invoices(id).stream().filter(i -> "RENEWAL".equals(i.getKind())))
                    .singleElement().satisfies(i -> assertThat(i.getPeriodFrom()).isEqualTo(due.plus(Duration.ofDays(3))));
            assertThat(f.service(id).getStatus()).isEqualTo("ACTIVE");
        }
    }

    @Test
    void refundToBalanceNeverExceedsTheInvoice() {
        try (RenewalFixture f = new RenewalFixture(Kind.SQLITE)) {
            long id = f.activeService("refund.example");
            long customer = f.service(id).getCustomerId();
            String number = f.invoices(id).get(0).getNumber();

            assertThat(f.admin.refundToBalance(ADMIN, number, 200L, "goodwill")).isEqualTo(200);
            assertThat(f.admin.refundToBalance(ADMIN, number, null, "the rest")).isEqualTo(300);
            assertRefused(() -> f.admin.refundToBalance(ADMIN, number, 1L, "again"), 400);

            assertThat(f.db.dsl().select(CUSTOMERS.CREDIT_MINOR).from(CUSTOMERS).where(CUSTOMERS.ID.eq(customer))
                    .fetchSingle().value1()).isEqualTo(500);
        }
    }

    @Test
    void cancellingANewOrdersInvoiceCancelsThePendingService() {
        try (RenewalFixture f = new RenewalFixture(Kind.SQLITE)) {
            long id = f.order("cancel.example");

            f.admin.cancelInvoice(ADMIN, f.invoices(id).get(0).getNumber(), "customer asked");

            assertThat(f.service(id).getStatus()).isEqualTo("CANCELLED");
            assertRefused(() -> f.admin.cancelInvoice(ADMIN, f.invoices(id).get(0).getNumber(), "again"), 409);
        }
    }

    @Test
    void upgradeToADearerPlanIssuesAProratedInvoiceAndChangesThePackageWhenPaid() {
        try (RenewalFixture f = new RenewalFixture(Kind.SQLITE)) {
            long id = f.activeService("grow.example");
            long customer = f.service(id).getCustomerId();

            CustomerBillingService.PlanChange change = f.customers.upgrade(customer, id, "standard");
            assertThat(change.chargeMinor()).isPositive().isLessThanOrEqualTo(700);
            f.pay(change.invoiceNumber());
            f.runJobs();

            assertThat(f.service(id).getPlanId()).isEqualTo(f.standardPlan);
            assertThat(f.whm.account(f.service(id).getUsername()).orElseThrow().plan()).isEqualTo("standard");
        }
    }

    @Test
    void upgradesToTheSameOrAnInactivePlanAreRefused() {
        try (RenewalFixture f = new RenewalFixture(Kind.SQLITE)) {
            long id = f.activeService("same.example");
            long customer = f.service(id).getCustomerId();
            f.db.dsl().update(PLANS).set(PLANS.ACTIVE, false).where(PLANS.ID.eq(f.standardPlan)).execute();
            f.catalog.plansChanged();
            int invoices = f.invoices(id).size();

            assertRefused(() -> f.customers.upgrade(customer, id, "basic"), 422);
            assertRefused(() -> f.customers.upgrade(customer, id, "standard"), 422);
            assertRefused(() -> f.customers.upgrade(customer, id, "no-such-plan"), 422);
            assertRefused(() -> f.customers.upgrade(f.newCustomer(), id, "standard"), 404);

            assertThat(f.invoices(id)).hasSize(invoices);
            assertThat(f.jobKeys("change-package")).isEmpty();
        }
    }

    @Test
    void manualActionsOnATerminatedServiceAreRefusedAndChangeNothing() {
        try (RenewalFixture f = new RenewalFixture(Kind.SQLITE)) {
            long id = f.activeService("ended.example");
            f.admin.terminate(ADMIN, id, "customer left");
            f.runJobs();
            ServicesRecord before = f.service(id);
            assertThat(before.getStatus()).isEqualTo("TERMINATED");
            String paid = f.invoices(id).get(0).getNumber();
            int jobs = f.db.dsl().fetchCount(org.hostr.db.generated.Tables.JOBS);
            int audits = f.db.dsl().fetchCount(org.hostr.db.generated.Tables.AUDIT_LOG);

            assertRefused(() -> f.admin.suspend(ADMIN, id, "abuse"), 409);
            assertRefused(() -> f.admin.unsuspend(ADMIN, id), 409);
            assertRefused(() -> f.admin.terminate(ADMIN, id, "again"), 409);
            assertRefused(() -> f.admin.extend(ADMIN, id, 3, "outage"), 409);
            assertRefused(() -> f.admin.markPaid(ADMIN, paid, "cash"), 409);
            assertRefused(() -> f.customers.renewNow(before.getCustomerId(), id), 409);
            assertRefused(() -> f.customers.upgrade(before.getCustomerId(), id, "standard"), 409);

            assertThat(f.service(id)).isEqualTo(before);
            assertThat(f.db.dsl().fetchCount(org.hostr.db.generated.Tables.JOBS)).isEqualTo(jobs);
            assertThat(f.db.dsl().fetchCount(org.hostr.db.generated.Tables.AUDIT_LOG)).isEqualTo(audits);
        }
    }

    @Test
    void badAdminInputIsA400() {
        try (RenewalFixture f = new RenewalFixture(Kind.SQLITE)) {
            long id = f.activeService("input.example");

            assertRefused(() -> f.admin.suspend(ADMIN, id, " "), 400);
            assertRefused(() -> f.admin.extend(ADMIN, id, 0, "outage"), 400);
            assertRefused(() -> f.admin.extend(ADMIN, id, 3, null), 400);
            assertRefused(() -> f.admin.markPaid(ADMIN, "INV-1999-000001", "cash"), 404);
            assertRefused(() -> f.admin.suspend(ADMIN, 9_999, "abuse"), 404);
            assertThat(f.service(id).getStatus()).isEqualTo("ACTIVE");
        }
    }

    @Test
    void receiptShowsAmountsAndWhenItWasPaidToItsOwnerOnly() {
        try (RenewalFixture f = new RenewalFixture(Kind.SQLITE)) {
            long id = f.activeService("receipt.example");
            InvoicesRecord first = f.invoices(id).get(0);

            Receipt receipt = f.customers.receipt(f.service(id).getCustomerId(), first.getNumber());

            assertThat(receipt.totalMinor()).isEqualTo(500);
            assertThat(receipt.total()).isNotBlank();
            assertThat(receipt.paidAt()).isEqualTo(first.getPaidAt());
            assertThat(receipt.domain()).isEqualTo("receipt.example");
            assertRefused(() -> f.customers.receipt(f.newCustomer(), first.getNumber()), 404);
        }
    }

    private static void assertRefused(Executable action, int status) {
        assertThatThrownBy(action::execute).isInstanceOfSatisfying(ApiError.class,
                e -> assertThat(e.status()).isEqualTo(status));
    }
}
