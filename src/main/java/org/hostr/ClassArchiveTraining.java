package org.hostr;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hostr.config.ConfigLoader;
import org.hostr.config.ConfigMode;
import org.hostr.config.HostrConfig;

/**
 * The training run behind {@code target/hostr.jsa}, the class-data archive that halves the cold start of
 * {@code serve}. The build runs it once with {@code -XX:ArchiveClassesAtExit}: it starts Hostr as {@code serve} would
 * (a throwaway SQLite file, port chosen by the system), asks for the pages a first visitor asks for, and stops. Every
 * class loaded on the way is written to the archive, so a later start maps them instead of parsing the jar again.
 */
final class ClassArchiveTraining {
    private static final List<String> PATHS = List.of("/readyz", "/", "/plans", "/login", "/api/v1/auth/challenge",
            "/api/v1/me", "/no-such-page", "/api/v1/no-such-route", "/healthz");

    private ClassArchiveTraining() {
    }

    static void run() throws IOException {
        Path folder = Files.createTempDirectory("hostr-training");
        try {
            Path config = folder.resolve("config.toml");
            Files.writeString(config, """
                    [server]
                    host = "127.0.0.1"
                    port = 0
                    public_url = "http://127.0.0.1:8080"
                    [database]
                    url = "jdbc:sqlite:%s"
                    [auth]
                    session_secret = "training-session-secret-0123456789abcdef"
                    [strike]
                    api_key = "training"
                    webhook_secret = "training-webhook-secret"
                    [secrets]
                    encryption_key = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="
                    [[plans]]
                    slug = "basic"
                    name = "Basic"
                    storage_mb = 10240
                    bandwidth_mb = 102400
                    whm_package = "basic"
                    price_minor = 500
                    """.formatted(folder.resolve("training.db").toString().replace("\\", "/")), StandardCharsets.UTF_8);
            HostrConfig cfg = ConfigLoader.load(config, Map.of(), ConfigMode.SERVE);
            try (Application app = Application.start(cfg, Application.Options.defaults())) {
                for (String path : PATHS) {
                    fetch(URI.create("http://127.0.0.1:" + app.port() + path));
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void fetch(URI uri) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        int status = connection.getResponseCode();
        try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            if (body != null) {
                body.readAllBytes();
            }
        }
    }
}
