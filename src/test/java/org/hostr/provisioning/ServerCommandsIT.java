package org.hostr.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hostr.Main;
import org.hostr.sim.whm.WhmSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `hostr admin server add|test` against the WHM simulator, through the real command line. */
class ServerCommandsIT {
    @TempDir
    Path dir;

    private WhmSimulator whm;
    private Path config;

    private record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void start() throws Exception {
        whm = new WhmSimulator().start(0);
        config = dir.resolve("config.toml");
        Files.writeString(config, """
                [database]
                url = "jdbc:sqlite:%s"
                [auth]
                session_secret = "0123456789abcdef0123456789abcdef0123"
                [strike]
                api_key = "k"
                webhook_secret = "webhook-secret-123"
                [secrets]
                encryption_key = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
                """.formatted(dir.resolve("hostr.db").toString().replace("\\", "/")));
    }

    @AfterEach
    void stop() {
        whm.close();
    }

    @Test
    void addStoresTheServerAndTestsTheConnection() {
        Run added = run(WhmSimulator.DEFAULT_TOKEN, "admin", "server", "add", "--config", config.toString(),
                "--name", "whm1", "--url", whm.baseUrl(), "--token-stdin");

        assertThat(added.exit()).isZero();
        assertThat(added.out()).contains("Added WHM server whm1", "Connection to whm1 works");
        assertThat(added.out() + added.err()).doesNotContain(WhmSimulator.DEFAULT_TOKEN);

        Run tested = run("", "admin", "server", "test", "--config", config.toString(), "whm1");
        assertThat(tested.exit()).isZero();
        assertThat(tested.out()).contains("Connection to whm1 works");
    }

    @Test
    void aRefusedTokenIsAddedButReportedAsAFailedTest() {
        Run added = run("not-the-token", "admin", "server", "add", "--config", config.toString(),
                "--name", "whm1", "--url", whm.baseUrl(), "--token-stdin");

        assertThat(added.exit()).isEqualTo(1);
        assertThat(added.err()).contains("connection to whm1 failed", "refused the API token");
        assertThat(added.err()).doesNotContain("not-the-token");
    }

    @Test
    void plainHttpToAnotherHostIsRefusedAndNothingIsStored() {
        Run added = run(WhmSimulator.DEFAULT_TOKEN, "admin", "server", "add", "--config", config.toString(),
                "--name", "whm1", "--url", "http://whm.example.com:2087", "--token-stdin");

        assertThat(added.exit()).isEqualTo(2);
        assertThat(added.err()).contains("was not added");
        assertThat(run("", "admin", "server", "test", "--config", config.toString(), "whm1").err())
                .contains("there is no WHM server named whm1");
    }

    @Test
    void aMissingTokenIsRefusedBeforeAnythingIsOpened() {
        Run added = run("", "admin", "server", "add", "--config", config.toString(), "--name", "whm1",
                "--url", whm.baseUrl(), "--token-env", "HOSTR_TEST_NO_SUCH_VARIABLE");

        assertThat(added.exit()).isEqualTo(2);
        assertThat(added.err()).contains("no API token", "HOSTR_TEST_NO_SUCH_VARIABLE");
        assertThat(Files.exists(dir.resolve("hostr.db"))).isFalse();
    }

    @Test
    void aDuplicateNameIsRefused() {
        run(WhmSimulator.DEFAULT_TOKEN, "admin", "server", "add", "--config", config.toString(),
                "--name", "whm1", "--url", whm.baseUrl(), "--token-stdin");

        Run again = run(WhmSimulator.DEFAULT_TOKEN, "admin", "server", "add", "--config", config.toString(),
                "--name", "whm1", "--url", whm.baseUrl(), "--token-stdin");

        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("was not added");
    }

    private Run run(String stdin, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        InputStream in = System.in;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            int exit = Main.run(args);
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
            System.setIn(in);
        }
    }
}
