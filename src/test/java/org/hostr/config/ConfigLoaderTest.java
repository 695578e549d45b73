package org.hostr.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
    static final Map<String, String> SECRETS = Map.of(
            "HOSTR_AUTH_SESSION_SECRET", "0123456789abcdef0123456789abcdef0123",
            "HOSTR_STRIKE_API_KEY", "strike-key",
            "HOSTR_STRIKE_WEBHOOK_SECRET", "webhook-secret-123",
            "HOSTR_SECRETS_ENCRYPTION_KEY", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");

    private static HostrConfig serve(String toml) {
        return ConfigLoader.parse(toml, "test.toml", SECRETS, ConfigMode.SERVE);
    }

    private static ConfigException problems(String toml, Map<String, String> env, ConfigMode mode) {
        try {
            ConfigLoader.parse(toml, "test.toml", env, mode);
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("expected the config to be refused");
    }

    @Test
    void emptyFileGivesTheDocumentedDefaults() {
        HostrConfig c = serve("");

        assertThat(c.server().port()).isEqualTo(8080);
        assertThat(c.database().url()).isEqualTo("jdbc:sqlite:data/hostr.db");
        assertThat(c.strike().baseUrl()).isEqualTo("https://api.strike.me");
        assertThat(c.billing().renewalLeadDays()).isEqualTo(7);
        assertThat(c.billing().graceDays()).isEqualTo(3);
        assertThat(c.billing().terminateAfterDays()).isEqualTo(15);
        assertThat(c.billing().sweepIntervalSeconds()).isEqualTo(60);
        assertThat(c.dev().testClock()).isFalse();
    }

    @Test
    void exampleConfigListsEveryKeyAndLoads() throws Exception {
        String example = Files.readString(Path.of("config.example.toml"));
        for (ConfigKey key : ConfigSchema.KEYS) {
            assertThat(example).as("config.example.toml documents " + key.path()).containsPattern("(?m)^" + key.name() + " = ");
        }
        for (String key : ConfigSchema.PLAN_KEYS.keySet()) {
            assertThat(example).contains("# " + key + " = ");
        }
        for (String key : ConfigSchema.SERVER_KEYS.keySet()) {
            assertThat(example).contains("# " + key + " = ");
        }
        assertThat(serve(example).server().publicUrl()).isEqualTo("http://localhost:8080");
    }

    @Test
    void malformedTomlNamesTheLine() {
        ConfigException e = problems("[server]\nport = = 3\n", SECRETS, ConfigMode.SERVE);
        assertThat(e.problems()).singleElement().asString().contains("not valid TOML").contains("line 2");
    }

    @Test
    void unknownKeyAndSectionAreNamed() {
        ConfigException e = problems("[server]\nprot = 80\n[stryke]\nkey = 1\n", SECRETS, ConfigMode.SERVE);
        assertThat(e.problems()).anyMatch(p -> p.contains("unknown key server.prot"))
                .anyMatch(p -> p.contains("unknown section [stryke]"));
    }

    @Test
    void wrongTypesAreNamedWithWhatWasFound() {
        ConfigException e = problems("[server]\nport = \"eighty\"\n[metrics]\nenabled = 1\n", SECRETS, ConfigMode.SERVE);
        assertThat(e.problems()).contains("server.port must be an integer, found a string",
                "metrics.enabled must be true or false, found an integer");
    }

    @Test
    void missingSecretsForServeAreAllListedAtOnce() {
        ConfigException e = problems("", Map.of(), ConfigMode.SERVE);
        assertThat(e.problems()).hasSize(4)
                .anyMatch(p -> p.startsWith("auth.session_secret is missing") && p.contains("HOSTR_AUTH_SESSION_SECRET"))
                .anyMatch(p -> p.startsWith("strike.api_key is missing") && p.contains("HOSTR_STRIKE_API_KEY"))
                .anyMatch(p -> p.startsWith("strike.webhook_secret is missing"))
                .anyMatch(p -> p.startsWith("secrets.encryption_key is missing"));
    }

    @Test
    void migrateNeedsNoSecrets() {
        assertThat(ConfigLoader.parse("", "t", Map.of(), ConfigMode.MIGRATE).database().sqlite()).isTrue();
    }

    @Test
    void environmentOverridesTheFile() {
        Map<String, String> env = new HashMap<>(SECRETS);
        env.put("HOSTR_SERVER_PORT", "9090");
        env.put("HOSTR_AUTH_RELAYS", "wss://a.example, wss://b.example");
        env.put("HOSTR_DEV_TEST_CLOCK", "true");

        HostrConfig c = ConfigLoader.parse("[server]\nport = 8081\n", "t", env, ConfigMode.SERVE);

        assertThat(c.server().port()).isEqualTo(9090);
        assertThat(c.auth().relays()).containsExactly("wss://a.example", "wss://b.example");
        assertThat(c.dev().testClock()).isTrue();
    }

    @Test
    void badEnvironmentValueNamesTheVariable() {
        Map<String, String> env = new HashMap<>(SECRETS);
        env.put("HOSTR_SERVER_PORT", "http");
        assertThat(problems("", env, ConfigMode.SERVE).problems())
                .containsExactly("HOSTR_SERVER_PORT (overrides server.port) must be an integer, found \"http\"");
    }

    @Test
    void badValuesSayHowToFixThem() {
        ConfigException e = problems("""
                [server]
                public_url = "ftp://x"
                [database]
                url = "jdbc:mysql://x"
                [auth]
                admin_npubs = ["npub1nope"]
                [secrets]
                encryption_key = "short"
                """, Map.of("HOSTR_AUTH_SESSION_SECRET", "0123456789abcdef0123456789abcdef0123",
                "HOSTR_STRIKE_API_KEY", "k", "HOSTR_STRIKE_WEBHOOK_SECRET", "webhook-secret-123"), ConfigMode.SERVE);
        assertThat(e.problems()).hasSize(4)
                .anyMatch(p -> p.startsWith("server.public_url must be the absolute http(s) URL"))
                .anyMatch(p -> p.startsWith("database.url must start with jdbc:sqlite:"))
                .anyMatch(p -> p.contains("npub1nope") && p.contains("not a valid npub"))
                .anyMatch(p -> p.startsWith("secrets.encryption_key"));
    }

    @Test
    void plansAndServersAreReadAndChecked() {
        HostrConfig c = serve("""
                [[plans]]
                slug = "basic"
                name = "Basic"
                storage_mb = 10240
                bandwidth_mb = 0
                whm_package = "basic"
                price_minor = 500
                [[whm_servers]]
                name = "whm1"
                url = "https://whm1.example.com:2087"
                token = "t0k3n"
                """);
        assertThat(c.plans()).singleElement().satisfies(p -> {
            assertThat(p.period()).isEqualTo("P1M");
            assertThat(p.priceMinor()).isEqualTo(500);
        });
        assertThat(c.whmServers()).singleElement().satisfies(s -> assertThat(s.user()).isEqualTo("root"));
        assertThat(c.whmServers().get(0).toString()).doesNotContain("t0k3n");
    }

    @Test
    void badPlanAndServerEntriesAreRefused() {
        ConfigException e = problems("""
                [[plans]]
                slug = "Bad Slug"
                name = "X"
                storage_mb = 1
                bandwidth_mb = 1
                whm_package = "x"
                price_minor = -5
                period = "P2W"
                colour = "red"
                [[whm_servers]]
                name = "w"
                url = "http://whm.example.com:2086"
                token = ""
                """, SECRETS, ConfigMode.SERVE);
        assertThat(e.problems())
                .anyMatch(p -> p.contains("unknown key plans[1].colour"));
        ConfigException second = problems("""
                [[plans]]
                slug = "Bad Slug"
                name = "X"
                storage_mb = 1
                bandwidth_mb = 1
                whm_package = "x"
                price_minor = -5
                period = "P2W"
                [[whm_servers]]
                name = "w"
                url = "http://whm.example.com:2086"
                token = ""
                """, SECRETS, ConfigMode.SERVE);
        assertThat(second.problems())
                .anyMatch(p -> p.contains(".slug must be lowercase"))
                .anyMatch(p -> p.contains(".period must be one of"))
                .anyMatch(p -> p.contains("must not be negative"))
                .anyMatch(p -> p.contains(".url must use https"))
                .anyMatch(p -> p.contains(".token must not be empty"));
    }

    @Test
    void secretsNeverShowInToString() {
        HostrConfig c = serve("");
        assertThat(c.toString()).doesNotContain("strike-key", "webhook-secret-123", "0123456789abcdef0123456789abcdef0123",
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
    }

    @Test
    void missingFileSaysWhatToDo() {
        assertThatThrownBy(() -> ConfigLoader.load(Path.of("/nonexistent/hostr.toml"), Map.of(), ConfigMode.SERVE))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not exist: copy config.example.toml");
    }
}
