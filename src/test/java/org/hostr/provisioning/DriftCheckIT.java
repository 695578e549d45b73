package org.hostr.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hostr.db.generated.Tables.AUDIT_LOG;

import org.hostr.provisioning.DriftReport.Finding;
import org.hostr.provisioning.DriftReport.Kind;
import org.hostr.testing.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DriftCheckIT {

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void findsAMissingAccountAndAnUnknownOneAndChangesNothing(TestDatabases.Kind db) {
        try (ProvisioningFixture f = new ProvisioningFixture(db)) {
            f.addServer();
            long kept = f.newService("kept.example");
            long lost = f.newService("lost.example");
            f.requestProvisioning(kept);
            f.requestProvisioning(lost);
            f.runJobs();
            String lostUser = f.row(lost).getUsername();
            f.module.servers().client(f.row(lost).getServerId()).remove(lostUser);
            f.whm.seedAccount("stranger", "stranger.example", "basic");

            DriftReport report = f.module.drift().run();

            assertThat(report.findings()).extracting(Finding::kind, Finding::serviceId, Finding::username)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(Kind.MISSING_ACCOUNT, lost, lostUser),
                            org.assertj.core.groups.Tuple.tuple(Kind.UNKNOWN_ACCOUNT, null, "stranger"));
            assertThat(f.module.drift().latestReport()).isEqualTo(report);
            assertThat(f.row(lost).getStatus()).isEqualTo("ACTIVE");
            assertThat(f.whm.account("stranger")).isPresent();
            assertThat(f.db.dsl().fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("drift.found"))).isEqualTo(2);

            f.module.drift().run();
            assertThat(f.db.dsl().fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("drift.found"))).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void findsASuspensionMadeBehindOurBack(TestDatabases.Kind db) {
        try (ProvisioningFixture f = new ProvisioningFixture(db)) {
            f.addServer();
            long id = f.newService("quiet.example");
            f.requestProvisioning(id);
            f.runJobs();
            f.module.servers().client(f.row(id).getServerId()).suspend(f.row(id).getUsername(), "by hand");

            DriftReport report = f.module.drift().run();

            assertThat(report.findings()).extracting(Finding::kind).containsExactly(Kind.UNEXPECTEDLY_SUSPENDED);
        }
    }
}
