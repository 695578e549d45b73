package org.hostr.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.hostr.db.generated.tables.records.ServicesRecord;
import org.hostr.jobs.Job;
import org.hostr.jobs.JobRepository;
import org.hostr.jobs.JobStatus;
import org.hostr.provisioning.whm.WhmTimeouts;
import org.hostr.sim.whm.SimAccount;
import org.hostr.sim.whm.WhmSimulator;
import org.hostr.testing.TestDatabases.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Provisioning jobs against a real WHM simulator, on SQLite and PostgreSQL. */
class ProvisioningIT {

    @ParameterizedTest
    @EnumSource(Kind.class)
    void manyDomainsSharingTheirFirstEightLettersAllGetAnAccount(Kind kind) {
        try (ProvisioningFixture f = new ProvisioningFixture(kind)) {
            f.addServer();
            // more than the username tries: each new one must skip every name the earlier ones hold
            List<Long> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 30; i++) {
                long id = f.newService("mywebsite-" + i + ".example");
                f.requestProvisioning(id);
                f.runJobs();
                ids.add(id);
            }

            assertThat(ids).allSatisfy(id -> assertThat(f.row(id).getStatus()).isEqualTo("ACTIVE"));
            assertThat(ids.stream().map(id -> f.row(id).getUsername()).distinct()).hasSize(30);
            assertThat(f.whm.accountCount()).isEqualTo(30);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void serviceGoesFromProvisionToSuspendUnsuspendChangePackageAndTerminate(Kind kind) {
        try (ProvisioningFixture f = new ProvisioningFixture(kind)) {
            f.addServer();
            long id = f.newService("shop-example.com");

            f.requestProvisioning(id);
            f.runJobs();
            ServicesRecord row = f.row(id);
            assertThat(row.getStatus()).isEqualTo("ACTIVE");
            assertThat(row.getActivatedAt()).isNotNull();
            assertThat(row.getUsername()).isEqualTo("shopexam");
            SimAccount account = f.whm.account("shopexam").orElseThrow();
            assertThat(account.domain()).isEqualTo("shop-example.com");
            assertThat(account.password()).isEqualTo(f.secrets.decrypt(row.getPasswordEnc()));

            f.db.transactionRun(tx -> f.service().requestSuspend(tx, id, "unpaid invoice", ServiceStatus.EXPIRED));
            f.runJobs();
            assertThat(f.row(id).getStatus()).isEqualTo("EXPIRED");
            assertThat(f.row(id).getSuspendReason()).isEqualTo("unpaid invoice");
            assertThat(f.whm.account("shopexam").orElseThrow().suspended()).isTrue();

            f.db.transactionRun(tx -> f.service().requestUnsuspend(tx, id));
            f.runJobs();
            assertThat(f.row(id).getStatus()).isEqualTo("ACTIVE");
            assertThat(f.row(id).getSuspendReason()).isNull();
            assertThat(f.whm.account("shopexam").orElseThrow().suspended()).isFalse();

            f.db.transactionRun(tx -> f.service().requestChangePackage(tx, id, f.standardPlan));
            f.runJobs();
            assertThat(f.row(id).getPlanId()).isEqualTo(f.standardPlan);
            assertThat(f.whm.account("shopexam").orElseThrow().plan()).isEqualTo("standard");

            f.db.transactionRun(tx -> f.service().requestTerminate(tx, id));
            f.runJobs();
            assertThat(f.row(id).getStatus()).isEqualTo("TERMINATED");
            assertThat(f.row(id).getTerminatedAt()).isNotNull();
            assertThat(f.whm.account("shopexam")).isEmpty();
            assertThat(f.events(id)).containsExactly("create:ok", "suspend:ok", "unsuspend:ok", "change_plan:ok",
                    "terminate:ok");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aSecondSuspendAfterAnUnsuspendIsANewJob(Kind kind) {
        try (ProvisioningFixture f = new ProvisioningFixture(kind)) {
            f.addServer();
            long id = f.newService("again.example");
            f.requestProvisioning(id);
            f.runJobs();

            long first = f.db.transaction(tx -> f.service().requestSuspend(tx, id, "abuse", ServiceStatus.SUSPENDED));
            long same = f.db.transaction(tx -> f.service().requestSuspend(tx, id, "abuse", ServiceStatus.SUSPENDED));
            f.runJobs();
            f.db.transactionRun(tx -> f.service().requestUnsuspend(tx, id));
            f.runJobs();
            long second = f.db.transaction(tx -> f.service().requestSuspend(tx, id, "abuse", ServiceStatus.SUSPENDED));
            f.runJobs();

            assertThat(same).isEqualTo(first);
            assertThat(second).isNotEqualTo(first);
            assertThat(f.row(id).getStatus()).isEqualTo("SUSPENDED");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void whmDownForAWhileIsRetriedAndDoneOnceItIsBack(Kind kind) {
        try (ProvisioningFixture f = new ProvisioningFixture(kind)) {
            f.addServer();
            long id = f.newService("patient.example");
            long jobId = f.requestProvisioning(id);
            f.whm.goDown(WhmSimulator.DownMode.HTTP_503);

            f.runJobs();
            f.clock.advance(Duration.ofSeconds(2));
            f.runJobs();
            Job waiting = f.job(jobId);
            assertThat(waiting.status()).isEqualTo(JobStatus.QUEUED);
            assertThat(waiting.attempts()).isEqualTo(2);
            assertThat(f.row(id).getStatus()).isEqualTo("PROVISIONING");

            f.whm.comeUp();
            f.clock.advance(Duration.ofSeconds(5));
            f.runJobs();

            assertThat(f.job(jobId).status()).isEqualTo(JobStatus.DONE);
            assertThat(f.row(id).getStatus()).isEqualTo("ACTIVE");
            assertThat(f.whm.accountCount()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void slowCreateThatSucceededLeavesOneAccountAndAnActiveService(Kind kind) {
        WhmTimeouts impatient = new WhmTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMillis(500));
        try (ProvisioningFixture f = new ProvisioningFixture(kind, impatient)) {
            f.addServer();
            long id = f.newService("slow.example");
            long jobId = f.requestProvisioning(id);
            f.whm.faults().slowCreate(Duration.ofMillis(1500));

            f.runJobs();
            assertThat(f.job(jobId).status()).isEqualTo(JobStatus.QUEUED);
            assertThat(f.row(id).getStatus()).isEqualTo("PROVISIONING");

            f.clock.advance(WhmJobErrors.AFTER_TIMEOUT.plusSeconds(1));
            f.runJobs();

            assertThat(f.job(jobId).status()).isEqualTo(JobStatus.DONE);
            assertThat(f.row(id).getStatus()).isEqualTo("ACTIVE");
            assertThat(f.whm.accountCount()).isEqualTo(1);
            assertThat(f.whm.createAccountCalls()).isEqualTo(1);
            assertThat(f.events(id)).containsExactly("create:failed", "create:adopted");
            String username = f.row(id).getUsername();
            assertThat(f.whm.account(username).orElseThrow().password())
                    .isEqualTo(f.secrets.decrypt(f.row(id).getPasswordEnc()));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aWorkerThatDiesHoldingTheLeaseIsTakenOverAndTheAccountIsCreatedOnce(Kind kind) throws Exception {
        try (ProvisioningFixture f = new ProvisioningFixture(kind)) {
            f.addServer();
            long id = f.newService("crash.example");
            long jobId = f.requestProvisioning(id);
            // A worker claims the job, does the work, and dies before recording the outcome.
            List<Job> claimed = new JobRepository(f.db.dsl()).claim("dead-worker", 1, f.clock.instant(), Duration.ofMinutes(5));
            assertThat(claimed).hasSize(1);
            f.module.provisioner().handle(claimed.get(0));

            assertThat(f.runJobs()).isZero(); // the lease still holds
            f.clock.advance(Duration.ofMinutes(6));
            assertThat(f.runJobs()).isEqualTo(1);

            assertThat(f.job(jobId).status()).isEqualTo(JobStatus.DONE);
            assertThat(f.job(jobId).attempts()).isEqualTo(2);
            assertThat(f.whm.createAccountCalls()).isEqualTo(1);
            assertThat(f.whm.accountCount()).isEqualTo(1);
            assertThat(f.events(id)).containsExactly("create:ok");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aRefusedTokenKillsTheJobAfterOneAttemptWithAClearError(Kind kind) {
        try (ProvisioningFixture f = new ProvisioningFixture(kind)) {
            f.addServer("whm1", "not-the-token");
            long id = f.newService("locked.example");
            long jobId = f.requestProvisioning(id);

            f.runJobs();

            Job job = f.job(jobId);
            assertThat(job.status()).isEqualTo(JobStatus.DEAD);
            assertThat(job.attempts()).isEqualTo(1);
            assertThat(job.lastError()).contains("token").contains("admin → servers");
            assertThat(f.row(id).getStatus()).isEqualTo("PROVISIONING");
            assertThat(f.whm.accountCount()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void provisioningRequestedTwiceCreatesOneAccount(Kind kind) throws Exception {
        try (ProvisioningFixture f = new ProvisioningFixture(kind)) {
            f.addServer();
            long id = f.newService("twice.example");

            long first = f.requestProvisioning(id);
            long second = f.requestProvisioning(id);
            f.runJobs();
            // Even a handler run again by hand finds the service ACTIVE and does nothing.
            f.module.provisioner().handle(f.job(first));

            assertThat(second).isEqualTo(first);
            assertThat(f.whm.accountCount()).isEqualTo(1);
            assertThat(f.whm.createAccountCalls()).isEqualTo(1);
            assertThat(f.events(id)).containsExactly("create:ok");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aDomainWhmHostsForSomeoneElseIsDeadWithAClearMessageAndNothingCreated(Kind kind) {
        try (ProvisioningFixture f = new ProvisioningFixture(kind)) {
            f.addServer();
            f.whm.seedAccount("otherco", "taken.example", "basic");
            long id = f.newService("taken.example");
            long jobId = f.requestProvisioning(id);

            f.runJobs();

            Job job = f.job(jobId);
            assertThat(job.status()).isEqualTo(JobStatus.DEAD);
            assertThat(job.attempts()).isEqualTo(1);
            assertThat(job.lastError()).contains("already hosts taken.example under cPanel user otherco");
            assertThat(f.whm.createAccountCalls()).isZero();
            assertThat(f.whm.accountCount()).isEqualTo(1);
            assertThat(f.row(id).getStatus()).isEqualTo("PROVISIONING");
            assertThat(f.events(id)).containsExactly("create:failed");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aUsernameTakenOnWhmIsSkippedForTheNextOne(Kind kind) {
        try (ProvisioningFixture f = new ProvisioningFixture(kind)) {
            f.addServer();
            f.whm.seedAccount("acme", "acme.org", "basic");
            long id = f.newService("acme.com");
            f.requestProvisioning(id);

            f.runJobs();

            assertThat(f.row(id).getStatus()).isEqualTo("ACTIVE");
            assertThat(f.row(id).getUsername()).isEqualTo("acme1");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void withoutAServerTheJobWaitsWithAMessageForTheAdmin(Kind kind) {
        try (ProvisioningFixture f = new ProvisioningFixture(kind)) {
            long id = f.newService("early.example");
            long jobId = f.requestProvisioning(id);

            f.runJobs();

            Job job = f.job(jobId);
            assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
            assertThat(job.lastError()).contains("no active WHM server has room");
            assertThat(f.row(id).getServerId()).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void customerPasswordResetStoresTheNewPasswordWhmConfirmed(Kind kind) {
        try (ProvisioningFixture f = new ProvisioningFixture(kind)) {
            f.addServer();
            long customer = f.newCustomer();
            long id = f.newService(customer, "fresh.example");
            f.requestProvisioning(id);
            f.runJobs();
            String before = f.service().credentials(customer, id).password();

            f.service().customerPasswordReset(customer, id);
            f.runJobs();

            Credentials after = f.service().credentials(customer, id);
            assertThat(after.password()).isNotEqualTo(before).hasSize(AccountPasswords.LENGTH);
            assertThat(f.whm.account(after.username()).orElseThrow().password()).isEqualTo(after.password());
            assertThat(after.cpanelUrl()).isEqualTo("https://127.0.0.1:2083");
            assertThat(f.events(id)).containsExactly("create:ok", "password:ok");
        }
    }
}
