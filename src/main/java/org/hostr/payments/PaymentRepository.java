package org.hostr.payments;

import static org.hostr.db.RenderedQuery.param;
import static org.hostr.db.RenderedQuery.stored;
import static org.hostr.db.generated.Tables.PAYMENTS;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hostr.db.RenderedQuery;
import org.hostr.db.generated.tables.records.PaymentsRecord;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The only code that touches the payments table. */
final class PaymentRepository {
    static final String STRIKE = "STRIKE";
    // Rendered once (see RenderedQuery): every settlement starts here.
    private static final RenderedQuery BY_PROVIDER_INVOICE = RenderedQuery.of(d -> d.selectFrom(PAYMENTS)
            .where(PAYMENTS.PROVIDER.eq(param(PAYMENTS.PROVIDER)).and(PAYMENTS.PROVIDER_INVOICE_ID.eq(param(PAYMENTS.PROVIDER_INVOICE_ID)))));

    private static final RenderedQuery MARK_PAID = RenderedQuery.of(d -> d.update(PAYMENTS)
            .set(PAYMENTS.STATE, DSL.inline(PaymentState.PAID.name()))
            .set(PAYMENTS.UPDATED_AT, param(PAYMENTS.UPDATED_AT))
            .set(PAYMENTS.PAID_AT, param(PAYMENTS.PAID_AT))
            .where(PAYMENTS.ID.eq(param(PAYMENTS.ID)))
            .and(PAYMENTS.STATE.in(DSL.inline(PaymentState.CREATING.name()), DSL.inline(PaymentState.UNPAID.name()),
                    DSL.inline(PaymentState.PENDING.name()))));

    /** The row for (invoice, STRIKE), created in state CREATING if absent; the unique constraint keeps it to one. */
    Payment ensure(DSLContext db, long invoiceId, Instant now) {
        db.insertInto(PAYMENTS)
                .set(PAYMENTS.INVOICE_ID, invoiceId)
                .set(PAYMENTS.PROVIDER, STRIKE)
                .set(PAYMENTS.STATE, PaymentState.CREATING.name())
                .set(PAYMENTS.CREATED_AT, now)
                .set(PAYMENTS.UPDATED_AT, now)
                .onConflict(PAYMENTS.INVOICE_ID, PAYMENTS.PROVIDER)
                .doNothing()
                .execute();
        return forInvoice(db, invoiceId).orElseThrow();
    }

    Optional<Payment> forInvoice(DSLContext db, long invoiceId) {
        return db.selectFrom(PAYMENTS).where(PAYMENTS.INVOICE_ID.eq(invoiceId).and(PAYMENTS.PROVIDER.eq(STRIKE)))
                .fetchOptional().map(PaymentRepository::toPayment);
    }

    /** Strike invoices of payments still open and touched since {@code since}: what the reconciler asks Strike about. */
    List<String> openProviderInvoiceIds(DSLContext db, Instant since, int limit) {
        return db.select(PAYMENTS.PROVIDER_INVOICE_ID).from(PAYMENTS)
                .where(PAYMENTS.PROVIDER.eq(STRIKE)
                        .and(PAYMENTS.PROVIDER_INVOICE_ID.isNotNull())
                        .and(PAYMENTS.STATE.in(PaymentState.CREATING.name(), PaymentState.UNPAID.name(), PaymentState.PENDING.name()))
                        .and(PAYMENTS.UPDATED_AT.ge(since)))
                .orderBy(PAYMENTS.UPDATED_AT.desc())
                .limit(limit)
                .fetch(PAYMENTS.PROVIDER_INVOICE_ID);
    }

    Optional<Payment> byProviderInvoiceId(DSLContext db, String providerInvoiceId) {
        return BY_PROVIDER_INVOICE.fetchOptional(db, PAYMENTS, STRIKE, providerInvoiceId)
                .map(PaymentRepository::toPayment);
    }

    /** Stored before any quote is asked for, so a crash after this point never leads to a second Strike invoice. */
    void setProviderInvoice(DSLContext db, long paymentId, String providerInvoiceId, Instant now) {
        db.update(PAYMENTS)
                .set(PAYMENTS.PROVIDER_INVOICE_ID, providerInvoiceId)
                .set(PAYMENTS.UPDATED_AT, now)
                .where(PAYMENTS.ID.eq(paymentId).and(PAYMENTS.PROVIDER_INVOICE_ID.isNull()))
                .execute();
    }

    /** A new quote (Strike said the invoice is UNPAID, so a PENDING seen earlier is over); never overwrites PAID. */
    void setQuote(DSLContext db, long paymentId, String bolt11, String quoteId, Instant expiresAt, long amountSats,
                  BigDecimal rate, Instant now) {
        db.update(PAYMENTS)
                .set(PAYMENTS.BOLT11, bolt11)
                .set(PAYMENTS.QUOTE_ID, quoteId)
                .set(PAYMENTS.QUOTE_EXPIRES_AT, expiresAt)
                .set(PAYMENTS.AMOUNT_SATS, amountSats)
                .set(PAYMENTS.RATE, rate == null ? null : rate.toPlainString())
                .set(PAYMENTS.STATE, PaymentState.UNPAID.name())
                .set(PAYMENTS.UPDATED_AT, now)
                .where(PAYMENTS.ID.eq(paymentId).and(PAYMENTS.STATE.in(PaymentState.CREATING.name(), PaymentState.UNPAID.name(),
                        PaymentState.PENDING.name())))
                .execute();
    }

    /** An open payment (CREATING, UNPAID or PENDING) → PAID, in the settling transaction; true when it moved. */
    boolean markPaid(DSLContext tx, long paymentId, Instant now) {
        return MARK_PAID.execute(tx, stored(PAYMENTS.UPDATED_AT, now), stored(PAYMENTS.PAID_AT, now), paymentId) == 1;
    }

    /** Moves to {@code to} only from one of {@code from}; PAID is never left, and is reached only through {@link #markPaid}. */
    boolean moveState(DSLContext db, long paymentId, List<PaymentState> from, PaymentState to, Instant now) {
        return db.update(PAYMENTS).set(PAYMENTS.STATE, to.name()).set(PAYMENTS.UPDATED_AT, now)
                .where(PAYMENTS.ID.eq(paymentId).and(PAYMENTS.STATE.in(from.stream().map(Enum::name).toList())))
                .execute() == 1;
    }

    private static Payment toPayment(PaymentsRecord r) {
        return new Payment(r.getId(), r.getInvoiceId(), r.getProvider(), r.getProviderInvoiceId(),
                PaymentState.valueOf(r.getState()), r.getBolt11(), r.getQuoteId(), r.getQuoteExpiresAt(), r.getAmountSats(),
                r.getPaidAt());
    }
}
