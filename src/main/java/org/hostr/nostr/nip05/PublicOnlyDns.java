package org.hostr.nostr.nip05;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import okhttp3.Dns;

/**
 * Resolves a name and refuses it when any address is not {@link PublicAddresses#isPublic public}. Checking here, in
 * the resolver OkHttp connects with, rather than in a look-up of our own beforehand, leaves no gap for a DNS answer
 * that changes between the check and the connection (DNS rebinding).
 */
final class PublicOnlyDns implements Dns {
    private final Dns resolver;

    PublicOnlyDns(Dns resolver) {
        this.resolver = resolver;
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        List<InetAddress> addresses = resolver.lookup(hostname);
        for (InetAddress address : addresses) {
            if (!PublicAddresses.isPublic(address)) {
                throw new BlockedAddressException(hostname + " resolves to non-public address "
                        + address.getHostAddress());
            }
        }
        return addresses;
    }

    /** An {@link UnknownHostException} so OkHttp treats it as a failed look-up and connects nowhere. */
    static final class BlockedAddressException extends UnknownHostException {
        BlockedAddressException(String message) {
            super(message);
        }
    }
}
