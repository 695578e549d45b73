package org.hostr.customers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hostr.customers.CustomerRouteTable.Key;
import org.hostr.customers.CustomerRouteTable.Route;
import org.hostr.nostr.Nip19;
import org.hostr.testing.TestDatabases.Kind;
import org.hostr.testing.TestNostr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Customer A cannot read or change customer B's things through any route. Once per database, B gets one of everything
 * (see {@link FullAccount}); then A, logged in with a session cookie and with NIP-98 headers, asks every route of
 * {@link CustomerRouteTable} about each of B's ids, numbers and npub with every method (the route's own and the others),
 * the changes with A's valid CSRF token, and calls every admin route the app registered. Each test checks one property
 * of what A got.
 */
@ParameterizedClass
@EnumSource(Kind.class)
class CrossCustomerAccessIT {
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private static CustomerShop shop;
    private static FullAccount b;
    private static TestNostr aKey;
    private static TestNostr.Session a;
    private static String unknownNpub;
    private static final List<Attempt> attempts = new ArrayList<>();
    private static final Map<String, Set<Integer>> ownerAnswers = new LinkedHashMap<>();
    /** Answers about things that do not exist, asked once each: a NIP-98 header may not be used twice. */
    private static final Map<String, HttpResponse<String>> unknownAnswers = new LinkedHashMap<>();
    private static String rowsBefore;
    private static String rowsAfter;

    /** The database this run uses; the shop is started for it before the tests (see below). */
    @Parameter
    Kind kind;

    /** One request of A's, its answer, and the answer to the same request about a thing that does not exist. */
    record Attempt(String via, String method, String path, String value, boolean admin,
                   HttpResponse<String> answer, HttpResponse<String> unknownAnswer, String unknownValue) {
        String describe() {
            return via + " " + method + " " + path + " → " + answer.statusCode();
        }

        /**
         * The body with the requested invoice number or npub blanked out: A typed it, so may see it again. Service ids
         * are not secrets and stay (blanking 1 would also blank the 1 of /api/v1).
         */
        String shown() {
            return value.chars().allMatch(Character::isDigit) ? answer.body() : answer.body().replace(value, "{value}");
        }

        /** Same status, and the same body once the unknown value is swapped for B's: the answer tells nothing. */
        boolean sameAsForUnknown() {
            return answer.statusCode() == unknownAnswer.statusCode()
                    && answer.body().equals(unknownAnswer.body().replace(unknownValue, value));
        }
    }

    @BeforeParameterizedClassInvocation
    static void customerATriesEverythingOfCustomerB(Kind kind) {
        attempts.clear();
        ownerAnswers.clear();
        unknownAnswers.clear();
        shop = CustomerShop.start(kind);
        b = FullAccount.create(shop, "Bea");
        aKey = new TestNostr();
        a = aKey.logIn(shop.app);
        unknownNpub = Nip19.npubEncode(new TestNostr().pubkey());
        ownerReadsEachRoute();
        rowsBefore = AccountRows.of(shop.app.app().database().dsl(), b.customerId());
        for (Route route : CustomerRouteTable.ROUTES) {
            if (route.probed() && route.method().equals(firstRouteOf(route.path()).method())) {
                for (String value : valuesOf(route.key())) {
                    everyMethodOn(route.path(), value, route.key());
                }
            }
        }
        for (String route : shop.app.app().routes()) {
            String[] methodAndPath = route.split(" ", 2);
            if (CustomerRouteTable.isAdmin(methodAndPath[1])) {
                adminRoute(methodAndPath[0], methodAndPath[1]);
            }
        }
        rowsAfter = AccountRows.of(shop.app.app().database().dsl(), b.customerId());
    }

    @AfterParameterizedClassInvocation
    static void closeShop() {
        if (shop != null) {
            shop.close();
            shop = null;
        }
    }

    @Test
    void everyParameterisedCustomerRouteIsInTheTable() {
        // given the routes the running app registered
        Set<String> registered = new TreeSet<>(shop.app.app().routes());

        // then each one with a path parameter is an admin route or in the table, and the table lists no route that is gone
        Set<String> listed = new TreeSet<>(CustomerRouteTable.ROUTES.stream().map(Route::name).toList());
        Set<String> missing = new TreeSet<>(registered);
        missing.removeIf(r -> !r.contains("{") || CustomerRouteTable.isAdmin(r.split(" ", 2)[1]) || listed.contains(r));
        Set<String> gone = new TreeSet<>(listed);
        gone.removeAll(registered);
        assertThat(missing).as("routes with a parameter that CustomerRouteTable does not cover").isEmpty();
        assertThat(gone).as("routes in CustomerRouteTable that the app no longer has").isEmpty();
    }

    @Test
    void everyAnswerAboutBsThingsIsNotFoundOrForbidden() {
        List<String> wrong = attempts.stream().filter(t -> !t.admin())
                .filter(t -> !Set.of(403, 404).contains(t.answer().statusCode()))
                .map(t -> t.describe() + ": " + t.answer().body()).toList();
        assertThat(wrong).isEmpty();
    }

    @Test
    void anAnswerAboutBsThingIsTheAnswerAboutAThingThatDoesNotExist() {
        List<String> telling = attempts.stream().filter(t -> !t.admin())
                .filter(t -> !t.sameAsForUnknown())
                .map(t -> t.describe() + " but " + t.unknownAnswer().statusCode() + " for " + t.unknownValue()
                        + "\n  " + t.answer().body() + "\n  " + t.unknownAnswer().body()).toList();
        assertThat(telling).isEmpty();
    }

    @Test
    void everyAdminRouteRefusesCustomerA() {
        List<Attempt> admin = attempts.stream().filter(Attempt::admin).toList();
        // There are dozens; a handful would mean the app's route list was not read.
        assertThat(admin).as("admin routes called").hasSizeGreaterThan(30);
        assertThat(admin.stream().filter(t -> t.answer().statusCode() != 403).map(t -> t.describe() + ": " + t.answer().body()))
                .isEmpty();
    }

    @Test
    void noAnswerShowsAnythingOfB() {
        List<String> leaks = new ArrayList<>();
        for (Attempt t : attempts) {
            b.secrets().stream().filter(t.shown()::contains).forEach(s -> leaks.add(t.describe() + " shows " + s));
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    void nothingOfBsChanged() {
        assertThat(rowsAfter).isEqualTo(rowsBefore);
    }

    @Test
    void bReadsThroughEachOfTheseRoutesWhatATriedToRead() {
        // A's refusals count only if the same requests lead the owner to the data.
        assertThat(ownerAnswers).allSatisfy((route, statuses) -> assertThat(statuses).as(route).contains(200));
    }

    @Test
    void customerAsOwnPagesShowNothingOfB() {
        for (String path : List.of("/account", "/api/v1/me", "/api/v1/invoices", "/api/v1/paywall", "/api/v1/me/notices")) {
            // when A opens their own pages, by cookie and by NIP-98
            List<HttpResponse<String>> answers = new ArrayList<>(List.of(shop.asBrowser(a, "GET", path, null, null)));
            if (path.startsWith("/api/")) {
                answers.add(shop.asScript(aKey, "GET", path, null));
            }
            // then they answer and show nothing of B's
            for (HttpResponse<String> answer : answers) {
                assertThat(answer.statusCode()).as(path).isEqualTo(200);
                assertThat(b.secrets()).as(path).noneMatch(answer.body()::contains);
            }
        }
    }

    /** B's own GETs, before A's attempts: some leave state behind (the pay page fetches a Lightning quote). */
    private static void ownerReadsEachRoute() {
        for (Route route : CustomerRouteTable.ROUTES) {
            // No relays are configured, so nobody gets a profile: there is nothing for the owner to read there.
            if (!route.probed() || !route.method().equals("GET") || route.path().startsWith("/api/v1/profile/")) {
                continue;
            }
            Set<Integer> statuses = new TreeSet<>();
            for (String value : valuesOf(route.key())) {
                statuses.add(shop.asBrowser(b.session(), "GET", route.at(value), null, null).statusCode());
            }
            ownerAnswers.put(route.name(), statuses);
        }
    }

    private static void everyMethodOn(String path, String value, Key key) {
        String unknown = unknownValueOf(key);
        for (String method : METHODS) {
            Route registered = CustomerRouteTable.ROUTES.stream()
                    .filter(r -> r.path().equals(path) && r.method().equals(method)).findFirst().orElse(null);
            String type = registered == null ? null : registered.contentType();
            String body = registered == null ? null : registered.body();
            String actual = path.replaceFirst("\\{[^}]+}", value);
            String none = path.replaceFirst("\\{[^}]+}", unknown);
            attempts.add(new Attempt("cookie", method, actual, value, false,
                    shop.asBrowser(a, method, actual, type, body), unknownAnswers.computeIfAbsent("cookie " + method + " " + none,
                    k -> shop.asBrowser(a, method, none, type, body)), unknown));
            if (path.startsWith("/api/v1/")) {
                attempts.add(new Attempt("nip98", method, actual, value, false,
                        shop.asScript(aKey, method, actual, body), unknownAnswers.computeIfAbsent("nip98 " + method + " " + none,
                        k -> shop.asScript(aKey, method, none, body)), unknown));
            }
        }
    }

    private static void adminRoute(String method, String path) {
        String value = path.contains("{number}") ? b.paidInvoice() : path.contains("{npub}") ? b.npub()
                : String.valueOf(b.liveServiceId());
        String actual = path.replaceAll("\\{[^}]+}", value);
        String body = method.equals("GET") ? null : "{}";
        attempts.add(new Attempt("cookie", method, actual, value, true,
                shop.asBrowser(a, method, actual, CustomerShop.JSON, body), null, null));
        if (path.startsWith("/api/v1/")) {
            attempts.add(new Attempt("nip98", method, actual, value, true, shop.asScript(aKey, method, actual, body),
                    null, null));
        }
    }

    private static Route firstRouteOf(String path) {
        return CustomerRouteTable.ROUTES.stream().filter(r -> r.path().equals(path)).findFirst().orElseThrow();
    }

    private static List<String> valuesOf(Key key) {
        return switch (key) {
            case SERVICE -> b.serviceIds().stream().map(String::valueOf).toList();
            case INVOICE -> b.invoiceNumbers();
            case NPUB -> List.of(b.npub());
            case NONE -> List.of();
        };
    }

    private static String unknownValueOf(Key key) {
        return switch (key) {
            case SERVICE -> "987654321";
            case INVOICE -> "INV-2099-999999";
            case NPUB -> unknownNpub;
            case NONE -> throw new IllegalArgumentException("nothing to probe");
        };
    }
}
