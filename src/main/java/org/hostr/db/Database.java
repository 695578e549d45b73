package org.hostr.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.hostr.config.HostrConfig;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool, the migrations and the jOOQ context. SQLite is opened with WAL, foreign keys on, a busy timeout
 * and immediate write transactions (its defaults are none of these); PostgreSQL is used as it comes.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    /**
     * SQLite's defaults are foreign keys off and deferred transactions that fail with SQLITE_BUSY on upgrade.
     * synchronous=NORMAL in WAL mode never corrupts the file; a power cut may lose the last commits, which for money is
     * covered by the reconciler asking Strike again (Strike is the record of what was paid). The log is checkpointed
     * by {@link SqliteCheckpointer}'s thread; the writer does it itself only past wal_autocheckpoint pages.
     * jdbc.get_generated_keys=false: otherwise the driver follows every INSERT with a query of its own for JDBC's
     * generated keys (a regular expression over the SQL, then SELECT last_insert_rowid() prepared afresh), which cost
     * a third as much as the statements of a login. Nothing here asks for them: jOOQ reads inserted rows back with
     * RETURNING.
     */
    static final String SQLITE_OPTIONS = "journal_mode=WAL&synchronous=NORMAL&busy_timeout=10000&foreign_keys=on"
            + "&transaction_mode=IMMEDIATE&wal_autocheckpoint=" + SqliteCheckpointer.BACKSTOP_PAGES
            + "&jdbc.get_generated_keys=false";

    private final HikariDataSource dataSource;
    private final Engine engine;
    private final DSLContext dsl;
    private volatile int expectedMigrations = -1;
    /** Where this process's SQLite writers queue; null on PostgreSQL, which has row locks. */
    private final SqliteWriters sqliteWriters;
    /** SQLite only: writes through one connection of their own, reads through the pool. */
    private final SqliteConnections sqliteConnections;
    /** SQLite only: checkpoints the write-ahead log off the writer's path. */
    private final SqliteCheckpointer sqliteCheckpointer;
    static final String WRITERS = "hostr.sqlite-writers";
    private static final String GROUP_COMMIT = "hostr.sqlite-group-commit";
    /** Listeners added by {@link #addExecuteListener}, told of {@link RenderedQuery}'s statements too. */
    private static final String LISTENERS = "hostr.statement-listeners";

    private Database(HikariDataSource dataSource, Engine engine) {
        this.dataSource = dataSource;
        this.engine = engine;
        Settings settings = new Settings()
                .withRenderSchema(false)
                .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
                .withExecuteLogging(false);
        this.sqliteWriters = engine == Engine.SQLITE ? new SqliteWriters() : null;
        this.sqliteConnections = sqliteWriters == null ? null
                : new SqliteConnections(dataSource, sqliteWriters, dataSource.getDataSource());
        this.sqliteCheckpointer = sqliteWriters == null ? null
                : SqliteCheckpointer.start(dataSource.getDataSource(), SqliteCheckpointer.INTERVAL);
        this.dsl = sqliteConnections == null ? DSL.using(dataSource, engine.dialect(), settings)
                : DSL.using(sqliteConnections, engine.dialect(), settings);
        if (sqliteWriters != null) {
            dsl.configuration().set(new DefaultExecuteListenerProvider(sqliteWriters));
            dsl.configuration().set(new SqliteTransactions());
            dsl.configuration().data(WRITERS, sqliteWriters);
            dsl.configuration().data(GROUP_COMMIT, new SqliteGroupCommit(sqliteWriters));
        }
    }

    /** Opens the pool and checks that the database answers; fails with a message that names the problem. */
    public static Database open(HostrConfig.Database config, MeterRegistry meters) {
        Engine engine = config.sqlite() ? Engine.SQLITE : Engine.POSTGRES;
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("hostr-db");
        String url = engine == Engine.SQLITE ? sqliteUrl(config.url()) : config.url();
        if (engine == Engine.SQLITE) {
            hikari.setDataSource(new SqliteDataSource(url)); // connections that keep their prepared statements
        } else {
            hikari.setJdbcUrl(url);
        }
        if (!config.user().isEmpty()) {
            hikari.setUsername(config.user());
        }
        if (!config.password().isEmpty()) {
            hikari.setPassword(config.password());
        }
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(Math.min(2, config.poolSize()));
        hikari.setConnectionTimeout(5_000);
        // Fail fast with our own message below rather than Hikari's retry loop.
        hikari.setInitializationFailTimeout(-1);
        if (meters != null) {
            hikari.setMetricRegistry(meters);
        }
        HikariDataSource dataSource = new HikariDataSource(hikari);
        try (Connection connection = dataSource.getConnection()) {
            connection.isValid(5);
        } catch (SQLException e) {
            dataSource.close();
            if (readOnly(e)) {
                throw new DatabaseException(readOnlyMessage(config.url()), e);
            }
            throw new DatabaseException("database " + describe(config.url()) + " cannot be reached: " + rootMessage(e)
                    + (engine == Engine.POSTGRES ? " (check database.url, database.user and database.password)" : ""), e);
        }
        return new Database(dataSource, engine);
    }

    /** Applies the migrations in migrations/ (packaged as db/migration); safe to run from several instances at once. */
    public MigrateResult migrate() {
        Flyway flyway = flyway();
        try {
            MigrateResult result = flyway.migrate();
            expectedMigrations = flyway.info().applied().length;
            if (result.migrationsExecuted > 0) {
                log.info("database migrated to version {} ({} migrations applied)", result.targetSchemaVersion, result.migrationsExecuted);
            }
            return result;
        } catch (FlywayException e) {
            if (readOnly(e)) {
                throw new DatabaseException(readOnlyMessage(engine.displayName()), e);
            }
            throw new DatabaseException("database migration failed: " + rootMessage(e), e);
        }
    }

    private Flyway flyway() {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                // ${postgresql_only} starts a line that only PostgreSQL runs: on SQLite it makes the line a comment.
                .placeholders(Map.of("pk", engine.primaryKey(), "without_rowid", engine == Engine.SQLITE ? "WITHOUT ROWID" : "",
                        "postgresql_only", engine == Engine.SQLITE ? "--" : ""))
                .cleanDisabled(true)
                .load();
    }

    public DSLContext dsl() {
        return dsl;
    }

    public Engine engine() {
        return engine;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Adds a listener to every statement run from now on, transactions included (they derive from this context when
     * they begin). Tests count the statements one request sends with it, to catch a page that queries once per row; it
     * hears of {@link RenderedQuery}'s statements through {@code executeStart} alone, given no context.
     */
    public void addExecuteListener(ExecuteListener listener) {
        Configuration configuration = dsl.configuration();
        List<ExecuteListenerProvider> providers = new ArrayList<>(List.of(configuration.executeListenerProviders()));
        providers.add(new DefaultExecuteListenerProvider(listener));
        configuration.set(providers.toArray(ExecuteListenerProvider[]::new));
        @SuppressWarnings("unchecked")
        List<ExecuteListener> listeners = (List<ExecuteListener>) configuration.data()
                .computeIfAbsent(LISTENERS, key -> new java.util.concurrent.CopyOnWriteArrayList<ExecuteListener>());
        listeners.add(listener);
    }

    /** {@link RenderedQuery} runs its statements past jOOQ: its listeners hear of each start, with no context to read. */
    static void statementStarting(DSLContext ctx) {
        @SuppressWarnings("unchecked")
        List<ExecuteListener> listeners = (List<ExecuteListener>) ctx.configuration().data(LISTENERS);
        if (listeners != null) {
            for (ExecuteListener listener : listeners) {
                listener.executeStart(null);
            }
        }
    }

    /**
     * Runs work in one transaction. On SQLite, transactions that wait for the writer together run one after another and
     * commit at once ({@link SqliteGroupCommit}); the result is returned, or the work's exception thrown, after that
     * commit. Work may therefore run on another thread than its caller's.
     */
    public <T> T transaction(Function<DSLContext, T> work) {
        return transaction(dsl, work);
    }

    /**
     * As {@link #transaction(Function)}, for code that holds only a context from {@link #dsl()} (the job queue): on
     * SQLite it queues behind this process's other writers first (see {@link SqliteWriters}).
     */
    public static <T> T transaction(DSLContext dsl, Function<DSLContext, T> work) {
        SqliteWriters writers = (SqliteWriters) dsl.configuration().data(WRITERS);
        if (writers == null) {
            return dsl.transactionResult(configuration -> work.apply(configuration.dsl()));
        }
        if (!writers.heldByCurrentThread()) {
            return ((SqliteGroupCommit) dsl.configuration().data(GROUP_COMMIT)).run(dsl, work);
        }
        writers.acquire(); // nested in a transaction of this thread (or a group it leads): runs in place
        try {
            return dsl.transactionResult(configuration -> work.apply(configuration.dsl()));
        } finally {
            writers.release();
        }
    }

    /**
     * Marks the calling thread as background work (the job runner's threads): on SQLite its writes let request
     * threads' writes go first, so answers to customers and webhooks do not queue behind batch work.
     */
    public static void markBackgroundThread() {
        SqliteWriters.markBackgroundThread();
    }

    public void transactionRun(java.util.function.Consumer<DSLContext> work) {
        transaction(tx -> {
            work.accept(tx);
            return null;
        });
    }

    /** True when the database answers and carries every migration this build knows. */
    public boolean ready() {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(2)) {
                return false;
            }
            int applied = DSL.using(connection, engine.dialect())
                    .fetchCount(DSL.table(DSL.name("flyway_schema_history")), DSL.field(DSL.name("success")).eq(true));
            return expectedMigrations >= 0 && applied >= expectedMigrations;
        } catch (Exception e) {
            log.debug("readiness check failed: {}", e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        if (sqliteCheckpointer != null) {
            sqliteCheckpointer.close();
        }
        if (sqliteConnections != null) {
            sqliteConnections.close();
        }
        dataSource.close();
    }

    static String sqliteUrl(String url) {
        String rest = url.substring("jdbc:sqlite:".length());
        String file = rest.contains("?") ? rest.substring(0, rest.indexOf('?')) : rest;
        if (!file.isEmpty() && !file.equals(":memory:") && !file.startsWith("file:")) {
            Path parent = Path.of(file).toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                try {
                    Files.createDirectories(parent);
                } catch (Exception e) {
                    throw new DatabaseException("the folder for database file " + file + " cannot be created: " + e.getMessage(), e);
                }
            }
        }
        return url + (rest.contains("?") ? "&" : "?") + SQLITE_OPTIONS;
    }

    private static String describe(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private static boolean readOnly(Throwable e) {
        String message = rootMessage(e).toLowerCase();
        return message.contains("readonly") || message.contains("read-only") || message.contains("read only");
    }

    private static String readOnlyMessage(String what) {
        return "database " + describe(what) + " is read-only: Hostr needs to write to it "
                + "(check the permissions of the file and its folder, or the database user's rights)";
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** The two engines Hostr runs on. */
    public enum Engine {
        SQLITE(SQLDialect.SQLITE, "INTEGER PRIMARY KEY AUTOINCREMENT", "SQLite"),
        POSTGRES(SQLDialect.POSTGRES, "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "PostgreSQL");

        private final SQLDialect dialect;
        private final String primaryKey;
        private final String displayName;

        Engine(SQLDialect dialect, String primaryKey, String displayName) {
            this.dialect = dialect;
            this.primaryKey = primaryKey;
            this.displayName = displayName;
        }

        public SQLDialect dialect() {
            return dialect;
        }

        String primaryKey() {
            return primaryKey;
        }

        public String displayName() {
            return displayName;
        }
    }
}
