package org.hostr.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** templates/receipt.html renders what a receipt must show. */
class ReceiptPageTest {

    @Test
    void receiptPageShowsAmountsSatsStrikeInvoiceAndTime() throws Exception {
        ClasspathLoader loader = new ClasspathLoader();
        loader.setPrefix("templates");
        PebbleEngine pebble = new PebbleEngine.Builder().loader(loader).build();
        Receipt receipt = new Receipt("INV-2026-000007", "RENEWAL", 500, 0, 0, 500, 0, "USD",
                Instant.parse("2026-02-28T10:00:00Z"), Instant.parse("2026-03-28T10:00:00Z"),
                Instant.parse("2026-02-27T09:00:00Z"), 5_321L, "strike-inv-42", "site.example");

        StringWriter html = new StringWriter();
        pebble.getTemplate("receipt.html").evaluate(html, Map.of("receipt", receipt, "site", Map.of("name", "Hostr")));

        assertThat(html.toString()).contains("INV-2026-000007", "5321 sats", "strike-inv-42", "2026-02-27T09:00:00Z",
                receipt.total(), "site.example");
    }
}
