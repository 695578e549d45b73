package org.hostr.nostr.nip05;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.Proxy;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import okhttp3.Authenticator;
import okhttp3.CookieJar;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;
import org.hostr.nostr.Hex;

/**
 * Checks that a NIP-05 identifier ({@code bob@example.com}) names a pubkey: {@code GET
 * https://example.com/.well-known/nostr.json?name=bob} must answer 200 with {@code names.bob} equal to it. The domain
 * is typed by the customer, so the request is fenced: public addresses only, no redirects (NIP-05 also forbids them),
 * short timeouts, a small body. Never throws for anything the domain does.
 */
public final class Nip05Verifier {
    /** A nostr.json for one name is well under 1 KiB; big "all users" files are still far below this. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Duration TOTAL_TIMEOUT = Duration.ofSeconds(5);
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final OkHttpClient http;
    private final boolean allowPrivateAddresses;
    private final Function<String, HttpUrl> siteForDomain;

    /** Production: https on port 443, public addresses only. */
    public Nip05Verifier(OkHttpClient shared) {
        this(shared, false, domain -> new HttpUrl.Builder().scheme("https").host(domain).build());
    }

    /**
     * For tests, which serve nostr.json from a local plain-HTTP server: {@code siteForDomain} maps the domain to the
     * base URL to ask instead, and {@code allowPrivateAddresses} lets that be 127.0.0.1.
     */
    Nip05Verifier(OkHttpClient shared, boolean allowPrivateAddresses, Function<String, HttpUrl> siteForDomain) {
        this.allowPrivateAddresses = allowPrivateAddresses;
        this.siteForDomain = siteForDomain;
        OkHttpClient.Builder builder = shared.newBuilder();
        // Interceptors of the shared client may add credentials meant for another service.
        builder.interceptors().clear();
        builder.networkInterceptors().clear();
        builder.followRedirects(false)
                .followSslRedirects(false)
                .connectTimeout(TIMEOUT)
                .readTimeout(TIMEOUT)
                .writeTimeout(TIMEOUT)
                .callTimeout(TOTAL_TIMEOUT)
                .cookieJar(CookieJar.NO_COOKIES)
                .authenticator(Authenticator.NONE)
                .cache(null);
        if (!allowPrivateAddresses) {
            // Through a proxy the proxy resolves the name, and our resolver check would never run.
            builder.dns(new PublicOnlyDns(shared.dns())).proxy(Proxy.NO_PROXY);
        }
        this.http = builder.build();
    }

    /** True only when the identifier is verified for this pubkey. */
    public boolean verify(String nip05, String pubkeyHex) {
        return check(nip05, pubkeyHex).verified();
    }

    /** @param pubkeyHex the pubkey the customer logged in with, 64 lowercase hex characters */
    public Nip05Result check(String nip05, String pubkeyHex) {
        if (!Hex.isLowercaseHex(pubkeyHex, 32)) {
            throw new IllegalArgumentException("pubkey must be 64 lowercase hex characters");
        }
        Optional<Nip05Address> parsed = Nip05Address.parse(nip05);
        if (parsed.isEmpty()) {
            return result(Nip05Status.BAD_IDENTIFIER, "not a NIP-05 identifier");
        }
        Nip05Address address = parsed.get();
        if (!allowPrivateAddresses && address.domainIsIpAddress()) {
            return result(Nip05Status.BLOCKED_ADDRESS, address.domain() + " is an IP address, not a domain");
        }
        HttpUrl url = siteForDomain.apply(address.domain()).newBuilder()
                .addPathSegments(".well-known/nostr.json")
                .addQueryParameter("name", address.local())
                .build();
        Request request = new Request.Builder().url(url).header("Accept", "application/json").build();
        try (Response response = http.newCall(request).execute()) {
            return answer(address, pubkeyHex, response);
        } catch (IOException e) {
            if (isBlocked(e)) {
                return result(Nip05Status.BLOCKED_ADDRESS, e.getMessage());
            }
            return result(Nip05Status.UNREACHABLE, address.domain() + ": " + e);
        }
    }

    private static Nip05Result answer(Nip05Address address, String pubkeyHex, Response response) throws IOException {
        if (response.isRedirect()) {
            return result(Nip05Status.REDIRECT_REFUSED, address.domain() + " answered HTTP " + response.code());
        }
        if (response.code() != 200) {
            return result(Nip05Status.HTTP_ERROR, address.domain() + " answered HTTP " + response.code());
        }
        Optional<byte[]> body = boundedBody(response);
        if (body.isEmpty()) {
            return result(Nip05Status.TOO_LARGE, "nostr.json is larger than " + MAX_BODY_BYTES + " bytes");
        }
        JsonNode names;
        try {
            names = MAPPER.readTree(body.get()).path("names");
        } catch (JsonProcessingException e) {
            return result(Nip05Status.BAD_JSON, "nostr.json is not JSON");
        }
        if (!names.isObject()) {
            return result(Nip05Status.BAD_JSON, "nostr.json has no \"names\" object");
        }
        JsonNode entry = names.get(address.local());
        if (entry == null) {
            return result(Nip05Status.NAME_NOT_FOUND, "nostr.json has no name " + address.local());
        }
        // Exact match: NIP-05 wants lowercase hex, and nostr-tools compares the same way.
        if (!entry.isTextual() || !entry.textValue().equals(pubkeyHex)) {
            return result(Nip05Status.PUBKEY_MISMATCH, address + " names another pubkey");
        }
        return result(Nip05Status.VERIFIED, address + " names " + pubkeyHex);
    }

    /** Reads at most one byte past the limit, so an endless body costs no more than that. */
    private static Optional<byte[]> boundedBody(Response response) throws IOException {
        BufferedSource source = response.body().source();
        if (source.request(MAX_BODY_BYTES + 1L)) {
            return Optional.empty();
        }
        return Optional.of(source.getBuffer().readByteArray());
    }

    private static boolean isBlocked(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PublicOnlyDns.BlockedAddressException) {
                return true;
            }
        }
        return false;
    }

    private static Nip05Result result(Nip05Status status, String detail) {
        return new Nip05Result(status, detail);
    }
}
