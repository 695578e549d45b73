package org.hostr.nostr;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A NIP-17 private direct message (kind 14) as a rumor, ready for {@link GiftWrapper}. The rumor keeps the real
 * sending time; only the seal and the wrap around it are backdated.
 */
public final class DirectMessage {
    public static final int KIND = 14;
    /**
     * The rumor's JSON is encrypted into the seal, and the seal's JSON, a third bigger for base64, into the wrap;
     * NIP-44 takes at most 65535 bytes. Rumors up to 40960 bytes pad to 40960 and give a seal of about 55 KB; one
     * byte more pads to 49152 and the seal no longer fits. Text counts as JSON: a control character counts six.
     */
    public static final int MAX_RUMOR_JSON_BYTES = 40960;

    private DirectMessage() {
    }

    /**
     * @param subject a conversation title (NIP-17 {@code subject} tag), or null for none
     * @throws IllegalArgumentException for empty text, a message too long to wrap, or a recipient that is not 64
     *                                  lowercase hex
     */
    public static Rumor rumor(String senderPubkey, String recipientPubkey, String subject, String text,
            Instant sentAt) {
        if (!Hex.isLowercaseHex(recipientPubkey, 32)) {
            throw new IllegalArgumentException("the recipient must be a public key of 64 lowercase hex characters");
        }
        if (text.isEmpty()) {
            throw new IllegalArgumentException("a direct message needs some text");
        }
        List<List<String>> tags = new ArrayList<>();
        tags.add(List.of("p", recipientPubkey));
        if (subject != null && !subject.isBlank()) {
            tags.add(List.of("subject", subject));
        }
        Rumor rumor = Rumor.of(senderPubkey, new EventTemplate(KIND, tags, text, sentAt.getEpochSecond()));
        int jsonBytes = rumor.toJson().getBytes(StandardCharsets.UTF_8).length;
        if (jsonBytes > MAX_RUMOR_JSON_BYTES) {
            throw new IllegalArgumentException("a direct message is too long to gift-wrap: " + jsonBytes
                    + " bytes as JSON, at most " + MAX_RUMOR_JSON_BYTES + " (shorten the text or subject)");
        }
        return rumor;
    }
}
