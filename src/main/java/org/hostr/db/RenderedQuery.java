package org.hostr.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jooq.Converter;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.TooManyRowsException;
import org.jooq.impl.DSL;

/**
 * A statement on a hot path, rendered by jOOQ once for the database's dialect and then run through plain JDBC with fresh
 * values each time. Rendering a query from jOOQ's DSL took more time than SQLite took to run it (a fifth of a
 * settlement's CPU), and jOOQ's plain-SQL path is no cheaper: it guesses each statement's kind with a regular
 * expression. The statement is still built with the generated tables and fields, so the compiler checks it against the
 * schema as any other; its values come in the order its {@link #param}s appear in the SQL.
 *
 * <p>Pass a value whose column has a converter (instants kept as epoch milliseconds), or that may be null, as
 * {@link #stored stored(FIELD, value)}: it is bound as that column stores it. A write outside a transaction queues for
 * SQLite's writer lock as jOOQ's statements do ({@link SqliteWriters}), and listeners added with
 * {@link Database#addExecuteListener} hear of each statement's start, so the tests' statement counts include these.
 */
public final class RenderedQuery {
    private final Function<DSLContext, ? extends Query> build;
    /** By dialect: tests run SQLite and PostgreSQL in one JVM; every Database renders with the same settings. */
    private final Map<SQLDialect, Rendering> renderings = new ConcurrentHashMap<>();

    private record Rendering(String sql, int values) {
    }

    private RenderedQuery(Function<DSLContext, ? extends Query> build) {
        this.build = build;
    }

    /** The statement {@code build} makes (with {@link #param}s where values go), rendered at its first use. */
    public static RenderedQuery of(Function<DSLContext, ? extends Query> build) {
        return new RenderedQuery(build);
    }

    /** A placeholder for a value of this column. */
    public static <T> Param<T> param(Field<T> field) {
        return DSL.param(field.getName(), field.getDataType());
    }

    /**
     * A value as its column stores it (through the column's converter), to pass to a statement. Converted here rather
     * than wrapped with {@code DSL.val(value, field)}: jOOQ's value wrapper resolved the data type anew each time, which
     * cost a login about as much CPU as SQLite took to run the statements it bound values for.
     */
    @SuppressWarnings("unchecked")
    public static <T> Object stored(Field<T> field, T value) {
        return value == null ? null : ((Converter<Object, T>) field.getConverter()).to(value);
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the rows it changed. */
    public int execute(DSLContext ctx, Object... values) {
        String sql = sql(ctx, values);
        SqliteWriters writers = (SqliteWriters) ctx.configuration().data(Database.WRITERS);
        boolean queue = writers != null && !writers.heldByCurrentThread();
        if (queue) {
            writers.acquire();
        }
        try {
            return run(ctx, sql, values, PreparedStatement::executeUpdate);
        } finally {
            if (queue) {
                writers.release();
            }
        }
    }

    /** The one row of a {@code selectFrom(table)} statement, if there is one. */
    public <R extends Record> Optional<R> fetchOptional(DSLContext ctx, Table<R> table, Object... values) {
        return fetchOptional(ctx, table.fields(), values).map(row -> row.into(table));
    }

    /** Every row of a {@code selectFrom(table)} statement. */
    public <R extends Record> Result<R> fetch(DSLContext ctx, Table<R> table, Object... values) {
        return run(ctx, sql(ctx, values), values, ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                return ctx.fetch(rs, table.fields()).into(table);
            }
        });
    }

    /** True when the statement finds at least one row. */
    public boolean exists(DSLContext ctx, Object... values) {
        return run(ctx, sql(ctx, values), values, ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    /** The one row of a statement selecting exactly {@code fields}, in that order, if there is one. */
    public Optional<Record> fetchOptional(DSLContext ctx, Field<?>[] fields, Object... values) {
        Result<Record> rows = run(ctx, sql(ctx, values), values, ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                return ctx.fetch(rs, fields);
            }
        });
        if (rows.size() > 1) {
            throw new TooManyRowsException("more than one row: " + renderings.get(ctx.dialect()).sql());
        }
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** The value of the one row of a statement selecting {@code field} alone, if there is one. */
    public <T> Optional<T> fetchValue(DSLContext ctx, Field<T> field, Object... values) {
        return fetchOptional(ctx, new Field<?>[] {field}, values).map(row -> row.get(field));
    }

    private interface Work<T> {
        T on(PreparedStatement statement) throws SQLException;
    }

    private static <T> T run(DSLContext ctx, String sql, Object[] values, Work<T> work) {
        Database.statementStarting(ctx);
        return ctx.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, values);
                return work.on(statement);
            } catch (SQLException e) {
                throw new DataAccessException("SQL [" + sql + "]; " + e.getMessage(), e);
            }
        });
    }

    private static void bind(PreparedStatement statement, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value == null) {
                statement.setNull(i + 1, Types.NULL); // typed by the server from the column, on both engines
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }

    private String sql(DSLContext ctx, Object[] values) {
        Rendering rendering = renderings.computeIfAbsent(ctx.dialect(), dialect -> {
            Query query = build.apply(ctx);
            return new Rendering(ctx.render(query), ctx.extractBindValues(query).size());
        });
        if (values.length != rendering.values()) {
            throw new IllegalArgumentException("the statement takes " + rendering.values() + " values, got " + values.length
                    + ": " + rendering.sql());
        }
        return rendering.sql();
    }
}
