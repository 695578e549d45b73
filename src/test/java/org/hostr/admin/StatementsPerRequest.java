package org.hostr.admin;

import io.javalin.config.RoutesConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.hostr.web.RouteGroup;

/**
 * Counts the SQL statements each HTTP request sends. A request runs on one server thread from the first filter to the
 * last, so statements are counted per thread and handed over when the request ends, under the id the test sent in
 * {@link #HEADER}; the job workers' statements land on their own threads and are never read.
 */
final class StatementsPerRequest implements RouteGroup, ExecuteListener {
    static final String HEADER = "X-Test-Request";

    private final ThreadLocal<int[]> sinceLastRequest = ThreadLocal.withInitial(() -> new int[1]);
    private final Map<String, Integer> byRequest = new ConcurrentHashMap<>();

    @Override
    public void executeStart(ExecuteContext ctx) {
        sinceLastRequest.get()[0]++;
    }

    /**
     * The count is read and reset in an after-filter, once the page is rendered; resetting it in a before-filter would
     * miss the session lookup, which AuthFilter's before-filter (added earlier) has done by then.
     */
    @Override
    public void addTo(RoutesConfig routes) {
        routes.after(ctx -> {
            int[] count = sinceLastRequest.get();
            String id = ctx.header(HEADER);
            if (id != null) {
                byRequest.put(id, count[0]);
            }
            count[0] = 0;
        });
    }

    /** The statements of the request sent with this id; fails if it never finished. */
    int of(String id) {
        Integer count = byRequest.remove(id);
        if (count == null) {
            throw new IllegalStateException("no count for request " + id + ": was the listener installed?");
        }
        return count;
    }
}
