package io.marketgraph.api.service;

/**
 * A request that cannot be served, with the HTTP status and the short error code it maps to. The
 * message is for the caller: it names the parameter, the value and the rule.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String error;

    public ApiException(int status, String error, String message) {
        super(message);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "invalid_request", message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    public static ApiException noModel() {
        return new ApiException(503, "model_not_ready", "no model version is loaded yet: activate one via POST /v1/admin/models/{version}/activate");
    }
}
