package org.hostr.db;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jooq.ConnectionProvider;
import org.jooq.exception.DataAccessException;

/**
 * SQLite connections for jOOQ: every write goes through one connection kept open for it, reads through the pool.
 *
 * <p>In WAL mode a connection throws its whole page cache away when it begins a transaction after any other
 * connection has committed. With writes spread over the pool, every write therefore started cold and read each B-tree
 * page it touched back from the file: most of a settlement's time went there. The writer connection is the only one
 * that commits, so its cache stays warm. Only the thread holding the {@link SqliteWriters} lock gets it, so it is never
 * shared: transactions take that lock before they borrow a connection, and so does a single write outside one.
 */
final class SqliteConnections implements ConnectionProvider, AutoCloseable {
    private final DataSource pool;
    private final SqliteWriters writers;
    /** Where the writer connection comes from: the pool's own source, so it keeps its statements as theirs do. */
    private final DataSource connections;
    private Connection writer; // guarded by the SqliteWriters lock, as is:
    /** How many acquisitions of the writer are not released yet: a statement on {@link Database#dsl()} inside a transaction is one more. */
    private int writerHolds;

    SqliteConnections(DataSource pool, SqliteWriters writers, DataSource connections) {
        this.pool = pool;
        this.writers = writers;
        this.connections = connections;
    }

    @Override
    public Connection acquire() {
        try {
            if (writers.heldByCurrentThread()) {
                Connection connection = writer();
                writerHolds++;
                return connection;
            }
            return pool.getConnection();
        } catch (SQLException e) {
            throw new DataAccessException("no database connection: " + e.getMessage(), e);
        }
    }

    @Override
    public void release(Connection connection) {
        try {
            if (connection != writer) {
                connection.close();
                return;
            }
            // jOOQ ends every transaction it begins; this only guards against one left open by a failed rollback,
            // once the outermost user lets go (a statement run inside a transaction must not end it).
            if (--writerHolds == 0 && !connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            if (connection == writer) {
                closeWriter(); // the next write opens a fresh one
            }
            throw new DataAccessException("releasing a database connection failed: " + e.getMessage(), e);
        }
    }

    private Connection writer() throws SQLException {
        if (writer == null || writer.isClosed()) {
            writer = connections.getConnection();
        }
        return writer;
    }

    private void closeWriter() {
        try {
            if (writer != null) {
                writer.close();
            }
        } catch (SQLException ignored) {
            // closing is all that was wanted
        } finally {
            writer = null;
            writerHolds = 0;
        }
    }

    @Override
    public void close() {
        writers.acquire();
        try {
            closeWriter();
        } finally {
            writers.release();
        }
    }
}
