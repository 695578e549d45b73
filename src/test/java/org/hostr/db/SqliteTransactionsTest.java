package org.hostr.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.hostr.testing.TestDatabases;
import org.hostr.testing.TestDatabases.Kind;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SQLite transactions as BEGIN IMMEDIATE / COMMIT statements, nested ones as savepoints (SqliteTransactions). */
class SqliteTransactionsTest {
    private Database db;

    @BeforeEach
    void open() {
        db = TestDatabases.open(Kind.SQLITE);
        db.dsl().execute("create table t (name text primary key)");
    }

    @AfterEach
    void close() {
        db.close();
    }

    private int rows() {
        return db.dsl().fetchCount(db.dsl().selectFrom("t"));
    }

    @Test
    void aNestedTransactionThatFailsIsRolledBackAloneAndTheOuterOneCommits() {
        db.transactionRun(tx -> {
            tx.execute("insert into t values ('outer')");
            assertThatThrownBy(() -> db.transactionRun(inner -> {
                inner.execute("insert into t values ('inner')");
                throw new IllegalStateException("inner fails");
            })).isInstanceOf(IllegalStateException.class);
            db.transactionRun(inner -> inner.execute("insert into t values ('second inner')"));
        });
        assertThat(db.dsl().fetch("select name from t order by name").getValues(0, String.class)).containsExactly("outer", "second inner");
    }

    @Test
    void aFailedTransactionKeepsNothingAndTheWriterGoesOnInAutoCommit() throws Exception {
        db.transactionRun(tx -> tx.execute("insert into t values ('a')"));
        assertThatThrownBy(() -> db.transactionRun(tx -> {
            tx.execute("insert into t values ('b')");
            tx.execute("insert into t values ('a')"); // the key is taken
        })).isInstanceOf(DataAccessException.class);
        assertThat(rows()).isEqualTo(1);

        // A write outside any transaction commits at once: another connection sees it without waiting for anything.
        db.dsl().execute("insert into t values ('c')");
        try (Connection other = db.dataSource().getConnection(); Statement statement = other.createStatement();
             ResultSet count = statement.executeQuery("select count(*) from t")) {
            count.next();
            assertThat(count.getInt(1)).isEqualTo(2);
        }
        db.transactionRun(tx -> tx.execute("insert into t values ('d')"));
        assertThat(rows()).isEqualTo(3);
    }
}
