package org.hostr.provisioning;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Optional;
import org.hostr.audit.AuditLog;
import org.hostr.config.HostrConfig;
import org.hostr.db.Database;
import org.hostr.provisioning.whm.WhmTimeouts;
import org.hostr.secrets.SecretBox;
import org.hostr.web.ApiError;

/**
 * `hostr admin server add|test`: adding and checking a WHM server from a shell, with the same checks, encryption and
 * audit line as the admin console. The token never comes from the command line (other users of the machine can read
 * it in the process list): the caller passes it through the environment or standard input.
 */
public final class ServerCommands implements AutoCloseable {
    /** Who the audit log names for changes made from the shell. */
    static final String ACTOR = "cli";

    private final Database database;
    private final ServerService servers;

    private ServerCommands(Database database, ServerService servers) {
        this.database = database;
        this.servers = servers;
    }

    /** Opens the configured database (migrating it, as serve would) and the server registry on it. */
    public static ServerCommands open(HostrConfig config) {
        Database database = Database.open(config.database(), null);
        try {
            database.migrate();
            SecretBox secrets = SecretBox.fromBase64(config.secrets().encryptionKey());
            ServerService servers = new ServerService(database, secrets, new AuditLog(database.dsl()), Clock.systemUTC(),
                    WhmTimeouts.DEFAULT);
            return new ServerCommands(database, servers);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Adds the server, then tests the connection; exit 0 when both worked, 1 when the test failed, 2 for bad input. */
    public int add(ServerInput input, PrintStream out, PrintStream err) {
        Server server;
        try {
            server = servers.add(input, ACTOR);
        } catch (ApiError e) {
            err.println("hostr: the server was not added: " + e.getMessage());
            return 2;
        }
        out.println("Added WHM server " + server.name() + " (id " + server.id() + ", " + server.url() + ").");
        return report(server, out, err);
    }

    /** Calls WHM's version with the stored URL and token of the server with this name. */
    public int test(String name, PrintStream out, PrintStream err) {
        Optional<Server> server = servers.list().stream().filter(s -> s.name().equals(name)).findFirst();
        if (server.isEmpty()) {
            err.println("hostr: there is no WHM server named " + name + " (hostr admin server add adds one)");
            return 2;
        }
        return report(server.get(), out, err);
    }

    private int report(Server server, PrintStream out, PrintStream err) {
        ServerService.ConnectionTest test = servers.test(server.id());
        if (test.ok()) {
            out.println("Connection to " + server.name() + " works: WHM " + test.version() + ".");
            return 0;
        }
        err.println("hostr: connection to " + server.name() + " failed: " + test.error());
        return 1;
    }

    @Override
    public void close() {
        servers.close();
        database.close();
    }
}
