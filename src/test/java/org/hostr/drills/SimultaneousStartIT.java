package org.hostr.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hostr.db.generated.Tables.PLANS;
import static org.hostr.db.generated.Tables.SERVERS;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.hostr.audit.AuditLog;
import org.hostr.catalog.CatalogService;
import org.hostr.config.HostrConfig;
import org.hostr.db.Database;
import org.hostr.provisioning.ServerService;
import org.hostr.provisioning.whm.WhmTimeouts;
import org.hostr.secrets.SecretBox;
import org.hostr.testing.TestApp;
import org.hostr.testing.TestDatabases;
import org.hostr.testing.TestDatabases.Kind;
import org.junit.jupiter.api.Test;

/**
 * Found by TwoInstancesIT: two instances starting at the same moment both upsert the config file's plans and WHM
 * servers, both find no row, both insert, and the second failed to start on the unique key. Each round here lets two
 * "instances" upsert new entries at once on PostgreSQL; every upsert must succeed and leave one row.
 */
class SimultaneousStartIT {
    private static final int ROUNDS = 25;

    @Test
    void configPlansAndServersUpsertedByTwoStartingInstancesAtOnceEndUpOnce() throws Exception {
        try (Database db = TestDatabases.open(Kind.POSTGRES)) {
            AuditLog audit = new AuditLog(db.dsl());
            SecretBox secrets = SecretBox.fromBase64(TestApp.ENCRYPTION_KEY);
            List<CatalogService> catalogs = List.of(new CatalogService(db, Clock.systemUTC()), new CatalogService(db, Clock.systemUTC()));
            List<ServerService> servers = List.of(new ServerService(db, secrets, audit, Clock.systemUTC(), WhmTimeouts.DEFAULT),
                    new ServerService(db, secrets, audit, Clock.systemUTC(), WhmTimeouts.DEFAULT));
            CyclicBarrier together = new CyclicBarrier(2);

            for (int round = 0; round < ROUNDS; round++) {
                HostrConfig.PlanEntry plan = new HostrConfig.PlanEntry("plan-" + round, "Plan", "", 1, 1, "basic", 500, 0,
                        "USD", "P1M", true, 0);
                HostrConfig.WhmServerEntry server = new HostrConfig.WhmServerEntry("whm-" + round,
                        "https://whm" + round + ".example.com:2087", "root", "TOKEN", 100, "", true);
                List<CompletableFuture<Void>> starts = List.of(0, 1).stream().map(i -> CompletableFuture.runAsync(() -> {
                    await(together);
                    catalogs.get(i).upsertFromConfig(List.of(plan));
                    servers.get(i).upsertFromConfig(List.of(server));
                })).toList();

                starts.forEach(CompletableFuture::join);
            }

            assertThat(db.dsl().fetchCount(PLANS)).isEqualTo(ROUNDS);
            assertThat(db.dsl().fetchCount(SERVERS)).isEqualTo(ROUNDS);
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
