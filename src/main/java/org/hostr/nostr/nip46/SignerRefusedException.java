package org.hostr.nostr.nip46;

import org.hostr.nostr.NostrException;

/**
 * The remote signer answered with an error: the person declined in their signer app, or the signer does not allow
 * this request. {@link #signerMessage()} is the signer's own words, cut short and stripped of control characters.
 */
public final class SignerRefusedException extends NostrException {
    static final int MAX_MESSAGE_CHARS = 200;
    private final String signerMessage;

    public SignerRefusedException(String method, String signerMessage) {
        super("the remote signer refused " + method);
        this.signerMessage = readable(signerMessage);
    }

    public String signerMessage() {
        return signerMessage;
    }

    @Override
    public String code() {
        return "refused";
    }

    /** Signer text is shown on the login page: short, one line, nothing that could forge a log line. */
    static String readable(String text) {
        if (text == null) {
            return "";
        }
        String cut = text.length() > MAX_MESSAGE_CHARS ? text.substring(0, MAX_MESSAGE_CHARS) + "…" : text;
        return cut.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
    }
}
