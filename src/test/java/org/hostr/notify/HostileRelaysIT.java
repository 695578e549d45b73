package org.hostr.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.hostr.customers.Customer;
import org.hostr.jobs.JobStatus;
import org.hostr.nostr.EventSigner;
import org.hostr.nostr.EventTemplate;
import org.hostr.nostr.GiftUnwrapper;
import org.hostr.nostr.Keys;
import org.hostr.nostr.NostrEvent;
import org.hostr.nostr.NostrKeyPair;
import org.hostr.nostr.relay.DmRelayList;
import org.hostr.nostr.relay.TestRelay;
import org.hostr.testing.TestDatabases.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Relays are strangers: what they send back is untrusted. A relay that answers garbage, too much, or a forged relay
 * list costs one attempt with a clear error; it crashes nothing and never makes a notice go to someone else.
 */
class HostileRelaysIT {
    private static TestRelay relays;
    private final NostrKeyPair customerKey = Keys.generate();

    @BeforeAll
    static void startRelays() {
        relays = new TestRelay();
    }

    @AfterAll
    static void stopRelays() {
        relays.close();
    }

    private static NoticeDraft notice(String key) {
        return new NoticeDraft(NoticeKind.ORDER_RECEIVED, key, "Order", "Thank you for your order.");
    }

    @Test
    void aRelayAnsweringGarbageIsAFailedAttemptThatIsTriedAgain() {
        String garbage = relays.answeringEvents("garbage", id -> List.of("{this is not a relay message"));
        try (NoticeFixture f = new NoticeFixture(Kind.SQLITE, List.of(garbage))) {
            long id = f.toCustomer(f.customer(customerKey), notice("order:garbage")).orElseThrow();

            f.runJobs();

            Notice notice = f.notice("order:garbage");
            assertThat(notice.status()).isEqualTo(NoticeStatus.QUEUED);
            assertThat(notice.lastError()).contains("no relay stored the message", "unreadable");
            assertThat(f.job(NoticeSender.jobKey(id)).status()).isEqualTo(JobStatus.QUEUED);
            assertThat(f.job(NoticeSender.jobKey(id)).lastError()).contains("unreadable");
        }
    }

    @Test
    void aRelayAnsweringAnOversizedMessageIsDroppedWithTheReason() {
        String huge = relays.answeringEvents("huge", id -> List.of("[\"NOTICE\",\"" + "x".repeat(300_000) + "\"]"));
        try (NoticeFixture f = new NoticeFixture(Kind.SQLITE, List.of(huge))) {
            f.toCustomer(f.customer(customerKey), notice("order:huge"));

            f.runJobs();

            Notice notice = f.notice("order:huge");
            assertThat(notice.status()).isEqualTo(NoticeStatus.QUEUED);
            assertThat(notice.lastError()).contains("no relay stored the message").hasSizeLessThan(2100);
            assertThat(notice.relayResults()).contains("failed");
        }
    }

    @Test
    void aRelayAcceptingAnotherEventIdDoesNotCountAsSent() {
        String liar = relays.answeringEvents("liar", id -> List.of(TestRelay.ok("00".repeat(32), true, "")));
        try (NoticeFixture f = new NoticeFixture(Kind.SQLITE, List.of(liar))) {
            f.toCustomer(f.customer(customerKey), notice("order:liar"));

            f.runJobs();

            assertThat(f.notice("order:liar").status()).isEqualTo(NoticeStatus.QUEUED);
            assertThat(f.notice("order:liar").lastError()).contains("another event");
        }
    }

    @Test
    void aForgedDmRelayListCannotDivertANotice() throws Exception {
        NostrKeyPair forger = Keys.generate();
        String attacker = relays.accepting("attacker");
        NostrEvent genuineShape = dmRelayList(customerKey, 2_000, attacker);
        NostrEvent signedByForger = dmRelayList(forger, 2_000, attacker);
        // The customer's pubkey and tags, with a signature made by someone else.
        NostrEvent forged = new NostrEvent(genuineShape.id(), genuineShape.pubkey(), genuineShape.createdAt(),
                genuineShape.kind(), genuineShape.tags(), genuineShape.content(), signedByForger.sig());
        String lookup = relays.storing("forged-lists", forged.toJson(), signedByForger.toJson());
        String inbox = relays.accepting("shop-inbox");
        try (NoticeFixture f = new NoticeFixture(Kind.SQLITE, List.of(lookup, inbox))) {
            f.toCustomer(f.customer(customerKey), notice("order:forged"));

            f.runJobs();

            assertThat(NoticeFixture.published(relays, "attacker")).isEmpty();
            List<NostrEvent> delivered = NoticeFixture.published(relays, "shop-inbox");
            assertThat(delivered).hasSize(1);
            assertThat(GiftUnwrapper.unwrap(delivered.get(0), customerKey.secretKey()).content())
                    .startsWith("Thank you for your order.");
            assertThat(f.notice("order:forged").relayResults()).startsWith("configured relays");
        }
    }

    @Test
    void aCustomersOwnDmRelayListIsWhereTheNoticeGoes() throws Exception {
        String theirs = relays.accepting("customers-inbox");
        String lookup = relays.storing("real-lists", dmRelayList(customerKey, 3_000, theirs).toJson());
        String shopRelay = relays.accepting("shop-relay");
        try (NoticeFixture f = new NoticeFixture(Kind.SQLITE, List.of(lookup, shopRelay))) {
            Customer customer = f.customer(customerKey);
            f.toCustomer(customer, notice("order:listed"));

            f.runJobs();

            assertThat(NoticeFixture.published(relays, "shop-relay")).isEmpty();
            assertThat(NoticeFixture.published(relays, "customers-inbox")).singleElement()
                    .satisfies(w -> assertThat(w.tags()).contains(List.of("p", customerKey.pubkey())));
            assertThat(f.notice("order:listed").relayResults()).startsWith("kind 10050");
        }
    }

    private static NostrEvent dmRelayList(NostrKeyPair owner, long createdAt, String... relayUrls) {
        List<List<String>> tags = Arrays.stream(relayUrls).map(url -> List.of("relay", url)).toList();
        return EventSigner.sign(new EventTemplate(DmRelayList.KIND, tags, "", createdAt), owner.secretKey());
    }
}
