package org.hostr.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.hostr.config.HostrConfig;
import org.hostr.nostr.Keys;
import org.hostr.nostr.NostrKeyPair;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A customer whose renewal went unpaid: the account page's paywall, paid on the phone, brings the site back. */
class ExpiredServicePaywallIT {

    @Test
    void customerWithAnExpiredServicePaysThePaywallAndTheServiceIsActiveAgain() {
        try (BrowserShop shop = new BrowserShop()) {
            // given an ACTIVE service whose renewal invoice stays unpaid until the grace days are over
            NostrKeyPair customer = Keys.generate();
            JsonNode service = shop.activeService(customer, "lapsed.example");
            long serviceId = service.path("id").asLong();
            Instant due = Instant.parse(service.path("next_due_at").asText());
            HostrConfig.Billing billing = shop.app.app().config().billing();
            shop.liveUntilAndSweep(due.minus(Duration.ofDays(billing.renewalLeadDays())).plus(Duration.ofHours(1)));
            shop.liveUntilAndSweep(due.plus(Duration.ofDays(billing.graceDays())).plus(Duration.ofHours(1)));
            shop.awaitService(customer, serviceId, "EXPIRED");
            assertThat(shop.whm.accounts().get(0).suspended()).as("suspended on WHM").isTrue();

            try (Nip07Signer signer = new Nip07Signer(customer);
                 Browser browser = new Browser(shop.url(""), signer, "paywall")) {
                // when the customer logs in
                browser.open("/login");
                browser.find("#login-nip07").click();
                browser.waitFor("the account page", ExpectedConditions.urlToBe(shop.url("/account")));

                // then the paywall names the suspended site and the invoice that restores it
                assertThat(browser.find("#paywall-heading").getText()).isEqualTo("Hosting suspended: payment needed");
                assertThat(browser.find("section[aria-labelledby=paywall-heading]").getText()).contains("lapsed.example");
                assertThat(browser.find(".badge.expired").getText()).isEqualTo("expired");
                browser.check("account-expired");

                // when they pay it from the paywall
                browser.find("section[aria-labelledby=paywall-heading] a[href^='/invoices/']").click();
                browser.waitFor("the pay page", ExpectedConditions.urlContains("/invoices/INV-"));
                browser.waitFor("the QR code", ExpectedConditions.presenceOfElementLocated(By.cssSelector("#pay-qr svg")));
                browser.check("pay-renewal");
                shop.payFromWallet(browser.find("#pay-bolt11").getAttribute("value"));
                browser.waitFor("the paid notice", ExpectedConditions.visibilityOfElementLocated(By.id("pay-success")));

                // then the site is restored on WHM and the account page is back to normal
                browser.driver.findElement(By.linkText("your account")).click();
                browser.waitFor("the service to be active again", driver -> {
                    driver.navigate().refresh();
                    return driver.findElements(By.cssSelector(".badge.active")).size() == 1;
                });
                assertThat(browser.driver.findElements(By.id("paywall-heading"))).isEmpty();
                assertThat(shop.whm.accounts().get(0).suspended()).as("suspended on WHM").isFalse();
                browser.check("account-restored");
            }
        }
    }
}
