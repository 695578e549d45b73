package org.hostr.sim.strike;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Strike: the receive-side API over real HTTP on a loopback port, signed webhooks with Strike's retry rules,
 * and switches for the failures the real one has. Used by tests and by {@code hostr demo}.
 *
 * <pre>{@code
 * StrikeSimulator sim = new StrikeSimulator(StrikeSimulatorSettings.defaults("test-key")).start(0);
 * // point a StrikeClient at sim.baseUrl() with key "test-key", create an invoice, then:
 * sim.pay(invoiceId);          // UNPAID -> PENDING -> PAID, an invoice.updated webhook for each step
 * sim.stop();
 * }</pre>
 *
 * <p>Besides Strike's {@code /v1} routes it answers {@code POST /sim/invoices/{id}/pay[?hold=true]},
 * {@code POST /sim/invoices/{id}/pending}, {@code POST /sim/lightning/pay {"lnInvoice"}}, {@code GET|POST|DELETE
 * /sim/faults} and {@code GET /sim/stats}.
 */
public final class StrikeSimulator implements AutoCloseable {
    static {
        // The JDK server writes headers and body in separate packets; without TCP_NODELAY, delayed ACKs add ~40 ms to
        // every answer, and the simulator, not Hostr, would set the pace of every test and benchmark. Read once, at
        // the first HttpServer, so it is set here before any is made.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final Logger log = LoggerFactory.getLogger(StrikeSimulator.class);
    private static final int HTTP_THREADS = 8;

    private final StrikeSimulatorSettings settings;
    private final StrikeSimFaults faults;
    private final WebhookDispatcher webhooks;
    private final SimLedger ledger;
    private final SimHttp front;
    private HttpServer server;
    private ExecutorService httpThreads;
    private boolean stopped;

    public StrikeSimulator(StrikeSimulatorSettings settings) {
        this.settings = settings;
        this.faults = new StrikeSimFaults(this::releaseHeldWebhooks);
        SimRates rates = new SimRates(settings.btcPrices());
        this.webhooks = new WebhookDispatcher(faults, settings, this::markDelivered);
        this.ledger = new SimLedger(rates, settings.quoteLifetime(), settings.uniqueCorrelationIds(), settings.clock(),
                webhooks::publish);
        this.front = new SimHttp(new SimApiRoutes(ledger, rates).router(), new SimControlRoutes(this, ledger).router(),
                settings.apiKey(), faults);
    }

    /** Listens on 127.0.0.1; port 0 picks a free one (see {@link #baseUrl()}). */
    public synchronized StrikeSimulator start(int port) {
        if (server != null || stopped) {
            throw new IllegalStateException("a Strike simulator starts once: create a new one instead");
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("the Strike simulator cannot listen on port " + port + ": " + e.getMessage(), e);
        }
        AtomicInteger n = new AtomicInteger();
        httpThreads = Executors.newFixedThreadPool(HTTP_THREADS, r -> {
            Thread t = new Thread(r, "strike-sim-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(httpThreads);
        server.createContext("/", front);
        server.start();
        log.info("strike sim: listening at {}", baseUrl());
        return this;
    }

    /** Stops listening and abandons webhooks still waiting for a retry. The instance cannot be started again. */
    public synchronized void stop() {
        if (server != null && !stopped) {
            server.stop(0);
            httpThreads.shutdownNow();
        }
        stopped = true;
        webhooks.shutdown();
    }

    @Override
    public void close() {
        stop();
    }

    /** e.g. {@code http://127.0.0.1:41234} — what StrikeClient takes as its base URL. */
    public synchronized String baseUrl() {
        if (server == null || stopped) {
            throw new IllegalStateException("the Strike simulator is not running: call start(port) on a new one");
        }
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public StrikeSimulatorSettings settings() {
        return settings;
    }

    public StrikeSimFaults faults() {
        return faults;
    }

    /**
     * The payer pays: UNPAID → PENDING → PAID (PENDING → PAID if already pending), one webhook per step.
     *
     * @throws SimError 404 for an unknown invoice, 422 for one that is PAID or CANCELLED
     */
    public SimInvoiceState pay(String invoiceId) {
        return pay(invoiceId, false);
    }

    /** With {@code hold}, the payment stays in flight: the invoice stops at PENDING. */
    public SimInvoiceState pay(String invoiceId, boolean hold) {
        return ledger.pay(invoiceId, hold).state();
    }

    /** Pays through a BOLT11 the simulator issued, as a wallet would; fails if that quote has expired. */
    public SimInvoiceState payLnInvoice(String lnInvoice) {
        return ledger.payLnInvoice(lnInvoice).state();
    }

    public SimInvoiceState markPending(String invoiceId) {
        return ledger.markPending(invoiceId).state();
    }

    public int invoiceCount() {
        return ledger.invoices().size();
    }

    public Optional<SimInvoiceState> invoiceState(String invoiceId) {
        return ledger.invoice(invoiceId).map(SimInvoice::state);
    }

    /** Strike API calls received, including refused ones; {@code /sim} calls are not counted. */
    public int apiRequests() {
        return front.apiRequests();
    }

    /** Webhook POSTs made, retries and duplicates included. */
    public int webhooksAttempted() {
        return webhooks.attempted();
    }

    public int webhooksDelivered() {
        return webhooks.delivered();
    }

    /** Webhooks not sent because {@link StrikeSimFaults#dropWebhooks} was on. */
    public int webhooksDropped() {
        return webhooks.dropped();
    }

    private void markDelivered(String eventId) {
        ledger.markDelivered(eventId);
    }

    private void releaseHeldWebhooks() {
        webhooks.releaseHeld();
    }
}
