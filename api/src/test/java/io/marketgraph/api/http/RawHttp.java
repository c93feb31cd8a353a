package io.marketgraph.api.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 over a plain socket, for what {@code java.net.http} refuses to send: broken framing,
 * control characters in headers, odd methods and versions, a body that stops. Each request goes
 * on its own connection ({@code Connection: close}); the answer is read until the server closes.
 */
final class RawHttp {

    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final int port;

    RawHttp(int port) {
        this.port = port;
    }

    /** A request with the usual headers before {@code headers} (each ending in CRLF) and then {@code body}. */
    static String request(String method, String target, String headers, String body) {
        return method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers + "\r\n" + body;
    }

    /** A POST with a JSON body of exactly its Content-Length. */
    static String postJson(String path, String key, String json) {
        int length = json.getBytes(StandardCharsets.UTF_8).length;
        return request("POST", path, (key == null ? "" : "X-API-Key: " + key + "\r\n")
                + "Content-Type: application/json\r\nContent-Length: " + length + "\r\n", json);
    }

    Response send(String request) {
        return send(request.getBytes(StandardCharsets.UTF_8), false);
    }

    /** Sends {@code request}; {@code endOfInput}: then closes the sending side, as a client that gives up mid-body. */
    Response send(byte[] request, boolean endOfInput) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            if (endOfInput) {
                socket.shutdownOutput();
            }
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException("raw request failed: " + new String(request, 0, Math.min(80, request.length),
                    StandardCharsets.ISO_8859_1), e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
            }
        } catch (java.net.SocketException e) {
            // a reset after the server wrote its answer and closed: what arrived is the answer
            if (out.size() == 0) {
                throw e;
            }
        }
        return out.toByteArray();
    }

    private static Response parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            throw new AssertionError("not an HTTP/1.1 response: '" + text + "'");
        }
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        return new Response(Integer.parseInt(lines[0].substring(9, 12)), headers, text.substring(end + 4));
    }
}
