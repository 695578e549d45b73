package org.hostr.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hostr.db.generated.Tables.INVOICES;
import static org.hostr.db.generated.Tables.PROMO_CODES;

import java.time.Duration;
import org.hostr.db.generated.tables.records.InvoicesRecord;
import org.hostr.testing.TestDatabases.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Orders and upgrades that credit or a discount leave with nothing to pay are settled as they are issued. */
class PaidByCreditTest {

    private static InvoicesRecord invoice(RenewalFixture f, String number) {
        return f.db.dsl().fetchSingle(INVOICES, INVOICES.NUMBER.eq(number));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void orderCoveredByCreditIsPaidAtOnceAndProvisioned(Kind kind) {
        try (RenewalFixture f = new RenewalFixture(kind)) {
            long customer = f.newCustomer();
            f.giveCredit(customer, 1_000);

            PlacedOrder order = f.orders.placeOrder(customer, "basic", "credit.example", null);
            f.runJobs();

            assertThat(order.status()).isEqualTo("PAID");
            assertThat(order.totalMinor()).isZero();
            InvoicesRecord invoice = invoice(f, order.invoiceNumber());
            assertThat(invoice.getCreditAppliedMinor()).isEqualTo(500);
            assertThat(invoice.getPaidAt()).isEqualTo(f.clock.instant());
            assertThat(f.credit(customer)).isEqualTo(500);
            assertThat(f.service(order.serviceId()).getStatus()).isEqualTo("ACTIVE");
            assertThat(f.whm.calls("createacct")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void orderPartlyCoveredByCreditChargesTheRestToTheLastMinorUnit(Kind kind) {
        try (RenewalFixture f = new RenewalFixture(kind)) {
            long customer = f.newCustomer();
            f.giveCredit(customer, 499);

            PlacedOrder order = f.orders.placeOrder(customer, "basic", "partly.example", null);

            assertThat(order.status()).isEqualTo("UNPAID");
            assertThat(order.totalMinor()).isEqualTo(1);
            assertThat(invoice(f, order.invoiceNumber()).getCreditAppliedMinor()).isEqualTo(499);
            assertThat(f.credit(customer)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void freeOrderWithAFullDiscountIsPaidAtOnceAndCountsTheUse(Kind kind) {
        try (RenewalFixture f = new RenewalFixture(kind)) {
            PromoCode promo = f.promos.create(NewPromoCode.percent("FREE", 100));

            PlacedOrder order = f.orders.placeOrder(f.newCustomer(), "basic", "free.example", null, "free");
            f.runJobs();

            assertThat(order.status()).isEqualTo("PAID");
            assertThat(invoice(f, order.invoiceNumber()).getDiscountMinor()).isEqualTo(500);
            assertThat(f.service(order.serviceId()).getStatus()).isEqualTo("ACTIVE");
            assertThat(f.db.dsl().select(PROMO_CODES.USES).from(PROMO_CODES).where(PROMO_CODES.ID.eq(promo.id()))
                    .fetchSingle(PROMO_CODES.USES)).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void upgradeCoveredByCreditIsPaidAtOnceAndChangesThePackage(Kind kind) {
        try (RenewalFixture f = new RenewalFixture(kind)) {
            long id = f.activeService("grow.example");
            long customer = f.service(id).getCustomerId();
            f.giveCredit(customer, 1_000);
            f.clock.advance(Duration.ofDays(14)); // 14 of 28 days left: (1200 − 500) × 14 / 28 = 350

            CustomerBillingService.PlanChange change = f.customers.upgrade(customer, id, "standard");
            f.runJobs();

            assertThat(change.chargeMinor()).isZero();
            InvoicesRecord invoice = invoice(f, change.invoiceNumber());
            assertThat(invoice.getStatus()).isEqualTo("PAID");
            assertThat(invoice.getSubtotalMinor()).isEqualTo(350);
            assertThat(invoice.getCreditAppliedMinor()).isEqualTo(350);
            assertThat(f.credit(customer)).isEqualTo(650);
            assertThat(f.service(id).getPlanId()).isEqualTo(f.standardPlan);
            assertThat(f.whm.account(f.service(id).getUsername()).orElseThrow().plan()).isEqualTo("standard");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void upgradePartlyCoveredByCreditChargesTheRest(Kind kind) {
        try (RenewalFixture f = new RenewalFixture(kind)) {
            long id = f.activeService("half.example");
            long customer = f.service(id).getCustomerId();
            f.giveCredit(customer, 100);
            f.clock.advance(Duration.ofDays(14));

            CustomerBillingService.PlanChange change = f.customers.upgrade(customer, id, "standard");

            assertThat(change.chargeMinor()).isEqualTo(250);
            InvoicesRecord invoice = invoice(f, change.invoiceNumber());
            assertThat(invoice.getStatus()).isEqualTo("UNPAID");
            assertThat(invoice.getCreditAppliedMinor()).isEqualTo(100);
            assertThat(invoice.getTotalMinor()).isEqualTo(250);
            assertThat(f.credit(customer)).isZero();
            assertThat(f.jobKeys("change-package")).isEmpty();
        }
    }
}
