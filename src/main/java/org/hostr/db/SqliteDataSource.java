package org.hostr.db;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * SQLite connections for the pool and the writer, each keeping its prepared statements ({@link StatementCache}): the
 * driver compiles every statement it prepares, and a settlement or a page runs the same few statements again and again.
 */
final class SqliteDataSource implements DataSource {
    /** Statements kept per connection: every statement Hostr repeats, with room for IN lists of other lengths. */
    static final int STATEMENTS = 512;
    private final String url;

    SqliteDataSource(String url) {
        this.url = url;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return StatementCache.wrap(DriverManager.getConnection(url), STATEMENTS);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection(); // SQLite has no users
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // nothing is logged here
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // opening a file does not wait
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no java.util.logging here");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
