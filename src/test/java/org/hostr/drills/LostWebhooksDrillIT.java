package org.hostr.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hostr.db.generated.Tables.INVOICES;
import static org.hostr.db.generated.Tables.WEBHOOK_EVENTS;

import java.util.List;
import org.hostr.payments.strike.StrikeClient;
import org.hostr.payments.strike.StrikeEvent;
import org.hostr.testing.TestDatabases.Kind;
import org.jooq.DSLContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue #9, part 2: Strike drops every webhook. Each paid order must still settle, through the reconciler alone (its
 * catch-up on Strike's event list and its look at open payments), once each, and be provisioned once.
 */
class LostWebhooksDrillIT {
    private static final int ORDERS = 40;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everyPaymentSettlesOnceThroughTheReconcilerWhenNoWebhookArrives(Kind kind) throws Exception {
        // A 1 s reconcile interval, so 40 settlements without webhooks take seconds, not the default half minute
        try (FaultDrillShop shop = new FaultDrillShop(kind, 1)) {
            DSLContext db = shop.db();
            shop.strike.faults().dropWebhooks(true);

            List<String> numbers = shop.orderAndPay(ORDERS, "nohook");

            Eventually.await("every invoice PAID", () -> db.fetchCount(INVOICES, INVOICES.STATUS.eq("PAID")) == ORDERS);
            shop.awaitAllActiveAndQuiet(ORDERS);
            assertThat(shop.strike.webhooksAttempted()).as("no webhook reached the shop").isZero();
            assertThat(shop.strike.webhooksDropped()).isPositive();
            shop.assertEachSettledOnce(numbers);
            shop.assertEachProvisionedOnce(ORDERS);
            // The catch-up stored Strike's undelivered events as if they had arrived, each once (checked for the
            // first page of Strike's event list: the oldest 100)
            try (StrikeClient strike = shop.strikeClient()) {
                List<String> listed = strike.listEvents(null, 100).stream().map(StrikeEvent::id).toList();
                Eventually.await("Strike's events stored", () -> db.fetch(WEBHOOK_EVENTS).getValues(WEBHOOK_EVENTS.EVENT_ID)
                        .containsAll(listed));
            }
            assertThat(db.select(WEBHOOK_EVENTS.EVENT_ID).from(WEBHOOK_EVENTS).fetch(WEBHOOK_EVENTS.EVENT_ID))
                    .doesNotHaveDuplicates();
        }
    }
}
