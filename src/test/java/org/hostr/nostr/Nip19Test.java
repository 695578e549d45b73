package org.hostr.nostr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Vectors from spec §3, all confirmed with nostr-tools. */
class Nip19Test {
    private static final String FIATJAF = "3bf0c63fcb93463407af97a5e5ee64fa883d107ef9e558472c4eb9aaaefa459d";
    private static final String FIATJAF_NPUB = "npub180cvv07tjdrrgpa0j7j7tmnyl2yr6yr7l8j4s3evf6u64th6gkwsyjh6w6";
    private static final String NPROFILE = "nprofile1qqsrhuxx8l9ex335q7he0f09aej04zpazpl0ne2cgukyawd24mayt8gpp4mhxue69"
            + "uhhytnc9e3k7mgpz4mhxue69uhkg6nzv9ejuumpv34kytnrdaksjlyr9p";

    @Test
    void npubVectorsDecodeToTheirHexKeys() throws Exception {
        assertThat(Nip19.decode(FIATJAF_NPUB)).isEqualTo(new Nip19Entity.Npub(FIATJAF));
        assertThat(Nip19.decode("npub10elfcs4fr0l0r8af98jlmgdh9c8tcxjvz9qkw038js35mp4dma8qzvjptg"))
                .isEqualTo(new Nip19Entity.Npub("7e7e9c42a91bfef19fa929e5fda1b72e0ebc1a4c1141673e2794234d86addf4e"));
    }

    @Test
    void npubEncodeMatchesTheVectors() {
        assertThat(Nip19.npubEncode(FIATJAF)).isEqualTo(FIATJAF_NPUB);
        assertThat(Nip19.npubEncode(Fixtures.PUBKEY_3))
                .isEqualTo("npub1lycg5qvjtrp3qjf5f7zl382j9x6nrjz9sdhenvyxq8c3808qxmus6gq266");
    }

    @Test
    void nsecVectorsRoundTrip() throws Exception {
        byte[] key = Hex.decode("67dea2ed018072d675f5415ecfaed7d2597555e202d85b3d65ea4e58d2d92ffa", 32);
        String nsec = "nsec1vl029mgpspedva04g90vltkh6fvh240zqtv9k0t9af8935ke9laqsnlfe5";

        assertThat(Nip19.nsecEncode(key)).isEqualTo(nsec);
        assertThat(Nip19.decode(nsec)).isEqualTo(new Nip19Entity.Nsec(key));
        assertThat(Nip19.nsecEncode(Fixtures.SECRET_KEY_3))
                .isEqualTo("nsec1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqps52s3re");
    }

    @Test
    void noteVectorRoundTrips() throws Exception {
        String id = Fixtures.NIP98_EXAMPLE.id();
        String note = "note1l6tyuavfqvmq72xcgfxsjtdgf98dyp7t4q33zzlr547luj6hsu6qan4yl9";

        assertThat(Nip19.noteEncode(id)).isEqualTo(note);
        assertThat(Nip19.decode(note)).isEqualTo(new Nip19Entity.Note(id));
    }

    @Test
    void nprofileFromTheNipDecodesToPubkeyAndRelays() throws Exception {
        assertThat(Nip19.decode(NPROFILE))
                .isEqualTo(new Nip19Entity.Nprofile(FIATJAF, List.of("wss://r.x.com", "wss://djbas.sadkb.com")));
    }

    @Test
    void nprofileRoundTripsByValueThoughTheStringMayDiffer() throws Exception {
        List<String> relays = List.of("wss://r.x.com", "wss://djbas.sadkb.com");

        String encoded = Nip19.nprofileEncode(FIATJAF, relays);

        assertThat(Nip19.decode(encoded)).isEqualTo(Nip19.decode(NPROFILE));
    }

    @Test
    void nprofileIgnoresUnknownTlvTypes() throws Exception {
        byte[] tlv = concat(new byte[] {9, 2, 7, 7, 0, 32}, Hex.decode(FIATJAF, 32), new byte[] {5, 0});

        assertThat(Nip19.decode(Bech32.encode("nprofile", tlv)))
                .isEqualTo(new Nip19Entity.Nprofile(FIATJAF, List.of()));
    }

    @Test
    void nprofileWithATruncatedTlvIsRefused() {
        byte[] tlv = concat(new byte[] {0, 32}, Hex.decode(FIATJAF, 32), new byte[] {1, 40, 'w', 's', 's'});

        assertInvalid(Bech32.encode("nprofile", tlv), "runs past the end");
    }

    @Test
    void nprofileWithoutAPubkeyIsRefused() {
        assertInvalid(Bech32.encode("nprofile", new byte[] {1, 3, 'w', 's', 's'}), "no pubkey");
    }

    @Test
    void decodePublicKeyAcceptsNpubAndNprofileOnly() throws Exception {
        assertThat(Nip19.decodePublicKey(FIATJAF_NPUB)).isEqualTo(FIATJAF);
        assertThat(Nip19.decodePublicKey(NPROFILE)).isEqualTo(FIATJAF);
        assertThatThrownBy(() -> Nip19.decodePublicKey(Nip19.nsecEncode(Fixtures.SECRET_KEY_3)))
                .isInstanceOf(InvalidNip19Exception.class).hasMessageContaining("expected an npub");
    }

    @Test
    void uppercaseStringsDecodeButMixedCaseIsRefused() throws Exception {
        assertThat(Nip19.decode(FIATJAF_NPUB.toUpperCase(Locale.ROOT))).isEqualTo(new Nip19Entity.Npub(FIATJAF));
        assertInvalid("Npub" + FIATJAF_NPUB.substring(4), "mixes upper and lower case");
    }

    @Test
    void aMistypedCharacterFailsTheChecksum() {
        String mistyped = FIATJAF_NPUB.substring(0, 10) + (FIATJAF_NPUB.charAt(10) == 'q' ? 'p' : 'q')
                + FIATJAF_NPUB.substring(11);

        assertInvalid(mistyped, "checksum");
    }

    @Test
    void bech32mIsNotBech32() {
        // A valid bech32m string from BIP-350.
        assertInvalid("a1lqfn3a", "checksum");
    }

    @Test
    void stringsOverFiveThousandCharactersAreRefused() {
        assertInvalid("npub1" + "q".repeat(5000), "limit is 5000");
    }

    @Test
    void longNprofilesUpToTheLimitDecode() throws Exception {
        List<String> relays = List.of("wss://" + "a".repeat(200) + ".example.com", "wss://b.example.com");

        assertThat(Nip19.decode(Nip19.nprofileEncode(FIATJAF, relays)))
                .isEqualTo(new Nip19Entity.Nprofile(FIATJAF, relays));
    }

    @Test
    void unknownPrefixesAndWrongLengthsAreRefused() {
        assertInvalid(Bech32.encode("nbogus", Hex.decode(FIATJAF, 32)), "unsupported NIP-19 prefix");
        assertInvalid(Bech32.encode("npub", new byte[31]), "32 bytes");
        assertInvalid(Bech32.encode("nsec", new byte[32]), "not a usable secp256k1 secret key");
    }

    @Test
    void garbageIsRefusedWithAReason() {
        assertInvalid("", "empty");
        assertInvalid("npub", "checksum characters");
        assertInvalid("npub1 abc", "printable ASCII");
        assertInvalid("npub1bio0000", "bech32 alphabet");
    }

    @Test
    void errorMessagesNeverRepeatAnNsec() {
        String nsec = Nip19.nsecEncode(Fixtures.SECRET_KEY_3);
        String broken = nsec.substring(0, nsec.length() - 1) + (nsec.endsWith("q") ? "p" : "q");

        assertThatThrownBy(() -> Nip19.decode(broken)).message().doesNotContain(broken.substring(5));
    }

    private static void assertInvalid(String text, String messagePart) {
        assertThatThrownBy(() -> Nip19.decode(text))
                .isInstanceOf(InvalidNip19Exception.class)
                .hasMessageContaining(messagePart);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
