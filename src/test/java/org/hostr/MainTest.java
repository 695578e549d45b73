package org.hostr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    static final String SECRETS = """
            [auth]
            session_secret = "0123456789abcdef0123456789abcdef0123"
            [strike]
            api_key = "k"
            webhook_secret = "webhook-secret-123"
            [secrets]
            encryption_key = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
            """;

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int exit = Main.run(args);
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private Path file(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void checkConfigAcceptsAGoodFile() throws Exception {
        Run r = run("check-config", "--config", file("ok.toml", SECRETS).toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("The configuration is valid");
    }

    @Test
    void checkConfigListsEveryProblemAndExitsTwo() throws Exception {
        Run r = run("check-config", "--config", file("bad.toml", "[server]\nport = \"x\"\ncolour = 1\n").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("server.port must be an integer", "unknown key server.colour",
                "auth.session_secret is missing", "strike.api_key is missing");
    }

    @Test
    void trainingRunStartsServesAndStops() {
        // The build runs this to write target/hostr.jsa; a failure here would fail the package step.
        Run r = run("training-run");
        assertThat(r.exit()).isZero();
    }

    @Test
    void badUsageExitsTwo() {
        assertThat(run("serve").exit()).isEqualTo(2);
        assertThat(run("frobnicate").exit()).isEqualTo(2);
        assertThat(run("demo", "--port", "eighty").exit()).isEqualTo(2);
    }

    @Test
    void migrateCreatesTheDatabaseAndIsRepeatable() throws Exception {
        Path db = dir.resolve("data/hostr.db");
        Path config = file("m.toml", "[database]\nurl = \"jdbc:sqlite:" + db + "\"\n");
        Run first = run("migrate", "--config", config.toString());
        assertThat(first.exit()).isZero();
        assertThat(first.out()).contains("migrations applied now");
        assertThat(db).exists();
        Run second = run("migrate", "--config", config.toString());
        assertThat(second.exit()).isZero();
        assertThat(second.out()).contains("(0 migrations applied now)");
    }

    @Test
    void migrateOnAReadOnlyDatabaseSaysSoAndFails() throws Exception {
        Path db = dir.resolve("ro.db");
        Files.createFile(db);
        Path config = file("ro.toml", "[database]\nurl = \"jdbc:sqlite:" + db + "?open_mode=1\"\n");
        Run r = run("migrate", "--config", config.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("read-only");
    }

    @Test
    void unreachableDatabaseIsNamed() throws Exception {
        Path config = file("pg.toml", "[database]\nurl = \"jdbc:postgresql://127.0.0.1:1/nothing\"\n");
        Run r = run("migrate", "--config", config.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("jdbc:postgresql://127.0.0.1:1/nothing cannot be reached");
    }
}
