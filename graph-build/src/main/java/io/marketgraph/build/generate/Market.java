package io.marketgraph.build.generate;

import java.util.SplittableRandom;

/**
 * All posts and businesses as column arrays (about 40 bytes a post), with an index by
 * (category, region) so a user's next look can be drawn by taste and distance in O(1).
 *
 * <p>Posts: 20% are sold by a business (its region and category), the rest by a selling user (the
 * seller's home region; the category from the seller's tastes 70% of the time). Created uniformly
 * in the window; lifetime Exp(mean 14 days) clamped to 1 h..90 days; a post whose lifetime ended
 * before now is SOLD (70%) or HIDDEN, else ACTIVE (90%) or RESERVED. Price: lognormal around the
 * category's base price. Quality: uniform 0..1, a latent attractiveness kept in the ground truth.
 */
final class Market {

    static final String[] STATUS = {"ACTIVE", "RESERVED", "SOLD", "HIDDEN"};
    private static final String[] CONDITION = {"like new", "good", "used", "vintage", "barely used", "as is"};

    final int[] postCategory;
    final int[] postRegion;
    final long[] postCreated;
    final long[] postVisibleUntil;
    final float[] postQuality;
    final int[] postPrice;
    final byte[] postStatus;
    final int[] postSeller;          // user index (sellerIsBusiness false) or business index
    final boolean[] postSellerIsBusiness;
    final int[] businessRegion;
    final int[] businessCategory;
    private final CellIndex postIndex;
    private final CellIndex businessIndex;

    Market(GenerateConfig config, RegionGrid grid, Categories categories) {
        int b = config.businesses();
        businessRegion = new int[b];
        businessCategory = new int[b];
        for (int i = 0; i < b; i++) {
            SplittableRandom rng = Seeds.random(config.seed(), Seeds.BUSINESS, i);
            businessRegion[i] = grid.samplePopular(rng.nextDouble());
            businessCategory[i] = categories.samplePopular(rng.nextDouble());
        }
        int n = config.posts();
        postCategory = new int[n];
        postRegion = new int[n];
        postCreated = new long[n];
        postVisibleUntil = new long[n];
        postQuality = new float[n];
        postPrice = new int[n];
        postStatus = new byte[n];
        postSeller = new int[n];
        postSellerIsBusiness = new boolean[n];
        int stride = config.sellerStride();
        int sellers = (config.users() + stride - 1) / stride;
        long now = config.nowMillis();
        for (int p = 0; p < n; p++) {
            SplittableRandom rng = Seeds.random(config.seed(), Seeds.POST, p);
            if (rng.nextDouble() < 0.2) {
                int biz = rng.nextInt(b);
                postSellerIsBusiness[p] = true;
                postSeller[p] = biz;
                postRegion[p] = businessRegion[biz];
                postCategory[p] = businessCategory[biz];
            } else {
                int seller = stride * rng.nextInt(sellers);
                UserProfile profile = UserProfile.of(config.seed(), seller, config, grid, categories);
                postSeller[p] = seller;
                postRegion[p] = profile.region();
                postCategory[p] = rng.nextDouble() < 0.7 ? profile.sampleTaste(rng.nextDouble())
                        : categories.samplePopular(rng.nextDouble());
            }
            long created = now - (long) (rng.nextDouble() * config.days() * UserProfile.DAY);
            long lifetime = (long) Math.min(90 * UserProfile.DAY,
                    Math.max(3_600_000L, Seeds.exponential(rng, 14 * UserProfile.DAY)));
            long end = created + lifetime;
            postCreated[p] = created;
            if (end <= now) {
                postStatus[p] = (byte) (rng.nextDouble() < 0.7 ? 2 : 3);
                postVisibleUntil[p] = end;
            } else {
                postStatus[p] = (byte) (rng.nextDouble() < 0.9 ? 0 : 1);
                postVisibleUntil[p] = now;
            }
            postQuality[p] = (float) rng.nextDouble();
            postPrice[p] = (int) Math.max(1, Math.round(categories.basePrice(postCategory[p])
                    * Math.exp(0.6 * rng.nextGaussian())));
        }
        postIndex = new CellIndex(postCategory, postRegion, categories.size(), grid.size());
        businessIndex = new CellIndex(businessCategory, businessRegion, categories.size(), grid.size());
    }

    int posts() {
        return postCategory.length;
    }

    int businesses() {
        return businessRegion.length;
    }

    /** A post of category c in region r, else of category c anywhere, else any post. */
    int samplePost(int c, int r, SplittableRandom rng) {
        return postIndex.sample(c, r, rng);
    }

    int sampleBusiness(int c, int r, SplittableRandom rng) {
        return businessIndex.sample(c, r, rng);
    }

    String postTitle(int p, Categories categories) {
        SplittableRandom rng = Seeds.random(0, Seeds.POST, p);
        return categories.term(postCategory[p], rng.nextInt(2)) + " " + CONDITION[rng.nextInt(CONDITION.length)];
    }

    static String postId(int p) {
        return "p" + p;
    }

    static String businessId(int b) {
        return "b" + b;
    }

    /** Items sorted by (category, region) with offsets: a CSR over cells. */
    private static final class CellIndex {
        private final int regions;
        private final int[] offsets;
        private final int[] items;

        CellIndex(int[] category, int[] region, int categories, int regions) {
            this.regions = regions;
            int cells = categories * regions;
            offsets = new int[cells + 1];
            for (int i = 0; i < category.length; i++) {
                offsets[category[i] * regions + region[i] + 1]++;
            }
            for (int c = 0; c < cells; c++) {
                offsets[c + 1] += offsets[c];
            }
            items = new int[category.length];
            int[] fill = offsets.clone();
            for (int i = 0; i < category.length; i++) {
                items[fill[category[i] * regions + region[i]]++] = i;
            }
        }

        int sample(int c, int r, SplittableRandom rng) {
            int cell = c * regions + r;
            int from = offsets[cell];
            int to = offsets[cell + 1];
            if (to == from) {
                from = offsets[c * regions];
                to = offsets[(c + 1) * regions];
            }
            if (to == from) {
                return items[rng.nextInt(items.length)];
            }
            return items[from + rng.nextInt(to - from)];
        }
    }
}
