package org.hostr.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.hostr.admin.AdminQueries.ServiceFilter;
import org.hostr.admin.AdminRows.Page;
import org.hostr.db.Database;
import org.hostr.nostr.Nip19;
import org.hostr.testing.TestDatabases;
import org.hostr.testing.TestDatabases.Kind;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The admin reads on both engines, with 1,000 customers and 10,000 services, counting the SQL each page sends. */
class AdminQueriesTest {
    static final int CUSTOMERS = 1000;
    static final int PER_CUSTOMER = 10;
    static final int SERVICES = CUSTOMERS * PER_CUSTOMER;
    static final Instant NOW = Instant.parse("2026-11-15T12:00:00Z");
    private static final Map<Kind, Database> DATABASES = new EnumMap<>(Kind.class);

    private final AtomicInteger statements = new AtomicInteger();

    /** One seeded database per engine, shared by the tests: they only read (notes are added under fresh subjects). */
    private static synchronized Database seeded(Kind kind) {
        return DATABASES.computeIfAbsent(kind, k -> {
            Database db = TestDatabases.open(k);
            db.transactionRun(tx -> {
                AdminSeed.plansAndServers(tx, NOW);
                AdminSeed.bulk(tx, CUSTOMERS, PER_CUSTOMER, NOW);
            });
            return db;
        });
    }

    @AfterAll
    static void close() {
        DATABASES.values().forEach(Database::close);
        DATABASES.clear();
    }

    private AdminQueries counted(Kind kind) {
        DSLContext dsl = seeded(kind).dsl().configuration()
                .derive(new DefaultExecuteListenerProvider(ExecuteListener.onExecuteStart(ctx -> statements.incrementAndGet())))
                .dsl();
        return new AdminQueries(dsl);
    }

    private <T> T measure(int atMost, String what, Supplier<T> page) {
        statements.set(0);
        T result = page.get();
        assertTrue(statements.get() <= atMost, what + " sent " + statements.get() + " statements, at most " + atMost + " allowed");
        assertTrue(statements.get() >= 1, what + " sent no statement: the counter is not wired");
        return result;
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everyListPageSendsAtMostTwoStatementsWhateverItsSize(Kind kind) {
        AdminQueries q = counted(kind);

        Page<AdminRows.CustomerRow> customers = measure(2, "customers", () -> q.customers(null, 3));
        Page<AdminRows.ServiceRow> services = measure(2, "services", () -> q.services(ServiceFilter.ALL, 7));
        Page<AdminRows.ServiceRow> review = measure(2, "review", () -> q.services(new ServiceFilter("SUSPENDED", null, null, null), 2));
        Page<AdminRows.InvoiceRow> invoices = measure(2, "invoices", () -> q.invoices(null, null, 4));
        Page<AdminRows.PaymentRow> payments = measure(2, "payments", () -> q.payments(2));
        Page<AdminRows.AuditRow> audit = measure(2, "audit", () -> q.audit(null, null, 2));

        assertEquals(AdminQueries.PAGE_SIZE, customers.rows().size());
        assertEquals(CUSTOMERS, customers.total());
        assertEquals(AdminQueries.PAGE_SIZE, services.rows().size());
        assertEquals(SERVICES, services.total());
        assertEquals(AdminQueries.PAGE_SIZE, review.rows().size());
        assertEquals(AdminQueries.PAGE_SIZE, invoices.rows().size());
        assertEquals(AdminQueries.PAGE_SIZE, payments.rows().size());
        assertEquals(AdminQueries.PAGE_SIZE, audit.rows().size());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aCustomersPageSendsFourStatementsHoweverManyServicesTheyHave(Kind kind) {
        AdminQueries q = counted(kind);

        statements.set(0);
        AdminRows.CustomerRow customer = q.customer(500).orElseThrow();
        List<AdminRows.ServiceRow> services = q.servicesOf(500);
        Page<AdminRows.InvoiceRow> invoices = q.invoices(null, 500L, 1);
        List<AdminRows.AuditRow> trail = q.trailOf(500, customer.npub(), 100);

        assertTrue(statements.get() <= 5, "customer page sent " + statements.get());
        assertEquals(PER_CUSTOMER, services.size());
        assertEquals(PER_CUSTOMER, invoices.total());
        assertTrue(trail.stream().anyMatch(e -> e.action().equals("customer.created")));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theDashboardSendsAFixedNumberOfStatements(Kind kind) {
        AdminQueries q = counted(kind);

        statements.set(0);
        q.servicesByStatus();
        q.revenueByMonth(bounds(12));
        q.monthlyRecurring();
        q.openInvoices(NOW);
        q.liveServicesPerPlan();

        assertEquals(5, statements.get());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void servicesFilterByStatusServerAndPlan(Kind kind) {
        AdminQueries q = counted(kind);

        assertEquals(SERVICES / 10, q.services(new ServiceFilter("SUSPENDED", null, null, null), 1).total());
        assertEquals(SERVICES / 2, q.services(new ServiceFilter(null, 1L, null, null), 1).total());
        assertEquals(SERVICES / 2, q.services(new ServiceFilter(null, null, 2L, null), 1).total());
        Page<AdminRows.ServiceRow> both = q.services(new ServiceFilter("ACTIVE", 2L, 2L, null), 1);
        assertTrue(both.rows().stream().allMatch(s -> s.status().equals("ACTIVE") && s.serverId() == 2L && s.planId() == 2L));
        assertEquals("whm2", both.rows().get(0).serverName());
        assertEquals("Pro", both.rows().get(0).planName());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void customersAreFoundByNpubHexKeyOrName(Kind kind) {
        AdminQueries q = counted(kind);

        Page<AdminRows.CustomerRow> byNpub = q.customers(Nip19.npubEncode(AdminSeed.pubkey(42)), 1);
        Page<AdminRows.CustomerRow> byHex = q.customers(AdminSeed.pubkey(43), 1);
        Page<AdminRows.CustomerRow> byName = q.customers("customer 999", 1);

        assertEquals(List.of(42L), byNpub.rows().stream().map(AdminRows.CustomerRow::id).toList());
        assertEquals(List.of(43L), byHex.rows().stream().map(AdminRows.CustomerRow::id).toList());
        assertEquals(List.of(999L), byName.rows().stream().map(AdminRows.CustomerRow::id).toList());
        assertEquals(PER_CUSTOMER, byName.rows().get(0).services());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void searchTextIsNeverAPatternOrSql(Kind kind) {
        AdminQueries q = counted(kind);

        assertEquals(0, q.customers("%", 1).total());
        assertEquals(0, q.customers("_", 1).total());
        assertEquals(0, q.customers("' OR 1=1 --", 1).total());
        assertEquals(0, q.customers("npub1notavalidkey", 1).total());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aPageBeyondTheLastShowsTheLast(Kind kind) {
        Page<AdminRows.ServiceRow> page = counted(kind).services(ServiceFilter.ALL, 10_000);

        assertEquals(SERVICES / AdminQueries.PAGE_SIZE, page.page());
        assertEquals(AdminQueries.PAGE_SIZE, page.rows().size());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void revenueIsSummedPerPaidMonth(Kind kind) {
        List<Instant> bounds = bounds(13);
        long[] expected = new long[bounds.size() - 1];
        for (long s = 2; s <= SERVICES; s += 2) {
            Instant paidAt = NOW.minusSeconds(86400L * 30 * (s % 12));
            for (int i = 0; i < expected.length; i++) {
                if (!paidAt.isBefore(bounds.get(i)) && paidAt.isBefore(bounds.get(i + 1))) {
                    expected[i] += 500;
                }
            }
        }

        Map<String, long[]> revenue = counted(kind).revenueByMonth(bounds);

        assertEquals(List.of("USD"), new ArrayList<>(revenue.keySet()));
        assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(revenue.get("USD")));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void monthlyRecurringRevenueSpreadsEachPlanOverItsMonths(Kind kind) {
        long starter = 0;
        long pro = 0;
        for (long s = 1; s <= SERVICES; s++) {
            if (AdminSeed.STATUSES[(int) (s % 10)].equals("ACTIVE")) {
                if (s % 2 + 1 == 1) {
                    starter++;
                } else {
                    pro++;
                }
            }
        }

        Map<String, Long> mrr = counted(kind).monthlyRecurring();

        assertEquals(starter * 500 + pro * 12000 / 12, mrr.get("USD"));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void openAndOverdueInvoicesAreCountedAndSummed(Kind kind) {
        List<AdminRows.OpenInvoices> open = counted(kind).openInvoices(NOW);

        assertEquals(1, open.size());
        assertEquals(SERVICES / 2, open.get(0).openCount());
        assertEquals(SERVICES / 2 * 500L, open.get(0).openMinor());
        assertEquals(SERVICES / 4, open.get(0).overdueCount());
        assertEquals(SERVICES / 4 * 500L, open.get(0).overdueMinor());
    }

    private static List<Instant> bounds(int months) {
        YearMonth current = YearMonth.from(NOW.atZone(ZoneOffset.UTC));
        List<Instant> bounds = new ArrayList<>();
        for (int i = months - 1; i >= -1; i--) {
            bounds.add(current.minusMonths(i).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        return bounds;
    }
}
