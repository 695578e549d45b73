package org.hostr.admin;

import static org.hostr.db.generated.Tables.AUDIT_LOG;
import static org.hostr.db.generated.Tables.BILLING_ACTIONS;
import static org.hostr.db.generated.Tables.JOBS;
import static org.hostr.db.generated.Tables.SERVICES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.hostr.testing.TestDatabases.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The review queue and the service page over HTTP, signed in with a real session: what a reviewer sees (kept payments,
 * notes), and each action done once, audited, or refused with the reason and nothing changed. Services ending in 3 are
 * SUSPENDED with a kept payment and a note; ending in 1 or 9 ACTIVE (AdminSeed).
 */
class ServiceActionsIT {
    static AdminShop shop;
    static long next;

    @BeforeAll
    static void start() {
        shop = AdminShop.start(Kind.SQLITE, 10, 10);
        next = shop.fleet.firstService();
    }

    @AfterAll
    static void stop() {
        shop.close();
    }

    @Test
    void theReviewQueueShowsEachKeptPaymentWithItsInvoiceAndTheNotes() {
        long suspended = serviceEndingIn(3);

        String queue = shop.get("/admin/review", shop.admin).body();

        assertTrue(queue.contains("Kept payment"), queue);
        assertTrue(queue.contains("href=\"/admin/invoices/INV-" + suspended + "\""));
        assertTrue(queue.contains("$5.00 paid"));
        assertTrue(queue.contains("paid while SUSPENDED by an admin"));
        assertTrue(queue.contains("customer called about service " + suspended));
        assertTrue(queue.contains("action=\"/admin/review/" + suspended + "/unsuspend\""));
        assertTrue(queue.contains("action=\"/admin/review/" + suspended + "/close-review\""));
        assertTrue(queue.contains("name=\"csrf_token\" value=\"" + shop.admin.csrf() + "\""));
    }

    @Test
    void unsuspendingFromTheQueueQueuesWhmClosesTheItemsAndIsAudited() {
        long id = serviceEndingIn(3);
        int jobs = jobsOf(id);

        HttpResponse<String> done = shop.post("/admin/review/" + id + "/unsuspend", shop.admin, Map.of());

        assertEquals(303, done.statusCode(), done.body());
        assertEquals("/admin/review?done=unsuspend-queued", done.headers().firstValue("Location").orElseThrow());
        assertEquals(jobs + 1, jobsOf(id));
        assertEquals(1, audits(id, "service.unsuspend"));
        assertEquals(0, shop.db().fetchCount(BILLING_ACTIONS, BILLING_ACTIONS.SERVICE_ID.eq(id)
                .and(BILLING_ACTIONS.RESOLVED_AT.isNull())));
    }

    @Test
    void closingTheOpenItemsNeedsAWordOnWhatWasDone() {
        long id = serviceEndingIn(3);

        HttpResponse<String> blank = shop.post("/admin/review/" + id + "/close-review", shop.admin, Map.of("resolution", " "));
        HttpResponse<String> done = shop.post("/admin/review/" + id + "/close-review", shop.admin,
                Map.of("resolution", "refunded to balance"));
        HttpResponse<String> again = shop.post("/admin/review/" + id + "/close-review", shop.admin,
                Map.of("resolution", "twice"));

        assertEquals(400, blank.statusCode());
        assertTrue(blank.body().contains("What was done is required"), blank.body());
        assertEquals(303, done.statusCode(), done.body());
        assertEquals(409, again.statusCode());
        assertTrue(again.body().contains("has no open review item to close"), again.body());
        assertEquals(1, audits(id, "review.close"));
        assertEquals("SUSPENDED", status(id), "closing items leaves the service as it was");
    }

    @Test
    void anActiveServiceIsSuspendedWithAReasonFromItsPage() {
        long id = serviceEndingIn(1);
        int jobs = jobsOf(id);
        assertTrue(shop.get("/admin/services/" + id, shop.admin).body().contains("/admin/services/" + id + "/suspend"));

        HttpResponse<String> done = shop.post("/admin/services/" + id + "/suspend", shop.admin, Map.of("reason", "abuse report #42"));

        assertEquals(303, done.statusCode(), done.body());
        assertEquals("/admin/services/" + id + "?done=suspend-queued", done.headers().firstValue("Location").orElseThrow());
        assertEquals(jobs + 1, jobsOf(id));
        assertEquals("abuse report #42", shop.db().select(AUDIT_LOG.DETAILS).from(AUDIT_LOG)
                .where(AUDIT_LOG.ACTION.eq("service.suspend"), AUDIT_LOG.SUBJECT.eq("service:" + id)).fetchOne(AUDIT_LOG.DETAILS));
        assertTrue(shop.get("/admin/services/" + id + "?done=suspend-queued", shop.admin).body().contains("Suspension queued"));
    }

    @Test
    void aHostileOrOversizedReasonIsRefusedShownEscapedAndNothingChanges() {
        long id = serviceEndingIn(1);
        int jobs = jobsOf(id);

        HttpResponse<String> script = shop.post("/admin/services/" + id + "/suspend", shop.admin,
                Map.of("reason", "<script>alert(1)</script>"));
        HttpResponse<String> huge = shop.post("/admin/services/" + id + "/suspend", shop.admin, Map.of("reason", "x".repeat(5000)));
        HttpResponse<String> missing = shop.post("/admin/services/" + id + "/suspend", shop.admin, Map.of());

        assertEquals(400, script.statusCode());
        assertTrue(script.body().contains("Reason must not contain &lt; or &gt;"), script.body());
        assertTrue(script.body().contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\""));
        assertFalse(script.body().contains("<script>alert(1)"));
        assertEquals(400, huge.statusCode());
        assertTrue(huge.body().contains("Reason is too long: at most 200 characters"));
        assertTrue(huge.body().length() < 40_000, "an oversized value is not echoed whole");
        assertTrue(missing.body().contains("Reason is required"));
        assertEquals(jobs, jobsOf(id));
        assertEquals(0, audits(id, "service.suspend"));
        assertEquals("ACTIVE", status(id));
    }

    @Test
    void anOutageCreditMovesTheDueDateAndBadDaysAreRefused() {
        long id = serviceEndingIn(9);
        Instant due = shop.db().select(SERVICES.NEXT_DUE_AT).from(SERVICES).where(SERVICES.ID.eq(id)).fetchOne(SERVICES.NEXT_DUE_AT);

        HttpResponse<String> sql = shop.post("/admin/services/" + id + "/extend", shop.admin,
                Map.of("days", "3; DROP TABLE services", "reason", "outage"));
        HttpResponse<String> tooMany = shop.post("/admin/services/" + id + "/extend", shop.admin, Map.of("days", "400", "reason", "outage"));
        HttpResponse<String> done = shop.post("/admin/services/" + id + "/extend", shop.admin,
                Map.of("days", "5", "reason", "datacentre outage on 3 Nov"));

        assertEquals(400, sql.statusCode());
        assertTrue(sql.body().contains("Days must be a whole number"), sql.body());
        assertTrue(sql.body().contains("value=\"3; DROP TABLE services\""));
        assertTrue(tooMany.body().contains("Days must be between 1 and 366"));
        assertEquals(303, done.statusCode(), done.body());
        assertEquals(due.plus(Duration.ofDays(5)), shop.db().select(SERVICES.NEXT_DUE_AT).from(SERVICES)
                .where(SERVICES.ID.eq(id)).fetchOne(SERVICES.NEXT_DUE_AT));
        assertEquals(1, audits(id, "service.extend"));
    }

    @Test
    void aNoteIsKeptEscapedAndAStateTheServiceIsNotInIsRefused() {
        long active = serviceEndingIn(1);

        HttpResponse<String> note = shop.post("/admin/services/" + active + "/note", shop.admin,
                Map.of("text", "<b>called</b> the customer"));
        HttpResponse<String> unsuspend = shop.post("/admin/services/" + active + "/unsuspend", shop.admin, Map.of());

        assertEquals(303, note.statusCode());
        String page = shop.get("/admin/services/" + active, shop.admin).body();
        assertTrue(page.contains("&lt;b&gt;called&lt;/b&gt; the customer"), page);
        assertEquals(409, unsuspend.statusCode());
        assertTrue(unsuspend.body().contains("Cannot unsuspend service " + active + " while it is ACTIVE"), unsuspend.body());
        assertEquals(0, audits(active, "service.unsuspend"));
    }

    @Test
    void formsWithoutTheCsrfTokenOrFromACustomerChangeNothing() {
        long id = serviceEndingIn(1);

        HttpResponse<String> noToken = shop.post("/admin/services/" + id + "/suspend", shop.admin,
                Map.of("reason", "abuse", "csrf_token", ""));
        HttpResponse<String> customer = shop.post("/admin/services/" + id + "/suspend", shop.customer, Map.of("reason", "abuse"));

        assertEquals(403, noToken.statusCode());
        assertEquals(403, customer.statusCode());
        assertEquals(0, audits(id, "service.suspend"));
        assertEquals(404, shop.get("/admin/services/99999999", shop.admin).statusCode());
    }

    /** A fresh service of the fleet whose id ends in the digit, so no two tests share one. */
    private static synchronized long serviceEndingIn(int digit) {
        while (next % 10 != digit) {
            next++;
        }
        return next++;
    }

    /** WHM jobs for the service: lifecycle keys read kind:service:id:target:version (ProvisioningJobs). */
    private static int jobsOf(long serviceId) {
        return shop.db().fetchCount(JOBS, JOBS.IDEMPOTENCY_KEY.contains(":service:" + serviceId + ":"));
    }

    private static int audits(long serviceId, String action) {
        return shop.db().fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq(action).and(AUDIT_LOG.SUBJECT.eq("service:" + serviceId)));
    }

    private static String status(long serviceId) {
        return shop.db().select(SERVICES.STATUS).from(SERVICES).where(SERVICES.ID.eq(serviceId)).fetchOne(SERVICES.STATUS);
    }
}
