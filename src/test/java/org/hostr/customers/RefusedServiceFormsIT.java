package org.hostr.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hostr.db.generated.Tables.CUSTOMERS;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.hostr.testing.TestDatabases.Kind;
import org.hostr.testing.TestNostr;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The account page's renew and plan forms, sent with something wrong: each answer is a page that says what to fix,
 * and nothing of the customer's (services, invoices, credit, jobs) changed.
 */
@ParameterizedClass
@EnumSource(Kind.class)
class RefusedServiceFormsIT {
    private static CustomerShop shop;
    /** One customer for all tests, since a refused form changes nothing (which each test checks). */
    private static TestNostr.Session customer;
    private static long customerId;
    /** ACTIVE, on Basic. */
    private static long service;
    /** Ended by an admin. */
    private static long terminated;

    /** The database this run uses; one shop per database. */
    @Parameter
    Kind kind;

    private String rowsBefore;

    @BeforeParameterizedClassInvocation
    static void openShop(Kind kind) {
        shop = CustomerShop.start(kind);
        TestNostr key = new TestNostr();
        customer = key.logIn(shop.app);
        customerId = shop.app.app().database().dsl().select(CUSTOMERS.ID).from(CUSTOMERS)
                .where(CUSTOMERS.PUBKEY.eq(key.pubkey())).fetchSingle(CUSTOMERS.ID);
        service = shop.activeService(customer, "basic", "refused.example");
        terminated = shop.activeService(customer, "basic", "ended.example");
        shop.ok(shop.asScript(shop.admin, "POST", "/api/v1/admin/services/" + terminated + "/terminate",
                "{\"reason\":\"customer asked to end it\"}"));
        shop.awaitService(customer, terminated, "TERMINATED");
    }

    @AfterParameterizedClassInvocation
    static void closeShop() {
        if (shop != null) {
            shop.close();
            shop = null;
        }
    }

    @BeforeEach
    void rememberTheCustomersRows() {
        rowsBefore = rows();
    }

    @Test
    void theSamePlanAgainIsRefused() {
        HttpResponse<String> answer = shop.submit(customer, "/account/services/" + service + "/plan", "plan=basic");

        assertRefused(answer, 422, "The service is already on that plan. Choose a different plan.");
    }

    @Test
    void aRetiredPlanIsRefused() {
        HttpResponse<String> answer = shop.submit(customer, "/account/services/" + service + "/plan", "plan=legacy");

        assertRefused(answer, 422, "That plan is not on sale. Choose one of the plans listed under the service");
    }

    @Test
    void aPlanFormWithNoPlanChosenIsRefused() {
        HttpResponse<String> answer = shop.submit(customer, "/account/services/" + service + "/plan", "");

        assertRefused(answer, 400, "Choose the plan to move to, then press Change plan.");
    }

    @Test
    void aTerminatedServiceCannotChangePlan() {
        HttpResponse<String> answer = shop.submit(customer, "/account/services/" + terminated + "/plan", "plan=standard");

        assertRefused(answer, 409, "it is TERMINATED. Pay the renewal of an expired service first; a terminated service "
                + "cannot come back, so order a new plan instead.");
    }

    @Test
    void aTerminatedServiceCannotBeRenewed() {
        HttpResponse<String> answer = shop.submit(customer, "/account/services/" + terminated + "/renew", "");

        assertRefused(answer, 409, "is TERMINATED and cannot be renewed. Order a new plan instead.");
    }

    @Test
    void anotherCustomersServiceIsRefusedAsIfItDidNotExist() {
        // given another customer
        TestNostr.Session other = new TestNostr().logIn(shop.app);

        // when they send the plan and renew forms for this customer's service
        HttpResponse<String> plan = shop.submit(other, "/account/services/" + service + "/plan", "plan=standard");
        HttpResponse<String> renew = shop.submit(other, "/account/services/" + service + "/renew", "");

        // then both say there is no such service, word for word as for an id that was never used, and change nothing
        assertThat(plan.statusCode()).isEqualTo(404);
        assertThat(renew.statusCode()).isEqualTo(404);
        assertThat(plan.body()).contains("Page not found", "There is no such service on your account.")
                .doesNotContain("refused.example")
                .isEqualTo(shop.submit(other, "/account/services/987654321/plan", "plan=standard").body());
        assertThat(renew.body()).isEqualTo(shop.submit(other, "/account/services/987654321/renew", "").body());
        assertThat(rows()).isEqualTo(rowsBefore);
    }

    @Test
    void aFormWithoutTheCsrfTokenIsRefused() {
        // when the session cookie comes without the page's token, as from a form on another site
        HttpResponse<String> forged = shop.app.send(HttpRequest.newBuilder(URI.create(shop.app.url(
                        "/account/services/" + service + "/plan")))
                .header("Cookie", customer.cookie()).header("Content-Type", CustomerShop.FORM)
                .POST(HttpRequest.BodyPublishers.ofString("plan=standard")).build());

        // then it is refused and nothing changed
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(rows()).isEqualTo(rowsBefore);
    }

    private void assertRefused(HttpResponse<String> answer, int status, String whatToFix) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.body()).contains("Nothing was changed", whatToFix, "href=\"/account#services-heading\"");
        assertThat(rows()).as("the customer's rows").isEqualTo(rowsBefore);
    }

    private static String rows() {
        return AccountRows.of(shop.app.app().database().dsl(), customerId);
    }
}
