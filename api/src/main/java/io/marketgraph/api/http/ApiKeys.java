package io.marketgraph.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgraph.io.InvalidInputException;
import io.marketgraph.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API keys and their scopes, from a JSON file:
 * <pre>{"keys": [{"name": "search-service", "sha256": "9f86d0...", "scopes": ["search"]},
 *           {"name": "local-dev", "key": "dev-admin-key", "scopes": ["recs", "search", "ads", "admin"]}]}</pre>
 * A key is given in clear ({@code key}) or, better, as the hex SHA-256 of the key ({@code sha256}),
 * so the file does not hold the secret. Clients send it in the {@code X-API-Key} header.
 */
public final class ApiKeys {

    public record Client(String name, Set<Scope> scopes) {}

    private final Map<String, Client> bySha256;
    /** Keys already verified: no SHA-256 per request. Only keys in the file get in, so it stays as small as the file. */
    private final Map<String, Client> verified = new ConcurrentHashMap<>();

    public ApiKeys(Map<String, Client> bySha256) {
        this.bySha256 = Map.copyOf(bySha256);
    }

    public static ApiKeys read(Path file) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new InvalidInputException("cannot read API keys file " + file + ": " + e.getMessage(), e);
        }
        Map<String, Client> keys = new HashMap<>();
        JsonNode list = root.path("keys");
        if (!list.isArray() || list.isEmpty()) {
            throw new InvalidInputException(file + ": 'keys' must be a non-empty array");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode k = list.get(i);
            String where = file + " keys[" + i + "]";
            String name = k.path("name").asText("");
            String hash = k.hasNonNull("sha256") ? k.get("sha256").asText().toLowerCase(java.util.Locale.ROOT)
                    : k.hasNonNull("key") ? sha256(k.get("key").asText()) : null;
            if (name.isBlank() || hash == null) {
                throw new InvalidInputException(where + ": needs a 'name' and a 'key' or 'sha256'");
            }
            Set<Scope> scopes = EnumSet.noneOf(Scope.class);
            for (JsonNode s : k.path("scopes")) {
                try {
                    scopes.add(Scope.parse(s.asText()));
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException(where + ": " + e.getMessage(), e);
                }
            }
            keys.put(hash, new Client(name, scopes));
        }
        return new ApiKeys(keys);
    }

    /** The client holding {@code key}, if any. */
    public Optional<Client> client(String key) {
        if (key == null || key.isEmpty()) {
            return Optional.empty();
        }
        Client known = verified.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        Client client = bySha256.get(sha256(key));
        if (client != null && verified.size() < 4 * bySha256.size()) {
            verified.put(key, client);
        }
        return Optional.ofNullable(client);
    }

    static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
