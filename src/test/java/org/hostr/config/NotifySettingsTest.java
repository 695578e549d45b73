package org.hostr.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.hostr.nostr.Keys;
import org.hostr.nostr.Nip19;
import org.hostr.nostr.NostrKeyPair;
import org.junit.jupiter.api.Test;

class NotifySettingsTest {
    private static final NostrKeyPair SHOP = Keys.generate();
    private static final String NSEC = Nip19.nsecEncode(SHOP.secretKey());

    private static HostrConfig serve(String toml, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(ConfigLoaderTest.SECRETS);
        env.putAll(extraEnv);
        return ConfigLoader.parse(toml, "test.toml", env, ConfigMode.SERVE);
    }

    private static ConfigException refused(String toml, Map<String, String> extraEnv) {
        try {
            serve(toml, extraEnv);
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("expected the config to be refused");
    }

    @Test
    void withoutAShopKeyTheShopRunsAndSendsNothing() {
        HostrConfig.Notify n = serve("", Map.of()).notices();

        assertThat(n.enabled()).isFalse();
        assertThat(n.fallbackToConfiguredRelays()).isTrue();
        assertThat(n.shopNip05Name()).isEqualTo("shop");
        assertThat(n.publishTimeoutSeconds()).isEqualTo(10);
    }

    @Test
    void theShopKeyComesFromTheEnvironmentAndNeverShowsInToString() {
        HostrConfig c = serve("[notify]\nrelays = [\"wss://relay.example.com\"]\n", Map.of("HOSTR_NOTIFY_SHOP_NSEC", NSEC));

        assertThat(c.notices().shopNsec()).isEqualTo(NSEC);
        assertThat(c.toString()).doesNotContain(NSEC).contains("shopNsec=(set)");
    }

    @Test
    void aBrokenShopKeyIsNamedButNeverQuoted() {
        String broken = NSEC.substring(0, NSEC.length() - 1) + (NSEC.endsWith("q") ? "p" : "q");

        ConfigException e = refused("[notify]\nrelays = [\"wss://relay.example.com\"]\nshop_nsec = \"" + broken + "\"\n",
                Map.of());

        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("notify.shop_nsec is not a valid nsec"));
        assertThat(String.join("\n", e.problems())).doesNotContain(broken).doesNotContain(broken.substring(5, 20));
    }

    @Test
    void aPublicKeyInPlaceOfTheSecretOneIsExplained() {
        ConfigException e = refused("[notify]\nrelays = [\"wss://relay.example.com\"]\nshop_nsec = \""
                + Nip19.npubEncode(SHOP.pubkey()) + "\"\n", Map.of());

        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("notify.shop_nsec holds a public key (npub)"));
    }

    @Test
    void aShopKeyWithoutRelaysAndOtherBadValuesAreRefused() {
        ConfigException e = refused("""
                [notify]
                relays = []
                shop_nip05_name = "Shop Owner"
                shop_name = ""
                publish_timeout_seconds = 0
                """, Map.of("HOSTR_NOTIFY_SHOP_NSEC", NSEC));

        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("notify.relays is empty"))
                .anySatisfy(p -> assertThat(p).startsWith("notify.shop_nip05_name must be lowercase"))
                .anySatisfy(p -> assertThat(p).startsWith("notify.shop_name must be"))
                .anySatisfy(p -> assertThat(p).startsWith("notify.publish_timeout_seconds must be between 1 and 120"));
    }

    @Test
    void relayUrlsMustBeWebSockets() {
        ConfigException e = refused("[notify]\nrelays = [\"https://relay.example.com\"]\n", Map.of());

        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("notify.relays has \"https://relay.example.com\""));
    }
}
