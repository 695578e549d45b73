package org.hostr.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hostr.db.generated.Tables.INVOICES;
import static org.hostr.db.generated.Tables.JOBS;
import static org.hostr.db.generated.Tables.WEBHOOK_EVENTS;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hostr.payments.strike.StrikeClient;
import org.hostr.payments.strike.StrikeEvent;
import org.hostr.payments.strike.StrikeWebhookSignature;
import org.hostr.testing.TestApp;
import org.hostr.testing.TestDatabases.Kind;
import org.jooq.DSLContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue #9, part 2: every Strike webhook of 20 paid orders arrives five times, shuffled across all orders (a PAID
 * event before its PENDING one, copies of one event at once) and sent from several threads. Each invoice must still be
 * settled once, audited once and provisioned once.
 */
class ReorderedWebhooksDrillIT {
    private static final int ORDERS = 20;
    private static final int COPIES = 5;
    private static final int SENDERS = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(Kind.class)
    void duplicatedAndReorderedWebhooksSettleEachInvoiceOnce(Kind kind) throws Exception {
        long seed = Fuzz.seed(20261125L);
        // The reconciler is kept out of the way (an hour's interval), so the webhooks below are what settles
        try (FaultDrillShop shop = new FaultDrillShop(kind, 3600)) {
            DSLContext db = shop.db();
            // Strike's own deliveries are held back: the drill delivers its events itself, in its own order
            shop.strike.faults().dropWebhooks(true);
            List<String> numbers = shop.orderAndPay(ORDERS, "reordr");
            List<StrikeEvent> events;
            try (StrikeClient strike = shop.strikeClient()) {
                events = strike.listEvents(null, 100).stream().filter(e -> e.eventType().equals("invoice.updated")).toList();
            }
            assertThat(events).as("at least a PAID event per order").hasSizeGreaterThanOrEqualTo(ORDERS).hasSizeLessThan(100);

            List<HttpRequest> deliveries = new ArrayList<>();
            for (StrikeEvent e : events) {
                for (int copy = 0; copy < COPIES; copy++) {
                    deliveries.add(delivery(shop.app, e));
                }
            }
            Collections.shuffle(deliveries, new Random(seed));
            List<Integer> statuses = sendConcurrently(shop.app, deliveries);

            assertThat(statuses).as("seed %d", seed).hasSize(events.size() * COPIES).containsOnly(200);
            Eventually.await("every invoice PAID", () -> db.fetchCount(INVOICES, INVOICES.STATUS.eq("PAID")) == ORDERS);
            shop.awaitAllActiveAndQuiet(ORDERS);
            shop.assertEachSettledOnce(numbers);
            shop.assertEachProvisionedOnce(ORDERS);
            // Each event stored once, with one settlement job, however many copies came
            List<String> ids = events.stream().map(StrikeEvent::id).toList();
            assertThat(db.select(WEBHOOK_EVENTS.EVENT_ID).from(WEBHOOK_EVENTS).fetch(WEBHOOK_EVENTS.EVENT_ID))
                    .containsExactlyInAnyOrderElementsOf(ids);
            assertThat(db.select(JOBS.IDEMPOTENCY_KEY).from(JOBS).where(JOBS.IDEMPOTENCY_KEY.startsWith("strike-settle:"))
                    .fetch(JOBS.IDEMPOTENCY_KEY)).containsExactlyInAnyOrderElementsOf(ids.stream().map(id -> "strike-settle:" + id).toList());
        }
    }

    /** The event as Strike's webhook carries it (the simulator's v1 shape), signed with the subscription's secret. */
    private static HttpRequest delivery(TestApp app, StrikeEvent e) {
        ObjectNode n = JSON.createObjectNode().put("id", e.id()).put("eventType", e.eventType()).put("webhookVersion", "v1");
        ObjectNode data = n.putObject("data").put("entityId", e.entityId());
        if (e.changes() != null && !e.changes().isEmpty()) {
            ArrayNode changes = data.putArray("changes");
            e.changes().forEach(changes::add);
        }
        n.put("created", e.created().toString());
        byte[] body = n.toString().getBytes(StandardCharsets.UTF_8);
        return HttpRequest.newBuilder(URI.create(app.url("/webhooks/strike"))).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header(StrikeWebhookSignature.HEADER, StrikeWebhookSignature.sign(body, TestApp.WEBHOOK_SECRET))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    /** Sends from several threads at once, so copies of one event race each other; the statuses in sending order. */
    private static List<Integer> sendConcurrently(TestApp app, List<HttpRequest> requests) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (HttpRequest r : requests) {
                answers.add(senders.submit(() -> app.send(r).statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> a : answers) {
                statuses.add(a.get());
            }
            return statuses;
        } finally {
            senders.shutdownNow();
        }
    }
}
