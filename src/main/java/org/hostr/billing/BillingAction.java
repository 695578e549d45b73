package org.hostr.billing;

/**
 * What the sweep (or a settlement) decided about one service, stored once in billing_actions (V3): the unique
 * (service, action, ref) lets one of two concurrent sweeps through.
 */
enum BillingAction {
    /** Suspend as EXPIRED for non-payment; ref = the unpaid due date (epoch ms). */
    EXPIRE,
    /** Remove the account; ref = the unpaid due date. */
    TERMINATE,
    /** Termination put before an admin (review_before_terminate); ref = the unpaid due date. Open until resolved. */
    REVIEW_TERMINATE,
    /** A payment kept on an admin-suspended or ended service; ref = the invoice number. Open until resolved. */
    PAYMENT_TO_REVIEW
}
