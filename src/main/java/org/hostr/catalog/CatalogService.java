package org.hostr.catalog;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hostr.config.HostrConfig;
import org.hostr.db.Database;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The plans customers can buy. */
public final class CatalogService {
    private static final Logger log = LoggerFactory.getLogger(CatalogService.class);
    /** What the config file and the admin pages accept as a plan's slug. */
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    private final Database database;
    private final PlanRepository plans;
    private final Clock clock;
    /** Plans change rarely and the storefront reads them on every visit: serve a snapshot, at most a few seconds old. */
    private volatile Snapshot active;

    private record Snapshot(List<Plan> plans, long loadedAtNanos) {
    }

    private static final long SNAPSHOT_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

    public CatalogService(Database database, Clock clock) {
        this.database = database;
        this.plans = new PlanRepository(database.dsl());
        this.clock = clock;
    }

    /** The plans on sale; other instances' edits show within seconds, this instance's at once. */
    public List<Plan> activePlans() {
        Snapshot snapshot = active;
        long now = System.nanoTime();
        if (snapshot == null || now - snapshot.loadedAtNanos() > SNAPSHOT_NANOS) {
            snapshot = new Snapshot(List.copyOf(plans.active()), now);
            active = snapshot;
        }
        return snapshot.plans();
    }

    /** Drops the snapshot after a change made here. */
    public void plansChanged() {
        active = null;
    }

    public List<Plan> allPlans() {
        return plans.all();
    }

    public Optional<Plan> activePlan(String slug) {
        // Anything but a slug names no plan and is not sent to the database: PostgreSQL refuses text with NUL in it.
        if (slug == null || !SLUG.matcher(slug).matches()) {
            return Optional.empty();
        }
        return plans.bySlug(slug).filter(Plan::active);
    }

    public Optional<Plan> plan(long id) {
        return plans.byId(id);
    }

    /** Keeps the catalogue in step with the [[plans]] of the config file; plans not named there are left alone. */
    public void upsertFromConfig(List<HostrConfig.PlanEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        try {
            upsertPlans(entries);
        } catch (IntegrityConstraintViolationException e) {
            // Instances started together both found no plan and both inserted; this one lost on the unique slug.
            // Once more, it finds the winner's plans and updates them.
            upsertPlans(entries);
        }
        plansChanged();
        log.info("catalogue: {} plans from the config file", entries.size());
    }

    private void upsertPlans(List<HostrConfig.PlanEntry> entries) {
        database.transactionRun(tx -> {
            for (HostrConfig.PlanEntry e : entries) {
                plans.upsert(tx, new Plan(0, e.slug(), e.name(), e.description(), e.storageMb(), e.bandwidthMb(),
                        e.whmPackage(), e.priceMinor(), e.setupMinor(), e.currency(), BillingPeriod.valueOf(e.period()),
                        e.active(), e.sort()), clock.instant());
            }
        });
    }
}
