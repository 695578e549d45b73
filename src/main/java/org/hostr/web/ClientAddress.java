package org.hostr.web;

import io.javalin.config.ContextResolverConfig;

/**
 * Which address a request comes from. Behind a proxy only the header named in server.trusted_proxy_header is believed,
 * and only its last entry: that is the one our own proxy appended, the earlier ones are whatever the client sent.
 */
final class ClientAddress {

    private ClientAddress() {
    }

    static void configure(ContextResolverConfig resolver, String trustedHeader) {
        if (trustedHeader == null || trustedHeader.isEmpty()) {
            resolver.ip = ctx -> ctx.req().getRemoteAddr();
            return;
        }
        resolver.ip = ctx -> {
            String value = ctx.header(trustedHeader);
            if (value == null || value.isBlank()) {
                return ctx.req().getRemoteAddr();
            }
            String[] parts = value.split(",");
            String last = parts[parts.length - 1].trim();
            return last.isEmpty() || last.length() > 64 ? ctx.req().getRemoteAddr() : last;
        };
    }
}
