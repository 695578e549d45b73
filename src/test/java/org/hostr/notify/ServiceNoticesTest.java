package org.hostr.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hostr.customers.Customer;
import org.hostr.jobs.JobHandler;
import org.hostr.jobs.NewJob;
import org.hostr.jobs.RetryableJobException;
import org.hostr.nostr.Keys;
import org.hostr.provisioning.DriftReport;
import org.hostr.provisioning.HostingService;
import org.hostr.provisioning.ServiceStatus;
import org.hostr.testing.TestDatabases.Kind;
import org.junit.jupiter.api.Test;

/** Which confirmed changes become notices, and to whom; no relay involved (nothing is sent here). */
class ServiceNoticesTest {

    private static HostingService service(Customer owner, ServiceStatus status) {
        return new HostingService(42, owner.id(), 1, 1L, "site.example", "siteexam", "enc", status, null,
                Instant.parse("2026-03-01T10:00:00Z"));
    }

    private static List<NoticeKind> kinds(NoticeFixture f) {
        return f.notify.notices().latest(null, 50).stream().map(Notice::kind).toList();
    }

    @Test
    void confirmedChangesTellTheCustomerWhatHappenedToTheirSite() {
        try (NoticeFixture f = new NoticeFixture(Kind.SQLITE, List.of())) {
            Customer owner = f.customer(Keys.generate());
            var listener = f.notify.onProvisioning();

            f.db.transactionRun(tx -> {
                listener.statusChanged(tx, service(owner, ServiceStatus.PROVISIONING), ServiceStatus.ACTIVE);
                listener.statusChanged(tx, service(owner, ServiceStatus.ACTIVE), ServiceStatus.EXPIRED);
                listener.statusChanged(tx, service(owner, ServiceStatus.EXPIRED), ServiceStatus.ACTIVE);
                listener.statusChanged(tx, service(owner, ServiceStatus.ACTIVE), ServiceStatus.SUSPENDED);
                listener.statusChanged(tx, service(owner, ServiceStatus.SUSPENDED), ServiceStatus.TERMINATED);
            });

            assertThat(kinds(f)).containsExactlyInAnyOrder(NoticeKind.ACCOUNT_READY, NoticeKind.EXPIRED,
                    NoticeKind.RESTORED, NoticeKind.TERMINATED);
            Notice ready = f.notice("ready:service:42");
            assertThat(ready.customerId()).isEqualTo(owner.id());
            assertThat(ready.text()).contains("site.example is ready", "http://localhost:8080/account")
                    .doesNotContain("enc");
        }
    }

    @Test
    void aClosedAccountGetsNoNotice() {
        try (NoticeFixture f = new NoticeFixture(Kind.SQLITE, List.of())) {
            Customer owner = f.customer(Keys.generate());
            f.customers.delete(owner.id(), "customer:" + owner.id());

            f.db.transactionRun(tx -> f.notify.onProvisioning()
                    .statusChanged(tx, service(owner, ServiceStatus.ACTIVE), ServiceStatus.TERMINATED));

            assertThat(kinds(f)).isEmpty();
        }
    }

    @Test
    void theSameDriftFindingsAreToldOnceADayToEachAdmin() {
        try (NoticeFixture f = new NoticeFixture(Kind.SQLITE, List.of())) {
            DriftReport.Finding missing = new DriftReport.Finding(DriftReport.Kind.MISSING_ACCOUNT, 1, "whm1", 42L,
                    "siteexam", "site.example", "service is ACTIVE but WHM has no account siteexam");
            DriftReport.Finding unknown = new DriftReport.Finding(DriftReport.Kind.UNKNOWN_ACCOUNT, 1, "whm1", null,
                    "stray", "stray.example", "WHM account stray belongs to no live service of ours");

            f.db.transactionRun(tx -> f.notify.onProvisioning().driftFound(tx, List.of(missing)));
            f.db.transactionRun(tx -> f.notify.onProvisioning().driftFound(tx, List.of(missing)));
            f.db.transactionRun(tx -> f.notify.onProvisioning().driftFound(tx, List.of(missing, unknown)));

            List<Notice> drift = f.notify.notices().latest(null, 50);
            assertThat(drift).hasSize(2).allSatisfy(n -> {
                assertThat(n.kind()).isEqualTo(NoticeKind.DRIFT_FOUND);
                assertThat(n.recipientPubkey()).isEqualTo(f.admin.pubkey());
                assertThat(n.customerId()).isNull();
            });
            assertThat(drift.get(0).text()).contains("2 new disagreement(s)", "MISSING_ACCOUNT on whm1",
                    "UNKNOWN_ACCOUNT on whm1", "/admin/drift");
        }
    }

    @Test
    void aProvisioningJobIsToldOfOnlyWhenItGivesUp() {
        Map<String, JobHandler> flaky = Map.of("suspend", job -> {
            throw new RetryableJobException("WHM answered 503");
        });
        try (NoticeFixture f = new NoticeFixture(Kind.SQLITE, List.of(), true, flaky)) {
            f.jobs.enqueue(NewJob.of("suspend", "suspend:service:42:EXPIRED:1", Map.of("service_id", 42))
                    .maxAttempts(2));

            f.runJobs();
            List<NoticeKind> afterFirst = kinds(f);
            f.later();
            f.runJobs();

            assertThat(afterFirst).isEmpty();
            assertThat(kinds(f)).containsExactly(NoticeKind.PROVISIONING_FAILED);
            assertThat(f.notify.notices().latest(null, 1).get(0).text()).contains("suspend job", "service 42",
                    "after 2 attempt(s)", "WHM answered 503");
        }
    }
}
