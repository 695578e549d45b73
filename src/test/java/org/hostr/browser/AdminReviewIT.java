package org.hostr.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.hostr.nostr.Keys;
import org.hostr.nostr.NostrKeyPair;
import org.hostr.sim.whm.SimAccount;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** An admin on a phone: NIP-07 login, suspend a customer's site with a reason, then lift it from the review queue. */
class AdminReviewIT {
    private static final String REASON = "Phishing page reported by the registrar";

    @Test
    void adminSuspendsAServiceWithAReasonAndUnsuspendsItFromTheReviewQueue() {
        try (BrowserShop shop = new BrowserShop()) {
            // given a customer's ACTIVE service
            NostrKeyPair customer = Keys.generate();
            long id = shop.activeService(customer, "busy-blog.example").path("id").asLong();

            try (Nip07Signer signer = new Nip07Signer(shop.admin);
                 Browser browser = new Browser(shop.url(""), signer, "admin")) {
                // when the admin logs in with their signer and finds the service in the console
                browser.open("/login");
                browser.find("#login-nip07").click();
                browser.waitFor("the account page", ExpectedConditions.urlToBe(shop.url("/account")));
                browser.driver.findElement(By.linkText("Admin")).click();
                browser.waitFor("the dashboard", ExpectedConditions.urlToBe(shop.url("/admin")));
                browser.check("dashboard");
                browser.find(".admin-nav a[href='/admin/services']").click();
                browser.waitFor("the services list", ExpectedConditions.urlToBe(shop.url("/admin/services")));
                browser.check("services");
                browser.find("a[href='/admin/services/" + id + "']").click();
                browser.waitFor("the service page", ExpectedConditions.urlToBe(shop.url("/admin/services/" + id)));
                browser.check("service");

                // and suspends it with a reason
                browser.find("#suspend-reason").sendKeys(REASON);
                browser.find("form[action='/admin/services/" + id + "/suspend'] button[type=submit]").click();
                browser.waitFor("the queued notice", ExpectedConditions.presenceOfElementLocated(By.cssSelector(".notice.ok")));

                // then, once WHM has suspended the account, the review queue shows it with the reason
                browser.find(".admin-nav a[href='/admin/review']").click();
                browser.waitFor("the service in the review queue", driver -> {
                    driver.navigate().refresh();
                    return !driver.findElements(By.id("svc-" + id)).isEmpty();
                });
                String item = browser.find("article[aria-labelledby='svc-" + id + "']").getText();
                assertThat(item).contains("busy-blog.example", "suspended", REASON);
                SimAccount suspended = shop.whm.accounts().get(0);
                assertThat(suspended.suspended()).isTrue();
                assertThat(suspended.suspendReason()).contains(REASON);
                browser.check("review");

                // when the admin unsuspends it from the queue
                browser.find("form[action='/admin/review/" + id + "/unsuspend'] button[type=submit]").click();
                browser.waitFor("the queued notice", ExpectedConditions.presenceOfElementLocated(By.cssSelector(".notice.ok")));

                // then the site is live again and the queue is empty
                shop.awaitService(customer, id, "ACTIVE");
                assertThat(shop.whm.accounts().get(0).suspended()).isFalse();
                browser.driver.navigate().refresh();
                assertThat(browser.driver.findElements(By.id("svc-" + id))).isEmpty();
                browser.check("review-empty");
            }
        }
    }
}
