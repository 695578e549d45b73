package org.hostr.billing;

import org.hostr.payments.SettlementListener;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts a promo code's use when an order priced with it is paid (its NEW invoice settles), in the settling
 * transaction. A renewal discounted by a recurring code counts nothing: max_uses counts orders. Settlement calls
 * listeners once per invoice (its UPDATE … WHERE status='UNPAID' lets one caller through), so the use is counted once;
 * a rolled-back settlement rolls the count back with it.
 *
 * <p>If the code was used up between order and payment, the payment still settles: the customer paid the discounted
 * price they were offered, and refusing or reversing a Lightning payment is worse than one use over the limit. The
 * count then stays at max_uses (the database forbids more) and the event is logged.
 */
public final class PromoUseOnSettlement implements SettlementListener {
    private static final Logger log = LoggerFactory.getLogger(PromoUseOnSettlement.class);

    private final PromoCodeService promos;

    public PromoUseOnSettlement(PromoCodeService promos) {
        this.promos = promos;
    }

    @Override
    public void invoicePaid(DSLContext tx, PaidInvoice invoice) {
        if (!"NEW".equals(invoice.kind())) {
            return;
        }
        java.util.Optional.ofNullable(invoice.promoCodeId()).ifPresent(promoId -> {
            if (!promos.countUse(tx, promoId)) {
                log.warn("invoice {} paid with promo code {} that was used up meanwhile; settled at the discounted price, use not counted",
                        invoice.number(), promoId);
            }
        });
    }
}
