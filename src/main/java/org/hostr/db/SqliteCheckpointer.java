package org.hostr.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies committed pages from SQLite's write-ahead log back into the database file on a thread of its own.
 *
 * <p>Left to itself, SQLite checkpoints inside the commit that takes the log past 1,000 pages: the writer, which every
 * write in Hostr waits for, then also reads those pages back and writes them into the file. Here the writer
 * connection checkpoints only past {@link #BACKSTOP_PAGES} (a log that grew that far means this thread is not keeping
 * up), and this thread runs a PASSIVE checkpoint every {@link #INTERVAL}: it waits for no reader or writer and copies
 * what no reader still needs, on the other core, while the writer goes on committing. In bench/webhooks.sh settlements
 * per second rose by about a fifth.
 */
final class SqliteCheckpointer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SqliteCheckpointer.class);
    /** The writer's own checkpoint threshold, in pages (SQLite's default is 1,000). */
    static final int BACKSTOP_PAGES = 10_000;
    static final Duration INTERVAL = Duration.ofMillis(250);

    private final DataSource connections;
    private final Duration interval;
    private final Thread thread;
    private volatile boolean stopping;
    private Connection connection; // this thread's only

    private SqliteCheckpointer(DataSource connections, Duration interval) {
        this.connections = connections;
        this.interval = interval;
        this.thread = new Thread(this::loop, "hostr-sqlite-checkpoint");
        thread.setDaemon(true);
    }

    /** Starts checkpointing the database that {@code connections} open, every {@code interval}. */
    static SqliteCheckpointer start(DataSource connections, Duration interval) {
        SqliteCheckpointer checkpointer = new SqliteCheckpointer(connections, interval);
        checkpointer.thread.start();
        return checkpointer;
    }

    private void loop() {
        long lastWarning = 0;
        try {
            while (!stopping) {
                Thread.sleep(interval.toMillis());
                try {
                    if (!checkpoint()) {
                        log.debug("the database is not in WAL mode (in memory?): nothing to checkpoint");
                        return;
                    }
                } catch (SQLException e) {
                    closeConnection(); // the next round opens a fresh one
                    if (System.nanoTime() - lastWarning > Duration.ofMinutes(1).toNanos()) {
                        lastWarning = System.nanoTime();
                        log.warn("SQLite checkpoint failed, trying again (the writer checkpoints past {} pages meanwhile): {}",
                                BACKSTOP_PAGES, Database.rootMessage(e));
                    }
                }
            }
        } catch (InterruptedException e) {
            // close() stops us
        } finally {
            closeConnection();
        }
    }

    /** One PASSIVE checkpoint; false when the database has no write-ahead log to checkpoint. */
    private boolean checkpoint() throws SQLException {
        if (connection == null) {
            connection = connections.getConnection();
            try (Statement statement = connection.createStatement();
                 ResultSet mode = statement.executeQuery("PRAGMA journal_mode")) {
                if (!mode.next() || !"wal".equalsIgnoreCase(mode.getString(1))) {
                    return false;
                }
            }
        }
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            result.next(); // busy flag, pages in the log, pages copied: nothing to act on
        }
        return true;
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // it is being given up
            }
            connection = null;
        }
    }

    boolean running() {
        return thread.isAlive();
    }

    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
