package org.hostr.payments.strike;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.hostr.sim.strike.StrikeSimulator;
import org.hostr.sim.strike.StrikeSimulatorSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Several invoices read in list calls ({@code $filter=invoiceId eq … or …}), against the simulator over HTTP. */
class StrikeInvoiceListIT {
    static final String KEY = "sk_test_invoice_list_it_77a1";

    final MovableClock clock = new MovableClock();
    StrikeSimulator sim;
    StrikeClient client;

    @BeforeEach
    void start() {
        sim = new StrikeSimulator(StrikeSimulatorSettings.defaults(KEY).withClock(clock)).start(0);
        client = new StrikeClient(sim.baseUrl(), KEY, Duration.ofSeconds(1), Duration.ofSeconds(2),
                new StrikeRetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20)), clock);
    }

    @AfterEach
    void stop() {
        client.close();
        sim.stop();
    }

    List<String> invoices(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(client.createInvoice("INV-2026-" + (100_000 + i), "Hosting", new BigDecimal("5.00"), "USD").invoiceId());
        }
        return ids;
    }

    @Test
    void hundredInvoicesAreReadInThreeCallsWithTheirOwnStates() {
        // given
        List<String> ids = invoices(100);
        IntStream.range(0, 100).filter(i -> i % 3 == 0).forEach(i -> sim.pay(ids.get(i)));
        int before = sim.apiRequests();

        // when
        Map<String, StrikeInvoice> read = client.getInvoices(ids);

        // then
        assertThat(sim.apiRequests() - before).isEqualTo(3); // 40 + 40 + 20
        assertThat(read.keySet()).containsExactlyElementsOf(ids);
        IntStream.range(0, 100).forEach(i -> assertThat(read.get(ids.get(i)).state())
                .isEqualTo(i % 3 == 0 ? StrikeInvoiceState.PAID : StrikeInvoiceState.UNPAID));
    }

    @Test
    void oneInvoiceIsReadWithAPlainGet() {
        // given
        String id = invoices(1).get(0);
        int before = sim.apiRequests();

        // when
        Map<String, StrikeInvoice> read = client.getInvoices(List.of(id, id));

        // then
        assertThat(read).containsOnlyKeys(id);
        assertThat(sim.apiRequests() - before).isEqualTo(1);
    }

    @Test
    void anIdStrikeDoesNotKnowIsLeftOutAndTheRestAreRead() {
        // given
        List<String> ids = new ArrayList<>(invoices(3));
        ids.add(1, "00000000-0000-4000-8000-000000000000");

        // when
        Map<String, StrikeInvoice> read = client.getInvoices(ids);

        // then
        assertThat(read.keySet()).containsExactly(ids.get(0), ids.get(2), ids.get(3));
    }

    @Test
    void aFirewallRefusingOrFiltersMakesTheClientReadOneACall() {
        // given
        List<String> ids = invoices(5);
        sim.pay(ids.get(4));
        sim.faults().refuseOrFilters(true);
        int before = sim.apiRequests();

        // when
        Map<String, StrikeInvoice> first = client.getInvoices(ids);
        int firstCalls = sim.apiRequests() - before;
        Map<String, StrikeInvoice> second = client.getInvoices(ids);

        // then: one refused list, then five GETs; the next time no list is tried
        assertThat(first.keySet()).containsExactlyElementsOf(ids);
        assertThat(first.get(ids.get(4)).state()).isEqualTo(StrikeInvoiceState.PAID);
        assertThat(firstCalls).isEqualTo(6);
        assertThat(sim.apiRequests() - before - firstCalls).isEqualTo(5);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void otherFailuresOfAListAreThrown() {
        // given
        List<String> ids = invoices(2);
        sim.faults().failNextRequests(10, 500);

        // then
        assertThatThrownBy(() -> client.getInvoices(ids)).isInstanceOf(StrikeUnavailableException.class);
    }
}
