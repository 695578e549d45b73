package org.hostr;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.time.Clock;
import java.time.Duration;
import org.hostr.config.HostrConfig;
import org.hostr.payments.strike.StrikeClient;
import org.hostr.payments.strike.StrikeRetryPolicy;
import org.hostr.nostr.Hex;
import org.hostr.nostr.Keys;
import org.hostr.nostr.Nip19;
import org.hostr.sim.strike.StrikeSimulator;
import org.hostr.sim.strike.StrikeSimulatorSettings;
import org.hostr.sim.whm.WhmSimulator;

/**
 * Everything `hostr demo` needs, made up on the spot: a SQLite file in the demo folder, example plans, random secrets
 * kept beside the database (so sessions survive a restart), the movable clock, and the Strike and WHM simulators on
 * loopback ports. Nothing here is used by `serve`.
 */
public final class DemoEnvironment implements AutoCloseable {
    static final String SHOP_NAME = "Hostr demo";

    private final Application application;
    private final String url;
    private final StrikeSimulator strike;
    private final WhmSimulator whm;

    private DemoEnvironment(Application application, String url, StrikeSimulator strike, WhmSimulator whm) {
        this.application = application;
        this.url = url;
        this.strike = strike;
        this.whm = whm;
    }

    public static DemoEnvironment start(int port, Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("the demo folder " + dataDir + " cannot be created", e);
        }
        Properties secrets = secrets(dataDir.resolve("demo-secrets.properties"));
        String publicUrl = "http://localhost:" + port;
        // The simulators speak Strike's and WHM's HTTP on loopback ports of their own; `serve` never starts them.
        StrikeSimulator strike = new StrikeSimulator(StrikeSimulatorSettings.defaults(secrets.getProperty("strike_api_key"))).start(0);
        WhmSimulator whm = new WhmSimulator().start(0);
        HostrConfig config = config(port, publicUrl, dataDir, secrets, strike.baseUrl(), whm.baseUrl());
        byte[] customerKey = DemoLoginRoutes.key(secrets.getProperty("demo_customer_key"));
        byte[] adminKey = DemoLoginRoutes.key(secrets.getProperty("demo_admin_key"));
        // The demo's login route signs with the real time; the shop's movable clock only moves billing.
        DemoLoginRoutes demoLogin = new DemoLoginRoutes(customerKey, adminKey, publicUrl, java.time.Clock.systemUTC());
        try {
            Application app = Application.start(config, new Application.Options(true, SHOP_NAME, List.of(demoLogin, new DemoPaymentRoutes(strike))));
            subscribeWebhooks(strike, secrets, port);
            return new DemoEnvironment(app, publicUrl, strike, whm);
        } catch (RuntimeException e) {
            strike.stop();
            whm.stop();
            throw e;
        }
    }

    static HostrConfig config(int port, String publicUrl, Path dataDir, Properties secrets, String strikeUrl, String whmUrl) {
        return new HostrConfig(
                new HostrConfig.Server("127.0.0.1", port, publicUrl, ""),
                new HostrConfig.Database("jdbc:sqlite:" + dataDir.resolve("hostr.db").toAbsolutePath(), "", "", 4),
                new HostrConfig.Auth(List.of(Nip19.npubEncode(Keys.publicKeyHex(DemoLoginRoutes.key(secrets.getProperty("demo_admin_key"))))),
                        secrets.getProperty("session_secret"), 168, List.of(), 120),
                new HostrConfig.Strike(strikeUrl, secrets.getProperty("strike_api_key"),
                        secrets.getProperty("webhook_secret"), "USD", 10),
                new HostrConfig.Billing("USD", 7, 3, 15, false, 7, 10),
                new HostrConfig.Secrets(secrets.getProperty("encryption_key")),
                new HostrConfig.Metrics(true, ""),
                new HostrConfig.Dev(true),
                // The demo's shop has a key of its own, so notices are built and recorded; with no relays configured
                // they are marked skipped ("nowhere to send") instead of leaving the machine.
                new HostrConfig.Notify(Nip19.nsecEncode(DemoLoginRoutes.key(secrets.getProperty("shop_key"))), List.of(),
                        true, SHOP_NAME, "shop", 5),
                plans(),
                List.of(new HostrConfig.WhmServerEntry("demo-whm", whmUrl, WhmSimulator.DEFAULT_USER,
                        WhmSimulator.DEFAULT_TOKEN, 500, "", true)));
    }

    /** The original sketch's Basic plan and two larger ones. */
    static List<HostrConfig.PlanEntry> plans() {
        return List.of(
                new HostrConfig.PlanEntry("basic", "Basic", "Everything a personal site needs.", 10 * 1024, 100 * 1024,
                        "basic", 500, 0, "USD", "P1M", true, 1),
                new HostrConfig.PlanEntry("standard", "Standard", "More room for a busy blog or a small shop.", 50 * 1024,
                        500 * 1024, "standard", 1200, 0, "USD", "P1M", true, 2),
                new HostrConfig.PlanEntry("pro", "Pro", "For agencies and several sites, billed yearly.", 200 * 1024, 0,
                        "pro", 24000, 1000, "USD", "P1Y", true, 3));
    }

    private static Properties secrets(Path file) {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        boolean changed = false;
        changed |= fill(p, "session_secret", 48);
        changed |= fill(p, "encryption_key", 32);
        changed |= fill(p, "webhook_secret", 24);
        changed |= fill(p, "strike_api_key", 24);
        changed |= fill(p, "whm_token", 24);
        changed |= fillKey(p, "demo_customer_key");
        changed |= fillKey(p, "demo_admin_key");
        changed |= fillKey(p, "shop_key");
        if (changed) {
            try (Writer out = Files.newBufferedWriter(file)) {
                p.store(out, "Secrets of this demo only; delete the folder to start afresh");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }
        return p;
    }

    private static boolean fill(Properties p, String key, int bytes) {
        if (p.getProperty(key) != null) {
            return false;
        }
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        String value = Base64.getEncoder().encodeToString(random);
        // Strike's webhook secrets are 10 to 50 characters.
        p.setProperty(key, key.equals("webhook_secret") ? value.substring(0, 32) : value);
        return true;
    }

    /** What `hostr strike subscribe` does for a real shop: the simulator then posts signed webhooks to the demo. */
    private static void subscribeWebhooks(StrikeSimulator strike, Properties secrets, int port) {
        try (StrikeClient client = new StrikeClient(strike.baseUrl(), secrets.getProperty("strike_api_key"),
                Duration.ofSeconds(2), Duration.ofSeconds(5), StrikeRetryPolicy.defaults(), Clock.systemUTC())) {
            client.createSubscription("http://127.0.0.1:" + port + "/webhooks/strike", secrets.getProperty("webhook_secret"),
                    List.of("invoice.updated"));
        }
    }

    private static boolean fillKey(Properties p, String key) {
        if (p.getProperty(key) != null) {
            return false;
        }
        p.setProperty(key, Hex.encode(Keys.generate().secretKey()));
        return true;
    }

    public Application application() {
        return application;
    }

    public String url() {
        return url;
    }

    public StrikeSimulator strike() {
        return strike;
    }

    public WhmSimulator whm() {
        return whm;
    }

    @Override
    public void close() {
        application.close();
        strike.stop();
        whm.stop();
    }
}
