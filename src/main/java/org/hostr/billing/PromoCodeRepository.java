package org.hostr.billing;

import static org.hostr.db.generated.Tables.INVOICES;
import static org.hostr.db.generated.Tables.PROMO_CODES;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hostr.db.generated.tables.records.PromoCodesRecord;
import org.jooq.DSLContext;

/** The only code that touches the promo_codes table. */
final class PromoCodeRepository {

    Optional<PromoCode> byCode(DSLContext db, String code) {
        return db.selectFrom(PROMO_CODES).where(PROMO_CODES.CODE.eq(code)).fetchOptional().map(PromoCodeRepository::toPromo);
    }

    Optional<PromoCode> byId(DSLContext db, long id) {
        return db.selectFrom(PROMO_CODES).where(PROMO_CODES.ID.eq(id)).fetchOptional().map(PromoCodeRepository::toPromo);
    }

    Map<Long, PromoCode> byIds(DSLContext db, Collection<Long> ids) {
        return ids.isEmpty() ? Map.of() : db.selectFrom(PROMO_CODES).where(PROMO_CODES.ID.in(ids)).fetchMap(PROMO_CODES.ID, PromoCodeRepository::toPromo);
    }

    List<PromoCode> all(DSLContext db) {
        return db.selectFrom(PROMO_CODES).orderBy(PROMO_CODES.ID.desc()).fetch(PromoCodeRepository::toPromo);
    }

    long insert(DSLContext tx, NewPromoCode p, Instant now) {
        return tx.insertInto(PROMO_CODES)
                .set(PROMO_CODES.CODE, p.code())
                .set(PROMO_CODES.KIND, p.kind())
                .set(PROMO_CODES.PERCENT_OFF, p.percentOff())
                .set(PROMO_CODES.VALUE_MINOR, p.valueMinor())
                .set(PROMO_CODES.CURRENCY, p.currency())
                .set(PROMO_CODES.VALID_FROM, p.validFrom())
                .set(PROMO_CODES.VALID_UNTIL, p.validUntil())
                .set(PROMO_CODES.MAX_USES, p.maxUses())
                .set(PROMO_CODES.MIN_ORDER_MINOR, p.minOrderMinor())
                .set(PROMO_CODES.RECURRING, p.recurring())
                .set(PROMO_CODES.CREATED_AT, now)
                .returning(PROMO_CODES.ID)
                .fetchSingle(PROMO_CODES.ID);
    }

    boolean deactivate(DSLContext tx, long id) {
        return tx.update(PROMO_CODES).set(PROMO_CODES.ACTIVE, false).where(PROMO_CODES.ID.eq(id)).execute() == 1;
    }

    /** The guarded increment: never past max_uses, however many settlements run at once. True if counted. */
    boolean countUse(DSLContext tx, long id) {
        return tx.update(PROMO_CODES)
                .set(PROMO_CODES.USES, PROMO_CODES.USES.plus(1))
                .where(PROMO_CODES.ID.eq(id).and(PROMO_CODES.MAX_USES.isNull().or(PROMO_CODES.USES.lt(PROMO_CODES.MAX_USES))))
                .execute() == 1;
    }

    private static PromoCode toPromo(PromoCodesRecord r) {
        return new PromoCode(r.getId(), r.getCode(), PromoCode.Kind.valueOf(r.getKind()), r.getPercentOff(), r.getValueMinor(),
                r.getCurrency(), r.getValidFrom(), r.getValidUntil(), r.getMaxUses(), r.getUses(), r.getMinOrderMinor(),
                r.getRecurring(), r.getActive(), r.getCreatedAt());
    }
}
