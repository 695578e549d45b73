package org.hostr.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.hostr.nostr.Keys;
import org.hostr.sim.whm.SimAccount;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A new customer in a phone browser: home → plans → NIP-07 login → order → Lightning payment → a live cPanel account. */
class CustomerCheckoutIT {

    @Test
    void newCustomerLogsInWithTheirSignerOrdersPaysAndGetsTheirCpanelLogin() {
        try (BrowserShop shop = new BrowserShop();
             Nip07Signer signer = new Nip07Signer(Keys.generate());
             Browser browser = new Browser(shop.url(""), signer, "checkout")) {
            // given the shop's front page and its plans
            browser.open("/");
            assertThat(browser.find("h1").getText()).isEqualTo("cPanel hosting, paid in sats");
            browser.check("home");
            browser.driver.findElement(By.linkText("Plans")).click();
            browser.waitFor("the plans page", ExpectedConditions.urlToBe(shop.url("/plans")));
            browser.check("plans");

            // when the customer chooses Basic, which needs a login first, and logs in with the browser signer
            browser.find("a[href='/order/basic']").click();
            browser.waitFor("the login page", ExpectedConditions.urlContains("/login?next=/order/basic"));
            browser.check("login");
            browser.find("#login-nip07").click();
            browser.waitFor("the order form after login", ExpectedConditions.urlToBe(shop.url("/order/basic")));
            assertThat(signer.signatures()).as("login events signed through window.nostr").isEqualTo(1);
            browser.check("order");

            // and orders hosting for a domain
            browser.find("#order-domain").sendKeys("my-site.example");
            browser.find("form.checkout button[type=submit]").click();
            browser.waitFor("the pay page", ExpectedConditions.urlContains("/invoices/INV-"));
            browser.waitFor("the QR code", ExpectedConditions.presenceOfElementLocated(By.cssSelector("#pay-qr svg")));
            String bolt11 = browser.find("#pay-bolt11").getAttribute("value");
            assertThat(bolt11).startsWith("lnbc");
            assertThat(browser.find("#pay-open").getAttribute("href")).isEqualTo("lightning:" + bolt11);
            assertThat(browser.find("#pay-webln").isDisplayed()).as("WebLN button without a WebLN wallet").isFalse();
            browser.check("pay");

            // then paying from a wallet turns the page to paid without a reload (the page renews a quote that expires,
            // so the wallet pays the invoice shown now)
            shop.payFromWallet(browser.find("#pay-bolt11").getAttribute("value"));
            browser.waitFor("the paid notice", ExpectedConditions.visibilityOfElementLocated(By.id("pay-success")));
            assertThat(browser.find("#invoice-status").getText()).isEqualTo("paid");
            browser.check("paid");

            // and the account shows the hosting ACTIVE once WHM has created it, with the cPanel login on request
            browser.driver.findElement(By.linkText("your account")).click();
            browser.waitFor("the service to be active", driver -> {
                driver.navigate().refresh();
                return driver.findElements(By.cssSelector(".badge.active")).size() == 1;
            });
            browser.find(".show-credentials").click();
            browser.waitFor("the cPanel login", ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector(".credentials"), "Password:"));
            SimAccount account = shop.whm.accounts().get(0);
            assertThat(account.domain()).isEqualTo("my-site.example");
            assertThat(browser.find(".credentials").getText()).contains("Username: " + account.user(),
                    "Password: " + account.password());
            browser.check("account");
        }
    }
}
