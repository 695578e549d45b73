package org.hostr.catalog;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.hostr.config.HostrConfig;
import org.hostr.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The plans customers can buy. */
public final class CatalogService {
    private static final Logger log = LoggerFactory.getLogger(CatalogService.class);

    private final Database database;
    private final PlanRepository plans;
    private final Clock clock;

    public CatalogService(Database database, Clock clock) {
        this.database = database;
        this.plans = new PlanRepository(database.dsl());
        this.clock = clock;
    }

    public List<Plan> activePlans() {
        return plans.active();
    }

    public List<Plan> allPlans() {
        return plans.all();
    }

    public Optional<Plan> activePlan(String slug) {
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
        database.transactionRun(tx -> {
            for (HostrConfig.PlanEntry e : entries) {
                plans.upsert(tx, new Plan(0, e.slug(), e.name(), e.description(), e.storageMb(), e.bandwidthMb(),
                        e.whmPackage(), e.priceMinor(), e.setupMinor(), e.currency(), BillingPeriod.valueOf(e.period()),
                        e.active(), e.sort()), clock.instant());
            }
        });
        log.info("catalogue: {} plans from the config file", entries.size());
    }
}
