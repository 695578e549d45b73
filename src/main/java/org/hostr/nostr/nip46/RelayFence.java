package org.hostr.nostr.nip46;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import org.hostr.nostr.nip05.PublicAddresses;

/**
 * Which relays a customer's bunker URI may make the shop connect to. The URI is typed by a stranger, so without a
 * fence it would let anyone make the server open connections inside its own network (SSRF). Relays on the shop's
 * own list (auth.relays) are the operator's choice and always allowed; any other must be on a public address.
 *
 * <p>Two checks, because OkHttp resolves names through {@link #dns()} but connects to IP literals directly: literals
 * are refused when the URI is read, names when they are resolved (so a DNS answer cannot change after the check).
 */
public final class RelayFence {
    private final Set<String> trustedHosts;

    /** @param trustedRelays the shop's own relays (auth.relays); their hosts are allowed whatever their address */
    public RelayFence(List<String> trustedRelays) {
        this.trustedHosts = trustedRelays.stream().map(RelayFence::host).filter(Objects::nonNull)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** @throws InvalidBunkerUriException RELAY_NOT_PUBLIC when a relay is an IP literal outside public space */
    public void admit(BunkerUri bunker) throws InvalidBunkerUriException {
        for (String relay : bunker.relays()) {
            String host = host(relay);
            if (host == null || trustedHosts.contains(host)) {
                continue;
            }
            if (isIpLiteral(host) && !isPublicLiteral(host)) {
                throw new InvalidBunkerUriException(InvalidBunkerUriException.Reason.RELAY_NOT_PUBLIC);
            }
        }
    }

    /** The resolver for connections to bunker relays: names of untrusted hosts must resolve to public addresses. */
    public Dns dns() {
        return hostname -> {
            List<InetAddress> addresses = Dns.SYSTEM.lookup(hostname);
            if (trustedHosts.contains(hostname.toLowerCase(Locale.ROOT))) {
                return addresses;
            }
            for (InetAddress address : addresses) {
                if (!PublicAddresses.isPublic(address)) {
                    // An UnknownHostException, so OkHttp treats it as a failed look-up and connects nowhere.
                    throw new UnknownHostException(hostname + " resolves to a non-public address");
                }
            }
            return addresses;
        };
    }

    /** The host as OkHttp will connect to it (IPv6 without brackets), or null for a URL OkHttp cannot read. */
    static String host(String relayUrl) {
        String lower = relayUrl.toLowerCase(Locale.ROOT);
        HttpUrl url = lower.startsWith("wss://") ? HttpUrl.parse("https" + relayUrl.substring(3))
                : lower.startsWith("ws://") ? HttpUrl.parse("http" + relayUrl.substring(2)) : null;
        return url == null ? null : url.host();
    }

    // The same test OkHttp makes before it skips DNS: digits and dots (IPv4, in any of its short forms) or a colon.
    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    private static boolean isPublicLiteral(String host) {
        try {
            return PublicAddresses.isPublic(InetAddress.getByName(host));
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
