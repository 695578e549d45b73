package org.hostr.notify;

import org.hostr.billing.OrderService;
import org.hostr.billing.PaidInvoice;
import org.hostr.billing.PlacedOrder;
import org.hostr.payments.SettlementListener;
import org.jooq.DSLContext;

/** "Order received" and "payment received", recorded in the order's and the settlement's own transactions. */
final class PaymentNotices implements SettlementListener, OrderService.OrderPlaced {
    private final NoticeService notices;
    private final NoticeTexts texts;

    PaymentNotices(NoticeService notices, NoticeTexts texts) {
        this.notices = notices;
        this.texts = texts;
    }

    @Override
    public void orderPlaced(DSLContext tx, long customerId, String domain, String planName, PlacedOrder order) {
        notices.toCustomer(tx, customerId, texts.orderReceived(domain, planName, order));
    }

    @Override
    public void invoicePaid(DSLContext tx, PaidInvoice invoice) {
        notices.toCustomer(tx, invoice.customerId(), texts.paymentReceived(invoice));
    }
}
