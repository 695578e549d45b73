package org.hostr.provisioning;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.hostr.audit.AuditLog;
import org.hostr.config.HostrConfig.WhmServerEntry;
import org.hostr.db.Database;
import org.hostr.provisioning.whm.WhmClient;
import org.hostr.provisioning.whm.WhmEndpoint;
import org.hostr.provisioning.whm.WhmException;
import org.hostr.provisioning.whm.WhmTimeouts;
import org.hostr.secrets.SecretBox;
import org.hostr.web.ApiError;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool of WHM servers: adding and editing them (tokens encrypted at rest), testing a connection, choosing where a
 * new account goes, and one {@link WhmClient} per server, rebuilt when the server's row changes.
 */
public final class ServerService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServerService.class);

    private final Database database;
    private final ServerRepository servers;
    private final SecretBox secrets;
    private final AuditLog audit;
    private final Clock clock;
    private final WhmTimeouts timeouts;
    private final Map<Long, CachedClient> clients = new ConcurrentHashMap<>();

    private record CachedClient(Instant updatedAt, WhmClient client) {
    }

    /** The answer of a connection test; {@code error} says what to fix when not ok. */
    public record ConnectionTest(boolean ok, String version, String error) {
    }

    public ServerService(Database database, SecretBox secrets, AuditLog audit, Clock clock, WhmTimeouts timeouts) {
        this.database = database;
        this.servers = new ServerRepository(database.dsl());
        this.secrets = secrets;
        this.audit = audit;
        this.clock = clock;
        this.timeouts = timeouts;
    }

    public List<Server> list() {
        return servers.list();
    }

    public Server get(long id) {
        return servers.find(id).orElseThrow(() -> ApiError.notFound("server " + id));
    }

    /** Adds a server; nothing is stored when the input is wrong (ApiError 400) or the name is taken (409). */
    public Server add(ServerInput input, String actor) {
        ServerFields fields = ServerFields.forNew(input);
        String tokenEnc = secrets.encrypt(fields.token());
        long id = withUniqueName(fields.name(), () -> database.transaction(tx -> {
            requireFreeName(tx, fields.name(), null);
            Instant now = clock.instant();
            long newId = servers.insert(tx, fields.name(), fields.url(), fields.user(), tokenEnc, fields.fingerprint(),
                    fields.maxAccounts(), fields.active(), fields.nameservers(), now);
            audit.record(tx, actor, "server.add", "server:" + newId, fields.describe(), now);
            return newId;
        }));
        log.info("WHM server {} ({}) added by {}", fields.name(), fields.url(), actor);
        return get(id);
    }

    /** Edits a server; a null or blank token keeps the stored one. The server's client is rebuilt. */
    public Server edit(long id, ServerInput input, String actor) {
        Server current = get(id);
        ServerFields fields = ServerFields.forEdit(current, input);
        String tokenEnc = fields.token() == null ? null : secrets.encrypt(fields.token());
        withUniqueName(fields.name(), () -> database.transaction(tx -> {
            requireFreeName(tx, fields.name(), id);
            Instant now = clock.instant();
            servers.update(tx, id, fields.name(), fields.url(), fields.user(), tokenEnc, fields.fingerprint(),
                    fields.maxAccounts(), fields.active(), fields.nameservers(), now);
            audit.record(tx, actor, "server.edit", "server:" + id,
                    fields.describe() + (tokenEnc == null ? "" : ", token replaced"), now);
            return id;
        }));
        forget(id);
        log.info("WHM server {} ({}) edited by {}", fields.name(), fields.url(), actor);
        return get(id);
    }

    /** Calls WHM's version with the stored URL and token. */
    public ConnectionTest test(long id) {
        get(id);
        try {
            return new ConnectionTest(true, client(id).version(), null);
        } catch (WhmException e) {
            return new ConnectionTest(false, null, e.getMessage());
        } catch (RuntimeException e) {
            return new ConnectionTest(false, null, "the server entry cannot be used: " + e.getMessage());
        }
    }

    /**
     * Keeps the servers table in step with the [[whm_servers]] of the config file, matched by name; servers not named
     * there are left alone. A row is written only when something differs, so clients are not rebuilt at every start.
     */
    public void upsertFromConfig(List<WhmServerEntry> entries) {
        for (WhmServerEntry entry : entries) {
            ServerInput input = new ServerInput(entry.name(), entry.url(), entry.user(), entry.token(),
                    entry.tlsFingerprint(), entry.maxAccounts(), entry.active(), null);
            ServerFields fields;
            try {
                fields = ServerFields.forNew(input);
            } catch (ApiError e) {
                throw new IllegalArgumentException("whm_servers entry " + entry.name() + ": " + e.getMessage(), e);
            }
            try {
                database.transactionRun(tx -> upsert(tx, fields));
            } catch (IntegrityConstraintViolationException e) {
                // Instances started together both found no row and both inserted; this one lost on the unique name.
                // Once more, it finds the winner's row and updates it.
                database.transactionRun(tx -> upsert(tx, fields));
            }
        }
    }

    private void upsert(DSLContext tx, ServerFields fields) {
        Instant now = clock.instant();
        var existingId = servers.idByName(tx, fields.name());
        if (existingId.isEmpty()) {
            long id = servers.insert(tx, fields.name(), fields.url(), fields.user(), secrets.encrypt(fields.token()),
                    fields.fingerprint(), fields.maxAccounts(), fields.active(), fields.nameservers(), now);
            audit.record(tx, AuditLog.SYSTEM, "server.add", "server:" + id, "from config: " + fields.describe(), now);
            return;
        }
        long id = existingId.get();
        Server current = servers.find(tx, id).orElseThrow();
        String storedToken = servers.tokenEnc(id).map(this::decryptQuietly).orElse(null);
        boolean tokenChanged = !fields.token().equals(storedToken);
        boolean changed = tokenChanged || !fields.url().equals(current.url()) || !fields.user().equals(current.user())
                || !Objects.equals(fields.fingerprint(), current.tlsFingerprint())
                || fields.maxAccounts() != current.maxAccounts() || fields.active() != current.active();
        if (changed) {
            servers.update(tx, id, fields.name(), fields.url(), fields.user(),
                    tokenChanged ? secrets.encrypt(fields.token()) : null, fields.fingerprint(), fields.maxAccounts(),
                    fields.active(), current.nameservers(), now);
            audit.record(tx, AuditLog.SYSTEM, "server.edit", "server:" + id, "from config: " + fields.describe(), now);
            forget(id);
        }
    }

    private String decryptQuietly(String stored) {
        try {
            return secrets.decrypt(stored);
        } catch (SecretBox.SecretException e) {
            return null;
        }
    }

    /** Where a new account goes: see {@link ServerRepository#leastLoaded}. */
    public Server pickServer(DSLContext tx) {
        return servers.leastLoaded(tx).orElseThrow(() -> new NoServerAvailableException(
                "no active WHM server has room for another account: add a server or raise max_accounts in admin → servers"));
    }

    /**
     * Which active servers lack a WHM package, asked with listpkgs. A server that cannot be asked is listed apart:
     * an outage must not stop an admin from editing the catalogue, so only a clear "no such package" refuses a plan.
     */
    public record PackageCheck(List<String> missingOn, List<String> unreachable) {
    }

    public PackageCheck checkPackage(String whmPackage) {
        List<String> missing = new java.util.ArrayList<>();
        List<String> unreachable = new java.util.ArrayList<>();
        for (Server server : servers.list()) {
            if (!server.active()) {
                continue;
            }
            try {
                if (client(server.id()).listPackages().stream().noneMatch(p -> p.name().equals(whmPackage))) {
                    missing.add(server.name());
                }
            } catch (RuntimeException e) {
                unreachable.add(server.name());
                log.warn("WHM server {}: packages could not be listed: {}", server.name(), e.getMessage());
            }
        }
        return new PackageCheck(List.copyOf(missing), List.copyOf(unreachable));
    }

    /** The client for a server, cached by id and rebuilt when the server's row has changed since it was built. */
    public WhmClient client(long serverId) {
        Server server = servers.find(serverId)
                .orElseThrow(() -> new IllegalStateException("server " + serverId + " does not exist"));
        CachedClient cached = clients.get(serverId);
        if (cached != null && cached.updatedAt().equals(server.updatedAt())) {
            return cached.client();
        }
        String token = secrets.decrypt(servers.tokenEnc(serverId).orElseThrow());
        WhmClient client = new WhmClient(new WhmEndpoint(server.url(), server.user(), token, server.tlsFingerprint()),
                timeouts);
        CachedClient previous = clients.put(serverId, new CachedClient(server.updatedAt(), client));
        if (previous != null) {
            previous.client().close();
        }
        return client;
    }

    private void forget(long serverId) {
        CachedClient previous = clients.remove(serverId);
        if (previous != null) {
            previous.client().close();
        }
    }

    private void requireFreeName(DSLContext tx, String name, Long self) {
        servers.idByName(tx, name).filter(other -> !other.equals(self)).ifPresent(other -> {
            throw nameTaken(name);
        });
    }

    private static ApiError nameTaken(String name) {
        return ApiError.conflict("server_name_taken", "a server named \"" + name + "\" exists already: pick another name");
    }

    /** The unique index is the real guard when two admins add the same name at once. */
    private static <T> T withUniqueName(String name, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (IntegrityConstraintViolationException e) {
            throw nameTaken(name);
        }
    }

    @Override
    public void close() {
        clients.keySet().forEach(this::forget);
    }
}
