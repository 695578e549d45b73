package org.hostr.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The one pricing rule of every new invoice: subtotal − discount − credit = total, and zero is paid by credit. */
class InvoiceAmountsTest {

    @Test
    void creditPaysPartOfWhatTheDiscountLeaves() {
        InvoiceAmounts amounts = InvoiceAmounts.of(1_250, 313, 400);

        assertThat(amounts).isEqualTo(new InvoiceAmounts(1_250, 313, 400, 537));
        assertThat(amounts.paidByCredit()).isFalse();
    }

    @Test
    void creditLargerThanTheInvoiceIsSpentOnlyAsFarAsNeeded() {
        InvoiceAmounts amounts = InvoiceAmounts.of(500, 100, 10_000);

        assertThat(amounts).isEqualTo(new InvoiceAmounts(500, 100, 400, 0));
        assertThat(amounts.paidByCredit()).isTrue();
    }

    @Test
    void creditEqualToTheInvoiceLeavesNothingNotOneMinorUnit() {
        InvoiceAmounts amounts = InvoiceAmounts.of(600, 0, 600);

        assertThat(amounts.totalMinor()).isZero();
        assertThat(amounts.creditMinor()).isEqualTo(600);
        assertThat(amounts.paidByCredit()).isTrue();
    }

    @Test
    void fullDiscountIsPaidAtIssueWithoutTouchingCredit() {
        InvoiceAmounts amounts = InvoiceAmounts.of(599, 599, 250);

        assertThat(amounts).isEqualTo(new InvoiceAmounts(599, 599, 0, 0));
        assertThat(amounts.paidByCredit()).isTrue();
    }

    @Test
    void noCreditAndNoDiscountChargesTheSubtotal() {
        assertThat(InvoiceAmounts.of(500, 0, 0)).isEqualTo(new InvoiceAmounts(500, 0, 0, 500));
        assertThat(InvoiceAmounts.of(500, 0, -3).creditMinor()).isZero();
    }

    @Test
    void freePlanIsPaidAtIssue() {
        assertThat(InvoiceAmounts.of(0, 0, 0).paidByCredit()).isTrue();
    }

    @Test
    void amountsThatDoNotAddUpAreRefused() {
        assertThatThrownBy(() -> InvoiceAmounts.of(500, 501, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InvoiceAmounts(500, 0, 100, 300)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InvoiceAmounts(500, -1, 0, 501)).isInstanceOf(IllegalArgumentException.class);
    }
}
