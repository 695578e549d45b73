package org.hostr.sim.whm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;

/**
 * What a simulated function answered, before it is written as an API 1 envelope or a legacy API 0 body.
 *
 * @param data null when the function returns none (failures, action-only functions)
 * @param raw  the {@code metadata.output.raw} log text, or null
 */
record SimReply(boolean ok, String reason, ObjectNode data, String raw) {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String XID_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789";

    static SimReply ok(String reason) {
        return new SimReply(true, reason, null, null);
    }

    static SimReply ok(String reason, ObjectNode data) {
        return new SimReply(true, reason, data, null);
    }

    static SimReply fail(String reason) {
        return new SimReply(false, reason, null, null);
    }

    /** A failure with WHM's error id prefix, such as "(XID 3ukx6c) …". */
    static SimReply failWithXid(String reason) {
        return fail(xid() + " " + reason);
    }

    SimReply withRaw(String log) {
        return new SimReply(ok, reason, data, log);
    }

    /** Text in WHM's typographic quotes, as its reasons write names. */
    static String quoted(String text) {
        return "\u201c" + text + "\u201d";
    }

    private static String xid() {
        StringBuilder id = new StringBuilder("(XID ");
        for (int i = 0; i < 6; i++) {
            id.append(XID_LETTERS.charAt(RANDOM.nextInt(XID_LETTERS.length())));
        }
        return id.append(')').toString();
    }
}
