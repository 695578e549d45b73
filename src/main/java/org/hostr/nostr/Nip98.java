package org.hostr.nostr;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * NIP-98 HTTP auth checks, pure: no clock, no HTTP, no database. The caller adds what needs state (challenge
 * consumed once, seen-id cache, spec §5). Cheap checks run first and the signature last, so junk costs little.
 */
public final class Nip98 {
    public static final int KIND = 27235;
    /** NIP-98 suggests 60 s; nostr-tools uses the same. */
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(60);
    /** A login event has three or four tags; these bounds only stop hostile events from costing work. */
    public static final int MAX_TAGS = 100;
    public static final int MAX_TAG_VALUE_CHARS = 4096;
    // Tags whose meaning is "the" value: two of them would let the event say one thing to us and another to a proxy.
    private static final Set<String> SINGLE_TAGS = Set.of("u", "method", "payload", "challenge");

    private Nip98() {
    }

    /** Parses the header and checks it; an unreadable header is {@link Nip98Failure#MALFORMED}. Never throws. */
    public static Nip98Result checkAuthorization(String headerValue, String expectedUrl, String expectedMethod,
            Instant now, byte[] body) {
        NostrEvent event;
        try {
            event = Nip98Header.parse(headerValue);
        } catch (MalformedEventException e) {
            return new Nip98Result.Rejected(Nip98Failure.MALFORMED, e.getMessage());
        }
        return check(event, expectedUrl, expectedMethod, now, body, DEFAULT_WINDOW);
    }

    /** {@link #check(NostrEvent, String, String, Instant, byte[], Duration)} with the 60 s window. */
    public static Nip98Result check(NostrEvent event, String expectedUrl, String expectedMethod, Instant now,
            byte[] body) {
        return check(event, expectedUrl, expectedMethod, now, body, DEFAULT_WINDOW);
    }

    /**
     * Checks that the event authorizes this request. {@code expectedUrl} is the configured public URL with the query
     * string, never one rebuilt from the Host header. {@code body} is null when the request has none; when given,
     * the payload tag becomes required.
     */
    public static Nip98Result check(NostrEvent event, String expectedUrl, String expectedMethod, Instant now,
            byte[] body, Duration window) {
        String u;
        String method;
        Optional<String> payload;
        try {
            checkShape(event);
            u = tagValue(event, "u").orElse(null);
            method = tagValue(event, "method").orElse(null);
            payload = tagValue(event, "payload");
        } catch (MalformedEventException e) {
            return reject(Nip98Failure.MALFORMED, e.getMessage());
        }
        if (event.kind() != KIND) {
            return reject(Nip98Failure.WRONG_KIND, "kind " + event.kind() + ", expected " + KIND);
        }
        long nowSeconds = now.getEpochSecond();
        long windowSeconds = window.getSeconds();
        if (event.createdAt() < nowSeconds - windowSeconds || event.createdAt() > nowSeconds + windowSeconds) {
            return reject(Nip98Failure.STALE, "created_at " + event.createdAt() + " is more than " + windowSeconds
                    + " s from now (" + nowSeconds + ")");
        }
        if (u == null || !u.equals(expectedUrl)) {
            return reject(Nip98Failure.WRONG_URL,
                    u == null ? "no u tag" : "u tag is " + u + ", expected " + expectedUrl);
        }
        // nostr-tools does not upper-case the method it signs, and compares case-insensitively.
        if (method == null || !Nip98Header.asciiEqualsIgnoreCase(method, expectedMethod)) {
            return reject(Nip98Failure.WRONG_METHOD,
                    method == null ? "no method tag" : "method tag is " + method + ", expected " + expectedMethod);
        }
        if (body != null) {
            String bodyHash = Hex.encode(EventSerializer.sha256(body));
            if (payload.isEmpty() || !payload.get().equals(bodyHash)) {
                return reject(Nip98Failure.BAD_PAYLOAD, payload.isEmpty()
                        ? "request has a body but no payload tag" : "payload tag is not the sha256 of the body");
            }
        }
        return switch (EventVerifier.verify(event)) {
            case OK -> new Nip98Result.Accepted(event);
            case BAD_ID -> reject(Nip98Failure.BAD_ID, "id does not match the event's fields");
            case BAD_SIGNATURE -> reject(Nip98Failure.BAD_SIGNATURE, "signature does not verify for " + event.pubkey());
        };
    }

    /**
     * The first value of the tag named {@code name}, e.g. {@code tagValue(event, "challenge")}; empty if absent. For
     * u, method, payload and challenge a repeated tag, or one with no value, is malformed.
     */
    public static Optional<String> tagValue(NostrEvent event, String name) throws MalformedEventException {
        List<String> found = null;
        for (List<String> tag : event.tags()) {
            if (tag.isEmpty() || !tag.get(0).equals(name)) {
                continue;
            }
            if (found == null) {
                found = tag;
            } else if (SINGLE_TAGS.contains(name)) {
                throw new MalformedEventException("event has more than one \"" + name + "\" tag");
            }
        }
        if (found == null) {
            return Optional.empty();
        }
        if (found.size() < 2) {
            throw new MalformedEventException("event's \"" + name + "\" tag has no value");
        }
        return Optional.of(found.get(1));
    }

    private static void checkShape(NostrEvent event) throws MalformedEventException {
        if (event.tags().size() > MAX_TAGS) {
            throw new MalformedEventException("event has " + event.tags().size() + " tags, the limit is " + MAX_TAGS);
        }
        for (List<String> tag : event.tags()) {
            for (String value : tag) {
                if (value.length() > MAX_TAG_VALUE_CHARS) {
                    throw new MalformedEventException("event has a tag value over " + MAX_TAG_VALUE_CHARS
                            + " characters");
                }
            }
        }
    }

    private static Nip98Result reject(Nip98Failure failure, String detail) {
        return new Nip98Result.Rejected(failure, detail);
    }
}
