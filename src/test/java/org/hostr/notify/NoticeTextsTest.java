package org.hostr.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.hostr.billing.PaidInvoice;
import org.hostr.billing.PlacedOrder;
import org.junit.jupiter.api.Test;

class NoticeTextsTest {
    private final NoticeTexts texts = new NoticeTexts("Hostr", "https://hosting.example.com");

    @Test
    void aPaymentNoticeLinksTheReceiptAndSaysWhatHappensNext() {
        NoticeDraft draft = texts.paymentReceived(new PaidInvoice(1, "INV-2026-000123", 2, 3, "NEW", 1050, "USD",
                Instant.parse("2026-03-01T10:00:00Z"), "PROVISIONING", null));

        assertThat(draft.kind()).isEqualTo(NoticeKind.PAYMENT_RECEIVED);
        assertThat(draft.idempotencyKey()).isEqualTo("paid:INV-2026-000123");
        assertThat(draft.text()).contains("$10.50", "being set up",
                "https://hosting.example.com/receipts/INV-2026-000123");
    }

    @Test
    void anOrderPaidFromCreditDoesNotAskForPayment() {
        NoticeDraft unpaid = texts.orderReceived("site.example", "Basic", new PlacedOrder(3, "INV-1", "UNPAID", 500, "USD"));
        NoticeDraft paid = texts.orderReceived("site.example", "Basic", new PlacedOrder(3, "INV-2", "PAID", 0, "USD"));

        assertThat(unpaid.text()).contains("Pay it here: https://hosting.example.com/invoices/INV-1");
        assertThat(paid.text()).doesNotContain("Pay it here").contains("paid in full from your credit");
    }

    @Test
    void theFirstReminderOfARenewalIsTheRenewalInvoiceNoticeAndKeepsTheSweepsKey() {
        NoticeDraft issued = texts.reminder("reminder:42:2026-03-01T10:00:00Z:issued", true, "INV-7",
                "Invoice INV-7 renews");
        NoticeDraft dueToday = texts.reminder("reminder:42:2026-03-01T10:00:00Z:due", false, "INV-7",
                "Invoice INV-7 is due");

        assertThat(issued.kind()).isEqualTo(NoticeKind.RENEWAL_INVOICE);
        assertThat(dueToday.kind()).isEqualTo(NoticeKind.REMINDER);
        assertThat(issued.idempotencyKey()).isEqualTo("reminder:42:2026-03-01T10:00:00Z:issued");
        assertThat(dueToday.text()).contains("https://hosting.example.com/invoices/INV-7");
    }

    @Test
    void anExpiryLinksTheAccountPageWherePaymentRestoresTheSite() {
        NoticeDraft first = texts.expired(42, "site.example", 1000);
        NoticeDraft later = texts.expired(42, "site.example", 2000);

        assertThat(first.text()).contains("suspended", "https://hosting.example.com/account");
        assertThat(first.idempotencyKey()).isNotEqualTo(later.idempotencyKey());
    }

    @Test
    void everyNoticeIsSignedWithTheShopsNameAndAddress() {
        assertThat(texts.restored(1, "a.example", 1).text()).endsWith("— Hostr, https://hosting.example.com");
        assertThat(texts.terminated(1, "a.example").text()).endsWith("— Hostr, https://hosting.example.com");
    }
}
