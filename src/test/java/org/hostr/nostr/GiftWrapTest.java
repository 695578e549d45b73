package org.hostr.nostr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hostr.nostr.InvalidGiftWrapException.Reason;
import org.junit.jupiter.api.Test;

class GiftWrapTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final NostrKeyPair SHOP = Keys.generate();
    private static final NostrKeyPair CUSTOMER = Keys.generate();
    private static final NostrKeyPair MALLORY = Keys.generate();
    private final GiftWrapper wrapper = new GiftWrapper(CLOCK, new SecureRandom());

    @Test
    void theRecipientUnwrapsTheShopsMessage() throws Exception {
        Rumor message = notice("Your hosting for example.com renews on 1 April.");

        Rumor opened = GiftUnwrapper.unwrap(wrapper.wrap(message, SHOP, CUSTOMER.pubkey()), CUSTOMER.secretKey());

        assertThat(opened).isEqualTo(message);
        assertThat(opened.pubkey()).isEqualTo(SHOP.pubkey());
        assertThat(opened.kind()).isEqualTo(DirectMessage.KIND);
        assertThat(opened.content()).isEqualTo("Your hosting for example.com renews on 1 April.");
    }

    @Test
    void theWrapShowsOnlyTheRecipientAndIsSignedByAOneTimeKey() {
        NostrEvent first = wrapper.wrap(notice("hello"), SHOP, CUSTOMER.pubkey());
        NostrEvent second = wrapper.wrap(notice("hello"), SHOP, CUSTOMER.pubkey());

        assertThat(first.kind()).isEqualTo(1059);
        assertThat(first.tags()).isEqualTo(List.of(List.of("p", CUSTOMER.pubkey())));
        assertThat(EventVerifier.verify(first)).isEqualTo(EventVerification.OK);
        assertThat(first.pubkey()).isNotIn(SHOP.pubkey(), CUSTOMER.pubkey(), second.pubkey());
        assertThat(first.content()).doesNotContain("hello");
    }

    @Test
    void theSealIsSignedByTheSenderAndCarriesNoTags() throws Exception {
        NostrEvent wrap = wrapper.wrap(notice("hello"), SHOP, CUSTOMER.pubkey());

        NostrEvent seal = NostrEvent.fromJson(Nip44.decrypt(wrap.content(),
                Nip44.conversationKey(CUSTOMER.secretKey(), wrap.pubkey())));

        assertThat(seal.kind()).isEqualTo(13);
        assertThat(seal.pubkey()).isEqualTo(SHOP.pubkey());
        assertThat(seal.tags()).isEmpty();
        assertThat(EventVerifier.verify(seal)).isEqualTo(EventVerification.OK);
    }

    @Test
    void sealAndWrapAreBackdatedUpToTwoDaysButNeverIntoTheFuture() throws Exception {
        long now = NOW.getEpochSecond();
        GiftWrapper repeatable = new GiftWrapper(CLOCK, new RepeatableRandom(7));
        Set<Long> seen = new HashSet<>();

        for (int i = 0; i < 20; i++) {
            NostrEvent wrap = repeatable.wrap(notice("hello"), SHOP, CUSTOMER.pubkey());
            NostrEvent seal = NostrEvent.fromJson(Nip44.decrypt(wrap.content(),
                    Nip44.conversationKey(CUSTOMER.secretKey(), wrap.pubkey())));
            for (long createdAt : List.of(wrap.createdAt(), seal.createdAt())) {
                assertThat(createdAt).isBetween(now - 2 * 24 * 3600, now);
                seen.add(createdAt);
            }
        }

        assertThat(seen).as("distinct backdated times").hasSizeGreaterThan(30);
    }

    @Test
    void theOneTimeKeyAndTimesComeFromTheInjectedRandomness() {
        NostrEvent first = new GiftWrapper(CLOCK, new RepeatableRandom(42)).wrap(notice("hi"), SHOP, CUSTOMER.pubkey());
        NostrEvent again = new GiftWrapper(CLOCK, new RepeatableRandom(42)).wrap(notice("hi"), SHOP, CUSTOMER.pubkey());
        NostrEvent other = new GiftWrapper(CLOCK, new RepeatableRandom(43)).wrap(notice("hi"), SHOP, CUSTOMER.pubkey());

        assertThat(again.pubkey()).isEqualTo(first.pubkey());
        assertThat(again.createdAt()).isEqualTo(first.createdAt());
        assertThat(other.pubkey()).isNotEqualTo(first.pubkey());
    }

    @Test
    void anotherKeyCannotOpenTheWrap() {
        NostrEvent wrap = wrapper.wrap(notice("for the customer only"), SHOP, CUSTOMER.pubkey());

        assertRejected(wrap, MALLORY, Reason.WRAP_NOT_FOR_THIS_KEY);
    }

    @Test
    void aSealWithAnotherSealsSignatureIsRejected() {
        NostrEvent seal = wrapper.seal(notice("pay 10 sats"), SHOP, CUSTOMER.pubkey());
        NostrEvent donor = wrapper.seal(notice("pay 99999 sats"), SHOP, CUSTOMER.pubkey());
        NostrEvent forged = new NostrEvent(seal.id(), seal.pubkey(), seal.createdAt(), seal.kind(), seal.tags(),
                seal.content(), donor.sig());

        assertRejected(wrapper.wrapSeal(forged, CUSTOMER.pubkey()), CUSTOMER, Reason.BAD_SEAL_SIGNATURE);
    }

    @Test
    void aRumorClaimingAnotherAuthorThanTheSealSignerIsRejected() {
        Rumor claimsToBeFromTheShop = notice("send your password to mallory");
        NostrEvent sealedByMallory = wrapper.seal(claimsToBeFromTheShop, MALLORY, CUSTOMER.pubkey());

        assertRejected(wrapper.wrapSeal(sealedByMallory, CUSTOMER.pubkey()), CUSTOMER, Reason.SENDER_MISMATCH);
    }

    @Test
    void aRumorWhoseContentNoLongerMatchesItsIdIsRejected() {
        Rumor genuine = notice("renewal due in 7 days");
        Rumor altered = new Rumor(genuine.id(), genuine.pubkey(), genuine.createdAt(), genuine.kind(), genuine.tags(),
                "renewal due in 1 day");
        NostrEvent seal = wrapper.seal(altered, SHOP, CUSTOMER.pubkey());

        assertRejected(wrapper.wrapSeal(seal, CUSTOMER.pubkey()), CUSTOMER, Reason.BAD_RUMOR_ID);
    }

    @Test
    void aWrapAlteredAfterSigningIsRejectedBeforeDecrypting() {
        NostrEvent wrap = wrapper.wrap(notice("hello"), SHOP, CUSTOMER.pubkey());
        NostrEvent retagged = new NostrEvent(wrap.id(), wrap.pubkey(), wrap.createdAt(), wrap.kind(),
                List.of(List.of("p", MALLORY.pubkey())), wrap.content(), wrap.sig());

        assertRejected(retagged, CUSTOMER, Reason.BAD_WRAP_SIGNATURE);
    }

    @Test
    void anEventOfAnotherKindIsNotAGiftWrap() {
        NostrEvent note = EventSigner.sign(new EventTemplate(1, List.of(), "hi", NOW.getEpochSecond()),
                SHOP.secretKey());

        assertRejected(note, CUSTOMER, Reason.NOT_A_GIFT_WRAP);
    }

    @Test
    void aSealThatHoldsNoRumorIsRejectedWithoutQuotingWhatItHeld() {
        String content = Nip44.encrypt("{\"private\": secret words", Nip44.conversationKey(SHOP.secretKey(),
                CUSTOMER.pubkey()), new SecureRandom());
        NostrEvent seal = EventSigner.sign(new EventTemplate(13, List.of(), content, NOW.getEpochSecond()),
                SHOP.secretKey());

        assertThatThrownBy(() -> GiftUnwrapper.unwrap(wrapper.wrapSeal(seal, CUSTOMER.pubkey()), CUSTOMER.secretKey()))
                .isInstanceOfSatisfying(InvalidGiftWrapException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.BAD_RUMOR))
                .hasNoCause()
                .message().doesNotContain("secret");
    }

    @Test
    void theShopCannotWrapARumorWrittenUnderAnotherKey() {
        Rumor fromMallory = DirectMessage.rumor(MALLORY.pubkey(), CUSTOMER.pubkey(), null, "hi", NOW);

        assertThatThrownBy(() -> wrapper.wrap(fromMallory, SHOP, CUSTOMER.pubkey()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Rumor notice(String text) {
        return DirectMessage.rumor(SHOP.pubkey(), CUSTOMER.pubkey(), null, text, NOW);
    }

    private static void assertRejected(NostrEvent wrap, NostrKeyPair reader, Reason expected) {
        assertThatThrownBy(() -> GiftUnwrapper.unwrap(wrap, reader.secretKey()))
                .isInstanceOfSatisfying(InvalidGiftWrapException.class,
                        e -> assertThat(e.reason()).isEqualTo(expected));
    }
}
