package org.hostr.nostr.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hostr.nostr.relay.ProfileEvents.ALICE;
import static org.hostr.nostr.relay.ProfileEvents.MALLORY;
import static org.hostr.nostr.relay.ProfileEvents.profile;
import static org.hostr.nostr.relay.ProfileEvents.signed;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.hostr.nostr.NostrEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProfileFetcherTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(800);
    private static final OkHttpClient HTTP = new OkHttpClient();
    private static TestRelay relays;
    private final ProfileFetcher fetcher = new ProfileFetcher(HTTP);

    @BeforeAll
    static void startRelays() {
        relays = new TestRelay();
    }

    @AfterAll
    static void stopRelays() {
        relays.close();
    }

    @Test
    void newestValidProfileWinsAcrossRelays() {
        String older = relays.storing("older", profile(ALICE, 1_000, "old name").toJson());
        String newer = relays.storing("newer", profile(ALICE, 2_000, "new name").toJson());

        Optional<Profile> found = fetcher.fetch(ALICE.pubkey(), List.of(older, newer), TIMEOUT);

        assertThat(found).get().satisfies(p -> {
            assertThat(p.name()).isEqualTo("new name");
            assertThat(p.pubkey()).isEqualTo(ALICE.pubkey());
            assertThat(p.createdAt()).isEqualTo(Instant.ofEpochSecond(2_000));
        });
    }

    @Test
    void equalTimestampsKeepTheLowestId() {
        NostrEvent a = profile(ALICE, 1_500, "a");
        NostrEvent b = profile(ALICE, 1_500, "b");
        String lowestName = a.id().compareTo(b.id()) < 0 ? "a" : "b";
        String one = relays.storing("tie-1", a.toJson());
        String two = relays.storing("tie-2", b.toJson());

        assertThat(fetcher.fetch(ALICE.pubkey(), List.of(one, two), TIMEOUT))
                .get().extracting(Profile::name).isEqualTo(lowestName);
    }

    @Test
    void newestEventWithABadSignatureIsIgnored() {
        NostrEvent forged = ProfileEvents.withForeignSignature(profile(ALICE, 9_000, "forged"),
                profile(ALICE, 1, "donor"));
        String relay = relays.storing("forged", forged.toJson(), profile(ALICE, 1_000, "genuine").toJson());

        assertThat(fetcher.fetch(ALICE.pubkey(), List.of(relay), TIMEOUT))
                .get().extracting(Profile::name).isEqualTo("genuine");
    }

    @Test
    void newestEventWithAlteredContentIsIgnored() {
        NostrEvent genuine = profile(ALICE, 9_000, "genuine");
        NostrEvent altered = new NostrEvent(genuine.id(), genuine.pubkey(), genuine.createdAt(), 0, List.of(),
                "{\"name\":\"altered\"}", genuine.sig());
        String relay = relays.storing("altered", altered.toJson(), profile(ALICE, 1_000, "older").toJson());

        assertThat(fetcher.fetch(ALICE.pubkey(), List.of(relay), TIMEOUT))
                .get().extracting(Profile::name).isEqualTo("older");
    }

    @Test
    void eventsOfAnotherPubkeyOrKindAreIgnored() {
        String relay = relays.storing("others",
                profile(MALLORY, 9_000, "mallory").toJson(),
                signed(ALICE, 1, 9_000, "{\"name\":\"a note, not a profile\"}").toJson(),
                profile(ALICE, 1_000, "alice").toJson());

        assertThat(fetcher.fetch(ALICE.pubkey(), List.of(relay), TIMEOUT))
                .get().extracting(Profile::name).isEqualTo("alice");
    }

    @Test
    void eventsForAnotherSubscriptionAreIgnored() {
        String relay = relays.relay("other-sub", sub -> List.of(
                TestRelay.event("not-" + sub, profile(ALICE, 9_000, "elsewhere").toJson()),
                TestRelay.event(sub, profile(ALICE, 1_000, "ours").toJson()),
                "[\"EOSE\",\"" + sub + "\"]"));

        assertThat(fetcher.fetch(ALICE.pubkey(), List.of(relay), TIMEOUT))
                .get().extracting(Profile::name).isEqualTo("ours");
    }

    @Test
    void garbageFramesAreIgnored() {
        String relay = relays.relay("garbage", sub -> List.of(
                "not json", "{}", "[]", "[42]", "[\"EVENT\"]", "[\"EVENT\",\"" + sub + "\",{\"id\":1}]",
                "[\"EVENT\",\"" + sub + "\",\"x\",\"y\"]", "[\"EOSE\"]", "[\"OK\",\"x\",true,\"\"]",
                "[\"AUTH\",\"challenge\"]", "[\"EVENT\",\"" + sub + "\",{\"id\":\"a\"", "\u0000\uFFFF",
                TestRelay.event(sub, profile(ALICE, 1_000, "survivor").toJson()),
                "[\"EOSE\",\"" + sub + "\"]"));

        assertThat(fetcher.fetch(ALICE.pubkey(), List.of(relay), TIMEOUT))
                .get().extracting(Profile::name).isEqualTo("survivor");
    }

    @Test
    void silentRelaysDoNotHoldTheFetchPastItsTimeout() throws Exception {
        String good = relays.storing("good-beside-silent", profile(ALICE, 1_000, "alice").toJson());
        String upgradedButSilent = relays.relay("silent", sub -> List.of());
        try (SilentSocketServer noHandshake = SilentSocketServer.neverAnswering()) {
            long start = System.nanoTime();
            Optional<Profile> found = fetcher.fetch(ALICE.pubkey(),
                    List.of(upgradedButSilent, noHandshake.url(), good), SHORT_TIMEOUT);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(found).get().extracting(Profile::name).isEqualTo("alice");
            assertThat(took).isLessThan(SHORT_TIMEOUT.plusMillis(500));
        }
    }

    @Test
    void anEventSentBeforeTheDeadlineCountsEvenWithoutEose() {
        String relay = relays.relay("no-eose", sub -> List.of(
                TestRelay.event(sub, profile(ALICE, 1_000, "slow but sent").toJson())));

        assertThat(fetcher.fetch(ALICE.pubkey(), List.of(relay), SHORT_TIMEOUT))
                .get().extracting(Profile::name).isEqualTo("slow but sent");
    }

    @Test
    void relayThatIsDownIsSkippedWithoutWaiting() throws Exception {
        String down;
        try (ServerSocket closedAgain = new ServerSocket(0)) {
            down = "ws://127.0.0.1:" + closedAgain.getLocalPort() + "/";
        }
        String good = relays.storing("good-beside-down", profile(ALICE, 1_000, "alice").toJson());

        long start = System.nanoTime();
        Optional<Profile> found = fetcher.fetch(ALICE.pubkey(), List.of(down, good), TIMEOUT);

        assertThat(found).get().extracting(Profile::name).isEqualTo("alice");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.dividedBy(2));
    }

    @Test
    void closedOrNoticeEndsARelayWithoutWaitingForTheTimeout() {
        String closed = relays.relay("closed", sub -> List.of("[\"CLOSED\",\"" + sub + "\",\"auth-required: no\"]"));
        String notice = relays.relay("notice", sub -> List.of("[\"NOTICE\",\"ERROR: bad req\"]"));

        long start = System.nanoTime();
        Optional<Profile> found = fetcher.fetch(ALICE.pubkey(), List.of(closed, notice), TIMEOUT);

        assertThat(found).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.dividedBy(2));
    }

    @Test
    void anOversizedMessageDropsTheRelay() {
        String padding = "x".repeat(RelayClient.MAX_MESSAGE_CHARS);
        NostrEvent big = signed(ALICE, 0, 9_000, "{\"name\":\"big\",\"about\":\"" + padding + "\"}");
        String oversized = relays.storing("oversized", big.toJson());
        String normal = relays.storing("normal", profile(ALICE, 1_000, "normal").toJson());

        assertThat(fetcher.fetch(ALICE.pubkey(), List.of(oversized, normal), TIMEOUT))
                .get().extracting(Profile::name).isEqualTo("normal");
    }

    @Test
    void aHugeMessageIsCutOffBeforeItIsBufferedWhole() {
        String huge = relays.relay("huge", sub -> List.of(
                TestRelay.event(sub, profile(ALICE, 9_000, "x".repeat(8 * 1024 * 1024)).toJson())));
        String normal = relays.storing("normal-beside-huge", profile(ALICE, 1_000, "normal").toJson());

        long start = System.nanoTime();
        Optional<Profile> found = fetcher.fetch(ALICE.pubkey(), List.of(huge, normal), TIMEOUT);

        assertThat(found).get().extracting(Profile::name).isEqualTo("normal");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.dividedBy(2));
    }

    @Test
    void aRelayThatTurnsOnCompressionUnaskedIsDropped() throws Exception {
        try (SilentSocketServer deflating = SilentSocketServer.forcingCompression(sub -> List.of(
                TestRelay.event(sub, profile(ALICE, 1_000, "compressed").toJson()),
                "[\"EOSE\",\"" + sub + "\"]"))) {
            Optional<Profile> found = fetcher.fetch(ALICE.pubkey(), List.of(deflating.url()), SHORT_TIMEOUT);

            assertThat(deflating.connections()).isEqualTo(1);
            assertThat(found).isEmpty();
        }
    }

    @Test
    void asksForOneProfileOfThePubkeyAndClosesTheSubscriptionAfterEose() throws Exception {
        String relay = relays.storing("polite", profile(ALICE, 1_000, "alice").toJson());

        fetcher.fetch(ALICE.pubkey(), List.of(relay), TIMEOUT);

        List<String> received = awaitMessages("polite", 2);
        assertThat(received.get(0)).matches("\\[\"REQ\",\"(hostr-[0-9a-f]{8})\",\\{\"kinds\":\\[0\\],\"authors\":\\[\""
                + ALICE.pubkey() + "\"\\],\"limit\":1}]");
        String subscriptionId = received.get(0).split("\"")[3];
        assertThat(received.get(1)).isEqualTo("[\"CLOSE\",\"" + subscriptionId + "\"]");
    }

    @Test
    void noUsableRelayMeansNoProfile() {
        assertThat(fetcher.fetch(ALICE.pubkey(), List.of(), TIMEOUT)).isEmpty();
        assertThat(fetcher.fetch(ALICE.pubkey(), List.of("https://relay.example.com", "not a url", "ws://"),
                TIMEOUT)).isEmpty();
    }

    @Test
    void unreadableProfileContentGivesAProfileWithoutDetails() {
        String relay = relays.storing("bad-content", signed(ALICE, 0, 1_000, "{not json").toJson());

        assertThat(fetcher.fetch(ALICE.pubkey(), List.of(relay), TIMEOUT)).get().satisfies(p -> {
            assertThat(p.pubkey()).isEqualTo(ALICE.pubkey());
            assertThat(p.name()).isNull();
            assertThat(p.picture()).isNull();
            assertThat(p.createdAt()).isEqualTo(Instant.ofEpochSecond(1_000));
        });
    }

    private static List<String> awaitMessages(String relay, int count) throws InterruptedException {
        for (int i = 0; i < 50 && relays.received(relay).size() < count; i++) {
            Thread.sleep(20);
        }
        return relays.received(relay);
    }
}
