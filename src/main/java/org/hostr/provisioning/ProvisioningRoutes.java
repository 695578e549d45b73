package org.hostr.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hostr.auth.Auth;
import org.hostr.auth.Viewer;
import org.hostr.web.ApiError;
import org.hostr.web.JsonBodies;
import org.hostr.web.RouteGroup;

/**
 * Provisioning's JSON API: the admin's servers and drift report, and the customer's cPanel credentials and password
 * reset. Handlers parse and authorise; the services decide.
 */
public final class ProvisioningRoutes implements RouteGroup {
    private final ServerService servers;
    private final ProvisioningService provisioning;
    private final DriftCheck drift;

    public ProvisioningRoutes(ServerService servers, ProvisioningService provisioning, DriftCheck drift) {
        this.servers = servers;
        this.provisioning = provisioning;
        this.drift = drift;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/v1/admin/servers", ctx -> {
            Auth.admin(ctx);
            ctx.json(Map.of("servers", servers.list().stream().map(ProvisioningRoutes::server).toList()));
        });
        routes.post("/api/v1/admin/servers", ctx -> {
            Viewer admin = Auth.admin(ctx);
            Server added = servers.add(input(JsonBodies.object(ctx)), admin.actor());
            ctx.header("Location", "/api/v1/admin/servers/" + added.id());
            ctx.status(201).json(server(added));
        });
        routes.put("/api/v1/admin/servers/{id}", ctx -> {
            Viewer admin = Auth.admin(ctx);
            long id = id(ctx, "server");
            servers.get(id);
            ctx.json(server(servers.edit(id, input(JsonBodies.object(ctx)), admin.actor())));
        });
        routes.post("/api/v1/admin/servers/{id}/test", ctx -> {
            Auth.admin(ctx);
            ServerService.ConnectionTest test = servers.test(id(ctx, "server"));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("ok", test.ok());
            body.put("version", test.version());
            body.put("error", test.error());
            ctx.json(body);
        });
        routes.get("/api/v1/admin/drift", ctx -> {
            Auth.admin(ctx);
            ctx.json(report(drift.latestReport()));
        });
        routes.get("/api/v1/services/{id}/credentials", this::credentials);
        routes.post("/api/v1/services/{id}/reset-password", ctx -> {
            Viewer viewer = Auth.customer(ctx);
            long jobId = provisioning.customerPasswordReset(viewer.customerId(), id(ctx, "service"));
            ctx.status(202).json(Map.of("status", "queued", "job_id", jobId));
        });
    }

    private void credentials(Context ctx) {
        Viewer viewer = Auth.customer(ctx);
        Credentials c = provisioning.credentials(viewer.customerId(), id(ctx, "service"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service_id", c.serviceId());
        body.put("domain", c.domain());
        body.put("cpanel_url", c.cpanelUrl());
        body.put("username", c.username());
        body.put("password", c.password());
        // A password: neither browsers nor proxies may keep a copy.
        ctx.header("Cache-Control", "no-store");
        ctx.json(body);
    }

    private static long id(Context ctx, String what) {
        String raw = ctx.pathParam("id");
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ApiError.notFound(what + " " + raw);
        }
    }

    static ServerInput input(JsonNode body) {
        Long max = null;
        JsonNode maxNode = body.get("max_accounts");
        if (maxNode != null && !maxNode.isNull()) {
            if (!maxNode.canConvertToLong() || !maxNode.isIntegralNumber()) {
                throw ApiError.badRequest("bad_max_accounts", "max_accounts must be a whole number, such as 500");
            }
            max = maxNode.asLong();
        }
        Boolean active = null;
        JsonNode activeNode = body.get("active");
        if (activeNode != null && !activeNode.isNull()) {
            if (!activeNode.isBoolean()) {
                throw ApiError.badRequest("bad_active", "active must be true or false");
            }
            active = activeNode.asBoolean();
        }
        return new ServerInput(text(body, "name"), text(body, "url"), text(body, "user"), text(body, "token"),
                text(body, "tls_fingerprint"), max, active, text(body, "nameservers"));
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiError.badRequest("bad_" + field, field + " must be a string");
        }
        return node.asText();
    }

    static Map<String, Object> server(Server s) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", s.id());
        body.put("name", s.name());
        body.put("url", s.url());
        body.put("user", s.user());
        body.put("tls_fingerprint", s.tlsFingerprint());
        body.put("max_accounts", s.maxAccounts());
        body.put("accounts", s.accounts());
        body.put("active", s.active());
        body.put("nameservers", s.nameservers());
        body.put("cpanel_url", s.cpanelUrl());
        return body;
    }

    private static Map<String, Object> report(DriftReport report) {
        List<Map<String, Object>> findings = report.findings().stream().map(f -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", f.kind().name());
            m.put("server_id", f.serverId());
            m.put("server", f.server());
            m.put("service_id", f.serviceId());
            m.put("username", f.username());
            m.put("domain", f.domain());
            m.put("details", f.details());
            return m;
        }).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("checked_at", report.checkedAt() == null ? null : report.checkedAt().toString());
        body.put("findings", findings);
        return body;
    }
}
