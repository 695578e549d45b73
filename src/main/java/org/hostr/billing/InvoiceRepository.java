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

    private static Invoice toInvoice(InvoicesRecord r) {
        return new Invoice(r.getId(), r.getNumber(), r.getCustomerId(), r.getServiceId(), r.getKind(), r.getStatus(),
                r.getPlanId(), r.getSubtotalMinor(), r.getTotalMinor(), r.getCurrency(), r.getPeriodFrom(), r.getPeriodTo(),
                r.getDueAt(), r.getCreatedAt(), r.getPaidAt(), r.getCancelledAt());
    }
}
