package org.hostr.provisioning.whm;

import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * Where one WHM server is and how to log in to it.
 *
 * @param baseUrl        WHM's own address, such as {@code https://whm1.example.com:2087} (no path)
 * @param user           {@code root} or a reseller
 * @param token          API token from WHM » Manage API Tokens; never printed, not even by {@link #toString()}
 * @param tlsFingerprint SHA-256 of the server certificate in hex (colons allowed) to pin a self-signed
 *                       certificate; null or blank means normal certificate verification
 */
public record WhmEndpoint(String baseUrl, String user, String token, String tlsFingerprint) {

    public WhmEndpoint {
        HttpUrl url = baseUrl == null ? null : HttpUrl.parse(baseUrl.strip());
        if (url == null) {
            throw new IllegalArgumentException("WHM url must be a URL such as https://whm1.example.com:2087, found \""
                    + baseUrl + "\"");
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("WHM user must not be empty for " + baseUrl + ": use root or a reseller");
        }
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("WHM token must not be empty for " + baseUrl
                    + ": create an API token in WHM » Manage API Tokens");
        }
        // A path is kept for WHM behind a proxy; only the trailing slash goes, calls add "/json-api/…".
        baseUrl = url.newBuilder().query(null).fragment(null).build().toString().replaceAll("/+$", "");
        user = user.strip();
        token = token.strip();
        tlsFingerprint = tlsFingerprint == null || tlsFingerprint.isBlank()
                ? null : PinnedCertificate.normalize(tlsFingerprint);
    }

    public static WhmEndpoint of(String baseUrl, String user, String token) {
        return new WhmEndpoint(baseUrl, user, token, null);
    }

    /** The pinned certificate fingerprint as 64 lowercase hex digits, if any. */
    public Optional<String> pinnedFingerprint() {
        return Optional.ofNullable(tlsFingerprint);
    }

    /** host:port, for messages and logs. */
    public String hostAndPort() {
        HttpUrl url = HttpUrl.get(baseUrl);
        return url.host() + ":" + url.port();
    }

    @Override
    public String toString() {
        return "WhmEndpoint[baseUrl=" + baseUrl + ", user=" + user + ", token=***, tlsFingerprint="
                + (tlsFingerprint == null ? "none" : tlsFingerprint) + "]";
    }
}
