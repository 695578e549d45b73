package org.hostr.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatementCacheTest {
    @TempDir
    Path dir;
    private String url;

    @BeforeEach
    void table() throws SQLException {
        url = "jdbc:sqlite:" + dir.resolve("cache.db");
        try (Connection c = DriverManager.getConnection(url)) {
            c.createStatement().execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)");
            c.createStatement().execute("INSERT INTO t VALUES (1, 'one'), (2, 'two'), (3, 'three')");
        }
    }

    @Test
    void aClosedStatementComesBackForTheSameSqlAndRunsAgainWithNewParameters() throws SQLException {
        try (Connection c = StatementCache.wrap(DriverManager.getConnection(url), 8)) {
            PreparedStatement first = c.prepareStatement("SELECT name FROM t WHERE id = ?");
            first.setLong(1, 1);
            assertThat(single(first)).isEqualTo("one");
            first.close();
            assertThat(first.isClosed()).isTrue();
            PreparedStatement second = c.prepareStatement("SELECT name FROM t WHERE id = ?");
            assertThat(second).isSameAs(first);
            assertThat(second.isClosed()).isFalse();
            second.setLong(1, 3);
            assertThat(single(second)).isEqualTo("three");
            second.close();
        }
    }

    @Test
    void parametersDoNotCarryOverToTheNextUse() throws SQLException {
        try (Connection c = StatementCache.wrap(DriverManager.getConnection(url), 8)) {
            PreparedStatement insert = c.prepareStatement("INSERT INTO t (id, name) VALUES (?, ?)");
            insert.setLong(1, 10);
            insert.setString(2, "ten");
            insert.executeUpdate();
            insert.close();
            PreparedStatement again = c.prepareStatement("INSERT INTO t (id, name) VALUES (?, ?)");
            again.setLong(1, 11);
            again.executeUpdate(); // the name was not given this time: NULL, not "ten"
            again.close();
            try (PreparedStatement read = c.prepareStatement("SELECT name FROM t WHERE id = 11")) {
                assertThat(single(read)).isNull();
            }
        }
    }

    @Test
    void aResultSetLeftOpenIsClosedWhenTheStatementIsGivenBack() throws SQLException {
        try (Connection c = StatementCache.wrap(DriverManager.getConnection(url), 8)) {
            PreparedStatement all = c.prepareStatement("SELECT id FROM t ORDER BY id");
            ResultSet rs = all.executeQuery();
            assertThat(rs.next()).isTrue();
            all.close(); // the cursor was not read to its end nor closed
            assertThat(rs.isClosed()).isTrue();
            PreparedStatement again = c.prepareStatement("SELECT id FROM t ORDER BY id");
            try (ResultSet fresh = again.executeQuery()) {
                assertThat(fresh.next()).isTrue();
                assertThat(fresh.getLong(1)).isEqualTo(1); // from the start, not where the last cursor stopped
            }
            again.close();
        }
    }

    @Test
    void theSameSqlUsedTwiceAtOnceGetsTwoStatements() throws SQLException {
        try (Connection c = StatementCache.wrap(DriverManager.getConnection(url), 8)) {
            PreparedStatement outer = c.prepareStatement("SELECT name FROM t WHERE id = ?");
            PreparedStatement inner = c.prepareStatement("SELECT name FROM t WHERE id = ?");
            assertThat(inner).isNotSameAs(outer);
            outer.setLong(1, 1);
            inner.setLong(1, 2);
            try (ResultSet a = outer.executeQuery(); ResultSet b = inner.executeQuery()) {
                assertThat(a.next() && b.next()).isTrue();
                assertThat(a.getString(1) + "," + b.getString(1)).isEqualTo("one,two");
            }
            inner.close();
            assertThat(inner.isClosed()).isTrue(); // not cached: closed for real
            outer.close();
        }
    }

    @Test
    void statementsBeyondTheCapacityAndAtConnectionCloseAreClosedForReal() throws SQLException {
        Connection raw = DriverManager.getConnection(url);
        Connection c = StatementCache.wrap(raw, 2);
        PreparedStatement a = c.prepareStatement("SELECT 1");
        a.close();
        c.prepareStatement("SELECT 2").close();
        c.prepareStatement("SELECT 3").close(); // "SELECT 1" is the eldest: evicted
        assertThat(c.prepareStatement("SELECT 1")).isNotSameAs(a);
        c.close();
        assertThat(raw.isClosed()).isTrue();
        assertThatThrownBy(() -> raw.prepareStatement("SELECT 1")).isInstanceOf(SQLException.class);
    }

    private static String single(PreparedStatement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery()) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
