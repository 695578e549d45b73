package org.hostr.nostr;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * NIP-19 strings shown to people: npub, nsec, note and nprofile. Events and NIP-05 JSON carry hex only; these are for
 * the login page, the account page and pasted input.
 */
public final class Nip19 {
    private static final int TLV_SPECIAL = 0;
    private static final int TLV_RELAY = 1;

    private Nip19() {
    }

    public static String npubEncode(String pubkeyHex) {
        return Bech32.encode("npub", Hex.decode(pubkeyHex, 32));
    }

    public static String nsecEncode(byte[] secretKey) {
        if (secretKey == null || secretKey.length != 32) {
            throw new IllegalArgumentException("a secret key is 32 bytes");
        }
        return Bech32.encode("nsec", secretKey);
    }

    public static String noteEncode(String eventIdHex) {
        return Bech32.encode("note", Hex.decode(eventIdHex, 32));
    }

    /** Pubkey TLV first, then one TLV per relay. TLV order is not canonical: compare decoded values, not strings. */
    public static String nprofileEncode(String pubkeyHex, List<String> relays) {
        ByteArrayOutputStream tlv = new ByteArrayOutputStream();
        writeTlv(tlv, TLV_SPECIAL, Hex.decode(pubkeyHex, 32));
        for (String relay : relays) {
            writeTlv(tlv, TLV_RELAY, relay.getBytes(StandardCharsets.UTF_8));
        }
        return Bech32.encode("nprofile", tlv.toByteArray());
    }

    public static Nip19Entity decode(String text) throws InvalidNip19Exception {
        Bech32.Decoded decoded = Bech32.decode(text == null ? null : text.strip());
        byte[] data = decoded.data();
        return switch (decoded.hrp()) {
            case "npub" -> new Nip19Entity.Npub(Hex.encode(exactly32(data, "npub")));
            case "note" -> new Nip19Entity.Note(Hex.encode(exactly32(data, "note")));
            case "nsec" -> nsec(exactly32(data, "nsec"));
            case "nprofile" -> nprofile(data);
            default -> throw new InvalidNip19Exception("unsupported NIP-19 prefix \"" + shorten(decoded.hrp())
                    + "\": expected npub, nsec, note or nprofile");
        };
    }

    /** The hex public key of an npub or nprofile, the two forms a person pastes to name an account. */
    public static String decodePublicKey(String text) throws InvalidNip19Exception {
        Nip19Entity entity = decode(text);
        if (entity instanceof Nip19Entity.Npub npub) {
            return npub.pubkey();
        }
        if (entity instanceof Nip19Entity.Nprofile profile) {
            return profile.pubkey();
        }
        throw new InvalidNip19Exception("expected an npub or nprofile, got a NIP-19 "
                + entity.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
    }

    private static byte[] exactly32(byte[] data, String prefix) throws InvalidNip19Exception {
        if (data.length != 32) {
            throw new InvalidNip19Exception(prefix + " must hold 32 bytes, this one holds " + data.length);
        }
        return data;
    }

    private static Nip19Entity nsec(byte[] secretKey) throws InvalidNip19Exception {
        if (!Schnorr.isValidSecretKey(secretKey)) {
            throw new InvalidNip19Exception("nsec is not a usable secp256k1 secret key (zero or ≥ the curve order)");
        }
        return new Nip19Entity.Nsec(secretKey);
    }

    private static Nip19Entity nprofile(byte[] data) throws InvalidNip19Exception {
        String pubkey = null;
        List<String> relays = new ArrayList<>();
        int i = 0;
        while (i < data.length) {
            if (i + 2 > data.length || i + 2 + (data[i + 1] & 0xff) > data.length) {
                throw new InvalidNip19Exception("nprofile TLV at byte " + i + " runs past the end of the data");
            }
            int type = data[i] & 0xff;
            byte[] value = Arrays.copyOfRange(data, i + 2, i + 2 + (data[i + 1] & 0xff));
            i += 2 + value.length;
            if (type == TLV_SPECIAL && pubkey == null) {
                pubkey = Hex.encode(exactly32(value, "nprofile pubkey TLV"));
            } else if (type == TLV_RELAY) {
                relays.add(new String(value, StandardCharsets.UTF_8));
            }
            // NIP-19: decoders must ignore TLV types they do not know.
        }
        if (pubkey == null) {
            throw new InvalidNip19Exception("nprofile has no pubkey (TLV type 0)");
        }
        return new Nip19Entity.Nprofile(pubkey, relays);
    }

    private static void writeTlv(ByteArrayOutputStream out, int type, byte[] value) {
        if (value.length > 255) {
            throw new IllegalArgumentException("a NIP-19 TLV value is at most 255 bytes, got " + value.length);
        }
        out.write(type);
        out.write(value.length);
        out.writeBytes(value);
    }

    private static String shorten(String s) {
        return s.length() <= 20 ? s : s.substring(0, 20) + "…";
    }
}
