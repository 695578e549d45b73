package org.hostr.nostr.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hostr.nostr.relay.ProfileEvents.ALICE;
import static org.hostr.nostr.relay.ProfileEvents.signed;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import org.hostr.nostr.NostrEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RelayPublisherTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(800);
    private static final OkHttpClient HTTP = new OkHttpClient();
    private static TestRelay relays;
    private final RelayPublisher publisher = new RelayPublisher(HTTP);
    private final NostrEvent note = signed(ALICE, 1, 1_000, "hello relays");

    @BeforeAll
    static void startRelays() {
        relays = new TestRelay();
    }

    @AfterAll
    static void stopRelays() {
        relays.close();
    }

    @Test
    void anAcceptingRelayStoresTheEventAndSaysSo() {
        String relay = relays.accepting("publish-accepting");

        PublishReport report = publisher.publish(note, List.of(relay), TIMEOUT);

        assertThat(report.outcomes()).containsEntry(relay, new PublishOutcome.Accepted(""));
        assertThat(report.acceptedByAny()).isTrue();
        assertThat(relays.received("publish-accepting")).containsExactly("[\"EVENT\"," + note.toJson() + "]");
    }

    @Test
    void aRefusalComesBackWithTheRelaysReason() {
        String relay = relays.answeringEvents("publish-refusing",
                id -> List.of(TestRelay.ok(id, false, "blocked: not on the allow list")));

        PublishReport report = publisher.publish(note, List.of(relay), TIMEOUT);

        assertThat(report.outcomes()).containsEntry(relay,
                new PublishOutcome.Rejected("blocked: not on the allow list"));
        assertThat(report.acceptedByAny()).isFalse();
    }

    @Test
    void relaysThatNeverAnswerTimeOutTogetherWithinTheTimeout() throws Exception {
        String upgradedButSilent = relays.relay("publish-silent", sub -> List.of());
        String accepting = relays.accepting("publish-beside-silent");
        try (SilentSocketServer noHandshake = SilentSocketServer.neverAnswering()) {
            long start = System.nanoTime();
            PublishReport report = publisher.publish(note, List.of(upgradedButSilent, noHandshake.url(), accepting),
                    SHORT_TIMEOUT);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(report.outcomes().get(upgradedButSilent)).isEqualTo(new PublishOutcome.TimedOut(null));
            assertThat(report.outcomes().get(noHandshake.url())).isEqualTo(new PublishOutcome.TimedOut(null));
            assertThat(report.outcomes().get(accepting)).isInstanceOf(PublishOutcome.Accepted.class);
            assertThat(took).isLessThan(SHORT_TIMEOUT.plusMillis(500));
        }
    }

    @Test
    void aNoticeWithoutAVerdictIsKeptForTheTimeoutReport() {
        String relay = relays.answeringEvents("publish-notice", id -> List.of("[\"NOTICE\",\"slow down\"]"));

        PublishReport report = publisher.publish(note, List.of(relay), SHORT_TIMEOUT);

        assertThat(report.outcomes()).containsEntry(relay, new PublishOutcome.TimedOut("slow down"));
    }

    @Test
    void anAuthChallengeBeforeTheVerdictIsNotAFailure() {
        String relay = relays.answeringEvents("publish-auth",
                id -> List.of("[\"AUTH\",\"challenge-1\"]", TestRelay.ok(id, true, "")));

        assertThat(publisher.publish(note, List.of(relay), TIMEOUT).outcomes().get(relay))
                .isInstanceOf(PublishOutcome.Accepted.class);
    }

    @Test
    void garbageFromARelayIsAFailureWithAReasonAndOtherRelaysStillCount() {
        String garbage = relays.answeringEvents("publish-garbage",
                id -> List.of("not json", TestRelay.ok(id, true, "")));
        String wrongShape = relays.answeringEvents("publish-wrong-shape",
                id -> List.of("[\"OK\",\"" + id + "\",\"yes\",\"\"]"));
        String accepting = relays.accepting("publish-beside-garbage");

        PublishReport report = publisher.publish(note, List.of(garbage, wrongShape, accepting), TIMEOUT);

        assertThat(report.outcomes().get(garbage)).isInstanceOfSatisfying(PublishOutcome.Failed.class,
                f -> assertThat(f.reason()).contains("unreadable").contains("not JSON"));
        assertThat(report.outcomes().get(wrongShape)).isInstanceOfSatisfying(PublishOutcome.Failed.class,
                f -> assertThat(f.reason()).contains("unreadable"));
        assertThat(report.outcomes().get(accepting)).isInstanceOf(PublishOutcome.Accepted.class);
    }

    @Test
    void aVerdictOnAnotherEventIsAFailureNotAnAcceptance() {
        String otherId = signed(ALICE, 1, 2_000, "another").id();
        String relay = relays.answeringEvents("publish-mismatch", id -> List.of(TestRelay.ok(otherId, true, "")));

        PublishReport report = publisher.publish(note, List.of(relay), TIMEOUT);

        assertThat(report.outcomes().get(relay)).isInstanceOfSatisfying(PublishOutcome.Failed.class,
                f -> assertThat(f.reason()).contains("another event"));
    }

    @Test
    void framesForASubscriptionWeNeverOpenedAreAFailure() {
        String relay = relays.answeringEvents("publish-stray-eose", id -> List.of("[\"EOSE\",\"sub\"]"));

        assertThat(publisher.publish(note, List.of(relay), TIMEOUT).outcomes().get(relay))
                .isInstanceOfSatisfying(PublishOutcome.Failed.class,
                        f -> assertThat(f.reason()).contains("never opened"));
    }

    @Test
    void oversizedMessagesAreAFailure() {
        String oversized = relays.answeringEvents("publish-oversized",
                id -> List.of("[\"NOTICE\",\"" + "x".repeat(RelayClient.MAX_MESSAGE_CHARS) + "\"]"));
        String huge = relays.answeringEvents("publish-huge",
                id -> List.of("[\"NOTICE\",\"" + "x".repeat(8 * 1024 * 1024) + "\"]"));

        PublishReport report = publisher.publish(note, List.of(oversized, huge), TIMEOUT);

        assertThat(report.outcomes().get(oversized)).isInstanceOfSatisfying(PublishOutcome.Failed.class,
                f -> assertThat(f.reason()).contains("characters, more than"));
        assertThat(report.outcomes().get(huge)).isInstanceOfSatisfying(PublishOutcome.Failed.class,
                f -> assertThat(f.reason()).startsWith("connection failed"));
    }

    @Test
    void unreachableAndUnusableRelaysFailAtOnce() throws Exception {
        String down;
        try (ServerSocket closedAgain = new ServerSocket(0)) {
            down = "ws://127.0.0.1:" + closedAgain.getLocalPort() + "/";
        }
        String notARelay = relays.notARelay();

        long start = System.nanoTime();
        PublishReport report = publisher.publish(note, List.of(down, notARelay, "https://relay.example.com"), TIMEOUT);

        assertThat(report.outcomes().get(down)).isInstanceOfSatisfying(PublishOutcome.Failed.class,
                f -> assertThat(f.reason()).startsWith("connection failed"));
        assertThat(report.outcomes().get(notARelay)).isEqualTo(
                new PublishOutcome.Failed("answered HTTP 404 instead of opening a WebSocket"));
        assertThat(report.outcomes().get("https://relay.example.com"))
                .isEqualTo(new PublishOutcome.Failed("not a ws:// or wss:// URL"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.dividedBy(2));
    }

    @Test
    void noRelaysMeansAnEmptyReportNotAnError() {
        PublishReport report = publisher.publish(note, List.of(), TIMEOUT);

        assertThat(report.outcomes()).isEmpty();
        assertThat(report.acceptedByAny()).isFalse();
        assertThat(report.summary()).isEqualTo("no relays");
    }
}
