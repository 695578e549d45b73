package org.hostr.billing;

import static org.hostr.db.generated.Tables.INVOICES;

import java.time.Instant;
import java.util.Optional;
import org.hostr.db.generated.tables.records.InvoicesRecord;
import org.jooq.DSLContext;

/** The only code that touches the invoices table. */
final class InvoiceRepository {

    Optional<Invoice> byNumber(DSLContext db, String number) {
        return db.selectFrom(INVOICES).where(INVOICES.NUMBER.eq(number)).fetchOptional().map(InvoiceRepository::toInvoice);
    }

    Optional<Invoice> byId(DSLContext db, long id) {
        return db.selectFrom(INVOICES).where(INVOICES.ID.eq(id)).fetchOptional().map(InvoiceRepository::toInvoice);
    }

    Optional<Invoice> firstOfService(DSLContext db, long serviceId) {
        return db.selectFrom(INVOICES).where(INVOICES.SERVICE_ID.eq(serviceId).and(INVOICES.KIND.eq("NEW")))
                .orderBy(INVOICES.ID).limit(1).fetchOptional().map(InvoiceRepository::toInvoice);
    }

    long insertNew(DSLContext tx, String number, long customerId, long serviceId, long planId, long subtotalMinor,
                   long totalMinor, String currency, Instant now) {
        return insertNew(tx, number, customerId, serviceId, planId, subtotalMinor, 0, 0, null, totalMinor, currency, now);
    }

    long insertNew(DSLContext tx, String number, long customerId, long serviceId, long planId, long subtotalMinor,
                   long discountMinor, long creditMinor, Long promoCodeId, long totalMinor, String currency, Instant now) {
        return tx.insertInto(INVOICES)
                .set(INVOICES.DISCOUNT_MINOR, discountMinor)
                .set(INVOICES.CREDIT_APPLIED_MINOR, creditMinor)
                .set(INVOICES.PROMO_CODE_ID, promoCodeId)
                .set(INVOICES.NUMBER, number)
                .set(INVOICES.CUSTOMER_ID, customerId)
                .set(INVOICES.SERVICE_ID, serviceId)
                .set(INVOICES.KIND, "NEW")
                .set(INVOICES.STATUS, Invoice.UNPAID)
                .set(INVOICES.PLAN_ID, planId)
                .set(INVOICES.SUBTOTAL_MINOR, subtotalMinor)
                .set(INVOICES.TOTAL_MINOR, totalMinor)
                .set(INVOICES.CURRENCY, currency)
                .set(INVOICES.DUE_AT, now)
                .set(INVOICES.CREATED_AT, now)
                .returning(INVOICES.ID)
                .fetchSingle(INVOICES.ID);
    }

    /** The guarded transition: true for exactly one caller, however many settle the same invoice at once. */
    boolean markPaid(DSLContext tx, long invoiceId, Instant now) {
        return tx.update(INVOICES)
                .set(INVOICES.STATUS, Invoice.PAID)
                .set(INVOICES.PAID_AT, now)
                .where(INVOICES.ID.eq(invoiceId).and(INVOICES.STATUS.eq(Invoice.UNPAID)))
                .execute() == 1;
    }

    void setPeriod(DSLContext tx, long invoiceId, Instant from, Instant to) {
        tx.update(INVOICES).set(INVOICES.PERIOD_FROM, from).set(INVOICES.PERIOD_TO, to)
                .where(INVOICES.ID.eq(invoiceId)).execute();
    }

    /**
     * Inserts a RENEWAL or UPGRADE invoice. Empty when the renewal of that period exists already: the partial unique
     * index invoices_renewal_period_uk decides, so two sweeps at once issue one invoice (the caller rolls back to give
     * the claimed number back).
     */
    Optional<Long> insertBilled(DSLContext tx, String kind, String number, long customerId, long serviceId, long planId,
                                long totalMinor, String currency, Instant periodFrom, Instant periodTo, Instant dueAt,
                                Instant now) {
        int inserted = tx.insertInto(INVOICES)
                .set(INVOICES.NUMBER, number)
                .set(INVOICES.CUSTOMER_ID, customerId)
                .set(INVOICES.SERVICE_ID, serviceId)
                .set(INVOICES.KIND, kind)
                .set(INVOICES.STATUS, Invoice.UNPAID)
                .set(INVOICES.PLAN_ID, planId)
                .set(INVOICES.SUBTOTAL_MINOR, totalMinor)
                .set(INVOICES.TOTAL_MINOR, totalMinor)
                .set(INVOICES.CURRENCY, currency)
                .set(INVOICES.PERIOD_FROM, periodFrom)
                .set(INVOICES.PERIOD_TO, periodTo)
                .set(INVOICES.DUE_AT, dueAt)
                .set(INVOICES.CREATED_AT, now)
                .onConflictDoNothing()
                .execute();
        // Not RETURNING: after a skipped insert SQLite's last_insert_rowid() names another row.
        return inserted == 1
                ? Optional.of(tx.select(INVOICES.ID).from(INVOICES).where(INVOICES.NUMBER.eq(number)).fetchSingle(INVOICES.ID))
                : Optional.empty();
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
                .set(SweepTables.INVOICE_REFUNDED_MINOR, SweepTables.INVOICE_REFUNDED_MINOR.plus(amountMinor))
                .where(INVOICES.ID.eq(invoiceId), INVOICES.STATUS.eq(Invoice.PAID),
                        SweepTables.INVOICE_REFUNDED_MINOR.plus(amountMinor).le(INVOICES.TOTAL_MINOR))
                .execute() == 1;
    }

    long refunded(DSLContext db, long invoiceId) {
        return db.select(SweepTables.INVOICE_REFUNDED_MINOR).from(INVOICES).where(INVOICES.ID.eq(invoiceId))
                .fetchSingle(SweepTables.INVOICE_REFUNDED_MINOR);
    }

    /** A customer's invoices, newest first. */
    java.util.List<Invoice> ofCustomer(DSLContext db, long customerId, int limit) {
        return db.selectFrom(INVOICES).where(INVOICES.CUSTOMER_ID.eq(customerId)).orderBy(INVOICES.ID.desc()).limit(limit)
                .fetch(InvoiceRepository::toInvoice);
    }

    private static Invoice toInvoice(InvoicesRecord r) {
        return new Invoice(r.getId(), r.getNumber(), r.getCustomerId(), r.getServiceId(), r.getKind(), r.getStatus(),
                r.getPlanId(), r.getSubtotalMinor(), r.getTotalMinor(), r.getCurrency(), r.getPeriodFrom(), r.getPeriodTo(),
                r.getDueAt(), r.getCreatedAt(), r.getPaidAt(), r.getCancelledAt());
    }
}
