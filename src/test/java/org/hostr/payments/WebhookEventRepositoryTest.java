package org.hostr.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.hostr.db.Database;
import org.hostr.payments.strike.StrikeWebhookEvent;
import org.hostr.testing.TestDatabases;
import org.hostr.testing.TestDatabases.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WebhookEventRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private static StrikeWebhookEvent event(String id, String invoiceId) {
        return new StrikeWebhookEvent(id, "invoice.updated", "v1", invoiceId, List.of("state"), T0);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theNewestArrivalIsReadFromTheNewestRowsEvenWhenTheLastRowCameFromASlowerClock(Kind kind) {
        try (Database db = TestDatabases.open(kind)) {
            WebhookEventRepository events = new WebhookEventRepository(db.dsl());
            assertThat(events.lastReceivedAt()).isEmpty();

            for (int i = 0; i < 200; i++) {
                events.store(event("old-" + i, "inv-old"), T0.plusSeconds(i));
            }
            events.store(event("a", "inv-a"), T0.plusSeconds(1_000));
            // Another instance, its clock 5 s behind, stores the next row.
            events.store(event("b", "inv-b"), T0.plusSeconds(995));

            assertThat(events.lastReceivedAt()).contains(T0.plusSeconds(1_000));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void markingProcessedTouchesOnlyThatInvoicesEventsReceivedBeforeTheRead(Kind kind) {
        try (Database db = TestDatabases.open(kind)) {
            WebhookEventRepository events = new WebhookEventRepository(db.dsl());
            events.store(event("e1", "inv-1"), T0);
            events.store(event("e2", "inv-1"), T0.plusSeconds(10));
            events.store(event("e3", "inv-1"), T0.plusSeconds(30));
            events.store(event("e4", "inv-2"), T0.plusSeconds(5));

            int marked = events.markProcessed(db.dsl(), "inv-1", T0.plusSeconds(20), T0.plusSeconds(21));

            assertThat(marked).isEqualTo(2);
            assertThat(events.processed("e1")).isTrue();
            assertThat(events.processed("e2")).isTrue();
            assertThat(events.processed("e3")).as("arrived after the read began").isFalse();
            assertThat(events.processed("e4")).as("another invoice").isFalse();
            assertThat(events.markProcessed(db.dsl(), "inv-1", T0.plusSeconds(20), T0.plusSeconds(22))).isZero();
        }
    }
}
