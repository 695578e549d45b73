package org.hostr.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hostr.payments.strike.StrikeApiException;
import org.hostr.payments.strike.StrikeInvoice;
import org.hostr.payments.strike.StrikeInvoiceState;
import org.hostr.payments.strike.StrikeUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StrikeInvoiceReadsTest {
    final ExecutorService threads = Executors.newCachedThreadPool();
    /** The id lists of every call made, in order. */
    final List<List<String>> calls = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    static StrikeInvoice paid(String id) {
        return new StrikeInvoice(id, "INV-" + id, "", null, StrikeInvoiceState.PAID, Instant.EPOCH, "", "", null);
    }

    static Map<String, StrikeInvoice> all(List<String> ids) {
        Map<String, StrikeInvoice> out = new LinkedHashMap<>();
        ids.forEach(id -> out.put(id, paid(id)));
        return out;
    }

    @Test
    void aReadAloneIsOneCallForItsOwnId() {
        StrikeInvoiceReads reads = new StrikeInvoiceReads(ids -> {
            calls.add(ids);
            return all(ids);
        });

        assertThat(reads.get("a").invoiceId()).isEqualTo("a");
        assertThat(reads.get("b").invoiceId()).isEqualTo("b");
        assertThat(calls).containsExactly(List.of("a"), List.of("b"));
    }

    @Test
    void readsAskedForDuringACallGoTogetherInTheNextCall() throws Exception {
        // given: the first call is held until ten more reads wait behind it
        CountDownLatch firstCallStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstCall = new CountDownLatch(1);
        StrikeInvoiceReads reads = new StrikeInvoiceReads(ids -> {
            calls.add(ids);
            if (calls.size() == 1) {
                firstCallStarted.countDown();
                await(releaseFirstCall);
            }
            return all(ids);
        });
        Future<StrikeInvoice> first = threads.submit(() -> reads.get("first"));
        await(firstCallStarted);
        List<Future<StrikeInvoice>> later = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String id = "later-" + i;
            later.add(threads.submit(() -> reads.get(id)));
        }
        Thread.sleep(200); // the ten reach the wait

        // when
        releaseFirstCall.countDown();

        // then
        assertThat(first.get(5, TimeUnit.SECONDS).invoiceId()).isEqualTo("first");
        for (int i = 0; i < 10; i++) {
            assertThat(later.get(i).get(5, TimeUnit.SECONDS).invoiceId()).isEqualTo("later-" + i);
        }
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0)).containsExactly("first");
        assertThat(calls.get(1)).hasSize(10).allMatch(id -> id.startsWith("later-"));
    }

    @Test
    void anIdStrikeDoesNotKnowIsA404ForThatReadOnly() {
        StrikeInvoiceReads reads = new StrikeInvoiceReads(ids -> Map.of());

        assertThatThrownBy(() -> reads.get("unknown"))
                .isInstanceOfSatisfying(StrikeApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void aFailedCallFailsEveryReadItCarriedAndTheNextCallIsTriedAfresh() {
        StrikeUnavailableException down = new StrikeUnavailableException("Strike is down", 503, "SERVICE_UNAVAILABLE", null, true, 0, null);
        List<Boolean> failNext = new CopyOnWriteArrayList<>(List.of(true));
        StrikeInvoiceReads reads = new StrikeInvoiceReads(ids -> {
            calls.add(ids);
            if (failNext.remove(Boolean.TRUE)) {
                throw down;
            }
            return all(ids);
        });

        assertThatThrownBy(() -> reads.get("a")).isSameAs(down);
        assertThat(reads.get("a").state()).isEqualTo(StrikeInvoiceState.PAID);
        assertThat(calls).hasSize(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
