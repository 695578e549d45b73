package org.hostr.payments;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.hostr.billing.Invoice;
import org.hostr.billing.InvoiceService;
import org.hostr.db.Database;
import org.hostr.payments.strike.StrikeApiException;
import org.hostr.payments.strike.StrikeClient;
import org.hostr.payments.strike.StrikeInvoice;
import org.hostr.payments.strike.StrikeInvoiceState;
import org.hostr.payments.strike.StrikeQuote;
import org.hostr.payments.strike.StrikeUnavailableException;
import org.hostr.web.ApiError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an UNPAID invoice into something a wallet can pay: one Strike invoice per our invoice (correlationId = our
 * number), and a quote (BOLT11) that is renewed on the same Strike invoice whenever it expires.
 */
public final class PaymentService {
    private static final Logger log = LoggerFactory.getLogger(PaymentService.class);
    /** A BOLT11 about to expire is not worth showing: the payer's wallet needs a few seconds to send it. */
    static final Duration QUOTE_MARGIN = Duration.ofSeconds(3);
    private static final BigDecimal SATS_PER_BTC = BigDecimal.valueOf(100_000_000L);

    private final Database database;
    private final InvoiceService invoices;
    private final StrikeClient strike;
    private final SettlementService settlement;
    private final Clock clock;
    private final PaymentRepository payments = new PaymentRepository();

    public PaymentService(Database database, InvoiceService invoices, StrikeClient strike, SettlementService settlement,
                          Clock clock) {
        this.database = database;
        this.invoices = invoices;
        this.strike = strike;
        this.settlement = settlement;
        this.clock = clock;
    }

    /**
     * The BOLT11 to pay this customer's invoice with: the stored one while it is live, else a new quote.
     *
     * @throws ApiError 404 (not theirs), 409 already_paid / cancelled, 503 payment_provider_unavailable
     */
    public PaymentRequest pay(long customerId, String invoiceNumber) {
        Invoice invoice = invoices.forOwner(customerId, invoiceNumber);
        requireUnpaid(invoice);
        Payment payment = payments.ensure(database.dsl(), invoice.id(), clock.instant());
        switch (payment.state()) {
            case PAID -> { return new PaymentRequest(null, payment.amountSats(), null, Invoice.PAID); }
            case CANCELLED -> throw ApiError.conflict("cancelled", "the payment for invoice " + invoiceNumber
                    + " was cancelled at the payment provider; contact support");
            default -> { }
        }
        if (payment.state() == PaymentState.UNPAID && payment.quoteLive(clock.instant(), QUOTE_MARGIN)) {
            return new PaymentRequest(payment.bolt11(), payment.amountSats(), payment.quoteExpiresAt(), Invoice.UNPAID);
        }
        try {
            if (payment.providerInvoiceId() == null) {
                return firstQuote(invoice, payment);
            }
            return renewQuote(invoice, payment);
        } catch (StrikeUnavailableException e) {
            log.warn("strike unavailable while paying invoice {}: {}", invoiceNumber, e.getMessage());
            throw new ApiError(503, "payment_provider_unavailable",
                    "the payment provider is not answering; try again in a minute (nothing was charged)");
        }
    }

    /** The invoice and its payment, for the pay page's polling. */
    public InvoiceStatus status(long customerId, String invoiceNumber) {
        Invoice invoice = invoices.forOwner(customerId, invoiceNumber);
        InvoiceStatus.PaymentView view = payments.forInvoice(database.dsl(), invoice.id())
                .map(p -> new InvoiceStatus.PaymentView(p.state().name(), p.bolt11(), p.amountSats(), p.quoteExpiresAt()))
                .orElse(null);
        return new InvoiceStatus(invoice.number(), invoice.status(), invoice.kind(), invoice.totalMinor(), invoice.currency(),
                invoice.dueAt(), invoice.paidAt(), view);
    }

    private PaymentRequest firstQuote(Invoice invoice, Payment payment) {
        // createInvoice looks its correlationId up before ever posting twice, so retrying after a crash or a 5xx
        // finds the Strike invoice made the first time instead of making another.
        StrikeInvoice created = strike.createInvoice(invoice.number(), "Hosting invoice " + invoice.number(),
                invoice.total().toDecimal(), invoice.currency());
        payments.setProviderInvoice(database.dsl(), payment.id(), created.invoiceId(), clock.instant());
        log.info("invoice {}: strike invoice {} created", invoice.number(), created.invoiceId());
        Payment stored = payments.forInvoice(database.dsl(), invoice.id()).orElseThrow();
        if (created.state() != StrikeInvoiceState.UNPAID && created.state() != StrikeInvoiceState.UNKNOWN) {
            return reflect(invoice, stored);
        }
        return quote(invoice, stored);
    }

    /** An expired quote is not an unpaid bill: ask Strike how the invoice stands, then quote it again if still open. */
    private PaymentRequest renewQuote(Invoice invoice, Payment payment) {
        StrikeInvoice current = strike.getInvoice(payment.providerInvoiceId());
        if (current.state() != StrikeInvoiceState.UNPAID) {
            return reflect(invoice, payment);
        }
        return quote(invoice, payment);
    }

    private PaymentRequest quote(Invoice invoice, Payment payment) {
        StrikeQuote quote;
        try {
            quote = strike.createQuote(payment.providerInvoiceId());
        } catch (StrikeApiException e) {
            if (e.status() == 422) { // paid or cancelled between our look and the quote
                return reflect(invoice, payment);
            }
            throw e;
        }
        long sats = sats(quote);
        BigDecimal rate = quote.conversionRate() == null ? null : quote.conversionRate().amount();
        payments.setQuote(database.dsl(), payment.id(), quote.lnInvoice(), quote.quoteId(), quote.expiration(), sats, rate,
                clock.instant());
        log.debug("invoice {}: new quote {} for {} sats until {}", invoice.number(), quote.quoteId(), sats, quote.expiration());
        return new PaymentRequest(quote.lnInvoice(), sats, quote.expiration(), Invoice.UNPAID);
    }

    /** Strike's invoice is no longer UNPAID: settle from what Strike says and report that instead of a quote. */
    private PaymentRequest reflect(Invoice invoice, Payment payment) {
        Settlement outcome = settlement.settle(payment.providerInvoiceId());
        return switch (outcome) {
            case SETTLED, ALREADY_SETTLED -> new PaymentRequest(null, payment.amountSats(), null, Invoice.PAID);
            case PENDING -> new PaymentRequest(null, payment.amountSats(), null, PaymentState.PENDING.name());
            case CANCELLED -> throw ApiError.conflict("cancelled", "the payment for invoice " + invoice.number()
                    + " was cancelled at the payment provider; contact support");
            default -> throw new ApiError(503, "payment_provider_unavailable",
                    "the payment provider could not quote invoice " + invoice.number() + " right now; try again");
        };
    }

    private static void requireUnpaid(Invoice invoice) {
        if (Invoice.PAID.equals(invoice.status())) {
            throw ApiError.conflict("already_paid", "invoice " + invoice.number() + " is already paid");
        }
        if (Invoice.CANCELLED.equals(invoice.status())) {
            throw ApiError.conflict("cancelled", "invoice " + invoice.number() + " was cancelled");
        }
    }

    /** What the payer sends, in sats: the quote's BTC source amount × 10^8, rounded up so Strike is never short. */
    static long sats(StrikeQuote quote) {
        BigDecimal btc = quote.sourceAmount() == null ? null : quote.sourceAmount().amount();
        if (btc == null) {
            throw new IllegalStateException("strike quote " + quote.quoteId() + " has no source amount");
        }
        return btc.multiply(SATS_PER_BTC).setScale(0, RoundingMode.CEILING).longValueExact();
    }
}
