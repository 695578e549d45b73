package org.hostr.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jooq.ConnectionProvider;
import org.jooq.TransactionContext;
import org.jooq.TransactionProvider;
import org.jooq.exception.DataAccessException;

/**
 * SQLite transactions for jOOQ as two statements, BEGIN IMMEDIATE and COMMIT, with savepoints for transactions nested
 * in one. Through sqlite-jdbc's JDBC calls a transaction took four, each parsed anew: leaving auto-commit runs BEGIN;
 * {@code commit()} runs COMMIT and at once BEGIN IMMEDIATE again, since JDBC keeps a connection in a transaction,
 * taking the write lock for an empty one; and going back to auto-commit runs COMMIT once more. Here the connection
 * stays in JDBC auto-commit mode, which sqlite-jdbc leaves alone while SQLite itself is inside a transaction, and the
 * statements are prepared once per connection ({@link StatementCache}).
 *
 * <p>SQLite transactions run only on the thread that holds the {@link SqliteWriters} lock, on the one writer
 * connection ({@link SqliteConnections}), so the transactions open are kept per thread.
 */
final class SqliteTransactions implements TransactionProvider {
    private final ThreadLocal<Deque<Open>> open = ThreadLocal.withInitial(ArrayDeque::new);

    /** An open transaction: its connection, and its savepoint when it is nested in another. */
    private record Open(ConnectionProvider provider, Connection connection, String savepoint) {
    }

    @Override
    public void begin(TransactionContext ctx) {
        ConnectionProvider provider = ctx.configuration().connectionProvider();
        Connection connection = provider.acquire();
        Deque<Open> stack = open.get();
        String savepoint = stack.isEmpty() ? null : "hostr_tx_" + stack.size();
        try {
            run(connection, savepoint == null ? "BEGIN IMMEDIATE" : "SAVEPOINT " + savepoint);
        } catch (SQLException e) {
            provider.release(connection);
            throw new DataAccessException("could not begin a transaction: " + e.getMessage(), e);
        }
        stack.push(new Open(provider, connection, savepoint));
    }

    @Override
    public void commit(TransactionContext ctx) {
        Open top = open.get().pop();
        end(top, "commit", top.savepoint() == null ? new String[] {"COMMIT"} : new String[] {"RELEASE " + top.savepoint()});
    }

    @Override
    public void rollback(TransactionContext ctx) {
        Open top = open.get().pop();
        end(top, "roll back", top.savepoint() == null ? new String[] {"ROLLBACK"}
                : new String[] {"ROLLBACK TO " + top.savepoint(), "RELEASE " + top.savepoint()});
    }

    /** Ends a transaction with the given statements and lets its connection go; an outermost one that fails is abandoned. */
    private static void end(Open top, String what, String... statements) {
        try {
            for (String sql : statements) {
                run(top.connection(), sql);
            }
        } catch (SQLException e) {
            if (top.savepoint() == null) {
                abandon(top.connection());
            }
            throw new DataAccessException("could not " + what + ": " + e.getMessage(), e);
        } finally {
            top.provider().release(top.connection());
        }
    }

    /** Runs one transaction-control statement on the connection. */
    static void run(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.execute();
        }
    }

    /** A transaction that would not end: rolled back if it can be, else its connection closed, which ends it. */
    private static void abandon(Connection connection) {
        try {
            run(connection, "ROLLBACK");
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("no transaction is active")) {
                return; // the failed statement ended it already
            }
            try {
                connection.close(); // SqliteConnections opens a fresh writer when it finds this one closed
            } catch (SQLException ignored) {
                // closing was the last resort
            }
        }
    }
}
