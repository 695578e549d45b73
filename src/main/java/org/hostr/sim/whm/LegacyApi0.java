package org.hostr.sim.whm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The legacy API 0 bodies WHM sends when a request lacks api.version=1. Clients must never parse these; the
 * simulator answers in them so a client that forgets api.version fails loudly. The createacct, listpkgs and
 * passwd shapes are from the spec; the others are UNCONFIRMED approximations.
 */
final class LegacyApi0 {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private LegacyApi0() {
    }

    static ObjectNode render(String function, SimReply reply) {
        JsonNode data = reply.data() == null ? JSON.objectNode() : reply.data();
        ObjectNode root = JSON.objectNode();
        switch (function) {
            case "createacct" -> {
                ObjectNode status = status(reply);
                status.set("options", reply.ok() ? data : JSON.nullNode());
                status.put("rawout", reply.raw() == null ? "" : reply.raw());
                root.putArray("result").add(status);
            }
            case "passwd" -> root.putArray("passwd").add(status(reply));
            case "listpkgs" -> root.set("package", data.path("pkg").isArray() ? data.path("pkg") : JSON.arrayNode());
            case "version" -> root.put("version", data.path("version").asText(""));
            case "listaccts", "accountsummary" -> {
                root.put("status", reply.ok() ? 1 : 0);
                root.put("statusmsg", reply.reason());
                root.set("acct", data.path("acct").isArray() ? data.path("acct") : JSON.arrayNode());
            }
            default -> root.putArray("result").add(status(reply));
        }
        return root;
    }

    private static ObjectNode status(SimReply reply) {
        return JSON.objectNode().put("status", reply.ok() ? 1 : 0).put("statusmsg", reply.reason());
    }
}
