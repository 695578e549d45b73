package org.hostr.billing;

import static org.hostr.db.generated.Tables.CUSTOMERS;

import java.util.Collection;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * The only billing code that touches customers.credit_minor: the customer's balance is billing's column on the
 * customers row (the customers feature owns the rest of it).
 */
final class CreditRepository {

    long balance(DSLContext db, long customerId) {
        return db.select(CUSTOMERS.CREDIT_MINOR).from(CUSTOMERS).where(CUSTOMERS.ID.eq(customerId))
                .fetchOptional(CUSTOMERS.CREDIT_MINOR)
                .orElseThrow(() -> new IllegalArgumentException("customer " + customerId + " does not exist"));
    }

    /** Those of {@code customerIds} whose balance is above zero. */
    Set<Long> withCredit(DSLContext db, Collection<Long> customerIds) {
        return customerIds.isEmpty() ? Set.of()
                : db.select(CUSTOMERS.ID).from(CUSTOMERS).where(CUSTOMERS.ID.in(customerIds), CUSTOMERS.CREDIT_MINOR.gt(0L))
                        .fetchSet(CUSTOMERS.ID);
    }

    /** Takes {@code amount} off the balance only if the balance still covers it; false if another tx got there first. */
    boolean debit(DSLContext tx, long customerId, long amount) {
        return tx.update(CUSTOMERS)
                .set(CUSTOMERS.CREDIT_MINOR, CUSTOMERS.CREDIT_MINOR.minus(amount))
                .where(CUSTOMERS.ID.eq(customerId).and(CUSTOMERS.CREDIT_MINOR.ge(amount)))
                .execute() == 1;
    }

    boolean credit(DSLContext tx, long customerId, long amount) {
        return tx.update(CUSTOMERS)
                .set(CUSTOMERS.CREDIT_MINOR, CUSTOMERS.CREDIT_MINOR.plus(amount))
                .where(CUSTOMERS.ID.eq(customerId))
                .execute() == 1;
    }
}
