package io.marketgraph.linkpred;

/**
 * Whether {@code jdk.incubator.vector} is loaded in this JVM (the launcher and the tests add it with
 * {@code --add-modules}). Asked here, in a class that touches no vector type: a class whose static fields
 * hold vector species fails to initialize without the module, so the kernels that use the API
 * ({@code VectorDot}, {@code VectorScan}) are only loaded once this says yes.
 */
public final class VectorApi {

    public static final boolean AVAILABLE = available();

    private VectorApi() {}

    private static boolean available() {
        try {
            Class.forName("jdk.incubator.vector.FloatVector");
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
