package org.hostr.admin;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hostr.nostr.Nip19;
import org.hostr.testing.TestDatabases.Kind;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * No page queries once per row: every admin list page and the customer's account page are requested on a small shop
 * (10 customers, 20 services) and on a big one (1,000 customers, 10,000 services, with their invoices, payments, jobs,
 * notes and audit lines), counting the SQL statements each request sends, session lookup included.
 */
class AdminPageStatementsIT {
    /** A page that needs more than this is doing work per row, or should be split. */
    static final int MAX_STATEMENTS = 15;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everyPageSendsAFewStatementsHoweverBigTheShop(Kind kind) {
        Map<String, Integer> small = countEveryPage(kind, 10, 2);
        Map<String, Integer> big = countEveryPage(kind, 1000, 10);

        System.out.println(kind + " statements per request, small shop → big shop:");
        small.forEach((page, n) -> System.out.printf("  %-44s %2d → %2d%n", page, n, big.get(page)));
        List<Executable> checks = new ArrayList<>();
        small.forEach((page, n) -> checks.add(() -> {
            assertTrue(big.get(page) <= MAX_STATEMENTS, page + " sent " + big.get(page) + " statements, at most "
                    + MAX_STATEMENTS + " allowed");
            assertTrue(big.get(page) <= n, page + " sent " + n + " statements on the small shop but " + big.get(page)
                    + " on the big one: something is queried per row");
            assertTrue(n >= 1, page + " sent no statement: the counter is not wired");
        }));
        assertAll(checks);
    }

    private static Map<String, Integer> countEveryPage(Kind kind, int customers, int perCustomer) {
        try (AdminShop shop = AdminShop.start(kind, customers, perCustomer)) {
            long customer = AdminShop.FIRST_CUSTOMER;
            long suspended = shop.fleet.firstService() + 2; // ids ending in 3 are SUSPENDED, with a kept payment
            long plan = shop.fleet.plans().get(1);
            long server = shop.fleet.servers().get(0);
            Map<String, String> pages = new LinkedHashMap<>();
            pages.put("dashboard", "/admin");
            pages.put("customers", "/admin/customers");
            pages.put("customers, page 2", "/admin/customers?page=2");
            pages.put("customers, search by name", "/admin/customers?q=Customer+1007");
            pages.put("customers, search by npub", "/admin/customers?q=" + Nip19.npubEncode(AdminSeed.pubkey(customer + 3)));
            pages.put("customer", "/admin/customers/" + customer);
            pages.put("services", "/admin/services");
            pages.put("services, page 2", "/admin/services?page=2");
            pages.put("services, page 100", "/admin/services?page=100");
            pages.put("services, last page", "/admin/services?page=999999");
            pages.put("services, ACTIVE", "/admin/services?status=ACTIVE");
            pages.put("services, server + plan + status", "/admin/services?status=ACTIVE&server=" + server + "&plan=" + plan);
            pages.put("services, plan, page 3", "/admin/services?plan=" + plan + "&page=3");
            pages.put("service", "/admin/services/" + suspended);
            pages.put("review queue", "/admin/review");
            pages.put("review queue, page 2", "/admin/review?page=2");
            pages.put("invoices", "/admin/invoices");
            pages.put("invoices, UNPAID, page 2", "/admin/invoices?status=UNPAID&page=2");
            pages.put("invoices, payments page 3", "/admin/invoices?payments_page=3");
            pages.put("invoice", "/admin/invoices/INV-" + suspended);
            pages.put("jobs", "/admin/jobs");
            pages.put("jobs, DEAD, page 2", "/admin/jobs?status=DEAD&page=2");
            pages.put("audit log", "/admin/audit");
            pages.put("audit log, page 5", "/admin/audit?page=5");
            pages.put("audit log, one subject", "/admin/audit?subject=service%3A" + suspended);
            pages.put("drift", "/admin/drift");
            pages.put("plans", "/admin/plans");
            pages.put("servers", "/admin/servers");
            pages.put("account (customer)", "/account");
            Map<String, Integer> counts = new LinkedHashMap<>();
            pages.forEach((name, path) -> counts.put(name,
                    shop.statements(path, name.startsWith("account") ? shop.customer : shop.admin)));
            return counts;
        }
    }
}
