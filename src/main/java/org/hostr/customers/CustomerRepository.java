package org.hostr.customers;

import static org.hostr.db.generated.Tables.CUSTOMERS;

import java.time.Instant;
import java.util.Optional;
import org.hostr.db.generated.tables.records.CustomersRecord;
import org.jooq.DSLContext;

/** The only code that touches the customers table. */
public final class CustomerRepository {
    private final DSLContext db;

    public CustomerRepository(DSLContext db) {
        this.db = db;
    }

    public Optional<Customer> byId(long id) {
        return byId(db, id);
    }

    Optional<Customer> byId(DSLContext tx, long id) {
        return tx.selectFrom(CUSTOMERS).where(CUSTOMERS.ID.eq(id)).fetchOptional(CustomerRepository::toCustomer);
    }

    public Optional<Customer> byPubkey(String pubkey) {
        return byPubkey(db, pubkey);
    }

    Optional<Customer> byPubkey(DSLContext tx, String pubkey) {
        return tx.selectFrom(CUSTOMERS).where(CUSTOMERS.PUBKEY.eq(pubkey)).fetchOptional(CustomerRepository::toCustomer);
    }

    /** Inserts the key as a new customer unless it exists; two first logins at once make one row. */
    Customer insertIfAbsent(DSLContext tx, String pubkey, Instant now) {
        tx.insertInto(CUSTOMERS)
                .set(CUSTOMERS.PUBKEY, pubkey)
                .set(CUSTOMERS.STATUS, CustomerStatus.ACTIVE.name())
                .set(CUSTOMERS.CREATED_AT, now)
                .onConflict(CUSTOMERS.PUBKEY).doNothing()
                .execute();
        return byPubkey(tx, pubkey).orElseThrow();
    }

    void recordLogin(DSLContext tx, long id, Instant now) {
        tx.update(CUSTOMERS).set(CUSTOMERS.LAST_LOGIN_AT, now).where(CUSTOMERS.ID.eq(id)).execute();
    }

    /** A deleted customer who logs in again within the retention window gets the account back. */
    boolean restore(DSLContext tx, long id) {
        return tx.update(CUSTOMERS)
                .set(CUSTOMERS.STATUS, CustomerStatus.ACTIVE.name())
                .setNull(CUSTOMERS.DELETED_AT)
                .where(CUSTOMERS.ID.eq(id).and(CUSTOMERS.STATUS.eq(CustomerStatus.DELETED.name())))
                .execute() == 1;
    }

    /** Marks the customer deleted and erases the profile; invoices stay, tied to the row, not to a person. */
    boolean markDeleted(DSLContext tx, long id, Instant now) {
        return tx.update(CUSTOMERS)
                .set(CUSTOMERS.STATUS, CustomerStatus.DELETED.name())
                .set(CUSTOMERS.DELETED_AT, now)
                .setNull(CUSTOMERS.NAME)
                .setNull(CUSTOMERS.PICTURE)
                .setNull(CUSTOMERS.NIP05)
                .setNull(CUSTOMERS.NIP05_VERIFIED_AT)
                .setNull(CUSTOMERS.PROFILE_FETCHED_AT)
                .set(CUSTOMERS.SESSION_VERSION, CUSTOMERS.SESSION_VERSION.plus(1))
                .where(CUSTOMERS.ID.eq(id).and(CUSTOMERS.STATUS.eq(CustomerStatus.ACTIVE.name())))
                .execute() == 1;
    }

    /** After the retention window the key itself is forgotten: the row keeps invoices but names nobody. */
    int anonymiseDeletedBefore(DSLContext tx, Instant cutoff) {
        return tx.update(CUSTOMERS)
                .set(CUSTOMERS.PUBKEY, org.jooq.impl.DSL.inline("deleted-").concat(CUSTOMERS.ID.cast(String.class)))
                .where(CUSTOMERS.STATUS.eq(CustomerStatus.DELETED.name()).and(CUSTOMERS.DELETED_AT.lt(cutoff))
                        .and(CUSTOMERS.PUBKEY.notLike("deleted-%")))
                .execute();
    }

    boolean changePubkey(DSLContext tx, long id, String newPubkey) {
        return tx.update(CUSTOMERS)
                .set(CUSTOMERS.PUBKEY, newPubkey)
                .set(CUSTOMERS.SESSION_VERSION, CUSTOMERS.SESSION_VERSION.plus(1))
                .where(CUSTOMERS.ID.eq(id))
                .execute() == 1;
    }

    void bumpSessionVersion(DSLContext tx, long id) {
        tx.update(CUSTOMERS).set(CUSTOMERS.SESSION_VERSION, CUSTOMERS.SESSION_VERSION.plus(1))
                .where(CUSTOMERS.ID.eq(id)).execute();
    }

    void saveProfile(DSLContext tx, long id, String name, String picture, String nip05, Instant nip05VerifiedAt,
                     Instant fetchedAt) {
        tx.update(CUSTOMERS)
                .set(CUSTOMERS.NAME, name)
                .set(CUSTOMERS.PICTURE, picture)
                .set(CUSTOMERS.NIP05, nip05)
                .set(CUSTOMERS.NIP05_VERIFIED_AT, nip05VerifiedAt)
                .set(CUSTOMERS.PROFILE_FETCHED_AT, fetchedAt)
                .where(CUSTOMERS.ID.eq(id).and(CUSTOMERS.STATUS.eq(CustomerStatus.ACTIVE.name())))
                .execute();
    }

    static Customer toCustomer(CustomersRecord r) {
        return new Customer(r.getId(), r.getPubkey(), CustomerStatus.valueOf(r.getStatus()), r.getName(), r.getPicture(),
                r.getNip05(), r.getNip05VerifiedAt(), r.getCreditMinor(), r.getSessionVersion(), r.getCreatedAt(),
                r.getDeletedAt());
    }
}
