package org.hostr.admin;

import static org.hostr.db.generated.Tables.AUDIT_LOG;
import static org.hostr.db.generated.Tables.CUSTOMERS;
import static org.hostr.db.generated.Tables.INVOICES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import org.hostr.testing.TestDatabases.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The invoice page's actions over HTTP with a real session: mark paid by hand and cancel while UNPAID, refund to
 * balance once PAID; each audited, and bad input refused with the reason and nothing changed. Seeded invoice INV-n
 * belongs to service n: UNPAID for odd n, PAID ($5.00) for even n; service n is ACTIVE when n ends in 1 or 9.
 */
class InvoiceActionsIT {
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
    void anUnpaidInvoiceIsMarkedPaidByHandWithAReason() {
        String number = "INV-" + serviceEndingIn(1);
        assertTrue(shop.get("/admin/invoices/" + number, shop.admin).body().contains(number + "/mark-paid"));

        HttpResponse<String> noReason = shop.post("/admin/invoices/" + number + "/mark-paid", shop.admin, Map.of("reason", ""));
        HttpResponse<String> done = shop.post("/admin/invoices/" + number + "/mark-paid", shop.admin,
                Map.of("reason", "paid on-chain, tx 4e3f…"));

        assertEquals(400, noReason.statusCode());
        assertTrue(noReason.body().contains("Reason is required"), noReason.body());
        assertEquals(303, done.statusCode(), done.body());
        assertEquals("/admin/invoices/" + number + "?done=invoice-marked-paid", done.headers().firstValue("Location").orElseThrow());
        assertEquals("PAID", status(number));
        assertEquals(1, audits(number, "invoice.marked_paid"));
    }

    @Test
    void anUnpaidInvoiceIsCancelledOnceAndASecondTimeIsRefused() {
        String number = "INV-" + serviceEndingIn(9);

        HttpResponse<String> done = shop.post("/admin/invoices/" + number + "/cancel", shop.admin, Map.of("reason", "ordered twice"));
        HttpResponse<String> again = shop.post("/admin/invoices/" + number + "/cancel", shop.admin, Map.of("reason", "again"));
        HttpResponse<String> paid = shop.post("/admin/invoices/" + number + "/mark-paid", shop.admin, Map.of("reason", "late"));

        assertEquals(303, done.statusCode(), done.body());
        assertEquals("CANCELLED", status(number));
        assertEquals(409, again.statusCode());
        assertTrue(again.body().contains("only UNPAID invoices can be cancelled"), again.body());
        assertEquals(409, paid.statusCode());
        assertEquals(1, audits(number, "invoice.cancel"));
        assertEquals(0, audits(number, "invoice.marked_paid"));
    }

    @Test
    void aPaidInvoiceIsRefundedToTheCustomersBalanceNeverBeyondItsTotal() {
        long service = serviceEndingIn(2);
        String number = "INV-" + service;
        long customer = shop.fleet.customerOf(service);
        long credit = credit(customer);

        HttpResponse<String> part = shop.post("/admin/invoices/" + number + "/refund", shop.admin,
                Map.of("amount", "1.50", "reason", "two days down"));
        HttpResponse<String> tooMuch = shop.post("/admin/invoices/" + number + "/refund", shop.admin,
                Map.of("amount", "4.00", "reason", "goodwill"));
        HttpResponse<String> rest = shop.post("/admin/invoices/" + number + "/refund", shop.admin, Map.of("reason", "closing"));

        assertEquals(303, part.statusCode(), part.body());
        assertEquals(400, tooMuch.statusCode());
        assertTrue(tooMuch.body().contains("must be 1..350 minor units"), tooMuch.body());
        assertEquals(303, rest.statusCode(), rest.body());
        assertEquals(credit + 500, credit(customer));
        assertEquals(500L, shop.db().select(INVOICES.REFUNDED_MINOR).from(INVOICES).where(INVOICES.NUMBER.eq(number))
                .fetchOne(INVOICES.REFUNDED_MINOR));
        assertEquals(2, audits(number, "invoice.refund"));
        assertTrue(shop.get("/admin/invoices/" + number, shop.admin).body().contains("refunded in full"));
    }

    @Test
    void badAmountsAndHostileReasonsAreRefusedShownEscapedAndChangeNothing() {
        long service = serviceEndingIn(4);
        String number = "INV-" + service;
        long credit = credit(shop.fleet.customerOf(service));

        HttpResponse<String> sql = shop.post("/admin/invoices/" + number + "/refund", shop.admin,
                Map.of("amount", "1 OR 1=1", "reason", "x"));
        HttpResponse<String> script = shop.post("/admin/invoices/" + number + "/refund", shop.admin,
                Map.of("amount", "1.00", "reason", "<img src=x onerror=alert(1)>"));
        HttpResponse<String> decimals = shop.post("/admin/invoices/" + number + "/refund", shop.admin,
                Map.of("amount", "1.001", "reason", "x"));

        assertEquals(400, sql.statusCode());
        assertTrue(sql.body().contains("Amount must be an amount such as 5.00"), sql.body());
        assertTrue(sql.body().contains("value=\"1 OR 1=1\""));
        assertEquals(400, script.statusCode());
        assertTrue(script.body().contains("&lt;img src=x onerror=alert(1)&gt;"), script.body());
        assertFalse(script.body().contains("<img src=x"));
        assertEquals(400, decimals.statusCode());
        assertEquals(credit, credit(shop.fleet.customerOf(service)));
        assertEquals(0, audits(number, "invoice.refund"));
    }

    @Test
    void unknownOrHostileNumbersAreNotFoundAndACustomerIsForbidden() {
        String number = "INV-" + serviceEndingIn(1);

        assertEquals(404, shop.get("/admin/invoices/INV-0", shop.admin).statusCode());
        HttpResponse<String> hostile = shop.get("/admin/invoices/%3Cscript%3Ealert(1)%3C%2Fscript%3E", shop.admin);
        HttpResponse<String> customer = shop.post("/admin/invoices/" + number + "/mark-paid", shop.customer, Map.of("reason", "me"));
        HttpResponse<String> noToken = shop.post("/admin/invoices/" + number + "/mark-paid", shop.admin,
                Map.of("reason", "x", "csrf_token", "forged"));

        assertEquals(404, hostile.statusCode());
        assertFalse(hostile.body().contains("<script>alert(1)"), hostile.body());
        assertEquals(403, customer.statusCode());
        assertEquals(403, noToken.statusCode());
        assertEquals("UNPAID", status(number));
    }

    private static synchronized long serviceEndingIn(int digit) {
        while (next % 10 != digit) {
            next++;
        }
        return next++;
    }

    private static String status(String number) {
        return shop.db().select(INVOICES.STATUS).from(INVOICES).where(INVOICES.NUMBER.eq(number)).fetchOne(INVOICES.STATUS);
    }

    private static int audits(String number, String action) {
        return shop.db().fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq(action).and(AUDIT_LOG.SUBJECT.eq(number)));
    }

    private static long credit(long customerId) {
        return shop.db().select(CUSTOMERS.CREDIT_MINOR).from(CUSTOMERS).where(CUSTOMERS.ID.eq(customerId))
                .fetchOne(CUSTOMERS.CREDIT_MINOR);
    }
}
