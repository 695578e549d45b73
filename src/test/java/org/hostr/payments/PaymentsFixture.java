package org.hostr.payments;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hostr.billing.BillingFixture;
import org.hostr.billing.PaidInvoice;
import org.hostr.billing.PlacedOrder;
import org.hostr.payments.strike.StrikeClient;
import org.hostr.payments.strike.StrikeRetryPolicy;
import org.hostr.sim.strike.StrikeSimulator;
import org.hostr.sim.strike.StrikeSimulatorSettings;
import org.hostr.testing.TestDatabases;

/** Billing on a real database, a Strike simulator sharing the test clock, and the payment services wired by hand. */
final class PaymentsFixture implements AutoCloseable {
    static final String API_KEY = "test-strike-key";

    final BillingFixture billing;
    final StrikeSimulator sim;
    final StrikeClient strike;
    final List<PaidInvoice> paid = new CopyOnWriteArrayList<>();
    final SettlementService settlement;
    final PaymentService payments;

    PaymentsFixture(TestDatabases.Kind kind) {
        billing = new BillingFixture(kind);
        sim = new StrikeSimulator(StrikeSimulatorSettings.defaults(API_KEY).withClock(billing.clock)
                .withQuoteLifetime(Duration.ofSeconds(30))).start(0);
        strike = new StrikeClient(sim.baseUrl(), API_KEY, Duration.ofSeconds(2), Duration.ofSeconds(5),
                new StrikeRetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50)), billing.clock);
        List<SettlementListener> listeners = new ArrayList<>();
        listeners.add((tx, invoice) -> paid.add(invoice));
        settlement = new SettlementService(billing.db, strike, billing.invoices, billing.audit, listeners, billing.clock);
        payments = new PaymentService(billing.db, billing.invoices, strike, settlement, billing.clock);
    }

    PlacedOrder order(long customer, String domain) {
        return billing.orders.placeOrder(customer, "basic", domain, null);
    }

    String strikeInvoiceOf(String number) {
        long invoiceId = billing.db.dsl().select(org.hostr.db.generated.Tables.INVOICES.ID)
                .from(org.hostr.db.generated.Tables.INVOICES)
                .where(org.hostr.db.generated.Tables.INVOICES.NUMBER.eq(number)).fetchSingle().value1();
        return new PaymentRepository().forInvoice(billing.db.dsl(), invoiceId).orElseThrow().providerInvoiceId();
    }

    @Override
    public void close() {
        strike.close();
        sim.stop();
        billing.close();
    }
}
