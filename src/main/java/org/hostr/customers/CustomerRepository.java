package org.hostr.customers;

import static org.hostr.db.RenderedQuery.param;
import static org.hostr.db.RenderedQuery.stored;
import static org.hostr.db.generated.Tables.CUSTOMERS;

import java.time.Instant;
import java.util.Optional;
import org.hostr.db.RenderedQuery;
import org.hostr.db.generated.tables.records.CustomersRecord;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The only code that touches the customers table. */
public final class CustomerRepository {
    // Rendered once (see RenderedQuery): every login and every settlement's notice reads a customer.
    private static final RenderedQuery BY_ID = RenderedQuery.of(d -> d.selectFrom(CUSTOMERS)
            .where(CUSTOMERS.ID.eq(param(CUSTOMERS.ID))));
    private static final RenderedQuery BY_PUBKEY = RenderedQuery.of(d -> d.selectFrom(CUSTOMERS)
            .where(CUSTOMERS.PUBKEY.eq(param(CUSTOMERS.PUBKEY))));
    private static final RenderedQuery RECORD_LOGIN = RenderedQuery.of(d -> d.update(CUSTOMERS)
            .set(CUSTOMERS.LAST_LOGIN_AT, param(CUSTOMERS.LAST_LOGIN_AT)).where(CUSTOMERS.ID.eq(param(CUSTOMERS.ID))));
    // Most logins are an active customer's: the login is recorded and the customer read back in one statement.
    private static final RenderedQuery RECORD_ACTIVE_LOGIN = RenderedQuery.of(d -> d.update(CUSTOMERS)
            .set(CUSTOMERS.LAST_LOGIN_AT, param(CUSTOMERS.LAST_LOGIN_AT))
            .where(CUSTOMERS.PUBKEY.eq(param(CUSTOMERS.PUBKEY)).and(CUSTOMERS.STATUS.eq(param(CUSTOMERS.STATUS))))
            .returning());

    private final DSLContext db;

    public CustomerRepository(DSLContext db) {
        this.db = db;
    }

    public Optional<Customer> byId(long id) {
        return byId(db, id);
    }

    Optional<Customer> byId(DSLContext tx, long id) {
        return BY_ID.fetchOptional(tx, CUSTOMERS, id).map(CustomerRepository::toCustomer);
    }

    public Optional<Customer> byPubkey(String pubkey) {
        return byPubkey(db, pubkey);
    }

    Optional<Customer> byPubkey(DSLContext tx, String pubkey) {
        return BY_PUBKEY.fetchOptional(tx, CUSTOMERS, pubkey).map(CustomerRepository::toCustomer);
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

    /** Records a login of the key's customer if it is active, and returns that customer; empty for any other key. */
    Optional<Customer> recordActiveLogin(DSLContext tx, String pubkey, Instant now) {
        return RECORD_ACTIVE_LOGIN.fetchOptional(tx, CUSTOMERS, stored(CUSTOMERS.LAST_LOGIN_AT, now), pubkey,
                CustomerStatus.ACTIVE.name()).map(CustomerRepository::toCustomer);
    }

    void recordLogin(DSLContext tx, long id, Instant now) {
        RECORD_LOGIN.execute(tx, stored(CUSTOMERS.LAST_LOGIN_AT, now), id);
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
