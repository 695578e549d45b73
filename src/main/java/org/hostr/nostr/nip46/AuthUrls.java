package org.hostr.nostr.nip46;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The page a signer asks the person to open ({@code auth_url}, NIP-46). It ends up as a link on our login page, so
 * only a plain http(s) URL of sane length passes: never {@code javascript:} or {@code data:}.
 */
final class AuthUrls {
    static final int MAX_CHARS = 2048;

    private AuthUrls() {
    }

    static Optional<String> safe(String url) {
        if (url == null || url.length() > MAX_CHARS || url.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean web = scheme.equals("https") || scheme.equals("http");
            return web && uri.getHost() != null && uri.getRawUserInfo() == null ? Optional.of(url) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
