package org.hostr.nostr.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hostr.nostr.relay.ProfileEvents.ALICE;
import static org.hostr.nostr.relay.ProfileEvents.MALLORY;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.hostr.nostr.EventSigner;
import org.hostr.nostr.EventTemplate;
import org.hostr.nostr.Keys;
import org.hostr.nostr.NostrEvent;
import org.hostr.nostr.nip46.TestSigner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LiveSubscriptionTest {
    private static final RelayClient RELAYS = new RelayClient(new OkHttpClient());
    private static final String ME = Keys.generate().pubkey();
    private static TestRelay relays;
    private final List<NostrEvent> delivered = new CopyOnWriteArrayList<>();
    private final CountDownLatch allGone = new CountDownLatch(1);

    @BeforeAll
    static void startRelays() {
        relays = new TestRelay();
    }

    @AfterAll
    static void stopRelays() {
        relays.close();
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) {
        TestSigner.await(condition, what);
    }

    private static NostrEvent addressed(int kind, String to, String content) {
        return EventSigner.sign(new EventTemplate(kind, List.of(List.of("p", to)), content, 1_700_000_000L),
                ALICE.secretKey());
    }

    private LiveSubscription subscribe(List<String> urls) {
        return LiveSubscription.open(RELAYS, urls, 24133, ME, e -> !e.content().equals("unwanted"),
                new LiveSubscription.Listener() {
                    @Override
                    public void onEvent(NostrEvent event) {
                        delivered.add(event);
                    }

                    @Override
                    public void onAllRelaysGone() {
                        allGone.countDown();
                    }
                });
    }

    @Test
    void anEventCarriedByTwoRelaysArrivesOnce() {
        NostrEvent shared = addressed(24133, ME, "shared");
        String a = relays.storing("live-a", shared.toJson(), addressed(24133, ME, "end of a").toJson());
        String b = relays.storing("live-b", shared.toJson(), addressed(24133, ME, "end of b").toJson());
        try (LiveSubscription subscription = subscribe(List.of(a, b))) {
            // Each relay's last event arrives after its copy of the shared one: once both are in, so are both copies.
            await(() -> delivered.stream().filter(e -> e.content().startsWith("end of")).count() == 2, "both relays");

            assertThat(delivered).filteredOn(e -> e.equals(shared)).hasSize(1);
        }
    }

    @Test
    void onlyWellSignedEventsOfTheKindAddressedToUsAndWantedArrive() {
        NostrEvent wanted = addressed(24133, ME, "wanted");
        NostrEvent forged = ProfileEvents.withForeignSignature(addressed(24133, ME, "forged"), wanted);
        String relay = relays.storing("live-filtering", addressed(1, ME, "other kind").toJson(),
                addressed(24133, MALLORY.pubkey(), "someone else's").toJson(), addressed(24133, ME, "unwanted").toJson(),
                forged.toJson(), wanted.toJson());
        try (LiveSubscription subscription = subscribe(List.of(relay))) {
            await(() -> !delivered.isEmpty(), "the wanted event");

            assertThat(delivered).containsExactly(wanted);
        }
    }

    @Test
    void aRelaySendingTooMuchIsDroppedAndTheOwnerHearsWhenNoneIsLeft() throws Exception {
        String huge = relays.relay("live-huge", sub -> List.of("[\"NOTICE\",\"" + "x".repeat(300_000) + "\"]"));
        try (LiveSubscription subscription = subscribe(List.of(huge, relays.notARelay()))) {
            assertThat(allGone.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
