package org.hostr.nostr.nip46;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import org.hostr.nostr.Hex;

/**
 * {@code nostrconnect://<client-pubkey>?relay=…&secret=…&perms=…&name=…} (NIP-46): what the login page shows as a
 * QR code for a signer app to scan. The signer answers on those relays with a connect response whose result is the
 * secret; only that proves the answer comes from the phone that scanned this code.
 */
public final class NostrConnectUri {
    /** What the login asks for, so a signer can offer to approve just that: kind-27235 login events. */
    public static final String LOGIN_PERMISSIONS = "sign_event:27235";
    /** More relays only make the QR code denser; a signer needs one it can reach. */
    public static final int MAX_RELAYS = BunkerUri.MAX_RELAYS;

    private NostrConnectUri() {
    }

    /**
     * @param relays the shop's relays (auth.relays); duplicates and any beyond {@link #MAX_RELAYS} are left out
     * @throws IllegalArgumentException for a client key that is not 64 lowercase hex characters, no relay or no secret
     */
    public static String of(String clientPubkey, List<String> relays, String secret, String perms, String name) {
        if (!Hex.isLowercaseHex(clientPubkey, 32)) {
            throw new IllegalArgumentException("the client key must be 64 lowercase hex characters");
        }
        if (relays.isEmpty() || secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a nostrconnect URI needs at least one relay and a secret");
        }
        StringBuilder uri = new StringBuilder("nostrconnect://").append(clientPubkey);
        char separator = '?';
        for (String relay : new LinkedHashSet<>(relays).stream().limit(MAX_RELAYS).toList()) {
            uri.append(separator).append("relay=").append(encode(relay));
            separator = '&';
        }
        uri.append("&secret=").append(encode(secret));
        uri.append("&perms=").append(encode(perms));
        uri.append("&name=").append(encode(name));
        return uri.toString();
    }

    // Form encoding writes a space as "+"; %20 reads the same everywhere, including URLSearchParams in signer apps.
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
