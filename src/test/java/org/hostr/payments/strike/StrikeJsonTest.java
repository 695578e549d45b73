package org.hostr.payments.strike;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StrikeJsonTest {

    private static JsonNode json(String text) throws Exception {
        return StrikeJson.MAPPER.readTree(text);
    }

    @Test
    void unknownInvoiceStateReadsAsUnknown() throws Exception {
        StrikeInvoice invoice = StrikeJson.invoice(json("{\"invoiceId\":\"i\",\"state\":\"REFUNDED_SOMEHOW\"}"));

        assertThat(invoice.state()).isEqualTo(StrikeInvoiceState.UNKNOWN);
    }

    @Test
    void cancelledAndReversedAreKnownStatesInAnyCase() {
        assertThat(StrikeInvoiceState.parse("CANCELLED")).isEqualTo(StrikeInvoiceState.CANCELLED);
        assertThat(StrikeInvoiceState.parse("reversed")).isEqualTo(StrikeInvoiceState.REVERSED);
        assertThat(StrikeInvoiceState.parse(null)).isEqualTo(StrikeInvoiceState.UNKNOWN);
    }

    @Test
    void amountMayArriveAsStringOrNumber() throws Exception {
        StrikeInvoice asString = StrikeJson.invoice(json("{\"amount\":{\"amount\":\"10.50\",\"currency\":\"USD\"}}"));
        StrikeInvoice asNumber = StrikeJson.invoice(json("{\"amount\":{\"amount\":10.50,\"currency\":\"USD\"}}"));

        assertThat(asString.amount()).isEqualTo(new StrikeAmount(new BigDecimal("10.50"), "USD"));
        assertThat(asNumber.amount().amount()).isEqualByComparingTo("10.50");
    }

    @Test
    void newInvoiceSendsAmountAsPlainDecimalString() {
        JsonNode body = StrikeJson.newInvoiceBody("INV-1", "Hosting", new BigDecimal("1E-5"), "BTC");

        assertThat(body.path("amount").path("amount").isTextual()).isTrue();
        assertThat(body.path("amount").path("amount").asText()).isEqualTo("0.00001");
    }

    @Test
    void timeWithoutOffsetIsReadAsUtc() throws Exception {
        StrikeInvoice invoice = StrikeJson.invoice(json("{\"created\":\"2025-01-02T03:04:05.678\"}"));

        assertThat(invoice.created()).isEqualTo(Instant.parse("2025-01-02T03:04:05.678Z"));
    }

    @Test
    void quoteWithoutExpirationExpiresAfterExpirationInSec() throws Exception {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");

        StrikeQuote quote = StrikeJson.quote(json("{\"quoteId\":\"q\",\"lnInvoice\":\"lnbc1\",\"expirationInSec\":41}"), now);

        assertThat(quote.expiration()).isEqualTo(now.plusSeconds(41));
        assertThat(quote.isExpired(now.plusSeconds(40))).isFalse();
        assertThat(quote.isExpired(now.plusSeconds(41))).isTrue();
    }

    @Test
    void validationErrorsAreReadPerField() throws Exception {
        JsonNode data = json("{\"validationErrors\":{\"amount.amount\":[{\"code\":\"INVALID_AMOUNT\",\"message\":\"bad\"}]}}");

        assertThat(StrikeJson.validationErrors(data))
                .containsEntry("amount.amount", java.util.List.of(new StrikeApiException.FieldError("INVALID_AMOUNT", "bad")));
    }
}
