package org.hostr.payments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QrSvgTest {

    @Test
    void bolt11BecomesAnInlineSvgQrCode() {
        String svg = QrSvg.forBolt11("lnbc60u1pjqqqqqpp5qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqsdqqcqzzsxqyz5vq");

        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").endsWith("</svg>");
        assertThat(svg).contains("viewBox=\"0 0 ").contains("M4 4h7v1h-7z"); // the top-left finder pattern
        assertThat(svg).doesNotContain("lnbc").doesNotContain("<script");
    }
}
