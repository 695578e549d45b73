package org.hostr.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hostr.db.generated.Tables.INVOICES;
import static org.hostr.db.generated.Tables.JOBS;
import static org.hostr.db.generated.Tables.SERVICES;

import java.time.Duration;
import java.util.List;
import org.hostr.provisioning.ProvisioningJobs;
import org.hostr.sim.whm.WhmSimulator.DownMode;
import org.hostr.testing.TestDatabases.Kind;
import org.jooq.DSLContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue #9, part 2: WHM is down while orders are paid. Payments settle regardless; once WHM is back every service
 * becomes ACTIVE on its own, with one createacct each and no job given up.
 *
 * <p>The two-minute outage is scaled down to 15 s so the drill stays quick (bench/ has the full length). The
 * provisioning jobs retry on the default policy (5 s, doubling, ±20%; the app has no seam for another, and none is
 * needed): in 15 s a job fails at most three times, so its next attempt comes at most 20 s × 1.2 = 24 s after its
 * last failure, i.e. within 24 s of WHM coming back, inside {@link Eventually}'s 30 s.
 */
class WhmOutageDrillIT {
    private static final int ORDERS = 20;
    private static final Duration OUTAGE = Duration.ofSeconds(15);

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everyServiceIsProvisionedOnceAfterWhmComesBack(Kind kind) throws Exception {
        try (FaultDrillShop shop = new FaultDrillShop(kind, 30)) {
            DSLContext db = shop.db();
            long downAt = System.nanoTime();
            // Nothing listens on WHM's port: connections are refused, as when the server or cpsrvd is down
            shop.whm.goDown(DownMode.REFUSED);

            List<String> numbers = shop.orderAndPay(ORDERS, "whmout");

            Eventually.await("every invoice PAID while WHM is down",
                    () -> db.fetchCount(INVOICES, INVOICES.STATUS.eq("PAID")) == ORDERS);
            Eventually.await("every provisioning job has failed against the dead WHM", () -> db.fetchCount(JOBS,
                    JOBS.KIND.eq(ProvisioningJobs.PROVISION).and(JOBS.ATTEMPTS.ge(1L)).and(JOBS.LAST_ERROR.isNotNull())) == ORDERS);
            assertThat(db.fetchCount(SERVICES, SERVICES.STATUS.eq("PROVISIONING"))).isEqualTo(ORDERS);
            // The rest of the outage is its length, not an outcome being waited for
            long leftMillis = OUTAGE.toMillis() - Duration.ofNanos(System.nanoTime() - downAt).toMillis();
            assertThat(leftMillis).as("orders and first failures took longer than the outage").isPositive();
            Thread.sleep(leftMillis);
            assertThat(shop.whm.createAccountCalls()).isZero();

            shop.whm.comeUp();
            long upAt = System.nanoTime();

            shop.awaitAllActiveAndQuiet(ORDERS);
            System.out.printf("WhmOutageDrillIT[%s]: all %d services ACTIVE %d ms after WHM came back%n", kind, ORDERS,
                    Duration.ofNanos(System.nanoTime() - upAt).toMillis());
            shop.assertEachSettledOnce(numbers);
            shop.assertEachProvisionedOnce(ORDERS);
        }
    }
}
