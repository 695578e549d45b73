package org.hostr.nostr;

import java.time.Instant;
import java.util.List;

/** Shared test data: the spec §11 vectors and a small builder for login events signed with secret key 00…03. */
final class Fixtures {
    static final byte[] SECRET_KEY_3 =
            Hex.decode("0000000000000000000000000000000000000000000000000000000000000003", 32);
    static final String PUBKEY_3 = "f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9";
    static final long CREATED_AT = 1_700_000_000L;
    static final Instant JUST_AFTER = Instant.ofEpochSecond(CREATED_AT + 5);
    static final String LOGIN_URL = "https://shop.example.com/auth/nostr/login";
    static final String CHALLENGE = "9f2c4e6a8b0d1f3e5a7c9b1d3f5e7a9c0b2d4f6e8a1c3e5b7d9f0a2c4e6b8d0f";

    /** Spec §11 E1: a login event signed by nostr-tools. */
    static final NostrEvent E1 = new NostrEvent(
            "ef8593ce9764f256a329d53cbb1c7eacf4504450fd342d24c61a0446915727c2",
            PUBKEY_3,
            CREATED_AT,
            27235,
            List.of(List.of("u", LOGIN_URL), List.of("method", "POST"), List.of("challenge", CHALLENGE)),
            "",
            "6674af0b70b65909d5deceb609cc2dd616a187a6d0a56c9f33012c81be4e893d"
                    + "f87dba8cceda53ec679cf126cef9caec822c46df1f3057ff5b6453ee8991c8f6");

    /** The example event printed in NIP-98 (98.md); its id does not match its fields (spec §5). */
    static final NostrEvent NIP98_EXAMPLE = new NostrEvent(
            "fe964e758903360f28d8424d092da8494ed207cba823110be3a57dfe4b578734",
            "63fe6318dc58583cfe16810f86dd09e18bfd76aabc24a0081ce2856f330504ed",
            1_682_327_852L,
            27235,
            List.of(List.of("u", "https://api.snort.social/api/v1/n5sp/list"), List.of("method", "GET")),
            "",
            "5ed9d8ec958bc854f997bdc24ac337d005af372324747efe4a00e24f4c30437f"
                    + "f4dd8308684bed467d9d6be3e5a517bb43b1732cc7d33949a3aaf86705c22184");

    private Fixtures() {
    }

    static NostrEvent signed(int kind, List<List<String>> tags, String content) {
        return EventSigner.sign(new EventTemplate(kind, tags, content, CREATED_AT), SECRET_KEY_3);
    }

    static NostrEvent signedLogin(List<List<String>> tags) {
        return signed(27235, tags, "");
    }

    static NostrEvent withContent(NostrEvent e, String content) {
        return new NostrEvent(e.id(), e.pubkey(), e.createdAt(), e.kind(), e.tags(), content, e.sig());
    }

    static NostrEvent withTags(NostrEvent e, List<List<String>> tags) {
        return new NostrEvent(e.id(), e.pubkey(), e.createdAt(), e.kind(), tags, e.content(), e.sig());
    }

    static NostrEvent withCreatedAt(NostrEvent e, long createdAt) {
        return new NostrEvent(e.id(), e.pubkey(), createdAt, e.kind(), e.tags(), e.content(), e.sig());
    }

    static NostrEvent withSig(NostrEvent e, String sig) {
        return new NostrEvent(e.id(), e.pubkey(), e.createdAt(), e.kind(), e.tags(), e.content(), sig);
    }
}
