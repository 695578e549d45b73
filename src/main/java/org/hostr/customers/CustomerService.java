package org.hostr.customers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hostr.audit.AuditLog;
import org.hostr.db.Database;
import org.hostr.web.ApiError;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Customer accounts: created at first login, deleted and restored, moved to another key. */
public final class CustomerService {
    private static final Logger log = LoggerFactory.getLogger(CustomerService.class);
    /** A deleted account can be restored by logging in again for this long. */
    public static final Duration RETENTION = Duration.ofDays(30);

    private final Database database;
    private final CustomerRepository customers;
    private final AuditLog audit;
    private final Clock clock;
    private final List<AccountClosure> closures = new CopyOnWriteArrayList<>();

    /** What other features do inside the deletion transaction (billing queues the customer's services for termination). */
    public interface AccountClosure {
        void accountDeleted(DSLContext tx, long customerId, Instant now);
    }

    public CustomerService(Database database, AuditLog audit, Clock clock) {
        this.database = database;
        this.customers = new CustomerRepository(database.dsl());
        this.audit = audit;
        this.clock = clock;
    }

    public void onAccountDeleted(AccountClosure closure) {
        closures.add(closure);
    }

    public Optional<Customer> byId(long id) {
        return customers.byId(id);
    }

    /** Inside the caller's transaction, which may not hold a second pooled connection while it waits. */
    public Optional<Customer> byId(DSLContext tx, long id) {
        return customers.byId(tx, id);
    }

    public Optional<Customer> byPubkey(String pubkey) {
        return customers.byPubkey(pubkey);
    }

    /**
     * The customer for a key that just proved itself: created on first login, restored when deleted within the
     * retention window, a new account when the old one's window has passed. Banned keys are refused.
     */
    public Customer logIn(String pubkey) {
        return database.transaction(tx -> logIn(tx, pubkey));
    }

    /** As {@link #logIn(String)}, inside the caller's transaction (the login consumes its challenge in the same one). */
    public Customer logIn(DSLContext tx, String pubkey) {
        Instant now = clock.instant();
        Optional<Customer> active = customers.recordActiveLogin(tx, pubkey, now);
        if (active.isPresent()) {
            return active.get();
        }
        // New, deleted or banned: the login is recorded below, if it goes ahead.
        Optional<Customer> existing = customers.byPubkey(tx, pubkey);
        if (existing.isPresent() && existing.get().status() == CustomerStatus.DELETED
                && existing.get().deletedAt().isBefore(now.minus(RETENTION))) {
            customers.anonymiseDeletedBefore(tx, now.minus(RETENTION));
            existing = Optional.empty();
        }
        Customer customer = existing.orElseGet(() -> customers.insertIfAbsent(tx, pubkey, now));
        if (customer.status() == CustomerStatus.BANNED) {
            throw ApiError.forbidden("this account is banned");
        }
        customers.recordLogin(tx, customer.id(), now);
        if (customer.status() == CustomerStatus.DELETED) {
            customers.restore(tx, customer.id());
            audit.record(tx, pubkey, "customer.restored", "customer:" + customer.id(), null, now);
            log.info("customer {} restored by logging in again", customer.id());
            return customers.byId(tx, customer.id()).orElseThrow();
        }
        if (customer.createdAt().equals(now) && existing.isEmpty()) {
            audit.record(tx, pubkey, "customer.created", "customer:" + customer.id(), null, now);
            log.info("customer {} created at first login", customer.id());
        }
        return customer; // the login time is not part of a Customer: nothing to read back
    }

    /** Deletes the account: services go for termination, the profile is erased, invoices stay without a person. */
    public void delete(long customerId, String actor) {
        Instant now = clock.instant();
        database.transactionRun(tx -> {
            if (!customers.markDeleted(tx, customerId, now)) {
                throw ApiError.conflict("not_active", "this account is not active");
            }
            for (AccountClosure closure : closures) {
                closure.accountDeleted(tx, customerId, now);
            }
            audit.record(tx, actor, "customer.deleted", "customer:" + customerId, null, now);
        });
        log.info("customer {} deleted; restorable until {}", customerId, now.plus(RETENTION));
    }

    /** Moves an account, with its services and invoices, to another key; every session of the old key ends. */
    public Customer moveToKey(long customerId, String newPubkey, String actor) {
        Instant now = clock.instant();
        return database.transaction(tx -> {
            Customer current = customers.byId(tx, customerId).orElseThrow(() -> ApiError.notFound("the customer"));
            if (current.pubkey().equals(newPubkey)) {
                throw ApiError.badRequest("same_key", "the account already belongs to that key");
            }
            if (customers.byPubkey(tx, newPubkey).isPresent()) {
                throw ApiError.conflict("key_in_use", "that key already has an account; it cannot take over another one");
            }
            customers.changePubkey(tx, customerId, newPubkey);
            audit.record(tx, actor, "customer.key_moved", "customer:" + customerId,
                    "from " + current.pubkey() + " to " + newPubkey, now);
            return customers.byId(tx, customerId).orElseThrow();
        });
    }

    /** Ends every session of the customer ("log out everywhere"). */
    public void endAllSessions(long customerId) {
        database.transactionRun(tx -> customers.bumpSessionVersion(tx, customerId));
    }

    public void saveProfile(long customerId, String name, String picture, String nip05, Instant nip05VerifiedAt) {
        Instant now = clock.instant();
        database.transactionRun(tx -> customers.saveProfile(tx, customerId, name, picture, nip05, nip05VerifiedAt, now));
    }
}
