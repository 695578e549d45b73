package org.hostr.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hostr.db.generated.Tables.CUSTOMERS;
import static org.hostr.db.generated.Tables.INVOICES;
import static org.hostr.db.generated.Tables.JOBS;
import static org.hostr.db.generated.Tables.PAYMENTS;
import static org.hostr.db.generated.Tables.SERVICES;
import static org.hostr.db.generated.Tables.WEBHOOK_EVENTS;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.hostr.testing.TestApp;
import org.hostr.testing.TestDatabases.Kind;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/**
 * Issue #9, part 4: 10,000 generated Strike webhook deliveries against a shop with no payments. None may get a 5xx;
 * each gets exactly the answer the receiver promises ({@link WebhookContract}); the only state they may leave is what a
 * validly signed, well-formed event about an unknown invoice legitimately leaves: the event stored once and its
 * settlement job, which finds nothing to settle. Run on PostgreSQL, the stricter engine (NUL bytes, index row sizes).
 */
class WebhookFuzzIT {
    private static final int CASES = 10_000;

    @Test
    void generatedWebhooksNeverFailAndStoreOnlyWellFormedSignedEvents() throws Exception {
        long seed = Fuzz.seed(20261122L);
        try (TestApp app = TestApp.start(Kind.POSTGRES)) {
            DSLContext db = app.app().database().dsl();
            List<WebhookBodies.Delivery> deliveries = new WebhookBodies(new Random(seed), TestApp.WEBHOOK_SECRET).generate(CASES);
            List<HttpRequest> requests = new ArrayList<>();
            for (WebhookBodies.Delivery d : deliveries) {
                HttpRequest.Builder r = HttpFuzzer.request(app.url("/webhooks/strike")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(d.body()));
                if (d.signature() != null) {
                    r.header("X-Webhook-Signature", d.signature());
                }
                requests.add(r.build());
            }

            Set<String> jobsBefore = HttpFuzzer.jobKeys(db);

            List<HttpFuzzer.Answer> answers = new HttpFuzzer().send(requests);

            List<String> wrong = new ArrayList<>();
            // Several cases may carry one event id (replays, a unicode trick used as the id): whichever came first is kept
            Map<String, Set<List<String>>> expectedEvents = new HashMap<>();
            Set<String> expectedJobs = new HashSet<>();
            for (int i = 0; i < CASES; i++) {
                WebhookBodies.Delivery d = deliveries.get(i);
                WebhookContract.Expected expected = WebhookContract.expected(d.body(), d.signature(), TestApp.WEBHOOK_SECRET);
                HttpFuzzer.Answer answer = answers.get(i);
                // Over 64 KiB the receiver answers 413 without reading the body and Jetty closes the connection, so a
                // client still sending may see the close instead of the answer; either way nothing was read or stored.
                boolean closedOnOversize = expected.status() == 413 && answer.status() < 0;
                if (answer.status() != expected.status() && !closedOnOversize) {
                    wrong.add("case " + i + " (" + d.kind() + "): expected " + expected.status() + ", got " + answer.status()
                            + " " + answer.body() + " for " + Fuzz.excerpt(d.text()));
                }
                if (expected.event() != null) {
                    expectedEvents.computeIfAbsent(expected.event().get(0), id -> new HashSet<>()).add(expected.event());
                    if (expected.event().get(1).startsWith("invoice.") && expected.event().get(2) != null) {
                        expectedJobs.add("strike-settle:" + expected.event().get(0));
                    }
                }
            }
            assertThat(wrong).as("seed %d (replay: -Dfuzz.seed=%d)", seed, seed).isEmpty();

            // Stored: exactly the well-formed signed events, once each; their settlement jobs ran and found nothing
            List<List<String>> stored = db.select(WEBHOOK_EVENTS.EVENT_ID, WEBHOOK_EVENTS.TYPE, WEBHOOK_EVENTS.ENTITY_ID)
                    .from(WEBHOOK_EVENTS).fetch(e -> Arrays.asList(e.value1(), e.value2(), e.value3()));
            assertThat(stored).as("seed %d", seed).hasSize(expectedEvents.size())
                    .allSatisfy(e -> assertThat(expectedEvents.get(e.get(0))).as("event %s", e).contains(e));
            Eventually.await("settlement jobs done", () -> db.fetchCount(JOBS,
                    JOBS.STATUS.ne("DONE").and(JOBS.IDEMPOTENCY_KEY.notLike("periodic:%"))) == 0);
            Set<String> newJobs = HttpFuzzer.jobKeys(db);
            newJobs.removeAll(jobsBefore);
            assertThat(newJobs).as("seed %d", seed).isEqualTo(expectedJobs);
            for (var table : List.of(PAYMENTS, INVOICES, SERVICES, CUSTOMERS)) {
                assertThat(db.fetchCount(table)).as("%s rows, seed %d", table.getName(), seed).isZero();
            }
        }
    }
}
