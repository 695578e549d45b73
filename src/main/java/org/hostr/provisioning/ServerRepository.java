package org.hostr.provisioning;

import static org.hostr.db.generated.Tables.SERVERS;
import static org.hostr.db.generated.Tables.SERVICES;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hostr.db.generated.tables.records.ServersRecord;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** The only code that touches the servers table. */
public final class ServerRepository {
    private static final List<String> GONE = List.of(ServiceStatus.TERMINATED.name(), ServiceStatus.CANCELLED.name());

    private final DSLContext db;

    public ServerRepository(DSLContext db) {
        this.db = db;
    }

    /** Live services per server, as a correlated count so servers without any show 0. */
    private static Field<Integer> accounts() {
        return DSL.field(DSL.selectCount().from(SERVICES)
                .where(SERVICES.SERVER_ID.eq(SERVERS.ID), SERVICES.STATUS.notIn(GONE)));
    }

    public List<Server> list() {
        return db.select(SERVERS.fields()).select(accounts().as("accounts")).from(SERVERS).orderBy(SERVERS.ID)
                .fetch(ServerRepository::toServer);
    }

    public Optional<Server> find(long id) {
        return find(db, id);
    }

    public Optional<Server> find(DSLContext tx, long id) {
        return tx.select(SERVERS.fields()).select(accounts().as("accounts")).from(SERVERS).where(SERVERS.ID.eq(id))
                .fetchOptional(ServerRepository::toServer);
    }

    public Optional<Long> idByName(DSLContext tx, String name) {
        return tx.select(SERVERS.ID).from(SERVERS).where(SERVERS.NAME.eq(name)).fetchOptional(SERVERS.ID);
    }

    /** The encrypted token, for building a client. */
    public Optional<String> tokenEnc(long id) {
        return db.select(SERVERS.WHM_TOKEN_ENC).from(SERVERS).where(SERVERS.ID.eq(id)).fetchOptional(SERVERS.WHM_TOKEN_ENC);
    }

    public long insert(DSLContext tx, String name, String url, String user, String tokenEnc, String fingerprint,
                       long maxAccounts, boolean active, String nameservers, Instant now) {
        ServersRecord record = tx.newRecord(SERVERS);
        record.setName(name);
        record.setWhmUrl(url);
        record.setWhmUser(user);
        record.setWhmTokenEnc(tokenEnc);
        record.setTlsFingerprint(fingerprint);
        record.setMaxAccounts(maxAccounts);
        record.setActive(active);
        record.setNameservers(nameservers == null ? "" : nameservers);
        record.setCreatedAt(now);
        record.setUpdatedAt(now);
        record.store();
        return record.getId();
    }

    /** @param tokenEnc null keeps the stored token */
    public void update(DSLContext tx, long id, String name, String url, String user, String tokenEnc,
                       String fingerprint, long maxAccounts, boolean active, String nameservers, Instant now) {
        var update = tx.update(SERVERS)
                .set(SERVERS.NAME, name)
                .set(SERVERS.WHM_URL, url)
                .set(SERVERS.WHM_USER, user)
                .set(SERVERS.TLS_FINGERPRINT, fingerprint)
                .set(SERVERS.MAX_ACCOUNTS, maxAccounts)
                .set(SERVERS.ACTIVE, active)
                .set(SERVERS.NAMESERVERS, nameservers == null ? "" : nameservers)
                .set(SERVERS.UPDATED_AT, now);
        if (tokenEnc != null) {
            update = update.set(SERVERS.WHM_TOKEN_ENC, tokenEnc);
        }
        update.where(SERVERS.ID.eq(id)).execute();
    }

    /**
     * The active server with the fewest live services that is below its max_accounts; ties go to the older server.
     * Two instances picking at once may both take the last place: max_accounts is a soft limit by one.
     */
    public Optional<Server> leastLoaded(DSLContext tx) {
        Field<Integer> accounts = accounts();
        return tx.select(SERVERS.fields()).select(accounts.as("accounts")).from(SERVERS)
                .where(SERVERS.ACTIVE.isTrue(), accounts.lt(SERVERS.MAX_ACCOUNTS.cast(Integer.class)))
                .orderBy(accounts.asc(), SERVERS.ID.asc())
                .limit(1)
                .fetchOptional(ServerRepository::toServer);
    }

    private static Server toServer(Record r) {
        return new Server(r.get(SERVERS.ID), r.get(SERVERS.NAME), r.get(SERVERS.WHM_URL), r.get(SERVERS.WHM_USER),
                r.get(SERVERS.TLS_FINGERPRINT), r.get(SERVERS.MAX_ACCOUNTS), r.get(SERVERS.ACTIVE),
                r.get(SERVERS.NAMESERVERS), r.get("accounts", Long.class), r.get(SERVERS.UPDATED_AT));
    }
}
