package org.hostr.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hostr.testing.TestApp;
import org.hostr.testing.TestDatabases.Kind;
import org.hostr.testing.TestNostr;
import org.junit.jupiter.api.Test;

/** The order form behind the plans' "Choose" buttons, over HTTP as a browser without JavaScript uses it. */
class CheckoutPageIT {
    private static final Pattern KEY = Pattern.compile("name=\"idempotency_key\" value=\"([^\"]+)\"");

    private static HttpResponse<String> submit(TestApp app, TestNostr.Session s, String domain, String key) {
        String form = "csrf_token=" + URLEncoder.encode(s.csrf(), StandardCharsets.UTF_8)
                + "&domain=" + URLEncoder.encode(domain, StandardCharsets.UTF_8) + "&idempotency_key=" + key;
        return app.send(HttpRequest.newBuilder(URI.create(app.url("/order/basic"))).timeout(Duration.ofSeconds(20))
                .header("Cookie", s.cookie()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private static String formKey(TestApp app, TestNostr.Session s) {
        Matcher m = KEY.matcher(app.get("/order/basic", "Cookie", s.cookie()).body());
        assertThat(m.find()).as("the form carries an idempotency key").isTrue();
        return m.group(1);
    }

    @Test
    void visitorIsSentToLoginAndBackToTheForm() {
        try (TestApp app = TestApp.start(Kind.SQLITE)) {
            HttpResponse<String> page = app.get("/order/basic");

            assertThat(page.statusCode()).isEqualTo(302);
            assertThat(page.headers().firstValue("Location")).hasValue("/login?next=/order/basic");
        }
    }

    @Test
    void orderGoesToThePayPageAndAResubmittedFormReturnsTheSameInvoice() {
        try (TestApp app = TestApp.start(Kind.SQLITE)) {
            TestNostr.Session s = new TestNostr().logIn(app);
            String key = formKey(app, s);

            HttpResponse<String> first = submit(app, s, "shop.example", key);
            HttpResponse<String> again = submit(app, s, "shop.example", key);

            assertThat(first.statusCode()).isEqualTo(303);
            assertThat(first.headers().firstValue("Location").orElseThrow()).startsWith("/invoices/INV-");
            assertThat(again.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        }
    }

    @Test
    void badDomainShowsTheFormAgainWithTheReasonAndWhatWasTyped() {
        try (TestApp app = TestApp.start(Kind.SQLITE)) {
            TestNostr.Session s = new TestNostr().logIn(app);

            HttpResponse<String> page = submit(app, s, "not a domain", formKey(app, s));

            assertThat(page.statusCode()).isEqualTo(400);
            assertThat(page.body()).contains("is not a valid domain name", "value=\"not a domain\"", "aria-invalid=\"true\"");
        }
    }

    @Test
    void planNotOnSaleIsNotFound() {
        try (TestApp app = TestApp.start(Kind.SQLITE)) {
            assertThat(app.get("/order/platinum").statusCode()).isEqualTo(404);
        }
    }
}
