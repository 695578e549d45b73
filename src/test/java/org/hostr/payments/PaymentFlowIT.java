package org.hostr.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hostr.db.generated.Tables.AUDIT_LOG;
import static org.hostr.db.generated.Tables.INVOICES;
import static org.hostr.db.generated.Tables.PAYMENTS;
import static org.hostr.db.generated.Tables.SERVICES;

import java.time.Duration;
import java.time.Instant;
import org.hostr.billing.PlacedOrder;
import org.hostr.testing.TestDatabases.Kind;
import org.hostr.web.ApiError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PaymentFlowIT {

    @ParameterizedTest
    @EnumSource(Kind.class)
    void paidInvoiceStartsTheServiceFirstPeriod(Kind kind) {
        try (PaymentsFixture f = new PaymentsFixture(kind)) {
            long customer = f.billing.newCustomer();
            PlacedOrder order = f.order(customer, "paid.com");

            PaymentRequest request = f.payments.pay(customer, order.invoiceNumber());
            assertThat(request.bolt11()).startsWith("lnbc");
            assertThat(request.amountSats()).isEqualTo(6_000L); // $6.00 at 100,000 USD/BTC
            assertThat(request.status()).isEqualTo("UNPAID");

            f.billing.clock.advance(Duration.ofSeconds(5));
            Instant paidAt = f.billing.clock.instant();
            f.sim.pay(f.strikeInvoiceOf(order.invoiceNumber()));
            assertThat(f.settlement.settle(f.strikeInvoiceOf(order.invoiceNumber()))).isEqualTo(Settlement.SETTLED);

            var invoice = f.billing.db.dsl().fetchSingle(INVOICES, INVOICES.NUMBER.eq(order.invoiceNumber()));
            assertThat(invoice.getStatus()).isEqualTo("PAID");
            assertThat(invoice.getPaidAt()).isEqualTo(paidAt);
            assertThat(invoice.getPeriodFrom()).isEqualTo(paidAt);
            assertThat(invoice.getPeriodTo()).isEqualTo(Instant.parse("2026-02-28T10:00:05Z")); // a month from Jan 31
            var service = f.billing.db.dsl().fetchSingle(SERVICES, SERVICES.ID.eq(order.serviceId()));
            assertThat(service.getStatus()).isEqualTo("PROVISIONING");
            assertThat(service.getPeriodStart()).isEqualTo(paidAt);
            assertThat(service.getNextDueAt()).isEqualTo(Instant.parse("2026-02-28T10:00:05Z"));
            var payment = f.billing.db.dsl().fetchSingle(PAYMENTS, PAYMENTS.INVOICE_ID.eq(invoice.getId()));
            assertThat(payment.getState()).isEqualTo("PAID");
            assertThat(payment.getPaidAt()).isEqualTo(paidAt);
            assertThat(f.billing.db.dsl().fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("invoice.paid"))).isEqualTo(1);
            assertThat(f.paid).singleElement().satisfies(p -> assertThat(p.serviceStatus()).isEqualTo("PROVISIONING"));

            InvoiceStatus status = f.payments.status(customer, order.invoiceNumber());
            assertThat(status.status()).isEqualTo("PAID");
            assertThat(status.payment().state()).isEqualTo("PAID");
            assertThatThrownBy(() -> f.payments.pay(customer, order.invoiceNumber()))
                    .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo("already_paid"));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void liveQuoteIsReusedAndExpiredQuoteIsRenewedOnTheSameStrikeInvoice(Kind kind) {
        try (PaymentsFixture f = new PaymentsFixture(kind)) {
            long customer = f.billing.newCustomer();
            PlacedOrder order = f.order(customer, "quote.com");

            PaymentRequest first = f.payments.pay(customer, order.invoiceNumber());
            PaymentRequest again = f.payments.pay(customer, order.invoiceNumber());
            assertThat(again).isEqualTo(first);

            f.billing.clock.advance(Duration.ofSeconds(31));
            PaymentRequest renewed = f.payments.pay(customer, order.invoiceNumber());

            assertThat(renewed.bolt11()).isNotEqualTo(first.bolt11());
            assertThat(renewed.expiresAt()).isAfter(f.billing.clock.instant());
            assertThat(renewed.status()).isEqualTo("UNPAID");
            assertThat(f.sim.invoiceCount()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void strikeErrorDuringCreateIsRetriedWithoutASecondStrikeInvoice(Kind kind) {
        try (PaymentsFixture f = new PaymentsFixture(kind)) {
            long customer = f.billing.newCustomer();
            PlacedOrder order = f.order(customer, "retry.com");
            // Strike makes the invoice, then every answer is lost: the client gives up, the customer sees a 503.
            f.sim.faults().failNextAnswers(10, 500);
            assertThatThrownBy(() -> f.payments.pay(customer, order.invoiceNumber()))
                    .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(503));
            f.sim.faults().reset();

            PaymentRequest request = f.payments.pay(customer, order.invoiceNumber());

            assertThat(request.bolt11()).startsWith("lnbc");
            assertThat(f.sim.invoiceCount()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void oneLostAnswerIsAbsorbedByTheClient(Kind kind) {
        try (PaymentsFixture f = new PaymentsFixture(kind)) {
            long customer = f.billing.newCustomer();
            PlacedOrder order = f.order(customer, "blip.com");
            f.sim.faults().failNextAnswers(1, 500);

            assertThat(f.payments.pay(customer, order.invoiceNumber()).bolt11()).startsWith("lnbc");
            assertThat(f.sim.invoiceCount()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void paymentInFlightIsShownInsteadOfANewQuote(Kind kind) {
        try (PaymentsFixture f = new PaymentsFixture(kind)) {
            long customer = f.billing.newCustomer();
            PlacedOrder order = f.order(customer, "flight.com");
            f.payments.pay(customer, order.invoiceNumber());
            f.sim.pay(f.strikeInvoiceOf(order.invoiceNumber()), true);
            f.billing.clock.advance(Duration.ofSeconds(31));

            PaymentRequest request = f.payments.pay(customer, order.invoiceNumber());

            assertThat(request.status()).isEqualTo("PENDING");
            assertThat(request.bolt11()).isNull();
            assertThat(f.payments.status(customer, order.invoiceNumber()).payment().state()).isEqualTo("PENDING");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anotherCustomersInvoiceIsNotFound(Kind kind) {
        try (PaymentsFixture f = new PaymentsFixture(kind)) {
            PlacedOrder order = f.order(f.billing.newCustomer(), "mine.com");
            long stranger = f.billing.newCustomer();

            assertThatThrownBy(() -> f.payments.status(stranger, order.invoiceNumber()))
                    .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(404));
            assertThatThrownBy(() -> f.payments.pay(stranger, order.invoiceNumber()))
                    .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(404));
            assertThat(f.sim.invoiceCount()).isZero();
        }
    }
}
