package org.hostr.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.hostr.Main;
import org.hostr.config.ConfigException;
import org.hostr.config.ConfigLoader;
import org.hostr.config.ConfigMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #9, part 4: 10,000 generated config files. Reading one either gives a config or a list of problems, each a
 * message: never another exception. Every tenth also goes through `check-config` as an operator runs it, which must
 * exit 0 ("valid") or 2 (the problems listed), never 1, the exit of a crash.
 */
class ConfigFuzzTest {
    private static final int CASES = 10_000;
    private static final ConfigMode[] MODES = ConfigMode.values();

    @TempDir
    Path dir;

    @Test
    void generatedConfigFilesAreAcceptedOrExplainedNeverCrash() throws Exception {
        long seed = Fuzz.seed(20261124L);
        List<ConfigTexts.Case> cases = new ConfigTexts(new Random(seed)).generate(CASES);
        List<String> wrong = new ArrayList<>();
        int valid = 0;
        for (int i = 0; i < CASES; i++) {
            ConfigTexts.Case c = cases.get(i);
            try {
                ConfigLoader.parse(c.text(), "fuzz.toml", c.env(), MODES[i % MODES.length]);
                valid++;
            } catch (ConfigException e) {
                if (e.problems().isEmpty() || e.problems().stream().anyMatch(String::isBlank)) {
                    wrong.add(describe(i, c, "a problem without a message: " + e.problems()));
                }
            } catch (Throwable e) {
                wrong.add(describe(i, c, e.toString()));
            }
            if (i % 10 == 0) {
                checkConfig(i, c).ifPresent(wrong::add);
            }
        }
        assertThat(wrong).as("seed %d (replay: -Dfuzz.seed=%d)", seed, seed).isEmpty();
        assertThat(valid).as("some generated files are valid, or the drill tests only refusals").isGreaterThan(CASES / 20);
    }

    /** `check-config --config FILE`, as an operator runs it, with the process's own environment. */
    private Optional<String> checkConfig(int i, ConfigTexts.Case c) throws Exception {
        Path file = dir.resolve("config-" + i + ".toml");
        Files.writeString(file, c.text(), StandardCharsets.UTF_8);
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            exit = Main.run("check-config", "--config", file.toString());
        } catch (Throwable t) {
            return Optional.of(describe(i, c, "check-config threw " + t));
        } finally {
            System.setOut(out);
            System.setErr(err);
            Files.delete(file);
        }
        String said = o.toString(StandardCharsets.UTF_8) + e.toString(StandardCharsets.UTF_8);
        boolean explained = (exit == 0 && said.contains("The configuration is valid"))
                || (exit == 2 && said.contains("The configuration has "));
        return explained ? Optional.empty() : Optional.of(describe(i, c, "check-config exit " + exit + ": " + said));
    }

    private static String describe(int i, ConfigTexts.Case c, String outcome) {
        return "case " + i + " (" + c.mutations() + ", env " + c.env().keySet() + "): " + Fuzz.excerpt(outcome)
                + " for " + Fuzz.excerpt(c.text());
    }
}
