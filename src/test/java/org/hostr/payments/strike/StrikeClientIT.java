package org.hostr.payments.strike;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.hostr.sim.strike.SimError;
import org.hostr.sim.strike.SimInvoiceState;
import org.hostr.sim.strike.StrikeSimulator;
import org.hostr.sim.strike.StrikeSimulatorSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real client against the simulator over real HTTP. */
class StrikeClientIT {
    static final String KEY = "sk_test_client_it_4f9c2e7a";
    static final StrikeRetryPolicy FAST_RETRIES = new StrikeRetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20));

    final MovableClock clock = new MovableClock();
    StrikeSimulator sim;
    StrikeClient client;

    @BeforeEach
    void start() {
        startWith(StrikeSimulatorSettings.defaults(KEY).withClock(clock));
    }

    void startWith(StrikeSimulatorSettings settings) {
        sim = new StrikeSimulator(settings).start(0);
        client = clientWith(KEY, Duration.ofSeconds(2));
    }

    /** Strike's answer to a reused correlationId is UNCONFIRMED: without a 409 to lean on, only the look-up saves us. */
    void restartWithoutUniqueCorrelationIds() {
        stop();
        startWith(StrikeSimulatorSettings.defaults(KEY).withClock(clock).withUniqueCorrelationIds(false));
    }

    @AfterEach
    void stop() {
        client.close();
        sim.stop();
    }

    StrikeClient clientWith(String key, Duration readTimeout) {
        return new StrikeClient(sim.baseUrl(), key, Duration.ofSeconds(1), readTimeout, FAST_RETRIES, clock);
    }

    StrikeInvoice tenDollarInvoice(String correlationId) {
        return client.createInvoice(correlationId, "Hosting: starter, 1 month", new BigDecimal("10.00"), "USD");
    }

    @Test
    void paidInvoiceReadsPaid() {
        // given
        StrikeInvoice invoice = tenDollarInvoice("INV-2026-000001");
        StrikeQuote quote = client.createQuote(invoice.invoiceId());

        // when
        sim.payLnInvoice(quote.lnInvoice());

        // then
        assertThat(invoice.state()).isEqualTo(StrikeInvoiceState.UNPAID);
        assertThat(invoice.amount()).isEqualTo(new StrikeAmount(new BigDecimal("10.00"), "USD"));
        assertThat(quote.lnInvoice()).startsWith("lnbc100u1");
        assertThat(quote.sourceAmount().amount()).isEqualByComparingTo("0.0001");
        assertThat(quote.conversionRate().amount()).isEqualByComparingTo("100000");
        assertThat(quote.expirationInSec()).isEqualTo(30);
        assertThat(client.getInvoice(invoice.invoiceId()).state()).isEqualTo(StrikeInvoiceState.PAID);
    }

    @Test
    void expiredQuoteIsRenewedOnTheSameInvoice() {
        // given
        StrikeInvoice invoice = tenDollarInvoice("INV-2026-000002");
        StrikeQuote first = client.createQuote(invoice.invoiceId());

        // when
        clock.advance(Duration.ofSeconds(31));
        StrikeQuote second = client.createQuote(invoice.invoiceId());

        // then
        assertThat(first.isExpired(clock.instant())).isTrue();
        assertThat(client.getInvoice(invoice.invoiceId()).state()).isEqualTo(StrikeInvoiceState.UNPAID);
        assertThat(second.quoteId()).isNotEqualTo(first.quoteId());
        assertThat(second.lnInvoice()).isNotEqualTo(first.lnInvoice());
        assertThat(second.isExpired(clock.instant())).isFalse();
        assertThatThrownBy(() -> sim.payLnInvoice(first.lnInvoice())).isInstanceOf(SimError.class);
        assertThat(sim.payLnInvoice(second.lnInvoice())).isEqualTo(SimInvoiceState.PAID);
    }

    @Test
    void unpaidInvoiceIsCancelled() {
        StrikeInvoice invoice = tenDollarInvoice("INV-2026-000003");

        StrikeInvoice cancelled = client.cancelInvoice(invoice.invoiceId());

        assertThat(cancelled.state()).isEqualTo(StrikeInvoiceState.CANCELLED);
        assertThat(sim.invoiceState(invoice.invoiceId())).contains(SimInvoiceState.CANCELLED);
    }

    @Test
    void cancellingTwiceReturnsTheCancelledInvoice() {
        StrikeInvoice invoice = tenDollarInvoice("INV-2026-000004");
        client.cancelInvoice(invoice.invoiceId());

        StrikeInvoice again = client.cancelInvoice(invoice.invoiceId());

        assertThat(again.state()).isEqualTo(StrikeInvoiceState.CANCELLED);
    }

    @Test
    void paidInvoiceCannotBeCancelled() {
        StrikeInvoice invoice = tenDollarInvoice("INV-2026-000005");
        sim.pay(invoice.invoiceId());

        StrikeApiException e = catchThrowableOfType(StrikeApiException.class, () -> client.cancelInvoice(invoice.invoiceId()));

        assertThat(e.status()).isEqualTo(422);
        assertThat(e.code()).isEqualTo("INVALID_STATE_FOR_INVOICE_PAID");
    }

    @Test
    void unknownInvoiceIsNotFound() {
        StrikeApiException e = catchThrowableOfType(StrikeApiException.class,
                () -> client.getInvoice("00000000-0000-0000-0000-000000000000"));

        assertThat(e).isNotInstanceOf(StrikeAuthException.class);
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.code()).isEqualTo("NOT_FOUND");
        assertThat(e.traceId()).isNotBlank();
    }

    @Test
    void negativeAmountIsAValidationError() {
        StrikeApiException e = catchThrowableOfType(StrikeApiException.class,
                () -> client.createInvoice("INV-2026-000006", "x", new BigDecimal("-1"), "USD"));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("INVALID_DATA");
        assertThat(e.validationErrors()).containsOnlyKeys("amount.amount");
        assertThat(e.validationErrors().get("amount.amount").get(0).code()).isEqualTo("INVALID_AMOUNT");
        assertThat(e.getMessage()).contains("amount.amount");
        assertThat(sim.invoiceCount()).isZero();
    }

    @Test
    void unknownCurrencyIsAValidationError() {
        StrikeApiException e = catchThrowableOfType(StrikeApiException.class,
                () -> client.createInvoice("INV-2026-000007", "x", BigDecimal.TEN, "XYZ"));

        assertThat(e.validationErrors()).containsOnlyKeys("amount.currency");
    }

    @Test
    void rateLimitedCallIsRetried() {
        StrikeInvoice invoice = tenDollarInvoice("INV-2026-000008");
        int before = sim.apiRequests();
        sim.faults().failNextRequests(1, 429);

        StrikeInvoice read = client.getInvoice(invoice.invoiceId());

        assertThat(read.invoiceId()).isEqualTo(invoice.invoiceId());
        assertThat(sim.apiRequests() - before).isEqualTo(2);
    }

    @Test
    void lastingOutageEndsAsUnavailableAfterMaxAttempts() {
        int before = sim.apiRequests();
        sim.faults().failNextRequests(10, 503);

        StrikeUnavailableException e = catchThrowableOfType(StrikeUnavailableException.class, client::ratesTicker);

        assertThat(e.status()).isEqualTo(503);
        assertThat(e.getMessage()).contains("gave up after 3 attempts");
        assertThat(sim.apiRequests() - before).isEqualTo(3);
    }

    @Test
    void lostAnswerToCreateDoesNotCreateASecondInvoice() {
        // given Strike creates the invoice but the answer is a 500
        restartWithoutUniqueCorrelationIds();
        sim.faults().failNextAnswers(1, 500);

        // when
        StrikeInvoice invoice = tenDollarInvoice("INV-2026-000009");

        // then the client found it by correlationId instead of posting again
        assertThat(sim.invoiceCount()).isEqualTo(1);
        assertThat(invoice.correlationId()).isEqualTo("INV-2026-000009");
        assertThat(sim.invoiceState(invoice.invoiceId())).contains(SimInvoiceState.UNPAID);
    }

    @Test
    void timedOutCreateDoesNotCreateASecondInvoice() {
        // given the answer to the POST arrives after the client's read timeout
        restartWithoutUniqueCorrelationIds();
        StrikeClient impatient = clientWith(KEY, Duration.ofMillis(200));
        sim.faults().delayNextResponses(1, Duration.ofMillis(600));

        // when
        StrikeInvoice invoice = impatient.createInvoice("INV-2026-000010", "x", BigDecimal.ONE, "USD");

        // then
        assertThat(sim.invoiceCount()).isEqualTo(1);
        assertThat(sim.invoiceState(invoice.invoiceId())).isPresent();
        impatient.close();
    }

    @Test
    void createRefusedBeforeAnyWorkIsPostedAgain() {
        sim.faults().failNextRequests(1, 500);

        StrikeInvoice invoice = tenDollarInvoice("INV-2026-000011");

        assertThat(sim.invoiceCount()).isEqualTo(1);
        assertThat(sim.invoiceState(invoice.invoiceId())).isPresent();
    }

    @Test
    void reusedCorrelationIdReturnsTheExistingInvoice() {
        StrikeInvoice first = tenDollarInvoice("INV-2026-000012");

        StrikeInvoice second = tenDollarInvoice("INV-2026-000012");

        assertThat(second.invoiceId()).isEqualTo(first.invoiceId());
        assertThat(sim.invoiceCount()).isEqualTo(1);
    }

    @Test
    void reusedCorrelationIdForAnotherAmountIsAConflict() {
        tenDollarInvoice("INV-2026-000013");

        StrikeApiException e = catchThrowableOfType(StrikeApiException.class,
                () -> client.createInvoice("INV-2026-000013", "x", new BigDecimal("99"), "USD"));

        assertThat(e.status()).isEqualTo(409);
        assertThat(e.getMessage()).contains("INV-2026-000013");
    }

    @Test
    void correlationIdWithQuotesAndSpacesIsFound() {
        StrikeInvoice invoice = client.createInvoice("O'Brien #7 & co", "x", BigDecimal.ONE, "EUR");

        assertThat(client.findInvoiceByCorrelationId("O'Brien #7 & co")).map(StrikeInvoice::invoiceId).contains(invoice.invoiceId());
        assertThat(client.findInvoiceByCorrelationId("O'Brien")).isEmpty();
    }

    @Test
    void wrongKeyIsAnAuthFailureAndNotRetried() {
        StrikeClient wrongKey = clientWith("sk_test_wrong_key_0000", Duration.ofSeconds(1));
        int before = sim.apiRequests();

        StrikeAuthException e = catchThrowableOfType(StrikeAuthException.class, wrongKey::listSubscriptions);

        assertThat(e.status()).isEqualTo(401);
        assertThat(e.code()).isEqualTo("UNAUTHORIZED");
        assertThat(sim.apiRequests() - before).isEqualTo(1);
        wrongKey.close();
    }

    @Test
    void apiKeyNeverAppearsInExceptionMessages() {
        String wrong = "sk_live_wrong_DO_NOT_LEAK_77";
        StrikeClient wrongKey = clientWith(wrong, Duration.ofSeconds(1));
        StrikeClient impatient = clientWith(KEY, Duration.ofMillis(100));
        StrikeClient nowhere = new StrikeClient("http://127.0.0.1:1", KEY, Duration.ofMillis(200), Duration.ofMillis(200), FAST_RETRIES, clock);

        Throwable unauthorized = catchThrowableOfType(StrikeException.class, () -> wrongKey.getInvoice("x"));
        Throwable notFound = catchThrowableOfType(StrikeException.class, () -> client.getInvoice("x"));
        sim.faults().failNextRequests(3, 500);
        Throwable outage = catchThrowableOfType(StrikeException.class, () -> client.getInvoice("x"));
        sim.faults().delayResponses(Duration.ofMillis(300));
        Throwable timeout = catchThrowableOfType(StrikeException.class, () -> impatient.getInvoice("x"));
        sim.faults().reset();
        Throwable refused = catchThrowableOfType(StrikeException.class, () -> nowhere.getInvoice("x"));

        assertThat(List.of(unauthorized, notFound, outage, timeout, refused)).allSatisfy(t -> {
            assertThat(t).isNotNull();
            for (Throwable c = t; c != null; c = c.getCause()) {
                assertThat(String.valueOf(c.getMessage())).doesNotContain(KEY).doesNotContain(wrong);
                assertThat(c.toString()).doesNotContain(KEY).doesNotContain(wrong);
            }
        });
        wrongKey.close();
        impatient.close();
        nowhere.close();
    }

    @Test
    void eventsListStateChangesOldestFirst() {
        // given
        StrikeInvoice invoice = tenDollarInvoice("INV-2026-000014");
        clock.advance(Duration.ofSeconds(2));
        java.time.Instant afterCreation = clock.instant().minusSeconds(1);
        sim.pay(invoice.invoiceId());

        // when
        List<StrikeEvent> all = client.listEvents(null, 100);
        List<StrikeEvent> recent = client.listEvents(afterCreation, 100);

        // then
        assertThat(all).extracting(StrikeEvent::eventType).containsExactly("invoice.created", "invoice.updated", "invoice.updated");
        assertThat(all).extracting(StrikeEvent::entityId).containsOnly(invoice.invoiceId());
        assertThat(recent).hasSize(2).allSatisfy(e -> assertThat(e.changes()).containsExactly("state"));
        assertThat(recent.get(0).deliverySuccess()).isFalse(); // nobody subscribed
    }

    @Test
    void tickerPricesBitcoinInDollars() {
        List<StrikeRate> rates = client.ratesTicker();

        assertThat(rates).filteredOn(r -> r.sourceCurrency().equals("BTC") && r.targetCurrency().equals("USD"))
                .singleElement().satisfies(r -> assertThat(r.amount()).isEqualByComparingTo("100000"));
    }

    @Test
    void subscriptionIsCreatedListedAndUpdated() {
        StrikeSubscription created = client.createSubscription("https://hostr.example/webhooks/strike", "secret-0123456789",
                List.of("invoice.updated"));

        StrikeSubscription updated = client.updateSubscription(created.id(), "https://shop.example/webhooks/strike",
                "secret-9876543210", false, List.of("invoice.updated", "invoice.created"));

        assertThat(client.listSubscriptions()).containsExactly(updated);
        assertThat(updated.enabled()).isFalse();
        assertThat(updated.webhookUrl()).isEqualTo("https://shop.example/webhooks/strike");
        assertThat(updated.eventTypes()).containsExactly("invoice.updated", "invoice.created");
        client.deleteSubscription(created.id());
        assertThat(client.listSubscriptions()).isEmpty();
    }
}
