package org.hostr.nostr.nip46;

import org.hostr.nostr.NostrException;

/**
 * The conversation with the remote signer cannot go on, for a reason other than a refusal or a timeout: its relays
 * are all unreachable, or it answered with something that is not what the method returns. The code is stable.
 */
public final class RemoteSignerException extends NostrException {
    private final String code;

    public RemoteSignerException(String code, String message) {
        super(message);
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
