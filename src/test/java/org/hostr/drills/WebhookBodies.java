package org.hostr.drills;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.hostr.payments.strike.StrikeWebhookSignature;

/**
 * Generated Strike webhook deliveries: well-formed events about invoices that are not ours, and every way a body can
 * go wrong (truncated, flipped bytes, huge, wrong types, deep nesting, unicode tricks, duplicated keys, garbage), each
 * validly signed or not.
 */
final class WebhookBodies {
    /** One delivery: what kind of input it is (for the failure message), the bytes, the signature header or null. */
    record Delivery(String kind, byte[] body, String signature) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static final String[] TYPES = {"invoice.updated", "invoice.created", "receive-request.receive-pending",
            "currency-exchange-quote.updated"};
    /** Text that breaks naive handling: NUL and other controls, bidi override, zero width, emoji, a lone surrogate
     * (escaped, so the bytes are valid UTF-8 but the string is not), combining marks, quotes and backslashes. */
    private static final String[] TRICKY = {"\\u0000", "a\\u0000b", "\\u0007\\u001b[31m", "\u202eevil", "zero\u200bwidth",
            "\uD83D\uDE00", "\\ud800", "\\udfff\\ud800", "e\u0301", "ＩＮＶ", "\\\"quoted\\\"", "back\\\\slash", " ", "",
            "ｉｎｖｏｉｃｅ.updated", "invoice.updated\\n", "%00", "'; DROP TABLE jobs; --"};

    private final Random random;
    private final String secret;
    private final List<Delivery> signedValid = new ArrayList<>();

    WebhookBodies(Random random, String secret) {
        this.random = random;
        this.secret = secret;
    }

    List<Delivery> generate(int count) {
        List<Delivery> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(next());
        }
        return out;
    }

    private Delivery next() {
        int kind = random.nextInt(12);
        if (kind == 11 && !signedValid.isEmpty()) {
            Delivery earlier = signedValid.get(random.nextInt(signedValid.size()));
            return new Delivery("replay of an earlier delivery", earlier.body(), earlier.signature());
        }
        String name;
        String body;
        switch (kind) {
            case 0 -> {
                name = "foreign event";
                body = event(uuid(), TYPES[random.nextInt(TYPES.length)], random.nextInt(5) == 0 ? null : uuid());
            }
            case 1 -> { name = "truncated"; String e = event(); body = e.substring(0, random.nextInt(e.length())); }
            case 2 -> { name = "flipped bytes"; return sign("flipped bytes", flip(event().getBytes(StandardCharsets.UTF_8))); }
            case 3 -> { name = "huge"; body = huge(); }
            case 4 -> { name = "wrong types"; body = wrongTypes(); }
            case 5 -> { name = "deep nesting"; body = deep(); }
            case 6 -> { name = "unicode tricks"; body = unicode(); }
            case 7 -> { name = "duplicated keys"; body = duplicatedKeys(); }
            case 8 -> {
                name = "long ids";
                body = event(longText(), "invoice.updated", random.nextBoolean() ? longText() : uuid());
            }
            case 9 -> { name = "not an object"; body = notAnObject(); }
            default -> {
                return sign("garbage bytes", bytes(random.nextInt(400)));
            }
        }
        return sign(name, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Mostly validly signed (the interesting case: only Strike knows the secret), else unsigned or signed wrongly. */
    private Delivery sign(String kind, byte[] body) {
        int how = random.nextInt(20);
        if (how < 14) {
            Delivery d = new Delivery(kind + ", signed", body, StrikeWebhookSignature.sign(body, secret));
            if (body.length < 2000) {
                signedValid.add(d);
            }
            return d;
        }
        return switch (how) {
            case 14 -> new Delivery(kind + ", signed in upper case", body, StrikeWebhookSignature.sign(body, secret).toUpperCase());
            case 15 -> new Delivery(kind + ", unsigned", body, null);
            case 16 -> new Delivery(kind + ", signed with another secret", body, StrikeWebhookSignature.sign(body, secret + "x"));
            case 17 -> new Delivery(kind + ", signature of other bytes", body,
                    StrikeWebhookSignature.sign(event().getBytes(StandardCharsets.UTF_8), secret));
            case 18 -> new Delivery(kind + ", truncated signature", body,
                    StrikeWebhookSignature.sign(body, secret).substring(0, random.nextInt(64)));
            default -> new Delivery(kind + ", random signature", body, HexFormat.of().formatHex(bytes(32)));
        };
    }

    private String event() {
        return event(uuid(), "invoice.updated", uuid());
    }

    /** Strike's v1 event shape; ids are JSON text already escaped where the caller wants escapes. */
    private String event(String id, String type, String entityId) {
        String data = entityId == null ? "{\"changes\":[\"state\"]}"
                : "{\"entityId\":\"" + entityId + "\",\"changes\":[\"state\"]}";
        return "{\"id\":\"" + id + "\",\"eventType\":\"" + type + "\",\"webhookVersion\":\"v1\",\"data\":" + data
                + ",\"created\":\"2026-11-21T10:00:00.000Z\"}";
    }

    private String huge() {
        // Around the receiver's 64 KiB, and now and then over the server's 1 MB (each of those costs the run time)
        int[] sizes = {60_000, 64 * 1024 - 200, 64 * 1024 + 1 + random.nextInt(200_000)};
        String padding = "x".repeat(random.nextInt(10) == 0 ? 1_200_000 : sizes[random.nextInt(sizes.length)]);
        return event().replace("\"changes\":[\"state\"]", "\"changes\":[\"" + padding + "\"]");
    }

    private String wrongTypes() {
        String[] values = {"123", "-1", "1e400", "0.5", "true", "false", "null", "{}", "[]", "[\"a\"]", "{\"a\":1}", "\"\"",
                "123456789012345678901234567890"};
        String value = values[random.nextInt(values.length)];
        String[] fields = {"\"id\":\"[^\"]*\"", "\"eventType\":\"[^\"]*\"", "\"data\":\\{[^}]*\\}", "\"entityId\":\"[^\"]*\"",
                "\"changes\":\\[[^]]*\\]", "\"created\":\"[^\"]*\"", "\"webhookVersion\":\"[^\"]*\""};
        String field = fields[random.nextInt(fields.length)];
        String key = field.substring(0, field.indexOf(':') + 1);
        return event().replaceFirst(field, key + value);
    }

    private String deep() {
        int depth = new int[] {10, 200, 999, 1001, 5000, 50_000}[random.nextInt(6)];
        boolean arrays = random.nextBoolean();
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        return event().replace("\"changes\":[\"state\"]", "\"changes\":" + open.repeat(depth) + "1" + close.repeat(depth));
    }

    private String unicode() {
        String trick = TRICKY[random.nextInt(TRICKY.length)];
        return switch (random.nextInt(4)) {
            case 0 -> event(uuid() + trick, "invoice.updated", uuid());
            case 1 -> event(uuid(), trick.isEmpty() ? "invoice.updated" : trick, uuid());
            case 2 -> event(uuid(), "invoice.updated", trick + uuid());
            default -> event(trick, "invoice.updated", uuid());
        };
    }

    private String duplicatedKeys() {
        String e = event();
        return switch (random.nextInt(3)) {
            case 0 -> e.replaceFirst("\\{", "{\"id\":\"" + uuid() + "\",");
            case 1 -> e.replaceFirst("\\{", "{\"eventType\":\"other.type\",")
                    .replaceFirst("}$", ",\"eventType\":\"invoice.updated\"}");
            default -> e.replaceFirst("}$", ",\"data\":{\"entityId\":\"" + uuid() + "\"},\"id\":\"" + uuid() + "\"}");
        };
    }

    private String notAnObject() {
        String[] bodies = {"", "null", "[]", "[" + event() + "]", "123", "\"invoice.updated\"", "true", "{", "}", "{}",
                "{\"id\":\"\",\"eventType\":\"invoice.updated\"}", "{\"id\":\"x\"}", "{\"eventType\":\"invoice.updated\"}",
                "{\"id\":\"   \",\"eventType\":\"invoice.updated\"}", "\uFEFF" + event(), event() + " trailing",
                event() + event(), "<xml/>", "id=1&eventType=invoice.updated"};
        return bodies[random.nextInt(bodies.length)];
    }

    private byte[] flip(byte[] body) {
        byte[] copy = body.clone();
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            copy[random.nextInt(copy.length)] ^= (byte) (1 + random.nextInt(255));
        }
        return copy;
    }

    /** Random, so PostgreSQL cannot compress it below an index row's size limit (about 2.7 kB). */
    private String longText() {
        return HexFormat.of().formatHex(bytes(100 + random.nextInt(5000)));
    }

    private String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
