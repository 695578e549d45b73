package org.hostr.provisioning;

import java.time.Instant;
import okhttp3.HttpUrl;

/**
 * A WHM server as the admin sees it; the API token is never part of it.
 *
 * @param accounts services on it that are not TERMINATED or CANCELLED
 */
public record Server(long id, String name, String url, String user, String tlsFingerprint, long maxAccounts,
                     boolean active, String nameservers, long accounts, Instant updatedAt) {

    /** cPanel's own login for customers: the WHM host on cPanel's TLS port. */
    public String cpanelUrl() {
        HttpUrl parsed = HttpUrl.parse(url);
        String host = parsed == null ? url : parsed.host();
        return "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":2083";
    }

    public boolean full() {
        return accounts >= maxAccounts;
    }
}
