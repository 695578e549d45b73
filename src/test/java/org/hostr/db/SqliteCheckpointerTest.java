package org.hostr.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.hostr.config.HostrConfig;
import org.hostr.testing.TestDatabases;
import org.junit.jupiter.api.Test;

/**
 * Committed pages reach the database file itself while Hostr runs, copied there by the checkpoint thread: the writer
 * connection would only do it past {@link SqliteCheckpointer#BACKSTOP_PAGES} pages of log, far more than these tests
 * write. What is in the file alone is read from a copy of it without its -wal and -shm files.
 */
class SqliteCheckpointerTest {

    @Test
    void committedRowsReachTheDatabaseFileWhileItIsOpen() throws Exception {
        HostrConfig.Database config = TestDatabases.sqliteConfig();
        Path file = Path.of(config.url().substring("jdbc:sqlite:".length()));
        try (Database db = Database.open(config, null)) {
            db.dsl().execute("create table t (n integer primary key)");
            for (int i = 0; i < 50; i++) {
                int n = i;
                db.transactionRun(tx -> tx.execute("insert into t (n) values (?)", n));
            }
            Path copy = file.resolveSibling("copy.db");
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            int rows = -1;
            while (rows != 50 && System.nanoTime() < until) {
                Thread.sleep(50);
                Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                rows = rowsIn(copy);
            }
            assertThat(rows).as("rows in the database file alone").isEqualTo(50);
            assertThat(db.dsl().fetchCount(db.dsl().selectFrom("t"))).isEqualTo(50);
        }
    }

    @Test
    void theWriterLeavesCheckpointsToTheThread() throws Exception {
        HostrConfig.Database config = TestDatabases.sqliteConfig();
        try (Database db = Database.open(config, null)) {
            assertThat(db.dsl().fetchValue("pragma wal_autocheckpoint")).hasToString(
                    Integer.toString(SqliteCheckpointer.BACKSTOP_PAGES));
        }
    }

    @Test
    void stopsWhenClosedAndOnADatabaseWithoutALog() throws Exception {
        Path dir = Files.createTempDirectory("hostr-checkpoint-");
        SqliteCheckpointer onFile = SqliteCheckpointer.start(
                new SqliteDataSource(Database.sqliteUrl("jdbc:sqlite:" + dir.resolve("x.db"))), Duration.ofMillis(5));
        Thread.sleep(50);
        assertThat(onFile.running()).isTrue();
        onFile.close();
        assertThat(onFile.running()).isFalse();

        SqliteCheckpointer inMemory = SqliteCheckpointer.start(
                new SqliteDataSource(Database.sqliteUrl("jdbc:sqlite::memory:")), Duration.ofMillis(5));
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (inMemory.running() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(inMemory.running()).as("a database without a write-ahead log has nothing to checkpoint").isFalse();
        inMemory.close();
    }

    /** Rows of t in a database file, or -1 when it cannot be read yet (no table, or a copy taken mid-write). */
    private static int rowsIn(Path file) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             ResultSet count = connection.createStatement().executeQuery("select count(*) from t")) {
            return count.next() ? count.getInt(1) : -1;
        } catch (SQLException e) {
            return -1;
        }
    }
}
