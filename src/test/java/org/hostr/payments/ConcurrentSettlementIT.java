package org.hostr.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hostr.db.generated.Tables.AUDIT_LOG;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hostr.billing.PlacedOrder;
import org.hostr.testing.TestDatabases.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConcurrentSettlementIT {

    @ParameterizedTest
    @EnumSource(Kind.class)
    void twentyConcurrentSettlementsSettleOnce(Kind kind) throws Exception {
        try (PaymentsFixture f = new PaymentsFixture(kind)) {
            long customer = f.billing.newCustomer();
            PlacedOrder order = f.order(customer, "race.com");
            f.payments.pay(customer, order.invoiceNumber());
            String strikeId = f.strikeInvoiceOf(order.invoiceNumber());
            f.sim.pay(strikeId);

            ExecutorService pool = Executors.newFixedThreadPool(20);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Settlement>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return f.settlement.settle(strikeId);
                }));
            }
            start.countDown();
            List<Settlement> outcomes = new ArrayList<>();
            for (Future<Settlement> r : results) {
                outcomes.add(r.get());
            }
            pool.shutdown();

            assertThat(outcomes).filteredOn(o -> o == Settlement.SETTLED).hasSize(1);
            assertThat(outcomes).filteredOn(o -> o == Settlement.ALREADY_SETTLED).hasSize(19);
            assertThat(f.paid).hasSize(1);
            assertThat(f.billing.db.dsl().fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("invoice.paid"))).isEqualTo(1);
        }
    }
}
