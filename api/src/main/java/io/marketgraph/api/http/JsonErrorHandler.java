package io.marketgraph.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.ByteBuffer;
import java.util.Locale;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's own errors (what it refuses before Javalin sees a request: a malformed request line or
 * header, an invalid path encoding, a URI or headers over the limits, an unknown HTTP version,
 * framing that contradicts itself) as the API's {@code {status, error, message}} JSON instead of
 * Jetty's HTML page. A client fault stays a 4xx: {@code 505 HTTP Version Not Supported} is
 * answered as a 400. Logged at WARN without a stack trace and counted in {@code /metrics} with
 * the route {@code unmatched}.
 */
final class JsonErrorHandler extends ErrorHandler {

    private static final Logger LOG = LoggerFactory.getLogger(JsonErrorHandler.class);

    private final HttpMetrics metrics;

    JsonErrorHandler(HttpMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = request.getAttribute(ERROR_STATUS) instanceof Integer s ? s : response.getStatus();
        String reason = request.getAttribute(ERROR_MESSAGE) instanceof String m ? m : null;
        Throwable cause = request.getAttribute(ERROR_EXCEPTION) instanceof Throwable t ? t : null;
        Dtos.ErrorResponse error = describe(status, reason);
        String method = request.getMethod();
        if (error.status() >= 500) {
            LOG.error("Jetty error {} on {} {}", status, method, request.getHttpURI().getPath(), cause);
        } else {
            LOG.warn("refused {} {}: {} ({})", method, request.getHttpURI().getPath(), error.message(),
                    cause == null ? reason : cause.toString());
        }
        metrics.record("unmatched", method == null ? "unknown" : method, error.status(), 0);
        response.setStatus(error.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(json(error)), callback);
        return true;
    }

    /** What Jetty writes when it cannot even build a request (the status line is Jetty's). */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        Dtos.ErrorResponse error = describe(status, reason);
        LOG.warn("refused a request: {} ({})", error.message(), reason);
        metrics.record("unmatched", "unknown", status, 0);
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(json(error));
    }

    /** The status, code and message for what Jetty refused; {@code reason} is Jetty's short reason. */
    static Dtos.ErrorResponse describe(int status, String reason) {
        String detail = reason == null || reason.isBlank() || reason.equals(HttpStatus.getMessage(status)) ? "" : ": " + reason;
        return switch (status) {
            case 400 -> new Dtos.ErrorResponse(400, "bad_request", "malformed HTTP request" + detail);
            case 404 -> new Dtos.ErrorResponse(404, "not_found", "no such resource" + detail);
            case 405 -> new Dtos.ErrorResponse(405, "method_not_allowed", "method not allowed" + detail);
            case 408 -> new Dtos.ErrorResponse(408, "request_timeout", "the request did not arrive completely in time" + detail);
            case 413 -> new Dtos.ErrorResponse(413, "payload_too_large", "the request body is over the limit" + detail);
            case 414 -> new Dtos.ErrorResponse(414, "uri_too_long", "the request URI is longer than the server accepts" + detail);
            case 415 -> new Dtos.ErrorResponse(415, "unsupported_media_type", "unsupported content type" + detail);
            case 431 -> new Dtos.ErrorResponse(431, "headers_too_large", "the request headers are larger than the server accepts" + detail);
            case 505 -> new Dtos.ErrorResponse(400, "unsupported_http_version",
                    "unsupported HTTP version: this server speaks HTTP/1.0 and HTTP/1.1" + detail);
            default -> status >= 400 && status < 500
                    ? new Dtos.ErrorResponse(status, "http_" + status, HttpStatus.getMessage(status).toLowerCase(Locale.ROOT) + detail)
                    : new Dtos.ErrorResponse(500, "internal_error", "internal error");
        };
    }

    private static byte[] json(Dtos.ErrorResponse error) {
        try {
            return ApiApp.RESPONSES.writeValueAsBytes(error);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an error response could not be written as JSON", e);
        }
    }
}
