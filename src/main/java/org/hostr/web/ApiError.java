package org.hostr.web;

/**
 * A request that cannot be served as asked: a 4xx with a machine-readable code and a message for people. Thrown by
 * handlers and services, turned into JSON under /api and into an error page elsewhere, in one place ({@link ErrorPages}).
 */
public class ApiError extends RuntimeException {
    private final int status;
    private final String code;

    public ApiError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static ApiError badRequest(String code, String message) {
        return new ApiError(400, code, message);
    }

    public static ApiError unauthorized(String code, String message) {
        return new ApiError(401, code, message);
    }

    public static ApiError forbidden(String message) {
        return new ApiError(403, "forbidden", message);
    }

    public static ApiError notFound(String what) {
        return new ApiError(404, "not_found", what + " was not found");
    }

    public static ApiError conflict(String code, String message) {
        return new ApiError(409, code, message);
    }

    public static ApiError unprocessable(String code, String message) {
        return new ApiError(422, code, message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
