package org.hostr.admin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hostr.audit.AuditLog;
import org.hostr.auth.Auth;
import org.hostr.auth.Viewer;
import org.hostr.db.Database;
import org.hostr.provisioning.Server;
import org.hostr.provisioning.ServerInput;
import org.hostr.provisioning.ServerService;
import org.hostr.web.ApiError;
import org.hostr.web.RouteGroup;

/**
 * Admin → WHM servers: list with accounts per server, add, edit, test the connection. {@link ServerService} checks
 * the URL, token and fingerprint and writes the audit line; this page checks the form's shape first and shows any
 * refusal next to the form.
 */
final class ServerPages implements RouteGroup {
    private final Database database;
    private final ServerService servers;
    private final AuditLog audit;
    private final java.time.Clock clock;

    ServerPages(Database database, ServerService servers, AuditLog audit, java.time.Clock clock) {
        this.database = database;
        this.servers = servers;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/admin/servers", ctx -> {
            Auth.admin(ctx);
            list(ctx, 200, null, Map.of(), null);
        });
        routes.post("/admin/servers", this::create);
        routes.get("/admin/servers/{id}/edit", ctx -> {
            Auth.admin(ctx);
            Server server = server(ctx);
            edit(ctx, 200, server, null, values(server));
        });
        routes.post("/admin/servers/{id}/edit", this::save);
        routes.post("/admin/servers/{id}/test", this::test);
    }

    private void create(Context ctx) {
        Viewer admin = Auth.admin(ctx);
        AdminForm form = new AdminForm(ctx);
        ServerInput input = read(form, true);
        if (form.ok()) {
            try {
                servers.add(input, admin.actor());
                AdminView.redirect(ctx, "/admin/servers", "server-created");
                return;
            } catch (ApiError e) {
                if (e.status() >= 500) {
                    throw e;
                }
                form.error(e.getMessage());
            }
        }
        list(ctx, 400, form.errors(), form.values(), null);
    }

    private void save(Context ctx) {
        Viewer admin = Auth.admin(ctx);
        Server current = server(ctx);
        AdminForm form = new AdminForm(ctx);
        ServerInput input = read(form, false);
        if (form.ok()) {
            try {
                servers.edit(current.id(), input, admin.actor());
                AdminView.redirect(ctx, "/admin/servers", "server-saved");
                return;
            } catch (ApiError e) {
                if (e.status() >= 500) {
                    throw e;
                }
                form.error(e.getMessage());
            }
        }
        edit(ctx, 400, current, form.errors(), form.values());
    }

    /** A connection test changes nothing but is still audited: it sends the stored token to the server. */
    private void test(Context ctx) {
        Viewer admin = Auth.admin(ctx);
        Server server = server(ctx);
        ServerService.ConnectionTest test = servers.test(server.id());
        database.transactionRun(tx -> audit.record(tx, admin.actor(), "server.test", "server:" + server.id(),
                test.ok() ? "ok, WHM " + test.version() : "failed: " + test.error(), clock.instant()));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("server", server.name());
        result.put("ok", test.ok());
        result.put("version", test.version());
        result.put("error", test.error());
        list(ctx, 200, null, Map.of(), result);
    }

    private static ServerInput read(AdminForm form, boolean isNew) {
        String name = form.line("name", "Name", 100, true);
        String url = form.line("url", "WHM URL", 300, true);
        String user = form.pattern("user", "WHM user", "[a-z][a-z0-9_-]{0,31}", "root or a reseller's user name");
        String token = form.line("token", "API token", 200, isNew);
        if (token != null && !token.matches("[A-Za-z0-9]+")) {
            form.error("API token must be letters and digits only, as WHM shows it");
            token = null;
        }
        String fingerprint = form.line("tls_fingerprint", "TLS fingerprint", 200, false);
        Long max = form.number("max_accounts", "Max accounts", 1, 100_000, null);
        String nameservers = form.line("nameservers", "Nameservers", 500, false);
        boolean active = form.checked("active");
        return new ServerInput(name, url, user, token, fingerprint == null ? "" : fingerprint, max, active,
                nameservers == null ? "" : nameservers);
    }

    private Server server(Context ctx) {
        long id = AdminView.id(ctx, "server");
        return servers.get(id);
    }

    private void list(Context ctx, int status, List<String> errors, Map<String, String> values, Map<String, Object> test) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("servers", servers.list());
        model.put("errors", errors);
        model.put("form", values.isEmpty() ? Map.of("user", "root", "max_accounts", "500", "active", "on") : values);
        model.put("test", test);
        ctx.status(status);
        AdminView.render(ctx, "servers.html", "servers", model);
    }

    private void edit(Context ctx, int status, Server server, List<String> errors, Map<String, String> values) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("server", server);
        model.put("errors", errors);
        model.put("form", values);
        ctx.status(status);
        AdminView.render(ctx, "server-edit.html", "servers", model);
    }

    private static Map<String, String> values(Server s) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("name", s.name());
        v.put("url", s.url());
        v.put("user", s.user());
        v.put("tls_fingerprint", s.tlsFingerprint() == null ? "" : s.tlsFingerprint());
        v.put("max_accounts", Long.toString(s.maxAccounts()));
        v.put("nameservers", s.nameservers() == null ? "" : s.nameservers());
        if (s.active()) {
            v.put("active", "on");
        }
        return v;
    }
}
