package io.marketgraph.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marketgraph.io.AtomicOutput;
import io.marketgraph.io.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {

    @TempDir
    Path tmp;

    @Test
    void registers_versions_in_order_and_activates_atomically() {
        ModelRegistry registry = new ModelRegistry(tmp);
        String v1 = register(registry, 0.91);
        String v2 = register(registry, 0.93);

        assertEquals(List.of("v0001", "v0002"), registry.versions());
        assertEquals(Optional.empty(), registry.current());
        registry.activate(v2);
        assertEquals(Optional.of("v0002"), registry.current());
        assertEquals(0.91, registry.manifest(v1).metrics().get("user_post.roc_auc"));
    }

    @Test
    void an_interrupted_registration_is_never_listed_nor_activated() throws IOException {
        ModelRegistry registry = new ModelRegistry(tmp);
        try (AtomicOutput staged = registry.stage(registry.nextVersion())) {
            Files.writeString(staged.dir().resolve("model.bin"), "half");
            // the job dies here: no register()
        }
        Files.createDirectories(registry.versionDir("v0007")); // a crashed writer without _SUCCESS

        assertEquals(List.of(), registry.versions());
        assertTrue(assertThrows(InvalidInputException.class, () -> registry.activate("v0007"))
                .getMessage().contains("does not exist or is incomplete"));
        assertEquals("v0008", registry.nextVersion(), "numbers are never reused");
    }

    @Test
    void garbage_collection_keeps_the_newest_and_the_current_version() {
        ModelRegistry registry = new ModelRegistry(tmp);
        for (int i = 0; i < 5; i++) {
            register(registry, 0.9);
        }
        registry.activate("v0001");

        assertEquals(List.of("v0002", "v0003"), registry.garbageCollect(2));
        assertEquals(List.of("v0001", "v0004", "v0005"), registry.versions());
    }

    @Test
    void rejects_malformed_version_names() {
        ModelRegistry registry = new ModelRegistry(tmp);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> registry.versionDir("../etc"))
                .getMessage().contains("'../etc'"));
    }

    private static String register(ModelRegistry registry, double auc) {
        String version = registry.nextVersion();
        try (AtomicOutput staged = registry.stage(version)) {
            registry.register(staged, new ModelManifest(version, "2026-11-26T00:00:00Z", "graph", "test",
                    null, Map.of("user_post.roc_auc", auc), Map.of()));
        }
        return version;
    }
}
