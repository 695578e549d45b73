package org.hostr.nostr;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Seals and gift-wraps a rumor for one recipient (NIP-59): the seal (kind 13) is signed by the sender and hides the
 * rumor; the gift wrap (kind 1059) is signed by a key used once and hides the seal, so relays see only who it is for.
 * Both get a {@code created_at} up to two days in the past, so the real sending time cannot be read off either.
 */
public final class GiftWrapper {
    public static final int SEAL_KIND = 13;
    public static final int GIFT_WRAP_KIND = 1059;
    /** NIP-59 suggests "up to two days in the past"; never in the future, which relays may refuse. */
    static final int MAX_BACKDATE_SECONDS = 2 * 24 * 60 * 60;

    private final Clock clock;
    private final SecureRandom random;

    /** {@code random} supplies nonces, the one-time keys and the backdating; {@code clock} says what "now" is. */
    public GiftWrapper(Clock clock, SecureRandom random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * The gift wrap to publish. Each call gives a new wrap (new one-time key, nonces and times), so a retry should
     * publish the wrap it built the first time rather than wrap again, or the recipient may see the message twice.
     *
     * @throws IllegalArgumentException when the rumor is not the sender's, its id is wrong, the recipient key is not
     *                                  a valid public key, or the rumor is too long to wrap twice
     */
    public NostrEvent wrap(Rumor rumor, NostrKeyPair sender, String recipientPubkey) {
        if (!rumor.pubkey().equals(sender.pubkey())) {
            throw new IllegalArgumentException("the rumor's pubkey must be the sender's: the recipient rejects a seal"
                    + " signed by anyone else");
        }
        if (!rumor.hasValidId()) {
            throw new IllegalArgumentException("the rumor's id does not match its fields");
        }
        return wrapSeal(seal(rumor, sender, recipientPubkey), recipientPubkey);
    }

    /** Kind 13: the rumor encrypted from sender to recipient, no tags (a tag would tell relays something). */
    NostrEvent seal(Rumor rumor, NostrKeyPair sender, String recipientPubkey) {
        byte[] secretKey = sender.secretKey();
        String content = Nip44.encrypt(rumor.toJson(), Nip44.conversationKey(secretKey, recipientPubkey), random);
        return EventSigner.sign(new EventTemplate(SEAL_KIND, List.of(), content, backdatedNow()), secretKey);
    }

    /** Kind 1059 around any seal; tests use it to wrap seals they tampered with. */
    NostrEvent wrapSeal(NostrEvent seal, String recipientPubkey) {
        byte[] oneTimeKey = Keys.generate(random).secretKey();
        String content = Nip44.encrypt(seal.toJson(), Nip44.conversationKey(oneTimeKey, recipientPubkey), random);
        List<List<String>> tags = List.of(List.of("p", recipientPubkey));
        return EventSigner.sign(new EventTemplate(GIFT_WRAP_KIND, tags, content, backdatedNow()), oneTimeKey);
    }

    private long backdatedNow() {
        return clock.instant().getEpochSecond() - random.nextInt(MAX_BACKDATE_SECONDS + 1);
    }
}
