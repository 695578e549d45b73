package org.hostr.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hostr.db.generated.Tables.INVOICES;
import static org.hostr.db.generated.Tables.SERVICES;

import org.hostr.testing.TestDatabases.Kind;
import org.hostr.web.ApiError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OrderServiceTest {

    @ParameterizedTest
    @EnumSource(Kind.class)
    void orderCreatesPendingServiceAndUnpaidInvoice(Kind kind) {
        try (BillingFixture f = new BillingFixture(kind)) {
            long customer = f.newCustomer();

            PlacedOrder order = f.orders.placeOrder(customer, "basic", "Example.com", null);

            assertThat(order.invoiceNumber()).isEqualTo("INV-2026-000001");
            assertThat(order.status()).isEqualTo("UNPAID");
            assertThat(order.totalMinor()).isEqualTo(600);
            assertThat(order.currency()).isEqualTo("USD");
            var service = f.db.dsl().fetchSingle(SERVICES, SERVICES.ID.eq(order.serviceId()));
            assertThat(service.getStatus()).isEqualTo("PENDING");
            assertThat(service.getDomain()).isEqualTo("example.com");
            var invoice = f.db.dsl().fetchSingle(INVOICES, INVOICES.NUMBER.eq(order.invoiceNumber()));
            assertThat(invoice.getKind()).isEqualTo("NEW");
            assertThat(invoice.getSubtotalMinor()).isEqualTo(600);
            assertThat(invoice.getDueAt()).isEqualTo(f.clock.instant());
            assertThat(invoice.getPeriodFrom()).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void invoiceNumbersCountUpPerYear(Kind kind) {
        try (BillingFixture f = new BillingFixture(kind)) {
            long customer = f.newCustomer();
            assertThat(f.orders.placeOrder(customer, "basic", "one.com", null).invoiceNumber()).isEqualTo("INV-2026-000001");
            assertThat(f.orders.placeOrder(customer, "basic", "two.com", null).invoiceNumber()).isEqualTo("INV-2026-000002");
            f.clock.advance(java.time.Duration.ofDays(365));
            assertThat(f.orders.placeOrder(customer, "basic", "three.com", null).invoiceNumber()).isEqualTo("INV-2027-000001");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void liveDomainCannotBeOrderedTwice(Kind kind) {
        try (BillingFixture f = new BillingFixture(kind)) {
            f.orders.placeOrder(f.newCustomer(), "basic", "taken.com", null);

            assertThatThrownBy(() -> f.orders.placeOrder(f.newCustomer(), "basic", "TAKEN.com", null))
                    .isInstanceOfSatisfying(ApiError.class, e -> {
                        assertThat(e.status()).isEqualTo(409);
                        assertThat(e.code()).isEqualTo("domain_taken");
                    });
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void unknownPlanIsRefused(Kind kind) {
        try (BillingFixture f = new BillingFixture(kind)) {
            assertThatThrownBy(() -> f.orders.placeOrder(f.newCustomer(), "platinum", "x.com", null))
                    .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo("unknown_plan"));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void repeatedIdempotencyKeyReturnsTheFirstOrder(Kind kind) {
        try (BillingFixture f = new BillingFixture(kind)) {
            long customer = f.newCustomer();

            PlacedOrder first = f.orders.placeOrder(customer, "basic", "once.com", "key-1");
            PlacedOrder again = f.orders.placeOrder(customer, "basic", "once.com", "key-1");

            assertThat(again).isEqualTo(first);
            assertThat(f.db.dsl().fetchCount(INVOICES)).isEqualTo(1);
            assertThatThrownBy(() -> f.orders.placeOrder(customer, "basic", "other.com", "key-1"))
                    .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo("idempotency_key_reused"));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void idempotencyKeyIsIgnoredUntilTheMigrationExists(Kind kind) {
        try (BillingFixture f = new BillingFixture(kind)) {
            PlacedOrder order = f.orders.placeOrder(f.newCustomer(), "basic", "nokey.com", "key-1");
            assertThat(order.invoiceNumber()).isEqualTo("INV-2026-000001");
        }
    }
}
