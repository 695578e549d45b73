package org.hostr.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.hostr.config.HostrConfig;
import org.hostr.db.Database;

/**
 * Real databases for tests: a fresh SQLite file, or a fresh schema in the PostgreSQL at 127.0.0.1:5432 (database
 * `test`, trust auth; HOSTR_TEST_PG_URL overrides). CI makes sure that PostgreSQL answers, so its tests always run there.
 */
public final class TestDatabases {
    public static final String PG_URL = System.getenv().getOrDefault("HOSTR_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String PG_USER = System.getenv().getOrDefault("HOSTR_TEST_PG_USER", "postgres");

    private static final java.util.List<String> CREATED = new java.util.concurrent.CopyOnWriteArrayList<>();

    static {
        // Leave the shared database as it was found: drop this run's schemas when the test JVM ends.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, ""); Statement s = c.createStatement()) {
                for (String schema : CREATED) {
                    s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            } catch (SQLException e) {
                // nothing to clean up, or PostgreSQL is gone already
            }
        }));
    }

    private TestDatabases() {
    }

    public enum Kind { SQLITE, POSTGRES }

    /** A config for a new, empty database of the given kind. */
    public static HostrConfig.Database config(Kind kind) {
        return kind == Kind.SQLITE ? sqliteConfig() : postgresConfig();
    }

    public static HostrConfig.Database sqliteConfig() {
        try {
            Path dir = Files.createTempDirectory("hostr-test-");
            return new HostrConfig.Database("jdbc:sqlite:" + dir.resolve("hostr.db"), "", "", 4);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh schema per call, so tests never see each other's rows. */
    public static HostrConfig.Database postgresConfig() {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            CREATED.add(schema);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + PG_URL + " does not answer: start it (see .ci/run)", e);
        }
        return new HostrConfig.Database(PG_URL + "?currentSchema=" + schema, PG_USER, "", 8);
    }

    /** Opens and migrates a new database of the given kind. */
    public static Database open(Kind kind) {
        Database db = Database.open(config(kind), null);
        db.migrate();
        return db;
    }
}
