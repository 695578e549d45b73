package org.hostr.billing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvoiceNumbersTest {

    @Test
    void sequenceIsPaddedToSixDigitsAndGrowsPastThem() {
        assertThat(InvoiceNumbers.format(2026, 123)).isEqualTo("INV-2026-000123");
        assertThat(InvoiceNumbers.format(2026, 999_999)).isEqualTo("INV-2026-999999");
        assertThat(InvoiceNumbers.format(2027, 1_234_567)).isEqualTo("INV-2027-1234567");
    }
}
