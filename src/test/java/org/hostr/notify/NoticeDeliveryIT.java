package org.hostr.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hostr.customers.Customer;
import org.hostr.jobs.JobHandler;
import org.hostr.jobs.JobStatus;
import org.hostr.jobs.PermanentJobException;
import org.hostr.nostr.GiftUnwrapper;
import org.hostr.nostr.InvalidGiftWrapException;
import org.hostr.nostr.Keys;
import org.hostr.nostr.NostrEvent;
import org.hostr.nostr.NostrKeyPair;
import org.hostr.nostr.Rumor;
import org.hostr.nostr.relay.TestRelay;
import org.hostr.testing.TestDatabases.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The outbox end to end against a relay started in the test: recorded, wrapped once, published, read by its recipient. */
class NoticeDeliveryIT {
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

    private static NoticeDraft paymentNotice(String number) {
        return new NoticeDraft(NoticeKind.PAYMENT_RECEIVED, "paid:" + number, "Payment for " + number,
                "Payment received for invoice " + number + ".\nReceipt: http://localhost:8080/receipts/" + number);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aNoticeIsReadByItsRecipientAndByNobodyElse(Kind kind) throws Exception {
        String inbox = relays.accepting("read-" + kind);
        try (NoticeFixture f = new NoticeFixture(kind, List.of(inbox))) {
            Customer customer = f.customer(customerKey);
            f.toCustomer(customer, paymentNotice("INV-2026-000101"));

            f.runJobs();

            Notice notice = f.notice("paid:INV-2026-000101");
            assertThat(notice.status()).isEqualTo(NoticeStatus.SENT);
            List<NostrEvent> wraps = NoticeFixture.published(relays, "read-" + kind);
            assertThat(wraps).singleElement().satisfies(w -> {
                assertThat(w.kind()).isEqualTo(1059);
                assertThat(w.id()).isEqualTo(notice.wrapId());
                assertThat(w.pubkey()).isNotEqualTo(f.shop.pubkey());
            });
            Rumor read = GiftUnwrapper.unwrap(wraps.get(0), customerKey.secretKey());
            assertThat(read.kind()).isEqualTo(14);
            assertThat(read.pubkey()).isEqualTo(f.shop.pubkey());
            assertThat(read.firstTagValue("p")).isEqualTo(customerKey.pubkey());
            assertThat(read.firstTagValue("subject")).isEqualTo("Payment for INV-2026-000101");
            assertThat(read.content()).contains("INV-2026-000101", "http://localhost:8080/receipts/INV-2026-000101");
            assertThatThrownBy(() -> GiftUnwrapper.unwrap(wraps.get(0), Keys.generate().secretKey()))
                    .isInstanceOf(InvalidGiftWrapException.class);
            assertThatThrownBy(() -> GiftUnwrapper.unwrap(wraps.get(0), f.shop.secretKey()))
                    .isInstanceOf(InvalidGiftWrapException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void oneEventGivesOneNotice(Kind kind) {
        try (NoticeFixture f = new NoticeFixture(kind, List.of(relays.accepting("once-" + kind)))) {
            Customer customer = f.customer(customerKey);

            assertThat(f.toCustomer(customer, paymentNotice("INV-2026-000102"))).isPresent();
            assertThat(f.toCustomer(customer, paymentNotice("INV-2026-000102"))).isEmpty();
            f.runJobs();
            f.runJobs();

            assertThat(NoticeFixture.published(relays, "once-" + kind)).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aRelayThatIsDownGetsTheSameWrapOnceItIsBack(Kind kind) {
        String name = "down-then-up-" + kind;
        // No script yet: the relay takes the connection and never answers, as a stalled relay does.
        String relay = relays.relay(name, sub -> List.of());
        try (NoticeFixture f = new NoticeFixture(kind, List.of(relay))) {
            Customer customer = f.customer(customerKey);
            long id = f.toCustomer(customer, paymentNotice("INV-2026-000103")).orElseThrow();

            f.runJobs();
            Notice waiting = f.notice("paid:INV-2026-000103");
            relays.accepting(name);
            f.later();
            f.runJobs();

            assertThat(waiting.status()).isEqualTo(NoticeStatus.QUEUED);
            assertThat(waiting.lastError()).contains("no relay stored the message", "timed out");
            Notice sent = f.notice("paid:INV-2026-000103");
            assertThat(sent.status()).isEqualTo(NoticeStatus.SENT);
            assertThat(sent.attempts()).isEqualTo(2);
            assertThat(f.job(NoticeSender.jobKey(id)).attempts()).isEqualTo(2);
            List<NostrEvent> published = NoticeFixture.published(relays, name);
            assertThat(published).hasSize(2);
            assertThat(published).extracting(NostrEvent::id).containsOnly(sent.wrapId());
        }
    }

    @Test
    void aNoticeNoRelayTakesFailsAfterItsLastAttemptAndGoesOutWhenAnAdminRetries() {
        String name = "refusing";
        relays.relay(name, sub -> List.of("[\"EOSE\",\"" + sub + "\"]"));
        String relay = relays.answeringEvents(name, id -> List.of(TestRelay.ok(id, false, "blocked: not today")));
        try (NoticeFixture f = new NoticeFixture(Kind.SQLITE, List.of(relay))) {
            long id = f.toCustomer(f.customer(customerKey), paymentNotice("INV-2026-000106")).orElseThrow();
            long jobId = f.job(NoticeSender.jobKey(id)).id();

            for (int attempt = 0; attempt < NoticeService.MAX_ATTEMPTS; attempt++) {
                f.runJobs();
                f.clock.advance(Duration.ofHours(2));
            }
            Notice failed = f.notice("paid:INV-2026-000106");
            JobStatus jobBeforeRetry = f.jobs.get(jobId).status();
            relays.accepting(name);
            f.jobs.retry(jobId);
            f.runJobs();

            assertThat(failed.status()).isEqualTo(NoticeStatus.FAILED);
            assertThat(jobBeforeRetry).isEqualTo(JobStatus.DEAD);
            assertThat(failed.attempts()).isEqualTo(NoticeService.MAX_ATTEMPTS);
            assertThat(failed.lastError()).contains("rejected (blocked: not today)");
            assertThat(f.notice("paid:INV-2026-000106").status()).isEqualTo(NoticeStatus.SENT);
            assertThat(NoticeFixture.published(relays, name)).extracting(NostrEvent::id).hasSize(13)
                    .containsOnly(failed.wrapId());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aKindTheCustomerSwitchedOffIsRecordedAsSkippedAndNotSent(Kind kind) {
        try (NoticeFixture f = new NoticeFixture(kind, List.of(relays.accepting("off-" + kind)))) {
            Customer customer = f.customer(customerKey);
            f.notify.notices().setPreferences(customer.id(), Map.of(NoticeKind.PAYMENT_RECEIVED, false));

            long id = f.toCustomer(customer, paymentNotice("INV-2026-000104")).orElseThrow();
            f.runJobs();

            Notice notice = f.notice("paid:INV-2026-000104");
            assertThat(notice.status()).isEqualTo(NoticeStatus.SKIPPED);
            assertThat(notice.lastError()).isEqualTo("switched off by the customer");
            assertThat(f.jobs.findByKey(NoticeSender.jobKey(id))).isEmpty();
            assertThat(NoticeFixture.published(relays, "off-" + kind)).isEmpty();
            assertThat(f.notify.notices().preferences(customer.id()))
                    .containsEntry(NoticeKind.PAYMENT_RECEIVED, false).containsEntry(NoticeKind.ORDER_RECEIVED, true);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void withoutAShopKeyNoticesAreRecordedAsSkippedWithTheFix(Kind kind) {
        try (NoticeFixture f = new NoticeFixture(kind, List.of(relays.accepting("nokey-" + kind)), false, Map.of())) {
            f.toCustomer(f.customer(customerKey), paymentNotice("INV-2026-000105"));
            f.runJobs();

            Notice notice = f.notice("paid:INV-2026-000105");
            assertThat(notice.status()).isEqualTo(NoticeStatus.SKIPPED);
            assertThat(notice.lastError()).contains("notify.shop_nsec", "HOSTR_NOTIFY_SHOP_NSEC");
            assertThat(NoticeFixture.published(relays, "nokey-" + kind)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void adminsHearOfAProvisioningJobThatGivesUp(Kind kind) throws Exception {
        String inbox = relays.accepting("admin-" + kind);
        Map<String, JobHandler> provisioning = Map.of("provision", job -> {
            throw new PermanentJobException("service 7: WHM server whm1 has no package \"basic\"");
        });
        try (NoticeFixture f = new NoticeFixture(kind, List.of(inbox), true, provisioning)) {
            long jobId = f.jobs.enqueue("provision", "provision:service:7", Map.of("service_id", 7));

            f.runJobs();
            f.runJobs();

            assertThat(f.jobs.get(jobId).status()).isEqualTo(JobStatus.DEAD);
            List<NostrEvent> wraps = NoticeFixture.published(relays, "admin-" + kind);
            assertThat(wraps).hasSize(1);
            Rumor read = GiftUnwrapper.unwrap(wraps.get(0), f.admin.secretKey());
            assertThat(read.content()).contains("job " + jobId, "service 7", "no package", "/admin/jobs");
            assertThat(read.firstTagValue("subject")).isEqualTo("Job " + jobId + " failed");
        }
    }
}
