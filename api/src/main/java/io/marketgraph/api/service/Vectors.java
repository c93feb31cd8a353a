package io.marketgraph.api.service;

/** Vector arithmetic on embedding rows that the services share. */
final class Vectors {

    private Vectors() {}

    static double cosine(float[] a, int ao, float[] b, int bo, int dim) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int d = 0; d < dim; d++) {
            dot += a[ao + d] * b[bo + d];
            na += a[ao + d] * a[ao + d];
            nb += b[bo + d] * b[bo + d];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
