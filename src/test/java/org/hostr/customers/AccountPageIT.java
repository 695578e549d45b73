package org.hostr.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hostr.db.generated.Tables.SERVICES;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.hostr.billing.Money;
import org.hostr.billing.Proration;
import org.hostr.sim.whm.WhmSimulator;
import org.hostr.testing.TestDatabases.Kind;
import org.hostr.testing.TestNostr;
import org.jooq.Record2;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The account page's own forms over HTTP: renew now and change plan (with the prorated price shown first) lead to the
 * pay page of the invoice, a cheaper plan shows the credit, and a refused form is a page that says what to fix.
 */
@ParameterizedClass
@EnumSource(Kind.class)
class AccountPageIT {
    private static CustomerShop shop;

    /** The database this run uses; one shop per database, a new customer per test. */
    @Parameter
    Kind kind;

    @BeforeParameterizedClassInvocation
    static void openShop(Kind kind) {
        shop = CustomerShop.start(kind);
    }

    @AfterParameterizedClassInvocation
    static void closeShop() {
        if (shop != null) {
            shop.close();
            shop = null;
        }
    }

    @Test
    void accountPageOffersRenewAndTheOtherPlansOnSaleWithTheirProratedPrice() {
        // given a customer with an ACTIVE Basic service
        TestNostr.Session customer = new TestNostr().logIn(shop.app);
        long service = shop.activeService(customer, "basic", "offers.example");

        // when they open their account page
        String page = shop.asBrowser(customer, "GET", "/account", null, null).body();

        // then the service has a renew form and a plan form with Standard at today's prorated charge
        assertThat(page).contains("action=\"/account/services/" + service + "/renew\"", "Renew now",
                "action=\"/account/services/" + service + "/plan\"", "value=\"standard\"",
                "Standard ($12.00 / month): pay " + money(upgradeCharge(service)) + " now for the rest of this period");
        // and neither the plan it is on nor the retired one is offered
        assertThat(page).doesNotContain("value=\"basic\"", "value=\"legacy\"");
        // and the paid order has its receipt
        assertThat(page).contains("href=\"/receipts/INV-");
    }

    @Test
    void theReceiptOfAPaidOrderShowsWhatWasPaidInSatsThroughWhichStrikeInvoiceAndWhen() {
        // given a customer whose order is paid
        TestNostr.Session customer = new TestNostr().logIn(shop.app);
        shop.activeService(customer, "basic", "receipt.example");
        String page = shop.asBrowser(customer, "GET", "/account", null, null).body();
        String link = page.replaceAll("(?s).*href=\"(/receipts/INV-[0-9-]+)\".*", "$1");

        // when they follow the receipt link of the invoice history
        HttpResponse<String> receipt = shop.asBrowser(customer, "GET", link, null, null);

        // then the receipt shows the amount, the sats, the Strike invoice and the time of payment
        JsonNode paid = shop.ok(shop.asBrowser(customer, "GET", "/api/v1" + link, null, null));
        assertThat(receipt.statusCode()).isEqualTo(200);
        assertThat(receipt.body()).contains("receipt.example", "$5.00", paid.path("amount_sats").asText() + " sats",
                paid.path("strike_invoice_id").asText(), "datetime=\"" + paid.path("paid_at").asText());
    }

    @Test
    void choosingADearerPlanLeadsToThePayPageOfItsUpgradeInvoice() {
        // given a customer with an ACTIVE Basic service
        TestNostr.Session customer = new TestNostr().logIn(shop.app);
        long service = shop.activeService(customer, "basic", "dearer.example");
        long charge = upgradeCharge(service);

        // when they choose Standard on the account page
        HttpResponse<String> answer = shop.submit(customer, "/account/services/" + service + "/plan", "plan=standard");

        // then they land on the pay page of an UPGRADE invoice for the charge the page showed
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(303);
        String location = answer.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/invoices/INV-");
        String number = location.substring("/invoices/".length());
        JsonNode invoice = invoice(customer, number);
        assertThat(invoice.path("kind").asText()).isEqualTo("UPGRADE");
        assertThat(invoice.path("status").asText()).isEqualTo("UNPAID");
        assertThat(invoice.path("total_minor").asLong()).isEqualTo(charge);
        assertThat(shop.asBrowser(customer, "GET", location, null, null).body()).contains(number, money(charge));
    }

    @Test
    void choosingACheaperPlanShowsTheCreditAndAddsItToTheBalance() {
        // given a customer with an ACTIVE Standard service
        TestNostr.Session customer = new TestNostr().logIn(shop.app);
        long service = shop.activeService(customer, "standard", "cheaper.example");
        long credit = upgradeCharge(service);

        // when they choose Basic
        HttpResponse<String> answer = shop.submit(customer, "/account/services/" + service + "/plan", "plan=basic");

        // then the page tells the credit, the balance has it, and the service moves to Basic
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("Plan changed", "cheaper.example moves to Basic",
                money(credit) + " was added to your credit");
        assertThat(me(customer).path("credit_minor").asLong()).isEqualTo(credit);
        CustomerShop.eventually("the service to be on Basic", () -> serviceOf(customer, service).path("plan").asText()
                .equals("basic"));
    }

    @Test
    void choosingTheSameDearerPlanAgainLeadsToTheSameInvoice() {
        // given a customer who chose Standard and has not paid yet
        TestNostr.Session customer = new TestNostr().logIn(shop.app);
        long service = shop.activeService(customer, "basic", "twice-up.example");
        HttpResponse<String> first = shop.submit(customer, "/account/services/" + service + "/plan", "plan=standard");

        // when they send the form again (a double click, the back button)
        HttpResponse<String> again = shop.submit(customer, "/account/services/" + service + "/plan", "plan=standard");

        // then it leads to the same invoice, the only UPGRADE one
        assertThat(again.statusCode()).isEqualTo(303);
        assertThat(again.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        long upgrades = 0;
        for (JsonNode i : shop.ok(shop.asBrowser(customer, "GET", "/api/v1/invoices", null, null)).path("invoices")) {
            upgrades += i.path("kind").asText().equals("UPGRADE") ? 1 : 0;
        }
        assertThat(upgrades).isEqualTo(1);
    }

    @Test
    void aCheaperPlanChosenAgainBeforeTheServerSwitchedIsCreditedOnce() {
        // given a customer with an ACTIVE Standard service, and a WHM server that is down for now
        TestNostr.Session customer = new TestNostr().logIn(shop.app);
        long service = shop.activeService(customer, "standard", "twice-down.example");
        long credit = upgradeCharge(service);
        shop.whm.goDown(WhmSimulator.DownMode.HTTP_503);
        try {
            // when they choose Basic twice, and a script sends it once more, while the package change waits for WHM
            HttpResponse<String> first = shop.submit(customer, "/account/services/" + service + "/plan", "plan=basic");
            HttpResponse<String> again = shop.submit(customer, "/account/services/" + service + "/plan", "plan=basic");
            HttpResponse<String> script = shop.asBrowser(customer, "POST", "/api/v1/services/" + service + "/upgrade",
                    CustomerShop.JSON, "{\"plan\":\"basic\"}");

            // then the credit is given once; the repeats say the change is under way
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(again.body()).contains("Nothing was changed", "is already moving to plan basic");
            assertThat(script.statusCode()).isEqualTo(409);
            assertThat(script.body()).contains("plan_change_waiting");
            assertThat(me(customer).path("credit_minor").asLong()).isEqualTo(credit);
        } finally {
            shop.whm.comeUp();
        }
    }

    @Test
    void renewNowLeadsToThePayPageOfTheRenewalInvoiceAndAgainToTheSameOne() {
        // given a customer with an ACTIVE service
        TestNostr.Session customer = new TestNostr().logIn(shop.app);
        long service = shop.activeService(customer, "basic", "renew.example");

        // when they press Renew now, twice
        HttpResponse<String> first = shop.submit(customer, "/account/services/" + service + "/renew", "");
        HttpResponse<String> second = shop.submit(customer, "/account/services/" + service + "/renew", "");

        // then both lead to the pay page of one open RENEWAL invoice
        assertThat(first.statusCode()).as(first.body()).isEqualTo(303);
        String location = first.headers().firstValue("Location").orElseThrow();
        assertThat(second.headers().firstValue("Location")).contains(location);
        JsonNode invoice = invoice(customer, location.substring("/invoices/".length()));
        assertThat(invoice.path("kind").asText()).isEqualTo("RENEWAL");
        assertThat(invoice.path("status").asText()).isEqualTo("UNPAID");
    }

    private static long upgradeCharge(long serviceId) {
        Record2<Instant, Instant> period = shop.app.app().database().dsl().select(SERVICES.PERIOD_START, SERVICES.NEXT_DUE_AT)
                .from(SERVICES).where(SERVICES.ID.eq(serviceId)).fetchSingle();
        long periodDays = Proration.periodDays(period.value1(), period.value2());
        // Standard ($12) and Basic ($5) differ by 700 cents a month, either way
        return Proration.prorate(700, Proration.daysLeft(shop.app.app().clock().instant(), period.value2(), periodDays),
                periodDays);
    }

    private static String money(long cents) {
        return new Money(cents, "USD").display();
    }

    private static JsonNode me(TestNostr.Session customer) {
        return shop.ok(shop.asBrowser(customer, "GET", "/api/v1/me", null, null));
    }

    private static JsonNode serviceOf(TestNostr.Session customer, long serviceId) {
        for (JsonNode s : me(customer).path("services")) {
            if (s.path("id").asLong() == serviceId) {
                return s;
            }
        }
        throw new AssertionError("no service " + serviceId);
    }

    private static JsonNode invoice(TestNostr.Session customer, String number) {
        for (JsonNode i : shop.ok(shop.asBrowser(customer, "GET", "/api/v1/invoices", null, null)).path("invoices")) {
            if (i.path("number").asText().equals(number)) {
                return i;
            }
        }
        throw new AssertionError("no invoice " + number);
    }
}
