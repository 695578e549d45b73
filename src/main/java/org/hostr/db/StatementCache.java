package org.hostr.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps a connection's prepared statements for the next use of the same SQL. SQLite's driver compiles every statement
 * it is asked to prepare, and jOOQ prepares one per query and closes it after: on the SQLite writer connection that
 * compiling took more time than running the statements did. Here {@code close()} on a statement hands it back instead,
 * its result sets closed (which resets it) and its parameters cleared; the next {@code prepareStatement} of the same
 * text gets it again. PostgreSQL needs none of this: its driver keeps server-side statements itself.
 *
 * <p>Not thread-safe, as a JDBC connection in use is not: the one connection wrapped here is used by the holder of the
 * SQLite writer lock only. A statement asked for while its cached one is still open (a nested use of the same SQL)
 * is prepared afresh and closed for real.
 */
final class StatementCache implements InvocationHandler {
    private final Connection connection;
    private final Map<String, Cached> statements;

    private StatementCache(Connection connection, int capacity) {
        this.connection = connection;
        this.statements = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                if (size() <= capacity) {
                    return false;
                }
                eldest.getValue().evict();
                return true;
            }
        };
    }

    /** The connection, with up to {@code capacity} statements kept by their SQL text. */
    static Connection wrap(Connection connection, int capacity) {
        return (Connection) Proxy.newProxyInstance(StatementCache.class.getClassLoader(), new Class<?>[] {Connection.class},
                new StatementCache(connection, capacity));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (name.equals("prepareStatement") && args.length == 1) {
            return prepare((String) args[0]);
        }
        if (name.equals("close")) {
            for (Cached cached : statements.values()) {
                cached.evict();
            }
            statements.clear();
        } else if (name.equals("equals")) {
            return proxy == args[0];
        } else if (name.equals("hashCode")) {
            return System.identityHashCode(proxy);
        }
        return forward(connection, method, args);
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        Cached cached = statements.get(sql);
        if (cached != null && cached.inUse) {
            return connection.prepareStatement(sql);
        }
        if (cached == null || cached.evicted) {
            cached = new Cached(connection.prepareStatement(sql));
            statements.put(sql, cached);
        }
        cached.inUse = true;
        return cached.proxy;
    }

    private static Object forward(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** One kept statement and the handle given out for it. */
    private static final class Cached implements InvocationHandler {
        final PreparedStatement statement;
        final PreparedStatement proxy;
        final List<ResultSet> results = new ArrayList<>(1);
        boolean inUse;
        boolean evicted;

        Cached(PreparedStatement statement) {
            this.statement = statement;
            this.proxy = (PreparedStatement) Proxy.newProxyInstance(StatementCache.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, this);
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close" -> {
                    giveBack();
                    return null;
                }
                case "isClosed" -> {
                    return !inUse || statement.isClosed();
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                default -> {
                    Object result = forward(statement, method, args);
                    if (result instanceof ResultSet rs) {
                        results.add(rs);
                    }
                    return result;
                }
            }
        }

        /** Back to the cache, ready for the next use; closed for real if it was evicted meanwhile or cannot be reset. */
        private void giveBack() throws SQLException {
            if (!inUse) {
                return;
            }
            inUse = false;
            try {
                for (ResultSet rs : results) {
                    rs.close();
                }
                results.clear();
                statement.clearParameters();
                statement.clearBatch();
                if (evicted) {
                    statement.close();
                }
            } catch (SQLException e) {
                evicted = true;
                statement.close();
                throw e;
            }
        }

        void evict() {
            evicted = true;
            if (!inUse) {
                try {
                    statement.close();
                } catch (SQLException ignored) {
                    // it goes either way
                }
            }
        }
    }
}
