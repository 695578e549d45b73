package org.hostr.nostr.nip05;

import java.net.InetAddress;

/**
 * Which addresses a customer-supplied domain may make us connect to. Anything that reaches the shop's own machine or
 * network (loopback, private, link-local with the cloud metadata service at 169.254.169.254, carrier NAT) is refused,
 * as are reserved and documentation ranges, and IPv6 forms that embed one of those IPv4 addresses.
 */
public final class PublicAddresses {
    private PublicAddresses() {
    }

    public static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        return b.length == 4 ? isPublicIpv4(b) : isPublicIpv6(b);
    }

    private static boolean isPublicIpv4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        int third = b[2] & 0xff;
        return first != 0                                              // 0.0.0.0/8 "this network"
                && first != 10 && first != 127                         // private, loopback (also via isX above)
                && !(first == 100 && (second & 0xc0) == 64)            // 100.64.0.0/10 carrier-grade NAT
                && !(first == 169 && second == 254)                    // link-local, cloud metadata
                && !(first == 172 && (second & 0xf0) == 16)            // 172.16.0.0/12
                && !(first == 192 && second == 168)                    // 192.168.0.0/16
                && !(first == 192 && second == 0 && (third == 0 || third == 2)) // IETF protocol, TEST-NET-1
                && !(first == 198 && (second & 0xfe) == 18)            // 198.18.0.0/15 benchmarking
                && !(first == 198 && second == 51 && third == 100)     // TEST-NET-2
                && !(first == 203 && second == 0 && third == 113)      // TEST-NET-3
                && first < 224;                                        // multicast, reserved, broadcast
    }

    private static boolean isPublicIpv6(byte[] b) {
        if ((b[0] & 0xfe) == 0xfc) {
            return false; // fc00::/7 unique local
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0 && b[3] == 0) {
            return false; // 2001::/32 Teredo tunnels an IPv4 address we cannot easily check
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
            return false; // 2001:db8::/32 documentation
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return isPublicIpv4(new byte[] {b[2], b[3], b[4], b[5]}); // 2002::/16 6to4
        }
        if (isZero(b, 0, 12) || b[0] == 0 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff
                && (b[3] & 0xff) == 0x9b && isZero(b, 4, 12)) {
            // ::a.b.c.d (IPv4-compatible) and 64:ff9b::a.b.c.d (NAT64) reach that IPv4 address.
            return isPublicIpv4(new byte[] {b[12], b[13], b[14], b[15]});
        }
        return true;
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
