package org.hostr.notify;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a notice is about. Customers can switch each of theirs off on the account page; admins' always go out. */
public enum NoticeKind {
    ORDER_RECEIVED("An order is placed", false),
    PAYMENT_RECEIVED("A payment arrives (with the receipt link)", false),
    ACCOUNT_READY("A hosting account is ready", false),
    RENEWAL_INVOICE("A renewal invoice is issued", false),
    REMINDER("A renewal invoice is due soon or today", false),
    EXPIRED("Hosting is suspended for non-payment", false),
    RESTORED("Suspended hosting runs again", false),
    TERMINATED("Hosting has ended", false),
    REVIEW_WAITING("A service waits for an admin's review", true),
    PROVISIONING_FAILED("A provisioning job gave up (DEAD)", true),
    DRIFT_FOUND("The drift check found a disagreement with WHM", true);

    private final String label;
    private final boolean forAdmins;

    NoticeKind(String label, boolean forAdmins) {
        this.label = label;
        this.forAdmins = forAdmins;
    }

    /** The name stored in notices.kind and used by the account page and the API: {@code payment_received}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String label() {
        return label;
    }

    public boolean forAdmins() {
        return forAdmins;
    }

    public static List<NoticeKind> customerKinds() {
        return Arrays.stream(values()).filter(k -> !k.forAdmins).toList();
    }

    /** A customer kind by its key; admin kinds are not the customer's to switch. */
    public static Optional<NoticeKind> customerKind(String key) {
        return customerKinds().stream().filter(k -> k.key().equals(key)).findFirst();
    }
}
