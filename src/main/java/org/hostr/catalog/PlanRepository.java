package org.hostr.catalog;

import static org.hostr.db.generated.Tables.PLANS;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hostr.db.generated.tables.records.PlansRecord;
import org.jooq.DSLContext;

/** The only code that touches the plans table. */
public final class PlanRepository {
    private final DSLContext db;

    public PlanRepository(DSLContext db) {
        this.db = db;
    }

    public List<Plan> active() {
        return db.selectFrom(PLANS).where(PLANS.ACTIVE.isTrue()).orderBy(PLANS.SORT, PLANS.PRICE_MINOR, PLANS.ID)
                .fetch(PlanRepository::toPlan);
    }

    public List<Plan> all() {
        return db.selectFrom(PLANS).orderBy(PLANS.SORT, PLANS.PRICE_MINOR, PLANS.ID).fetch(PlanRepository::toPlan);
    }

    public Optional<Plan> bySlug(String slug) {
        return db.selectFrom(PLANS).where(PLANS.SLUG.eq(slug)).fetchOptional(PlanRepository::toPlan);
    }

    public Optional<Plan> byId(long id) {
        return db.selectFrom(PLANS).where(PLANS.ID.eq(id)).fetchOptional(PlanRepository::toPlan);
    }

    /** Inserts the plan, or updates the one with the same slug. */
    public Plan upsert(DSLContext tx, Plan plan, Instant now) {
        PlansRecord existing = tx.selectFrom(PLANS).where(PLANS.SLUG.eq(plan.slug())).fetchOne();
        PlansRecord record = existing == null ? tx.newRecord(PLANS) : existing;
        record.setSlug(plan.slug());
        record.setName(plan.name());
        record.setDescription(plan.description());
        record.setStorageMb(plan.storageMb());
        record.setBandwidthMb(plan.bandwidthMb());
        record.setWhmPackage(plan.whmPackage());
        record.setPriceMinor(plan.priceMinor());
        record.setSetupMinor(plan.setupMinor());
        record.setCurrency(plan.currency());
        record.setPeriod(plan.period().name());
        record.setActive(plan.active());
        record.setSort(plan.sort());
        record.setUpdatedAt(now);
        if (existing == null) {
            record.setCreatedAt(now);
        }
        record.store();
        return toPlan(record);
    }

    public DSLContext db() {
        return db;
    }

    static Plan toPlan(PlansRecord r) {
        return new Plan(r.getId(), r.getSlug(), r.getName(), r.getDescription(), r.getStorageMb(), r.getBandwidthMb(),
                r.getWhmPackage(), r.getPriceMinor(), r.getSetupMinor(), r.getCurrency(), BillingPeriod.valueOf(r.getPeriod()),
                Boolean.TRUE.equals(r.getActive()), r.getSort());
    }
}
