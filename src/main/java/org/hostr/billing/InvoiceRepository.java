package org.hostr.billing;

import static org.hostr.db.RenderedQuery.param;
import static org.hostr.db.RenderedQuery.stored;
import static org.hostr.db.generated.Tables.INVOICES;
import static org.hostr.db.generated.Tables.PLANS;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.hostr.db.RenderedQuery;
import org.hostr.db.generated.tables.records.InvoicesRecord;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** The only code that touches the invoices table. */
final class InvoiceRepository {
    // Rendered once (see RenderedQuery): every settlement reads its invoice.
    private static final RenderedQuery BY_ID = RenderedQuery.of(d -> d.selectFrom(INVOICES).where(INVOICES.ID.eq(param(INVOICES.ID))));
    private static final Field<?>[] SETTLING_FIELDS = Stream.concat(Stream.of(INVOICES.fields()), Stream.of(PLANS.PERIOD))
            .toArray(Field<?>[]::new);
    private static final RenderedQuery FOR_SETTLEMENT = RenderedQuery.of(d -> d.select(SETTLING_FIELDS).from(INVOICES)
            .leftJoin(PLANS).on(PLANS.ID.eq(INVOICES.PLAN_ID)).where(INVOICES.ID.eq(param(INVOICES.ID))));
    private static final RenderedQuery MARK_PAID = RenderedQuery.of(d -> d.update(INVOICES)
            .set(INVOICES.STATUS, param(INVOICES.STATUS))
            .set(INVOICES.PAID_AT, param(INVOICES.PAID_AT))
            .set(INVOICES.PERIOD_FROM, DSL.coalesce(param(INVOICES.PERIOD_FROM), INVOICES.PERIOD_FROM))
            .set(INVOICES.PERIOD_TO, DSL.coalesce(param(INVOICES.PERIOD_TO), INVOICES.PERIOD_TO))
            .where(INVOICES.ID.eq(param(INVOICES.ID)).and(INVOICES.STATUS.eq(param(INVOICES.STATUS)))));

    Optional<Invoice> byNumber(DSLContext db, String number) {
        return db.selectFrom(INVOICES).where(INVOICES.NUMBER.eq(number)).fetchOptional().map(InvoiceRepository::toInvoice);
    }

    Optional<Invoice> byId(DSLContext db, long id) {
        return BY_ID.fetchOptional(db, INVOICES, id).map(InvoiceRepository::toInvoice);
    }

    Optional<Invoice> firstOfService(DSLContext db, long serviceId) {
        return db.selectFrom(INVOICES).where(INVOICES.SERVICE_ID.eq(serviceId).and(INVOICES.KIND.eq("NEW")))
                .orderBy(INVOICES.ID).limit(1).fetchOptional().map(InvoiceRepository::toInvoice);
    }

    long insertNew(DSLContext tx, String number, long customerId, long serviceId, long planId, InvoiceAmounts amounts,
                   Long promoCodeId, String currency, Instant now) {
        return tx.insertInto(INVOICES)
                .set(INVOICES.DISCOUNT_MINOR, amounts.discountMinor())
                .set(INVOICES.CREDIT_APPLIED_MINOR, amounts.creditMinor())
                .set(INVOICES.PROMO_CODE_ID, promoCodeId)
                .set(INVOICES.NUMBER, number)
                .set(INVOICES.CUSTOMER_ID, customerId)
                .set(INVOICES.SERVICE_ID, serviceId)
                .set(INVOICES.KIND, "NEW")
                .set(INVOICES.STATUS, Invoice.UNPAID)
                .set(INVOICES.PLAN_ID, planId)
                .set(INVOICES.SUBTOTAL_MINOR, amounts.subtotalMinor())
                .set(INVOICES.TOTAL_MINOR, amounts.totalMinor())
                .set(INVOICES.CURRENCY, currency)
                .set(INVOICES.DUE_AT, now)
                .set(INVOICES.CREATED_AT, now)
                .returning(INVOICES.ID)
                .fetchSingle(INVOICES.ID);
    }

    /** The guarded transition: true for exactly one caller, however many settle the same invoice at once. */
    /** UNPAID → PAID, guarded by the status; a first invoice also gets the period it starts (null: left as it is). */
    boolean markPaid(DSLContext tx, long invoiceId, Instant now, Instant periodFrom, Instant periodTo) {
        return MARK_PAID.execute(tx, Invoice.PAID, stored(INVOICES.PAID_AT, now), stored(INVOICES.PERIOD_FROM, periodFrom),
                stored(INVOICES.PERIOD_TO, periodTo), invoiceId, Invoice.UNPAID) == 1;
    }

    /** An invoice about to be settled, with its plan's billing period and its promo code (one read for both). */
    record Settling(Invoice invoice, String planPeriod, Long promoCodeId) {
    }

    Optional<Settling> forSettlement(DSLContext tx, long invoiceId) {
        return FOR_SETTLEMENT.fetchOptional(tx, SETTLING_FIELDS, invoiceId).map(row -> new Settling(
                toInvoice(row.into(INVOICES)), row.get(PLANS.PERIOD), row.get(INVOICES.PROMO_CODE_ID)));
    }

    /** A RENEWAL or UPGRADE invoice to insert: the period it pays for, due at {@code dueAt}. */
    record Billed(String kind, String number, long customerId, long serviceId, long planId, InvoiceAmounts amounts,
                  Long promoCodeId, String currency, Instant periodFrom, Instant periodTo, Instant dueAt) {
    }

    /**
     * Inserts RENEWAL and UPGRADE invoices as one JDBC batch of one prepared statement (SQLite compiles it once; a
     * multi-row INSERT would be compiled again for every few dozen rows), and returns how many went in. A renewal whose
     * period has an invoice already is skipped: the partial unique index invoices_renewal_period_uk decides, so two
     * sweeps at once issue one invoice per period (a caller that sees fewer rows than it sent rolls back to give the
     * numbers back).
     */
    int insertAll(DSLContext tx, List<Billed> invoices, Instant now) {
        if (invoices.isEmpty()) {
            return 0;
        }
        var insert = tx.insertInto(INVOICES, INVOICES.NUMBER, INVOICES.CUSTOMER_ID, INVOICES.SERVICE_ID, INVOICES.KIND,
                        INVOICES.STATUS, INVOICES.PLAN_ID, INVOICES.SUBTOTAL_MINOR, INVOICES.DISCOUNT_MINOR,
                        INVOICES.CREDIT_APPLIED_MINOR, INVOICES.TOTAL_MINOR, INVOICES.CURRENCY, INVOICES.PROMO_CODE_ID,
                        INVOICES.PERIOD_FROM, INVOICES.PERIOD_TO, INVOICES.DUE_AT, INVOICES.CREATED_AT)
                .values(Arrays.asList(bindValues(invoices.get(0), now)))
                .onConflictDoNothing();
        BatchBindStep batch = tx.batch(insert);
        for (Billed invoice : invoices) {
            batch = batch.bind(bindValues(invoice, now));
        }
        int[] counts = batch.execute();
        if (Arrays.stream(counts).allMatch(n -> n >= 0)) {
            return Arrays.stream(counts).sum();
        }
        // The driver did not count per row (PostgreSQL with reWriteBatchedInserts): count what is there.
        return tx.fetchCount(INVOICES, INVOICES.NUMBER.in(invoices.stream().map(Billed::number).toList()));
    }

    private static Object[] bindValues(Billed i, Instant now) {
        return new Object[] {i.number(), i.customerId(), i.serviceId(), i.kind(), Invoice.UNPAID, i.planId(),
                i.amounts().subtotalMinor(), i.amounts().discountMinor(), i.amounts().creditMinor(),
                i.amounts().totalMinor(), i.currency(), i.promoCodeId(), i.periodFrom(), i.periodTo(), i.dueAt(), now};
    }

    /** Ids of the invoices numbered {@code numbers}. (Not RETURNING: SQLite reports one id per multi-row insert.) */
    List<Long> idsOf(DSLContext tx, Collection<String> numbers) {
        return numbers.isEmpty() ? List.of()
                : tx.select(INVOICES.ID).from(INVOICES).where(INVOICES.NUMBER.in(numbers)).orderBy(INVOICES.ID)
                        .fetch(INVOICES.ID);
    }

    /** UNPAID → CANCELLED; false when the invoice was not UNPAID. */
    boolean cancel(DSLContext tx, long invoiceId, Instant now) {
        return tx.update(INVOICES).set(INVOICES.STATUS, Invoice.CANCELLED).set(INVOICES.CANCELLED_AT, now)
                .where(INVOICES.ID.eq(invoiceId).and(INVOICES.STATUS.eq(Invoice.UNPAID)))
                .execute() == 1;
    }

    /** Adds to a PAID invoice's refunded amount, never beyond its total; false when that would exceed it. */
    boolean addRefund(DSLContext tx, long invoiceId, long amountMinor) {
        return tx.update(INVOICES)
                .set(INVOICES.REFUNDED_MINOR, INVOICES.REFUNDED_MINOR.plus(amountMinor))
                .where(INVOICES.ID.eq(invoiceId), INVOICES.STATUS.eq(Invoice.PAID),
                        INVOICES.REFUNDED_MINOR.plus(amountMinor).le(INVOICES.TOTAL_MINOR))
                .execute() == 1;
    }

    long refunded(DSLContext db, long invoiceId) {
        return db.select(INVOICES.REFUNDED_MINOR).from(INVOICES).where(INVOICES.ID.eq(invoiceId))
                .fetchSingle(INVOICES.REFUNDED_MINOR);
    }

    /** A customer's invoices, newest first. */
    List<Invoice> ofCustomer(DSLContext db, long customerId, int limit) {
        return db.selectFrom(INVOICES).where(INVOICES.CUSTOMER_ID.eq(customerId)).orderBy(INVOICES.ID.desc()).limit(limit)
                .fetch(InvoiceRepository::toInvoice);
    }

    private static Invoice toInvoice(InvoicesRecord r) {
        return new Invoice(r.getId(), r.getNumber(), r.getCustomerId(), r.getServiceId(), r.getKind(), r.getStatus(),
                r.getPlanId(), r.getSubtotalMinor(), r.getTotalMinor(), r.getCurrency(), r.getPeriodFrom(), r.getPeriodTo(),
                r.getDueAt(), r.getCreatedAt(), r.getPaidAt(), r.getCancelledAt());
    }
}
