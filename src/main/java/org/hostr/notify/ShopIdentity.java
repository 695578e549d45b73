package org.hostr.notify;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hostr.config.HostrConfig;
import org.hostr.nostr.InvalidNip19Exception;
import org.hostr.nostr.Keys;
import org.hostr.nostr.Nip19;
import org.hostr.nostr.Nip19Entity;
import org.hostr.nostr.NostrKeyPair;

/**
 * Who the shop is on Nostr: its key (from [notify] shop_nsec), the name on its profile, and its NIP-05 address
 * {@code <shop_nip05_name>@<host of public_url>}, which customers' clients check against /.well-known/nostr.json.
 */
public record ShopIdentity(NostrKeyPair keys, String name, String nip05Name, String host, String website,
                           List<String> relays) {

    public ShopIdentity {
        relays = List.copyOf(relays);
    }

    /** Empty when no shop key is configured: notices are then recorded and skipped. */
    public static Optional<ShopIdentity> of(HostrConfig.Notify notify, String baseUrl) {
        if (!notify.enabled()) {
            return Optional.empty();
        }
        byte[] secretKey;
        try {
            if (!(Nip19.decode(notify.shopNsec()) instanceof Nip19Entity.Nsec nsec)) {
                throw new IllegalArgumentException("notify.shop_nsec is not an nsec");
            }
            secretKey = nsec.secretKey();
        } catch (InvalidNip19Exception e) {
            // The config check refuses this already; the message never quotes the key.
            throw new IllegalArgumentException("notify.shop_nsec is not a valid nsec");
        }
        String host = URI.create(baseUrl).getHost().toLowerCase(Locale.ROOT);
        return Optional.of(new ShopIdentity(new NostrKeyPair(secretKey, Keys.publicKeyHex(secretKey)), notify.shopName(),
                notify.shopNip05Name(), host, baseUrl, notify.relays()));
    }

    public String pubkey() {
        return keys.pubkey();
    }

    public String npub() {
        return Nip19.npubEncode(keys.pubkey());
    }

    /** {@code shop@hosting.example.com}. */
    public String nip05() {
        return nip05Name + "@" + host;
    }

    @Override
    public String toString() {
        return "ShopIdentity[pubkey=" + keys.pubkey() + ", nip05=" + nip05() + "]";
    }
}
