package org.hostr.admin;

import static org.hostr.db.generated.Tables.CUSTOMERS;
import static org.hostr.db.generated.Tables.INVOICES;
import static org.hostr.db.generated.Tables.PAYMENTS;
import static org.hostr.db.generated.Tables.SERVICES;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hostr.admin.AdminRows.PaymentRow;
import org.hostr.billing.Money;
import org.jooq.DSLContext;

/** One invoice as its admin page shows it: the invoice with its customer and service, and its payments. */
public final class InvoiceQueries {
    private final DSLContext db;

    public InvoiceQueries(DSLContext db) {
        this.db = db;
    }

    public record InvoiceDetail(long id, String number, long customerId, String customerName, long serviceId,
                                String domain, String serviceStatus, String kind, String status, long subtotalMinor,
                                long discountMinor, long creditAppliedMinor, long totalMinor, long refundedMinor,
                                String currency, Instant periodFrom, Instant periodTo, Instant dueAt, Instant paidAt,
                                Instant cancelledAt, Instant createdAt) {
        public String total() {
            return money(totalMinor);
        }

        public String subtotal() {
            return money(subtotalMinor);
        }

        public String discount() {
            return money(discountMinor);
        }

        public String creditApplied() {
            return money(creditAppliedMinor);
        }

        public String refunded() {
            return money(refundedMinor);
        }

        /** What a refund to balance may still give back. */
        public String refundable() {
            return money(totalMinor - refundedMinor);
        }

        public boolean canRefund() {
            return "PAID".equals(status) && totalMinor > refundedMinor;
        }

        public String period() {
            return periodFrom == null ? "—" : AdminRows.day(periodFrom) + " to " + AdminRows.day(periodTo);
        }

        public String due() {
            return AdminRows.day(dueAt);
        }

        public String paid() {
            return AdminRows.minute(paidAt);
        }

        public String cancelled() {
            return AdminRows.minute(cancelledAt);
        }

        public String created() {
            return AdminRows.minute(createdAt);
        }

        private String money(long minor) {
            return new Money(minor, currency).display();
        }
    }

    public Optional<InvoiceDetail> invoice(String number) {
        return db.select(INVOICES.ID, INVOICES.NUMBER, INVOICES.CUSTOMER_ID, CUSTOMERS.NAME, INVOICES.SERVICE_ID,
                        SERVICES.DOMAIN, SERVICES.STATUS, INVOICES.KIND, INVOICES.STATUS, INVOICES.SUBTOTAL_MINOR,
                        INVOICES.DISCOUNT_MINOR, INVOICES.CREDIT_APPLIED_MINOR, INVOICES.TOTAL_MINOR,
                        INVOICES.REFUNDED_MINOR, INVOICES.CURRENCY, INVOICES.PERIOD_FROM, INVOICES.PERIOD_TO,
                        INVOICES.DUE_AT, INVOICES.PAID_AT, INVOICES.CANCELLED_AT, INVOICES.CREATED_AT)
                .from(INVOICES)
                .join(CUSTOMERS).on(CUSTOMERS.ID.eq(INVOICES.CUSTOMER_ID))
                .join(SERVICES).on(SERVICES.ID.eq(INVOICES.SERVICE_ID))
                .where(INVOICES.NUMBER.eq(number))
                .fetchOptional(r -> new InvoiceDetail(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                        r.value6(), r.value7(), r.value8(), r.value9(), r.value10(), r.value11(), r.value12(),
                        r.value13(), r.value14(), r.value15(), r.value16(), r.value17(), r.value18(), r.value19(),
                        r.value20(), r.value21()));
    }

    /** The invoice's payment attempts (one per provider), newest first. */
    public List<PaymentRow> paymentsOf(long invoiceId) {
        return db.select(PAYMENTS.ID, INVOICES.NUMBER, PAYMENTS.PROVIDER, PAYMENTS.STATE, PAYMENTS.AMOUNT_SATS,
                        PAYMENTS.CREATED_AT, PAYMENTS.PAID_AT)
                .from(PAYMENTS).join(INVOICES).on(INVOICES.ID.eq(PAYMENTS.INVOICE_ID))
                .where(PAYMENTS.INVOICE_ID.eq(invoiceId))
                .orderBy(PAYMENTS.ID.desc())
                .fetch(r -> new PaymentRow(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7()));
    }
}
