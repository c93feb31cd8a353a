package io.marketgraph.build.generate;

import java.util.Locale;

/**
 * Listing categories with their search terms and typical price. Category {@code c} is drawn with
 * weight {@code 1 / (1 + c)^0.7}, so a few categories dominate as on real marketplaces.
 */
final class Categories {

    private static final String[][] BUILT_IN = {
        {"bikes", "bike", "bicycle", "120"}, {"furniture", "sofa", "table", "150"},
        {"phones", "phone", "iphone", "250"}, {"laptops", "laptop", "notebook", "400"},
        {"baby", "stroller", "crib", "60"}, {"books", "book", "novel", "8"},
        {"clothing", "jacket", "dress", "25"}, {"shoes", "sneakers", "boots", "35"},
        {"toys", "lego", "doll", "20"}, {"games", "console", "playstation", "150"},
        {"kitchen", "blender", "pan", "30"}, {"garden", "mower", "plants", "45"},
        {"tools", "drill", "saw", "50"}, {"sports", "dumbbells", "racket", "40"},
        {"camping", "tent", "sleeping bag", "70"}, {"music", "guitar", "keyboard", "180"},
        {"cameras", "camera", "lens", "300"}, {"pets", "cage", "aquarium", "35"},
        {"appliances", "fridge", "washer", "200"}, {"decor", "lamp", "mirror", "30"},
        {"jewelry", "ring", "necklace", "90"}, {"art", "painting", "poster", "60"},
        {"cars", "tyres", "car seat", "80"}, {"tickets", "concert", "festival", "70"},
    };

    private final int count;
    private final double[] popularity;

    Categories(int count) {
        this.count = count;
        double[] w = new double[count];
        for (int c = 0; c < count; c++) {
            w[c] = 1.0 / Math.pow(1 + c, 0.7);
        }
        popularity = Seeds.cumulative(w);
    }

    int size() {
        return count;
    }

    String name(int c) {
        return c < BUILT_IN.length ? BUILT_IN[c][0] : String.format(Locale.ROOT, "category%d", c);
    }

    /** The search terms tied to category {@code c} (two per category). */
    String term(int c, int which) {
        return c < BUILT_IN.length ? BUILT_IN[c][1 + (which & 1)] : String.format(Locale.ROOT, "item%d%c", c, 'a' + (which & 1));
    }

    double basePrice(int c) {
        return c < BUILT_IN.length ? Double.parseDouble(BUILT_IN[c][3]) : 50.0;
    }

    int samplePopular(double u) {
        return Seeds.sample(popularity, u);
    }
}
