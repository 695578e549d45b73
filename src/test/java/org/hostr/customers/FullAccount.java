package org.hostr.customers;

import static org.hostr.db.generated.Tables.CUSTOMERS;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.List;
import org.hostr.audit.AuditLog;
import org.hostr.db.Database;
import org.hostr.nostr.Nip19;
import org.hostr.testing.TestNostr;

/**
 * A customer with one of everything the shop keeps about a customer: a paid order provisioned on WHM (receipt, cPanel
 * login), an unpaid order with a Lightning quote, an upgrade invoice waiting for payment, notice choices and a
 * profile. The ids, numbers and names are what no other customer may ever see.
 */
record FullAccount(TestNostr key, TestNostr.Session session, long customerId, String npub, long liveServiceId,
                   String liveDomain, String cpanelUser, String cpanelPassword, long unpaidServiceId, String unpaidDomain,
                   String paidInvoice, String unpaidInvoice, String upgradeInvoice, String strikeInvoiceId,
                   String bolt11, String profileName) {

    /** Orders, pays and sets up everything through the shop's own API, as the customer would. */
    static FullAccount create(CustomerShop shop, String name) {
        TestNostr key = new TestNostr();
        TestNostr.Session session = key.logIn(shop.app);
        String slug = name.toLowerCase();

        JsonNode live = shop.order(session, "basic", slug + "-live.example");
        long liveServiceId = live.path("service_id").asLong();
        String paidInvoice = live.path("invoice").path("number").asText();
        shop.pay(session, paidInvoice);
        shop.awaitService(session, liveServiceId, "ACTIVE");
        JsonNode login = shop.ok(shop.asBrowser(session, "GET", "/api/v1/services/" + liveServiceId + "/credentials", null, null));
        JsonNode receipt = shop.ok(shop.asBrowser(session, "GET", "/api/v1/receipts/" + paidInvoice, null, null));

        JsonNode pending = shop.order(session, "basic", slug + "-pending.example");
        String unpaidInvoice = pending.path("invoice").path("number").asText();
        String bolt11 = shop.ok(shop.asBrowser(session, "POST", "/api/v1/invoices/" + unpaidInvoice + "/pay", null, null))
                .path("bolt11").asText();

        String upgradeInvoice = shop.ok(shop.asBrowser(session, "POST", "/api/v1/services/" + liveServiceId + "/upgrade",
                CustomerShop.JSON, "{\"plan\":\"standard\"}")).path("invoice_number").asText();
        shop.ok(shop.asBrowser(session, "PUT", "/api/v1/me/notices", CustomerShop.JSON,
                "{\"payment_received\":false,\"renewal_invoice\":false}"));

        Database database = shop.app.app().database();
        long customerId = database.dsl().select(CUSTOMERS.ID).from(CUSTOMERS).where(CUSTOMERS.PUBKEY.eq(key.pubkey()))
                .fetchSingle(CUSTOMERS.ID);
        // Relays are not reachable in tests: the profile a relay would give is stored as the login would store it.
        String profileName = name + " Quartermaine";
        new CustomerService(database, new AuditLog(database.dsl()), Clock.systemUTC())
                .saveProfile(customerId, profileName, "https://pictures.example/" + slug + ".png", slug + "@" + slug + "-live.example", null);

        return new FullAccount(key, session, customerId, Nip19.npubEncode(key.pubkey()), liveServiceId,
                slug + "-live.example", login.path("username").asText(),
                login.path("password").asText(), pending.path("service_id").asLong(), slug + "-pending.example",
                paidInvoice, unpaidInvoice, upgradeInvoice, receipt.path("strike_invoice_id").asText(), bolt11, profileName);
    }

    List<Long> serviceIds() {
        return List.of(liveServiceId, unpaidServiceId);
    }

    List<String> invoiceNumbers() {
        return List.of(paidInvoice, unpaidInvoice, upgradeInvoice);
    }

    /** Everything of this customer's that must never appear in an answer to anyone else. */
    List<String> secrets() {
        return List.of(npub, key.pubkey(), liveDomain, unpaidDomain, cpanelUser, cpanelPassword, paidInvoice, unpaidInvoice,
                upgradeInvoice, strikeInvoiceId, bolt11, profileName);
    }
}
