package org.hostr.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.hostr.config.HostrConfig;
import org.hostr.payments.strike.StrikeClient;
import org.hostr.payments.strike.StrikeRetryPolicy;
import org.hostr.sim.strike.StrikeSimulator;
import org.hostr.sim.strike.StrikeSimulatorSettings;
import org.hostr.testing.TestApp;
import org.hostr.testing.TestDatabases;
import org.junit.jupiter.api.Test;

class StrikeCommandsIT {

    private static HostrConfig config(String strikeUrl, String key) {
        HostrConfig c = TestApp.config(TestDatabases.sqliteConfig());
        HostrConfig.Strike s = c.strike();
        return new HostrConfig(c.server(), c.database(), c.auth(),
                new HostrConfig.Strike(strikeUrl, key, s.webhookSecret(), s.invoiceCurrency(), 30),
                c.billing(), c.secrets(), c.metrics(), c.dev(), c.notices(), c.plans(), c.whmServers());
    }

    @Test
    void subscribeCreatesOnceThenUpdates() {
        try (StrikeSimulator sim = new StrikeSimulator(StrikeSimulatorSettings.defaults("k")).start(0);
             StrikeClient client = new StrikeClient(sim.baseUrl(), "k", Duration.ofSeconds(2), Duration.ofSeconds(5),
                     StrikeRetryPolicy.defaults(), Clock.systemUTC())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(StrikeCommands.subscribe(config(sim.baseUrl(), "k"), new PrintStream(out, true, StandardCharsets.UTF_8))).isZero();
            assertThat(StrikeCommands.subscribe(config(sim.baseUrl(), "k"), new PrintStream(out, true, StandardCharsets.UTF_8))).isZero();

            assertThat(out.toString(StandardCharsets.UTF_8)).contains("Created", "Updated", "http://localhost:8080/webhooks/strike");
            assertThat(client.listSubscriptions()).singleElement()
                    .satisfies(s -> assertThat(s.webhookUrl()).isEqualTo("http://localhost:8080/webhooks/strike"));
        }
    }

    @Test
    void checkReportsAWorkingKeyAndAWrongOne() {
        try (StrikeSimulator sim = new StrikeSimulator(StrikeSimulatorSettings.defaults("k")).start(0)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(StrikeCommands.check(config(sim.baseUrl(), "k"), new PrintStream(out, true, StandardCharsets.UTF_8))).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("ok      read invoices", "The Strike API key works.");

            ByteArrayOutputStream bad = new ByteArrayOutputStream();
            assertThat(StrikeCommands.check(config(sim.baseUrl(), "bad-key-123"), new PrintStream(bad, true, StandardCharsets.UTF_8))).isEqualTo(1);
            assertThat(bad.toString(StandardCharsets.UTF_8)).contains("refused").doesNotContain("bad-key-123");
        }
    }
}
