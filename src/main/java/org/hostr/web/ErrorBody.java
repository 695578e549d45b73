package org.hostr.web;

/** The JSON shape of every error under /api: {"error": "<code>", "message": "…"}. */
public record ErrorBody(String error, String message) {
}
