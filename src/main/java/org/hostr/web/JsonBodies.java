package org.hostr.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;

/** Reads JSON request bodies strictly: an object or a 400 that says what is wrong. */
public final class JsonBodies {
    private static final int MAX_BYTES = 64 * 1024;

    private JsonBodies() {
    }

    public static JsonNode object(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length > MAX_BYTES) {
            throw new ApiError(413, "too_large", "the request body is larger than " + MAX_BYTES + " bytes");
        }
        if (body.length == 0) {
            throw ApiError.badRequest("bad_json", "a JSON object is required");
        }
        try {
            JsonNode node = Json.mapper().readTree(body);
            if (node == null || !node.isObject()) {
                throw ApiError.badRequest("bad_json", "the body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("bad_json", "the body is not valid JSON");
        } catch (java.io.IOException e) {
            throw ApiError.badRequest("bad_json", "the body could not be read");
        }
    }
}
