package org.hostr.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hostr.db.Database;
import org.hostr.web.ApiError;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Promo codes: checking one against an order, counting a use when an invoice settles, and the admin's create, list
 * and deactivate.
 *
 * <p>{@code uses} counts paid orders: one use when an order's first (NEW) invoice settles. An unpaid order does not
 * burn a use, so {@link #check} at order time is a promise that may be outrun (two customers ordering with the last
 * use). If the code got used up between order and payment, the payment still settles at the discounted price the
 * customer was shown and paid; the use is then not counted (see {@link PromoUseOnSettlement}). Refusing money already
 * received would be worse than one use too many.
 *
 * <p>A recurring code goes on discounting the renewals of the services ordered with it ({@link #renewalDiscount});
 * those renewals count no further use, so max_uses limits how many orders get the code, not how long they keep it.
 */
public final class PromoCodeService {
    private static final Logger log = LoggerFactory.getLogger(PromoCodeService.class);
    private static final Pattern CODE = Pattern.compile("[A-Z0-9-]{3,32}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private final Database database;
    private final Clock clock;
    private final PromoCodeRepository promos = new PromoCodeRepository();

    public PromoCodeService(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * The discount {@code code} gives on {@code subtotalMinor}. PERCENT rounds half-up to minor units; FIXED is capped
     * at the subtotal. Validity is from (inclusive) until (exclusive).
     *
     * @param firstPeriod true for a new service's first invoice; a code that is not recurring gives nothing later
     * @throws ApiError 422 unknown_promo, promo_inactive, promo_not_started, promo_expired, promo_used_up,
     *                  promo_currency_mismatch, promo_below_minimum, promo_first_period_only
     */
    public Discount check(String code, long subtotalMinor, String currency, Instant now, boolean firstPeriod) {
        return check(database.dsl(), code, subtotalMinor, currency, now, firstPeriod);
    }

    /** As {@link #check(String, long, String, Instant, boolean)}, inside the caller's transaction (the order's). */
    public Discount check(DSLContext tx, String code, long subtotalMinor, String currency, Instant now, boolean firstPeriod) {
        if (subtotalMinor < 0) {
            throw new IllegalArgumentException("subtotal must be 0 or more, was " + subtotalMinor);
        }
        String normalised = code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
        PromoCode promo = (CODE.matcher(normalised).matches() ? promos.byCode(tx, normalised) : Optional.<PromoCode>empty())
                .orElseThrow(() -> refused("unknown_promo", "there is no promo code \"" + (code == null ? "" : code.trim()) + "\"; check the spelling"));
        if (!promo.active()) {
            throw refused("promo_inactive", "promo code " + promo.code() + " has been withdrawn");
        }
        if (promo.validFrom() != null && now.isBefore(promo.validFrom())) {
            throw refused("promo_not_started", "promo code " + promo.code() + " is valid from " + promo.validFrom());
        }
        if (promo.validUntil() != null && !now.isBefore(promo.validUntil())) {
            throw refused("promo_expired", "promo code " + promo.code() + " expired at " + promo.validUntil());
        }
        if (promo.usedUp()) {
            throw refused("promo_used_up", "promo code " + promo.code() + " has been used as often as it may be");
        }
        if (!promo.recurring() && !firstPeriod) {
            throw refused("promo_first_period_only", "promo code " + promo.code() + " applies to a first period only");
        }
        if (promo.currency() != null && !promo.currency().equals(currency)) {
            throw refused("promo_currency_mismatch", "promo code " + promo.code() + " is for orders in " + promo.currency()
                    + ", this order is in " + currency);
        }
        if (subtotalMinor < promo.minOrderMinor()) {
            throw refused("promo_below_minimum", "promo code " + promo.code() + " needs an order of at least "
                    + new Money(promo.minOrderMinor(), currency).display());
        }
        return new Discount(promo.id(), promo.code(), discountOf(promo, subtotalMinor), currency);
    }

    /** The discount in minor units: percent rounded half-up, fixed capped at the subtotal. Never more than the subtotal. */
    static long discountOf(PromoCode promo, long subtotalMinor) {
        long discount = switch (promo.kind()) {
            case PERCENT -> BigDecimal.valueOf(subtotalMinor).multiply(BigDecimal.valueOf(promo.percentOff()))
                    .divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_UP).longValueExact();
            case FIXED -> promo.valueMinor();
        };
        return Math.min(discount, subtotalMinor);
    }

    /**
     * The discount a service's renewal gets from the code its order was priced with: the code's percent or fixed
     * amount on the renewal's price, when the code is recurring, still active (withdrawing a code ends its renewal
     * discounts too), in the renewal's currency, and valid_until is after the start of the renewed period. The period
     * start, not the issue time, decides, so the sweep's lead time or a customer renewing early changes nothing. Not
     * limited by max_uses or min_order_minor: both are about the order, which was accepted and counted.
     *
     * @param promo the order's code, or null when it had none
     * @return the discount in minor units, 0 when the code gives none
     */
    static long renewalDiscount(PromoCode promo, long subtotalMinor, String currency, Instant periodFrom) {
        if (promo == null || !promo.recurring() || !promo.active()) {
            return 0;
        }
        if (promo.currency() != null && !promo.currency().equals(currency)) {
            return 0;
        }
        if (promo.validUntil() != null && !periodFrom.isBefore(promo.validUntil())) {
            return 0;
        }
        return discountOf(promo, subtotalMinor);
    }

    /**
     * Counts one use of the code inside the caller's transaction; false when it is already used up (the caller's
     * payment stands either way). Guarded in SQL, so concurrent settlements never count past max_uses.
     */
    public boolean countUse(DSLContext tx, long promoCodeId) {
        return promos.countUse(tx, promoCodeId);
    }

    /**
     * Creates a code after checking it: code {@code [A-Z0-9-]{3,32}} (uppercased), percent 1..100, fixed value above 0
     * with a currency, valid_from before valid_until, max_uses at least 1, a minimum order only with a currency.
     *
     * @throws ApiError 400 bad_promo naming the field; 409 promo_code_taken
     */
    public PromoCode create(NewPromoCode input) {
        NewPromoCode valid = validate(input);
        try {
            return database.transaction(tx -> {
                if (promos.byCode(tx, valid.code()).isPresent()) {
                    throw taken(valid.code());
                }
                long id = promos.insert(tx, valid, clock.instant());
                log.info("promo code {} created ({})", valid.code(), valid.kind());
                return promos.byId(tx, id).orElseThrow();
            });
        } catch (DataAccessException e) {
            // Two admins creating the same code at once: the unique constraint decides.
            if (promos.byCode(database.dsl(), valid.code()).isPresent()) {
                throw taken(valid.code());
            }
            throw e;
        }
    }

    /** All codes, newest first. */
    public List<PromoCode> list() {
        return promos.all(database.dsl());
    }

    /**
     * Withdraws a code: later orders are refused with promo_inactive and later renewals are not discounted; invoices
     * already issued keep their discount.
     */
    public PromoCode deactivate(long id) {
        return database.transaction(tx -> {
            if (!promos.deactivate(tx, id)) {
                throw ApiError.notFound("promo code " + id);
            }
            PromoCode promo = promos.byId(tx, id).orElseThrow();
            log.info("promo code {} deactivated", promo.code());
            return promo;
        });
    }

    static NewPromoCode validate(NewPromoCode in) {
        if (in == null) {
            throw bad("a promo code is required");
        }
        String code = in.code() == null ? "" : in.code().trim().toUpperCase(Locale.ROOT);
        if (!CODE.matcher(code).matches()) {
            throw bad("code must be 3 to 32 letters, digits or dashes, e.g. SPRING-25; was \"" + in.code() + "\"");
        }
        String kind = in.kind() == null ? "" : in.kind().trim().toUpperCase(Locale.ROOT);
        String currency = in.currency() == null || in.currency().isBlank() ? null : in.currency().trim().toUpperCase(Locale.ROOT);
        if (currency != null && !CURRENCY.matcher(currency).matches()) {
            throw bad("currency must be a three-letter code such as USD; was \"" + in.currency() + "\"");
        }
        Long percent = null;
        Long value = null;
        switch (kind) {
            case "PERCENT" -> {
                if (in.percentOff() == null || in.percentOff() < 1 || in.percentOff() > 100) {
                    throw bad("percent_off must be 1 to 100 for a PERCENT code; was " + in.percentOff());
                }
                percent = in.percentOff();
            }
            case "FIXED" -> {
                if (in.valueMinor() == null || in.valueMinor() <= 0) {
                    throw bad("value_minor must be above 0 for a FIXED code; was " + in.valueMinor());
                }
                if (currency == null) {
                    throw bad("currency is required for a FIXED code (the value is in its minor units)");
                }
                value = in.valueMinor();
            }
            default -> throw bad("kind must be PERCENT or FIXED; was \"" + in.kind() + "\"");
        }
        if (in.validFrom() != null && in.validUntil() != null && !in.validFrom().isBefore(in.validUntil())) {
            throw bad("valid_from (" + in.validFrom() + ") must be before valid_until (" + in.validUntil() + ")");
        }
        if (in.maxUses() != null && in.maxUses() < 1) {
            throw bad("max_uses must be at least 1, or left out for no limit; was " + in.maxUses());
        }
        if (in.minOrderMinor() < 0) {
            throw bad("min_order_minor must be 0 or more; was " + in.minOrderMinor());
        }
        if (in.minOrderMinor() > 0 && currency == null) {
            throw bad("currency is required with min_order_minor (the minimum is in its minor units)");
        }
        return new NewPromoCode(code, kind, percent, value, currency, in.validFrom(), in.validUntil(), in.maxUses(),
                in.minOrderMinor(), in.recurring());
    }

    private static ApiError refused(String code, String message) {
        return ApiError.unprocessable(code, message);
    }

    private static ApiError bad(String message) {
        return ApiError.badRequest("bad_promo", message);
    }

    private static ApiError taken(String code) {
        return ApiError.conflict("promo_code_taken", "promo code " + code + " exists already; choose another code");
    }
}
