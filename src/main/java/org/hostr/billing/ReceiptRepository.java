package org.hostr.billing;

import static org.hostr.db.generated.Tables.INVOICES;
import static org.hostr.db.generated.Tables.PAYMENTS;
import static org.hostr.db.generated.Tables.SERVICES;

import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Reads a paid invoice with its Lightning payment in one query. payments is the payments feature's table; it offers
 * no read of it yet, so this join is the one place billing looks at it (move it behind PaymentService when it does).
 */
final class ReceiptRepository {

    Optional<Receipt> paid(DSLContext db, long customerId, String number) {
        return db.select(INVOICES.NUMBER, INVOICES.KIND, INVOICES.SUBTOTAL_MINOR, INVOICES.DISCOUNT_MINOR,
                        INVOICES.CREDIT_APPLIED_MINOR, INVOICES.TOTAL_MINOR, INVOICES.REFUNDED_MINOR,
                        INVOICES.CURRENCY, INVOICES.PERIOD_FROM, INVOICES.PERIOD_TO, INVOICES.PAID_AT,
                        PAYMENTS.AMOUNT_SATS, PAYMENTS.PROVIDER_INVOICE_ID, SERVICES.DOMAIN)
                .from(INVOICES)
                .join(SERVICES).on(SERVICES.ID.eq(INVOICES.SERVICE_ID))
                .leftJoin(PAYMENTS).on(PAYMENTS.INVOICE_ID.eq(INVOICES.ID), PAYMENTS.STATE.eq("PAID"))
                .where(INVOICES.NUMBER.eq(number), INVOICES.CUSTOMER_ID.eq(customerId), INVOICES.STATUS.eq(Invoice.PAID))
                .fetchOptional(r -> new Receipt(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7(), r.value8(), r.value9(), r.value10(), r.value11(), r.value12(), r.value13(), r.value14()));
    }
}
