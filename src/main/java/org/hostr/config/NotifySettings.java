package org.hostr.config;

import java.util.List;
import java.util.regex.Pattern;
import org.hostr.nostr.InvalidNip19Exception;
import org.hostr.nostr.Nip19;
import org.hostr.nostr.Nip19Entity;

/** Checks the [notify] section. The shop's secret key is never quoted back, not even in part. */
final class NotifySettings {
    /** NIP-05 allows a-z, 0-9, "-", "_" and "." in the local part; we keep it lowercase so it matches as typed. */
    private static final Pattern NIP05_NAME = Pattern.compile("[a-z0-9._-]{1,64}");
    private static final int MAX_SHOP_NAME = 100;

    private NotifySettings() {
    }

    static void validate(HostrConfig.Notify n, ConfigMode mode, List<String> p) {
        if (!n.shopNsec().isEmpty()) {
            shopKey(n.shopNsec(), p);
            if (n.relays().isEmpty() && mode == ConfigMode.SERVE) {
                p.add("notify.relays is empty while notify.shop_nsec is set: list at least one wss:// relay, where the"
                        + " shop publishes its profile and looks up where customers receive messages");
            }
        }
        for (String relay : n.relays()) {
            if (!relay.startsWith("wss://") && !relay.startsWith("ws://")) {
                p.add("notify.relays has \"" + relay + "\": relay URLs start with wss://");
            }
        }
        if (n.shopName().isBlank() || n.shopName().length() > MAX_SHOP_NAME) {
            p.add("notify.shop_name must be 1 to " + MAX_SHOP_NAME + " characters: the name customers see on the"
                    + " shop's Nostr profile");
        }
        if (!NIP05_NAME.matcher(n.shopNip05Name()).matches()) {
            p.add("notify.shop_nip05_name must be lowercase letters, digits, \".\", \"-\" or \"_\" (at most 64),"
                    + " such as \"shop\", found \"" + n.shopNip05Name() + "\"");
        }
        if (n.publishTimeoutSeconds() < 1 || n.publishTimeoutSeconds() > 120) {
            p.add("notify.publish_timeout_seconds must be between 1 and 120, found " + n.publishTimeoutSeconds());
        }
    }

    private static void shopKey(String nsec, List<String> p) {
        String fix = ": make a key for the shop (any Nostr client can) and set its nsec1… as HOSTR_NOTIFY_SHOP_NSEC,"
                + " or leave notify.shop_nsec empty to record notices without sending them";
        try {
            Nip19Entity entity = Nip19.decode(nsec);
            if (entity instanceof Nip19Entity.Npub) {
                p.add("notify.shop_nsec holds a public key (npub); it needs the shop's secret key, nsec1…" + fix);
            } else if (!(entity instanceof Nip19Entity.Nsec)) {
                p.add("notify.shop_nsec is not an nsec (it decodes as another NIP-19 kind)" + fix);
            }
        } catch (InvalidNip19Exception | RuntimeException e) {
            // The decoder's message may quote the input; the key must not reach a log or a terminal.
            p.add("notify.shop_nsec is not a valid nsec (nsec1…, 63 characters with a correct checksum)" + fix);
        }
    }
}
