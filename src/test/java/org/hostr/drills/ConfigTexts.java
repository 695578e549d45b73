package org.hostr.drills;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generated config files: a complete, valid one mutated one to four times (lines dropped, doubled or added, values of
 * every TOML type put where another belongs, characters flipped, the text cut short, deep nesting, unicode), and
 * environment overrides that may be wrong too.
 */
final class ConfigTexts {
    static final String VALID = """
            [server]
            host = "127.0.0.1"
            port = 8080
            public_url = "https://hosting.example.com"
            trusted_proxy_header = ""
            [database]
            url = "jdbc:sqlite:data/hostr.db"
            pool_size = 8
            [auth]
            admin_npubs = []
            session_secret = "0123456789abcdef0123456789abcdef0123"
            session_ttl_hours = 168
            relays = ["wss://relay.damus.io"]
            [strike]
            api_key = "k"
            webhook_secret = "webhook-secret-123"
            invoice_currency = "USD"
            reconcile_seconds = 30
            [billing]
            currency = "USD"
            grace_days = 3
            review_before_terminate = false
            [secrets]
            encryption_key = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
            [notify]
            shop_name = "Hostr"
            publish_timeout_seconds = 10
            [metrics]
            enabled = true
            [dev]
            test_clock = false
            [[plans]]
            slug = "basic"
            name = "Basic"
            storage_mb = 10240
            bandwidth_mb = 102400
            whm_package = "basic"
            price_minor = 500
            period = "P1M"
            [[whm_servers]]
            name = "whm1"
            url = "https://whm1.example.com:2087"
            token = "TOKEN"
            tls_fingerprint = ""
            """;

    /** One generated case: what was done to the file, its text, and the environment it is read with. */
    record Case(String mutations, String text, Map<String, String> env) {
    }

    private static final String[] VALUES = {"\"text\"", "\"\"", "123", "-1", "0", "9223372036854775807",
            "99999999999999999999999", "1.5", "-0.0", "inf", "nan", "-inf", "true", "[]", "[1, \"a\"]", "[[1], [2]]", "{}",
            "{ a = 1 }", "1979-05-27T07:32:00Z", "1979-05-27", "07:32:00", "0xDEADBEEF", "0o777", "0b101", "1_000",
            "\"\"\"multi\nline\"\"\"", "'literal'", "'''raw\n'''", "\"\\u0000\"", "\"\\uD800\"", "\"\\U0010FFFF\"", "\"\u202e\u200b\"",
            "\"npub1\"", "[\"npub1xyz\", 3]", "\"jdbc:postgresql://\"", "\"http://[::1\"", "\"ws://\"", "\"\\x\"", "", "=",
            "\"unterminated"};
    private static final String[] LINES = {"unknown = 1", "[nope]", "[server.sub]", "[[server]]", "[[plans]]", "[[plans]]\nslug = 3",
            "[[whm_servers]]\nname = \"x\"", "plans = 3", "whm_servers = { a = 1 }", "server.port = 1", "\"server\" = 1", "a.\"b\".c = 1",
            "[plans]", "[dev]", "[\"quoted section\"]", "ключ = \"значение\"", "[server]\nport = 1", "[[plans]]\n[plans.extra]",
            "\uFEFF", "#\u0000comment", "[ server ]", "[]", "[[]]", "= 1", "x = 1 = 2", "[a.b.c.d.e.f]", "\t\t", "\r\n"};
    private static final String[] ENV_KEYS = {"HOSTR_SERVER_PORT", "HOSTR_DATABASE_URL", "HOSTR_DATABASE_POOL_SIZE",
            "HOSTR_AUTH_ADMIN_NPUBS", "HOSTR_AUTH_SESSION_SECRET", "HOSTR_BILLING_REVIEW_BEFORE_TERMINATE",
            "HOSTR_STRIKE_WEBHOOK_SECRET", "HOSTR_NOTIFY_SHOP_NSEC", "HOSTR_SECRETS_ENCRYPTION_KEY", "HOSTR_NOTIFY_RELAYS"};
    private static final String[] ENV_VALUES = {"", " ", "abc", "-1", "99999999999999999999", " 8080 ", "yes", "maybe", ",,,",
            "npub1xyz", "nsec1", "\u0000", "wss://a, ws://b", "jdbc:sqlite:", "x".repeat(5000)};

    private final Random random;

    ConfigTexts(Random random) {
        this.random = random;
    }

    List<Case> generate(int count) {
        List<Case> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(next());
        }
        return out;
    }

    private Case next() {
        String text = VALID;
        List<String> done = new ArrayList<>();
        // Mostly one mutation, so most files are still TOML and reach the checks of meaning behind the parser.
        for (int n = 1 + (random.nextInt(4) == 0 ? random.nextInt(3) : 0); n > 0; n--) {
            int op = Math.max(0, random.nextInt(12) - 4);
            done.add(switch (op) {
                case 0 -> "value";
                case 1 -> "line dropped";
                case 2 -> "line doubled";
                case 3 -> "line added";
                case 4 -> "characters changed";
                case 5 -> "cut short";
                case 6 -> "deep nesting";
                default -> "garbage";
            });
            text = mutate(op, text);
        }
        Map<String, String> env = new HashMap<>();
        for (int n = random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 0; n > 0; n--) {
            env.put(ENV_KEYS[random.nextInt(ENV_KEYS.length)], ENV_VALUES[random.nextInt(ENV_VALUES.length)]);
        }
        return new Case(String.join(", ", done), text, env);
    }

    private String mutate(int op, String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int at = random.nextInt(lines.size());
        switch (op) {
            case 0 -> {
                String line = lines.get(at);
                int eq = line.indexOf('=');
                lines.set(at, (eq < 0 ? "key" : line.substring(0, eq)) + "= " + VALUES[random.nextInt(VALUES.length)]);
            }
            case 1 -> lines.remove(at);
            case 2 -> lines.add(at, lines.get(at));
            case 3 -> lines.add(at, LINES[random.nextInt(LINES.length)]);
            case 4 -> {
                StringBuilder b = new StringBuilder(text);
                for (int n = 1 + random.nextInt(4); n > 0 && !b.isEmpty(); n--) {
                    int i = random.nextInt(b.length());
                    switch (random.nextInt(3)) {
                        case 0 -> b.deleteCharAt(i);
                        case 1 -> b.insert(i, (char) random.nextInt(0x3000));
                        default -> b.setCharAt(i, "=[]{}\"'#.,\\\n ".charAt(random.nextInt(13)));
                    }
                }
                return b.toString();
            }
            case 5 -> {
                return text.substring(0, random.nextInt(text.length() + 1));
            }
            case 6 -> {
                int depth = new int[] {10, 500, 1001, 5_000, 100_000}[random.nextInt(5)];
                lines.add(at, random.nextBoolean() ? "deep = " + "[".repeat(depth) + "]".repeat(depth)
                        : "deep = " + "{ a = ".repeat(depth) + "1" + " }".repeat(depth));
            }
            default -> {
                StringBuilder junk = new StringBuilder();
                for (int n = random.nextInt(200); n > 0; n--) {
                    junk.append((char) random.nextInt(0x800));
                }
                lines.add(at, junk.toString());
            }
        }
        return String.join("\n", lines);
    }
}
