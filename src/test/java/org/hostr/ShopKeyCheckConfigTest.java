package org.hostr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `check-config` with a shop key that is not an nsec: exit 2, the key named, its value never printed. */
class ShopKeyCheckConfigTest {
    private static final String BAD_KEY = "nsec1thisisnotavalidsecretkeyatallnotevenclose0000000000000000000";

    @TempDir
    Path dir;

    @Test
    void aBadShopKeyStopsCheckConfigWithExitTwo() throws Exception {
        Path file = dir.resolve("config.toml");
        Files.writeString(file, MainTest.SECRETS + "[notify]\nshop_nsec = \"" + BAD_KEY + "\"\n");
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = Main.run("check-config", "--config", file.toString());
        } finally {
            System.setErr(err);
        }

        String printed = captured.toString(StandardCharsets.UTF_8);
        assertThat(exit).isEqualTo(2);
        assertThat(printed).contains("notify.shop_nsec is not a valid nsec").doesNotContain(BAD_KEY);
    }
}
