package org.hostr.sim.strike;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hostr.payments.strike.StrikeWebhookEvent;
import org.hostr.payments.strike.StrikeWebhookSignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Webhooks from the simulator to a receiver started by the test, checked with the client's signature code. */
class SimWebhooksIT {
    static final String KEY = "sk_test_webhooks_2b7d";
    static final String SECRET = "hook-secret-0123456789";
    static final Duration WAIT = Duration.ofSeconds(3);

    final StrikeSimulator sim = new StrikeSimulator(StrikeSimulatorSettings.defaults(KEY)
            .withWebhookRetries(Duration.ofMillis(50), 12)).start(0);
    final SimCaller strike = new SimCaller(sim.baseUrl(), KEY);
    final List<WebhookReceiver> receivers = new ArrayList<>();

    @AfterEach
    void stop() {
        sim.stop();
        receivers.forEach(WebhookReceiver::close);
    }

    WebhookReceiver subscribedReceiver(Integer... answers) {
        WebhookReceiver receiver = new WebhookReceiver(answers);
        receivers.add(receiver);
        strike.subscribe(receiver.url(), SECRET, "[\"invoice.updated\"]");
        return receiver;
    }

    static StrikeWebhookEvent event(WebhookReceiver.Hit hit) {
        return StrikeWebhookEvent.parse(hit.body());
    }

    @Test
    void eachStateChangeIsDeliveredSigned() {
        // given
        WebhookReceiver receiver = subscribedReceiver(200);
        String id = strike.newInvoice("w-1", "10");

        // when
        sim.pay(id);

        // then: UNPAID -> PENDING and PENDING -> PAID, and not invoice.created (not subscribed)
        WebhookReceiver.await(WAIT, () -> receiver.hits.size() == 2);
        assertThat(receiver.hits).allSatisfy(hit -> {
            assertThat(hit.signature()).matches("[0-9a-f]{64}");
            assertThat(StrikeWebhookSignature.verify(hit.body(), hit.signature(), SECRET)).isTrue();
            assertThat(event(hit).eventType()).isEqualTo("invoice.updated");
            assertThat(event(hit).entityId()).isEqualTo(id);
            assertThat(event(hit).changes()).containsExactly("state");
        });
        assertThat(receiver.hits).extracting(h -> event(h).id()).doesNotHaveDuplicates();
        WebhookReceiver.await(WAIT, () -> sim.webhooksDelivered() == 2);
    }

    @Test
    void failedDeliveryIsRetriedWithTheSameBytes() {
        // given the receiver fails once
        WebhookReceiver receiver = subscribedReceiver(500, 200);
        String id = strike.newInvoice("w-2", "10");

        // when
        sim.markPending(id);

        // then
        WebhookReceiver.await(WAIT, () -> receiver.hits.size() == 2);
        assertThat(receiver.hits.get(1).body()).isEqualTo(receiver.hits.get(0).body());
        assertThat(receiver.hits.get(1).signature()).isEqualTo(receiver.hits.get(0).signature());
        WebhookReceiver.await(WAIT, () -> strike.get("/v1/events?$filter=eventType%20eq%20'invoice.updated'")
                .json().path("items").get(0).path("deliverySuccess").asBoolean());
        assertThat(sim.webhooksAttempted()).isEqualTo(2);
    }

    @Test
    void goneStopsTheRetries() throws InterruptedException {
        WebhookReceiver receiver = subscribedReceiver(410);
        String id = strike.newInvoice("w-3", "10");

        sim.markPending(id);
        WebhookReceiver.await(WAIT, () -> receiver.hits.size() == 1);
        Thread.sleep(300); // several retry periods at 50 ms base

        assertThat(receiver.hits).hasSize(1);
        assertThat(sim.webhooksDelivered()).isZero();
    }

    @Test
    void droppedWebhooksAreNotSentButStayListedAsUndelivered() throws InterruptedException {
        WebhookReceiver receiver = subscribedReceiver(200);
        String id = strike.newInvoice("w-4", "10");
        sim.faults().dropWebhooks(true);

        sim.pay(id);
        Thread.sleep(200);

        assertThat(receiver.hits).isEmpty();
        assertThat(sim.webhooksDropped()).isEqualTo(2);
        assertThat(sim.webhooksAttempted()).isZero();
        JsonNode updates = strike.get("/v1/events?$filter=eventType%20eq%20'invoice.updated'%20and%20deliverySuccess%20eq%20false").json();
        assertThat(updates.path("count").asInt()).isEqualTo(2);
    }

    @Test
    void duplicatedWebhooksRepeatTheSameEvent() {
        WebhookReceiver receiver = subscribedReceiver(200);
        String id = strike.newInvoice("w-5", "10");
        sim.faults().duplicateWebhooks(2);

        sim.markPending(id);

        WebhookReceiver.await(WAIT, () -> receiver.hits.size() == 3);
        assertThat(receiver.hits).extracting(h -> event(h).id()).containsOnly(event(receiver.hits.get(0)).id());
    }

    @Test
    void reorderedWebhooksArriveNewestFirst() {
        // given
        WebhookReceiver receiver = subscribedReceiver(200);
        String id = strike.newInvoice("w-6", "10");
        sim.faults().reorderWebhooks(true);
        sim.pay(id);
        assertThat(receiver.hits).isEmpty();

        // when
        sim.faults().reorderWebhooks(false);

        // then
        WebhookReceiver.await(WAIT, () -> receiver.hits.size() == 2);
        List<String> sentOrder = new ArrayList<>();
        strike.get("/v1/events?$filter=eventType%20eq%20'invoice.updated'&$orderby=created%20desc")
                .json().path("items").forEach(e -> sentOrder.add(e.path("id").asText()));
        assertThat(receiver.hits).extracting(h -> event(h).id()).containsExactlyElementsOf(sentOrder);
    }

    @Test
    void disabledSubscriptionGetsNothing() throws InterruptedException {
        WebhookReceiver receiver = new WebhookReceiver(200);
        receivers.add(receiver);
        String subscription = strike.subscribe(receiver.url(), SECRET, "[\"invoice.updated\"]");
        strike.send("PATCH", "/v1/subscriptions/" + subscription, "{\"enabled\":false}");
        String id = strike.newInvoice("w-7", "10");

        sim.pay(id);
        Thread.sleep(200);

        assertThat(receiver.hits).isEmpty();
        assertThat(strike.get("/v1/subscriptions").json().get(0).path("enabled").asBoolean()).isFalse();
    }
}
