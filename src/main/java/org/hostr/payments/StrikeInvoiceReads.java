package org.hostr.payments;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.hostr.payments.strike.StrikeApiException;
import org.hostr.payments.strike.StrikeInvoice;

/**
 * Settlements' reads of Strike invoices, merged across threads: while one call to Strike is out, the ids asked for
 * meanwhile wait, and the next call takes them all ({@link org.hostr.payments.strike.StrikeClient#getInvoices}, one
 * list call per 40). Nothing waits on purpose: a read made while no call is out goes at once, as a plain GET when it
 * is alone, so a quiet shop reads as fast as before, and a burst of webhooks costs a few list calls instead of one
 * call each against Strike's limit of 1,000 reads in 10 minutes.
 */
final class StrikeInvoiceReads {
    private final Function<List<String>, Map<String, StrikeInvoice>> fetch;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition callEnded = lock.newCondition();
    private final ArrayDeque<Read> waiting = new ArrayDeque<>();
    private boolean calling;

    /** @param fetch the invoices Strike has among the ids given (those it does not know left out); may throw */
    StrikeInvoiceReads(Function<List<String>, Map<String, StrikeInvoice>> fetch) {
        this.fetch = fetch;
    }

    private static final class Read {
        final String invoiceId;
        StrikeInvoice invoice;
        RuntimeException failure;
        boolean done;

        Read(String invoiceId) {
            this.invoiceId = invoiceId;
        }
    }

    /**
     * The invoice as Strike has it now: read after this call began, alone or with others.
     *
     * @throws StrikeApiException 404 NOT_FOUND when Strike does not know the id
     * @throws RuntimeException   what the call to Strike threw, for every read it carried
     */
    StrikeInvoice get(String invoiceId) {
        Read mine = new Read(invoiceId);
        List<Read> batch = new ArrayList<>();
        lock.lock();
        try {
            waiting.add(mine);
            while (calling && !mine.done) {
                callEnded.awaitUninterruptibly();
            }
            if (mine.done) {
                return outcome(mine);
            }
            // No call is out: this thread makes the next one, for every read waiting (its own among them).
            calling = true;
            batch.addAll(waiting);
            waiting.clear();
        } finally {
            lock.unlock();
        }
        Map<String, StrikeInvoice> found = null;
        RuntimeException failure = null;
        try {
            found = fetch.apply(batch.stream().map(read -> read.invoiceId).distinct().toList());
        } catch (RuntimeException e) {
            failure = e;
        }
        lock.lock();
        try {
            for (Read read : batch) {
                read.invoice = found == null ? null : found.get(read.invoiceId);
                read.failure = failure;
                read.done = true;
            }
            calling = false;
            callEnded.signalAll();
        } finally {
            lock.unlock();
        }
        return outcome(mine);
    }

    private static StrikeInvoice outcome(Read read) {
        if (read.failure != null) {
            throw read.failure;
        }
        if (read.invoice == null) {
            throw new StrikeApiException("Strike has no invoice " + read.invoiceId, 404, "NOT_FOUND", null, Map.of());
        }
        return read.invoice;
    }
}
