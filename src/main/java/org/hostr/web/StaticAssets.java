package org.hostr.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Serves static/ from the class path under /static, each file read once and kept in memory with an ETag. Hostr has a
 * handful of small stylesheets and scripts; Jetty's own resource handler would open the whole shaded jar as a zip file
 * system at start, which cost a third of the cold start and several megabytes of memory for no gain.
 */
final class StaticAssets implements RouteGroup {
    static final String CACHE_CONTROL = "public, max-age=3600";
    /** Plain relative paths only: no "..", no leading slash or dot, no backslashes or other tricks. */
    private static final Pattern SAFE_PATH = Pattern.compile("[a-zA-Z0-9_-][a-zA-Z0-9_.-]*(/[a-zA-Z0-9_-][a-zA-Z0-9_.-]*)*");
    private static final Map<String, String> TYPES = Map.of(
            "css", "text/css; charset=utf-8", "js", "text/javascript; charset=utf-8", "svg", "image/svg+xml",
            "png", "image/png", "ico", "image/x-icon", "woff2", "font/woff2", "txt", "text/plain; charset=utf-8");

    private record Asset(byte[] body, String type, String etag) {
    }

    private final Map<String, Optional<Asset>> cache = new ConcurrentHashMap<>();

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/static/<path>", this::serve);
    }

    private void serve(Context ctx) {
        String path = ctx.pathParam("path");
        Optional<Asset> asset = SAFE_PATH.matcher(path).matches() && !path.contains("..")
                ? cache.computeIfAbsent(path, StaticAssets::load)
                : Optional.empty();
        if (asset.isEmpty()) {
            throw ApiError.notFound("/static/" + path);
        }
        Asset found = asset.get();
        ctx.header("Cache-Control", CACHE_CONTROL);
        ctx.header("ETag", found.etag());
        if (found.etag().equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType(found.type()).result(found.body());
    }

    private static Optional<Asset> load(String path) {
        int dot = path.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(path.substring(dot + 1));
        if (type == null) {
            return Optional.empty();
        }
        try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream("static/" + path)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] body = in.readAllBytes();
            return Optional.of(new Asset(body, type, etag(body)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
