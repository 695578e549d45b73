package org.hostr.nostr.nip46;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import org.bouncycastle.crypto.signers.BIP340Signer;
import org.hostr.nostr.Hex;
import org.hostr.nostr.nip46.InvalidBunkerUriException.Reason;

/**
 * {@code bunker://<remote-signer-pubkey>?relay=wss://…&relay=…&secret=…} (NIP-46), as a customer pastes it. Read
 * strictly: it decides which key we encrypt to and which servers we connect to, so anything doubtful is refused
 * before a single byte is sent. The secret is optional and single-use; {@link #toString()} hides it.
 */
public record BunkerUri(String signerPubkey, List<String> relays, Optional<String> secret) {
    public static final int MAX_CHARS = 2048;
    public static final int MAX_RELAYS = 8;
    static final int MAX_RELAY_CHARS = 256;
    static final int MAX_SECRET_CHARS = 256;
    private static final int MAX_PARAMETERS = 32;
    private static final String SCHEME = "bunker://";

    public BunkerUri {
        relays = List.copyOf(relays);
    }

    /**
     * Parses a pasted URI; surrounding white space is ignored, nothing else is forgiven.
     *
     * @throws InvalidBunkerUriException with the first problem found
     */
    public static BunkerUri parse(String text) throws InvalidBunkerUriException {
        if (text == null) {
            throw new InvalidBunkerUriException(Reason.NOT_BUNKER);
        }
        if (text.length() > MAX_CHARS) {
            throw new InvalidBunkerUriException(Reason.TOO_LONG);
        }
        String uri = text.strip();
        if (!uri.startsWith(SCHEME)) {
            throw new InvalidBunkerUriException(Reason.NOT_BUNKER);
        }
        if (uri.indexOf('#') >= 0) {
            throw new InvalidBunkerUriException(Reason.MALFORMED);
        }
        int query = uri.indexOf('?');
        String pubkey = uri.substring(SCHEME.length(), query < 0 ? uri.length() : query);
        if (!isSignerKey(pubkey)) {
            throw new InvalidBunkerUriException(Reason.BAD_PUBKEY);
        }
        Set<String> relays = new LinkedHashSet<>();
        String secret = null;
        for (String[] parameter : parameters(query < 0 ? "" : uri.substring(query + 1))) {
            if (parameter[0].equals("relay")) {
                relays.add(relay(parameter[1]));
            } else if (parameter[0].equals("secret")) {
                if (secret != null) {
                    throw new InvalidBunkerUriException(Reason.MALFORMED);
                }
                secret = secret(parameter[1]);
            }
            // Other parameters are for other clients (NIP-46 may add some): ignored, not refused.
        }
        if (relays.isEmpty()) {
            throw new InvalidBunkerUriException(Reason.NO_RELAY);
        }
        if (relays.size() > MAX_RELAYS) {
            throw new InvalidBunkerUriException(Reason.TOO_MANY_RELAYS);
        }
        return new BunkerUri(pubkey, new ArrayList<>(relays), Optional.ofNullable(secret).filter(s -> !s.isEmpty()));
    }

    /** True for a 64-character lowercase hex x-only key that is really on secp256k1: we are about to encrypt to it. */
    static boolean isSignerKey(String pubkey) {
        if (!Hex.isLowercaseHex(pubkey, 32)) {
            return false;
        }
        try {
            return BIP340Signer.decodePublicKey(Hex.decode(pubkey, 32)) != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static List<String[]> parameters(String query) throws InvalidBunkerUriException {
        List<String[]> parameters = new ArrayList<>();
        for (String part : query.split("&", -1)) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0 || parameters.size() >= MAX_PARAMETERS) {
                throw new InvalidBunkerUriException(Reason.MALFORMED);
            }
            try {
                parameters.add(new String[] {part.substring(0, eq),
                        URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8)});
            } catch (IllegalArgumentException e) {
                throw new InvalidBunkerUriException(Reason.MALFORMED);
            }
        }
        return parameters;
    }

    /** A ws:// or wss:// URL with a host and nothing that could smuggle credentials or a second target. */
    static String relay(String url) throws InvalidBunkerUriException {
        String lower = url.toLowerCase(Locale.ROOT);
        boolean secure = lower.startsWith("wss://");
        if (url.length() > MAX_RELAY_CHARS || !(secure || lower.startsWith("ws://"))
                || url.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            throw new InvalidBunkerUriException(Reason.BAD_RELAY);
        }
        HttpUrl parsed = HttpUrl.parse((secure ? "https" : "http") + url.substring(secure ? 3 : 2));
        if (parsed == null || !parsed.username().isEmpty() || !parsed.password().isEmpty()
                || parsed.fragment() != null) {
            throw new InvalidBunkerUriException(Reason.BAD_RELAY);
        }
        return url;
    }

    private static String secret(String value) throws InvalidBunkerUriException {
        if (value.length() > MAX_SECRET_CHARS || value.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            throw new InvalidBunkerUriException(Reason.BAD_SECRET);
        }
        return value;
    }

    @Override
    public String toString() {
        return "BunkerUri[signerPubkey=" + signerPubkey + ", relays=" + relays + ", secret="
                + (secret.isPresent() ? "<hidden>" : "none") + "]";
    }
}
