package org.hostr.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hostr.config.HostrConfig;
import org.hostr.testing.TestDatabases;
import org.hostr.testing.TestDatabases.Kind;
import org.jooq.Meta;
import org.jooq.Table;
import org.junit.jupiter.api.Test;

class MigrationsTest {

    @Test
    void migrationsGiveSqliteAndPostgresTheSameTablesAndColumns() {
        try (Database sqlite = TestDatabases.open(Kind.SQLITE); Database postgres = TestDatabases.open(Kind.POSTGRES)) {
            Map<String, TreeSet<String>> onSqlite = columns(sqlite);
            Map<String, TreeSet<String>> onPostgres = columns(postgres);

            assertThat(onSqlite.keySet()).contains("customers", "login_challenges", "plans", "servers", "services",
                    "service_events", "invoices", "payments", "webhook_events", "jobs", "promo_codes", "audit_log");
            assertThat(onPostgres).isEqualTo(onSqlite);
            assertThat(sqlite.ready()).isTrue();
            assertThat(postgres.ready()).isTrue();
        }
    }

    @Test
    void migratingTwiceChangesNothing() {
        try (Database db = TestDatabases.open(Kind.SQLITE)) {
            assertThat(db.migrate().migrationsExecuted).isZero();
        }
    }

    @Test
    void version7KeepsUsedChallengesAndSeenEventIdsInTablesWithoutRowidsOnSqliteAndVersion10DropsTheOldLayoutsChallenges()
            throws Exception {
        String url = "jdbc:sqlite:" + java.nio.file.Files.createTempDirectory("hostr-v7").resolve("hostr.db");
        java.util.function.Function<String, org.flywaydb.core.Flyway> upTo = version -> org.flywaydb.core.Flyway.configure()
                .dataSource(url, "", "").locations("classpath:db/migration")
                .placeholders(Map.of("pk", "INTEGER PRIMARY KEY AUTOINCREMENT", "without_rowid", "WITHOUT ROWID", "postgresql_only", "--"))
                .target(version).load();
        upTo.apply("6").migrate();
        try (var connection = java.sql.DriverManager.getConnection(url); var statement = connection.createStatement()) {
            statement.execute("insert into login_challenges (challenge, created_at, expires_at, consumed_at) values ('used', 1, 9, 2)");
            statement.execute("insert into seen_auth_events (event_id, expires_at) values ('seen', 9)");
        }
        upTo.apply("7").migrate();
        try (var connection = java.sql.DriverManager.getConnection(url); var statement = connection.createStatement();
             var rows = statement.executeQuery("select consumed_at from login_challenges where challenge = 'used'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getLong(1)).isEqualTo(2);
        }
        try (Database db = Database.open(new HostrConfig.Database(url, "", "", 2), null)) {
            assertThat(db.migrate().migrationsExecuted).isGreaterThanOrEqualTo(3);
            // Challenges of the layout before version 10 are no longer accepted, so their rows go; seen ids stay.
            assertThat(db.dsl().fetchValue("select count(*) from login_challenges")).hasToString("0");
            assertThat(db.dsl().fetchValue("select expires_at from seen_auth_events where event_id = 'seen'")).hasToString("9");
            for (String table : new String[] {"login_challenges", "seen_auth_events"}) {
                assertThat(db.dsl().fetchValue("select sql from sqlite_master where type = 'table' and name = ?", table))
                        .asString().contains("WITHOUT ROWID");
            }
            assertThat(db.dsl().fetchValue("select count(*) from sqlite_master where type = 'index' and tbl_name = 'login_challenges'"
                    + " and sql is not null")).hasToString("0");
        }
    }

    @Test
    void sqliteIsOpenedWithForeignKeysAndWal() throws Exception {
        try (Database db = TestDatabases.open(Kind.SQLITE)) {
            assertThat(db.dsl().fetchValue("PRAGMA foreign_keys")).hasToString("1");
            assertThat(db.dsl().fetchValue("PRAGMA journal_mode")).hasToString("wal");
        }
    }

    @Test
    void unreachablePostgresGivesAMessageNamingTheDatabase() {
        HostrConfig.Database config = new HostrConfig.Database("jdbc:postgresql://127.0.0.1:1/none", "nobody", "", 2);
        assertThatThrownBy(() -> Database.open(config, null))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/none cannot be reached");
    }

    private static Map<String, TreeSet<String>> columns(Database db) {
        // PostgreSQL's meta data spans every schema of the database; keep to the one this test made.
        String schema = db.engine() == Database.Engine.POSTGRES ? String.valueOf(db.dsl().fetchValue("select current_schema()")) : null;
        Meta meta = db.dsl().meta();
        Map<String, TreeSet<String>> result = new TreeMap<>();
        for (Table<?> table : meta.getTables()) {
            if (schema != null && (table.getSchema() == null || !schema.equals(table.getSchema().getName()))) {
                continue;
            }
            String name = table.getName().toLowerCase();
            if (name.startsWith("flyway") || name.startsWith("sqlite_")) {
                continue;
            }
            if (table.getSchema() != null && table.getSchema().getName().startsWith("pg_")
                    || table.getSchema() != null && table.getSchema().getName().equals("information_schema")) {
                continue;
            }
            TreeSet<String> cols = new TreeSet<>();
            for (var field : table.fields()) {
                cols.add(field.getName().toLowerCase());
            }
            result.merge(name, cols, (a, b) -> a);
        }
        return result;
    }
}
