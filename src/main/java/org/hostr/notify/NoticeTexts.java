package org.hostr.notify;

import java.util.List;
import org.hostr.billing.Money;
import org.hostr.billing.PaidInvoice;
import org.hostr.billing.PlacedOrder;
import org.hostr.billing.ReviewItem;
import org.hostr.provisioning.DriftReport;

/**
 * The wording of every notice and the key that makes it one per event. Pure: no database, no clock. Texts never
 * carry a password or anything else secret: a message is encrypted, but it lives on relays for as long as they like.
 * Each ends with the shop's name and address, so a customer can tell where it comes from at a glance.
 */
final class NoticeTexts {
    /** Drift findings listed in one message; the admin page has the rest. */
    static final int MAX_DRIFT_LINES = 20;

    private final String shopName;
    private final String baseUrl;

    NoticeTexts(String shopName, String baseUrl) {
        this.shopName = shopName;
        this.baseUrl = baseUrl;
    }

    NoticeDraft orderReceived(String domain, String planName, PlacedOrder order) {
        String number = order.invoiceNumber();
        String next = "PAID".equals(order.status())
                ? "It is paid in full from your credit; the account is being set up."
                : "Pay it here: " + baseUrl + "/invoices/" + number + "\nThe account is set up as soon as it is paid.";
        return new NoticeDraft(NoticeKind.ORDER_RECEIVED, "order:" + number, "Order " + number,
                sign("Thank you for your order: " + planName + " hosting for " + domain + ". Invoice " + number
                        + " is for " + money(order.totalMinor(), order.currency()) + ".\n" + next));
    }

    NoticeDraft paymentReceived(PaidInvoice paid) {
        String number = paid.number();
        String next = switch (paid.kind()) {
            case "NEW" -> "Your hosting account is being set up; another message says when it is ready.";
            case "UPGRADE" -> "Your plan is being changed.";
            default -> "Your hosting is renewed.";
        };
        return new NoticeDraft(NoticeKind.PAYMENT_RECEIVED, "paid:" + number, "Payment for " + number,
                sign("Payment received for invoice " + number + ": " + money(paid.totalMinor(), paid.currency())
                        + ". " + next + "\nReceipt: " + baseUrl + "/receipts/" + number));
    }

    /** The login details stay on the account page, behind the customer's key: never in a message. */
    NoticeDraft accountReady(long serviceId, String domain) {
        return new NoticeDraft(NoticeKind.ACCOUNT_READY, "ready:service:" + serviceId, "Hosting for " + domain,
                sign("Your hosting for " + domain + " is ready. Your cPanel address, username and password are on"
                        + " your account page: " + baseUrl + "/account"));
    }

    /**
     * A renewal reminder the billing sweep queued. Its key is the sweep's own ({@code reminder:<service>:<due>:<slot>}):
     * the reminder the sweep decided once is one notice, however often its job runs.
     */
    NoticeDraft reminder(String idempotencyKey, boolean issued, String invoiceNumber, String sweepText) {
        NoticeKind kind = issued ? NoticeKind.RENEWAL_INVOICE : NoticeKind.REMINDER;
        String subject = invoiceNumber == null ? "Renewal" : "Invoice " + invoiceNumber;
        String link = invoiceNumber == null ? baseUrl + "/account" : baseUrl + "/invoices/" + invoiceNumber;
        return new NoticeDraft(kind, idempotencyKey, subject, sign(sweepText + ".\nPay it here: " + link));
    }

    /** @param version the service's updated_at before the change: a second expiry later is another notice */
    NoticeDraft expired(long serviceId, String domain, long version) {
        return new NoticeDraft(NoticeKind.EXPIRED, "expired:service:" + serviceId + ":" + version, "Hosting for " + domain,
                sign("Your hosting for " + domain + " is suspended: its renewal was not paid. Your files are kept for"
                        + " now; paying restores the site at once: " + baseUrl + "/account"));
    }

    NoticeDraft restored(long serviceId, String domain, long version) {
        return new NoticeDraft(NoticeKind.RESTORED, "restored:service:" + serviceId + ":" + version,
                "Hosting for " + domain, sign("Your hosting for " + domain + " runs again."));
    }

    NoticeDraft terminated(long serviceId, String domain) {
        return new NoticeDraft(NoticeKind.TERMINATED, "terminated:service:" + serviceId, "Hosting for " + domain,
                sign("Your hosting for " + domain + " has ended and its cPanel account was removed. Thank you for"
                        + " hosting with us; you can order again at any time: " + baseUrl + "/plans"));
    }

    /** One notice per open item: the same item stays one notice however often the review queue is read. */
    NoticeDraft reviewWaiting(ReviewItem service, ReviewItem.Open item) {
        String what = "REVIEW_TERMINATE".equals(item.action())
                ? "is due for termination and waits for your decision (billing.review_before_terminate)"
                : "had a payment that needs your decision";
        return new NoticeDraft(NoticeKind.REVIEW_WAITING,
                "review:" + service.serviceId() + ":" + item.action() + ":" + item.ref(),
                "Review: " + service.domain(), sign("Service " + service.serviceId() + " (" + service.domain() + ") "
                        + what + ": " + item.details() + "\n" + baseUrl + "/admin/review"));
    }

    /** @param claimedAt when the last attempt began: an admin's retry that dies again is a new notice */
    NoticeDraft provisioningFailed(long jobId, String jobKind, long serviceId, int attempts, String error,
                                   long claimedAt) {
        return new NoticeDraft(NoticeKind.PROVISIONING_FAILED, "job-dead:" + jobId + ":" + claimedAt,
                "Job " + jobId + " failed", sign("The " + jobKind + " job " + jobId + " of service " + serviceId
                        + " gave up after " + attempts + " attempt(s): " + error + "\nRetry it once fixed: " + baseUrl
                        + "/admin/jobs"));
    }

    /** @param key names this run's new findings, so a run that finds nothing new sends nothing */
    NoticeDraft driftFound(List<DriftReport.Finding> fresh, String key) {
        StringBuilder text = new StringBuilder("The drift check found " + fresh.size()
                + " new disagreement(s) between WHM and Hostr:");
        fresh.stream().limit(MAX_DRIFT_LINES).forEach(f -> text.append("\n- ").append(f.kind()).append(" on ")
                .append(f.server()).append(": ").append(f.details()));
        if (fresh.size() > MAX_DRIFT_LINES) {
            text.append("\n… and ").append(fresh.size() - MAX_DRIFT_LINES).append(" more");
        }
        text.append("\n").append(baseUrl).append("/admin/drift");
        return new NoticeDraft(NoticeKind.DRIFT_FOUND, "drift:" + key, "Drift found", sign(text.toString()));
    }

    private String sign(String text) {
        return text + "\n\n— " + shopName + ", " + baseUrl;
    }

    private static String money(long minor, String currency) {
        return new Money(minor, currency).display();
    }
}
