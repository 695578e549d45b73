package org.hostr.drills;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated orders, for POST /api/v1/orders (JSON) and the order form POST /order/{plan}: mutated plans, domains and
 * promo codes, extra fields, wrong types, huge strings, unicode tricks, broken JSON and broken form encoding. Each
 * order names a domain of its own, so a valid one can be placed; {@link Order#mayPlace} says whether it may be.
 */
final class OrderInputs {
    /** One generated order: which route, what kind of input, the request parts, and whether it may succeed. */
    record Order(boolean form, String kind, String path, String contentType, String body, String idempotencyKey,
                 boolean mayPlace) {
    }

    /** Plans, domains and codes to mutate with; JSON-escaped where it matters (NUL, lone surrogate). */
    private static final String[] TRICKY = {"\\u0000", "a\\u0000b", "\u202e", "\u200b", "\uD83D\uDE00", "\\ud800", "e\u0301",
            "ＢＡＳＩＣ", "\\\"", "\\\\", "%00", "'; DROP TABLE services; --", "<script>alert(1)</script>", "{{ 7*7 }}",
            "../../etc/passwd", "\\n", "\\t", " ", "null", "undefined", "basic\\u0000"};
    private static final String[] WRONG_TYPES = {"123", "-1", "1e400", "true", "null", "{}", "[]", "[\"basic\"]",
            "{\"slug\":\"basic\"}", "123456789012345678901234567890"};

    private final Random random;
    private int serial;

    OrderInputs(Random random) {
        this.random = random;
    }

    List<Order> generate(int count) {
        List<Order> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(random.nextInt(10) < 7 ? json() : form());
        }
        return out;
    }

    private Order json() {
        String domain = "fuzz-" + (serial++) + ".example";
        String plan = "\"basic\"";
        String promo = random.nextBoolean() ? null : "\"SAVE20\"";
        String extra = "";
        String key = random.nextInt(4) == 0 ? "key-" + random.nextInt(50) : null;
        String kind;
        boolean mayPlace = true;
        switch (random.nextInt(9)) {
            case 0 -> { kind = "extra fields"; extra = ",\"" + text() + "\":" + WRONG_TYPES[random.nextInt(WRONG_TYPES.length)]
                    + ",\"plan_id\":1,\"customer_id\":1,\"total_minor\":0,\"status\":\"PAID\""; }
            case 1 -> {
                kind = "mutated plan";
                String t = text();
                plan = "\"" + t + "\"";
                mayPlace = unescape(t).trim().equals("basic"); // orders trim the plan: " basic " is still basic
            }
            case 2 -> { kind = "plan of the wrong type"; plan = WRONG_TYPES[random.nextInt(WRONG_TYPES.length)]; mayPlace = false; }
            case 3 -> { kind = "mutated domain"; domain = text() + domain; }
            case 4 -> { kind = "domain of the wrong type"; return jsonOrder(kind, "{\"plan\":\"basic\",\"domain\":"
                    + WRONG_TYPES[random.nextInt(WRONG_TYPES.length)] + "}", key, false); }
            case 5 -> { kind = "mutated promo code"; promo = random.nextBoolean() ? "\"" + text() + "\""
                    : WRONG_TYPES[random.nextInt(WRONG_TYPES.length)]; }
            case 6 -> {
                // over the API's 64 KiB, and now and then over the server's 1 MB (each of those costs the run time)
                kind = "huge string";
                domain = "x".repeat(random.nextInt(10) == 0 ? 1_100_000 : 70_000) + domain;
                mayPlace = false;
            }
            case 7 -> { kind = "broken JSON"; return broken("{\"plan\":\"basic\",\"domain\":\"" + domain + "\"}", key); }
            default -> { kind = "unicode domain"; domain = "bücher-" + serial + ".example"; }
        }
        String body = "{\"plan\":" + plan + ",\"domain\":\"" + domain + "\"" + (promo == null ? "" : ",\"promo_code\":" + promo)
                + extra + "}";
        return jsonOrder(kind, body, key, mayPlace);
    }

    private Order jsonOrder(String kind, String body, String key, boolean mayPlace) {
        return new Order(false, kind, "/api/v1/orders", "application/json", body, key, mayPlace);
    }

    private Order form() {
        String domain = "form-" + (serial++) + ".example";
        String plan = "basic";
        String promo = random.nextBoolean() ? "" : "save20";
        String key = "form-key-" + random.nextInt(1_000_000);
        String kind;
        boolean mayPlace = true;
        String body = null;
        switch (random.nextInt(6)) {
            case 0 -> { kind = "form, mutated plan in the path"; plan = text(); mayPlace = plan.equals("basic"); }
            case 1 -> { kind = "form, mutated domain"; domain = text() + domain; }
            case 2 -> { kind = "form, mutated promo code"; promo = text(); }
            case 3 -> {
                kind = "form, mutated idempotency key";
                key = random.nextBoolean() ? text() : "k".repeat(150 + random.nextInt(100));
            }
            case 4 -> { kind = "form, broken encoding"; body = brokenForm(domain); mayPlace = body.contains("&domain="); }
            default -> { kind = "form, valid"; }
        }
        if (body == null) {
            body = "domain=" + enc(unescape(domain)) + "&promo_code=" + enc(unescape(promo))
                    + "&idempotency_key=" + enc(unescape(key));
        }
        String path = "/order/" + enc(unescape(plan)).replace("+", "%20");
        return new Order(true, kind, path, "application/x-www-form-urlencoded", body, null, mayPlace);
    }

    /** A string of the kinds that break naive code: tricky unicode, random junk, long. */
    private String text() {
        return switch (random.nextInt(4)) {
            case 0 -> TRICKY[random.nextInt(TRICKY.length)];
            case 1 -> TRICKY[random.nextInt(TRICKY.length)] + "basic" + TRICKY[random.nextInt(TRICKY.length)];
            case 2 -> "y".repeat(random.nextInt(3_000));
            default -> {
                StringBuilder junk = new StringBuilder();
                for (int n = random.nextInt(30); n > 0; n--) {
                    char c = (char) (0x20 + random.nextInt(0x2000));
                    junk.append(c == '"' || c == '\\' || Character.isSurrogate(c) ? 'q' : c);
                }
                yield junk.toString();
            }
        };
    }

    /** Broken JSON; a second object after the first, or one changed character, may still be a valid order. */
    private Order broken(String json, String key) {
        return switch (random.nextInt(7)) {
            case 0 -> jsonOrder("truncated JSON", json.substring(0, random.nextInt(json.length())), key, false);
            case 1 -> jsonOrder("JSON array", "[" + json + "]", key, false);
            case 2 -> jsonOrder("deep nesting", "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000), key, false);
            case 3 -> jsonOrder("not JSON", json.replace(":", "="), key, false);
            case 4 -> jsonOrder("empty body", "", key, false);
            case 5 -> jsonOrder("two objects", json + json, key, true);
            default -> {
                char[] chars = json.toCharArray();
                chars[random.nextInt(chars.length)] = (char) random.nextInt(128);
                yield jsonOrder("one character changed", new String(chars), key, true);
            }
        };
    }

    private String brokenForm(String domain) {
        String[] bodies = {"domain=%zz", "domain=%", "domain=%E0%A4%A", "&&&==&", "domain", "=" + domain,
                "domain=" + domain + "&domain=other.example", "%00=%00", "domain=" + "%41".repeat(300_000)};
        return bodies[random.nextInt(bodies.length)];
    }

    /** JSON escapes in the shared tricks, turned into the characters themselves for a form or a path. */
    private static String unescape(String s) {
        return s.replace("\\u0000", "\u0000").replace("\\ud800", "\uFFFD").replace("\\n", "\n").replace("\\t", "\t")
                .replace("\\\"", "\"").replace("\\\\", "\\");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
