package io.marketgraph.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a model version is: where it came from, how it was made, how good it is, and which files
 * it holds. Written as {@code manifest.json} in the version directory.
 *
 * @param version      the version name, also the directory name ({@code v0001}, ...)
 * @param createdAt    ISO-8601 instant of registration
 * @param graphVersion the graph the model was trained on (a path or a build id)
 * @param codeVersion  the code that made it (project version, plus git commit where known)
 * @param parameters   the training parameters, as the job reported them
 * @param metrics      evaluation metrics by name ({@code user_post.roc_auc}); the promotion gate compares these
 * @param artifacts    artifact name to path relative to the version directory ({@code embeddings}, {@code ann}, ...)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelManifest(
        String version,
        String createdAt,
        String graphVersion,
        String codeVersion,
        JsonNode parameters,
        Map<String, Double> metrics,
        Map<String, String> artifacts) {

    public ModelManifest {
        Objects.requireNonNull(version, "version");
        metrics = metrics == null ? Map.of() : new TreeMap<>(metrics);
        artifacts = artifacts == null ? Map.of() : new TreeMap<>(artifacts);
    }

    public ModelManifest withVersion(String newVersion) {
        return new ModelManifest(newVersion, createdAt, graphVersion, codeVersion, parameters, metrics, artifacts);
    }
}
