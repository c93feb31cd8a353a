package io.marketgraph.build.generate;

import java.io.IOException;
import java.io.Writer;
import java.util.SplittableRandom;

/**
 * Plays one user's sessions until the user's event budget (mean events per user x activity) is
 * spent, writing events and search logs as JSON lines. See graph-build/README.md, "The generative
 * model", for the probabilities; in short every funnel step's chance grows with
 * {@code score = (0.15 + taste(category)) x exp(-distance / reach) x (0.4 + 0.6 recency) x (0.5 + quality)}.
 */
final class UserSimulator {

    static final String[] ACTIONS = {"VIEW", "SEARCH_CLICK", "LIKE", "AD_CLICK", "CHAT", "FOLLOW", "PURCHASE"};
    static final int VIEW = 0;
    static final int SEARCH_CLICK = 1;
    static final int LIKE = 2;
    static final int AD_CLICK = 3;
    static final int CHAT = 4;
    static final int FOLLOW = 5;
    static final int PURCHASE = 6;
    private static final long HOUR = 3_600_000L;
    private static final int SHOWN = 10;

    private final GenerateConfig config;
    private final RegionGrid grid;
    private final Categories categories;
    private final Market market;
    private final double meanEventsPerUser;
    private final long windowStart;
    final long[] actionCounts = new long[ACTIONS.length];
    long searches;
    private int userSearches;

    private UserProfile user;
    private SplittableRandom rng;
    private long emitted;
    private Writer events;
    private final StringBuilder line = new StringBuilder(256);

    UserSimulator(GenerateConfig config, RegionGrid grid, Categories categories, Market market) {
        this.config = config;
        this.grid = grid;
        this.categories = categories;
        this.market = market;
        this.meanEventsPerUser = (double) config.events() / config.users();
        this.windowStart = config.nowMillis() - config.days() * UserProfile.DAY;
    }

    void simulate(int index, Writer eventsOut, Writer searchOut) throws IOException {
        user = UserProfile.of(config.seed(), index, config, grid, categories);
        rng = Seeds.random(config.seed(), Seeds.EVENTS, index);
        events = eventsOut;
        emitted = 0;
        userSearches = 0;
        long budget = (long) Math.floor(meanEventsPerUser * user.activity() + rng.nextDouble());
        long start = Math.max(windowStart, user.joinedAt());
        int guard = 0;
        while (emitted < budget && guard++ < 20 * budget + 100) {
            double kind = rng.nextDouble();
            if (kind < config.searchRate()) {
                search(start, searchOut);
            } else if (kind < config.searchRate() + 0.08) {
                business(start);
            } else if (kind < config.searchRate() + 0.11) {
                adClick(start);
            } else {
                browse(start);
            }
        }
    }

    private int category() {
        return rng.nextDouble() < 0.85 ? user.sampleTaste(rng.nextDouble()) : categories.samplePopular(rng.nextDouble());
    }

    private double score(int c, int region, double recency, double quality) {
        return (0.15 + user.taste(c)) * grid.nearness(user.region(), region) * (0.4 + 0.6 * recency) * (0.5 + quality);
    }

    /** A post visible some time after {@code start}; its first-look time, or -1 after 3 misses. */
    private long lookTime(int p, long start) {
        long lo = Math.max(start, market.postCreated[p]);
        long hi = market.postVisibleUntil[p];
        if (lo >= hi) {
            return -1;
        }
        long t = lo + (long) Seeds.exponential(rng, 3 * UserProfile.DAY);
        return t < hi ? t : lo + (long) (rng.nextDouble() * (hi - lo));
    }

    private void browse(long start) throws IOException {
        int c = category();
        for (int attempt = 0; attempt < 3; attempt++) {
            int p = market.samplePost(c, grid.sampleNear(user.region(), rng.nextDouble()), rng);
            if (market.postSeller[p] == user.index() && !market.postSellerIsBusiness[p]) {
                continue;
            }
            long t = lookTime(p, start);
            if (t < 0) {
                continue;
            }
            double recency = Math.exp(-(t - market.postCreated[p]) / (7.0 * UserProfile.DAY));
            double s = score(market.postCategory[p], market.postRegion[p], recency, market.postQuality[p]);
            emit(t, VIEW, "POST", Market.postId(p), null);
            if (rng.nextDouble() < Math.min(0.8, 0.3 * s)) {
                t = later(t);
                emit(t, LIKE, "POST", Market.postId(p), null);
                if (rng.nextDouble() < Math.min(0.7, 0.4 * s)) {
                    t = later(t);
                    emit(t, CHAT, "POST", Market.postId(p), null);
                    if (rng.nextDouble() < Math.min(0.6, 0.3 * s)) {
                        emit(later(t), PURCHASE, "POST", Market.postId(p), null);
                    }
                }
            }
            return;
        }
    }

    private void business(long start) throws IOException {
        int c = category();
        int b = market.sampleBusiness(c, grid.sampleNear(user.region(), rng.nextDouble()), rng);
        long t = start + (long) (rng.nextDouble() * (config.nowMillis() - start));
        double s = (0.15 + user.taste(market.businessCategory[b])) * grid.nearness(user.region(), market.businessRegion[b]);
        emit(t, VIEW, "BUSINESS", Market.businessId(b), null);
        if (rng.nextDouble() < Math.min(0.6, 0.5 * s)) {
            emit(later(t), FOLLOW, "BUSINESS", Market.businessId(b), null);
        } else if (rng.nextDouble() < Math.min(0.3, 0.1 * s)) {
            emit(later(t), CHAT, "BUSINESS", Market.businessId(b), null);
        }
    }

    /** Ads are targeted by region only: a random category near home. */
    private void adClick(long start) throws IOException {
        int c = categories.samplePopular(rng.nextDouble());
        int region = grid.sampleNear(user.region(), rng.nextDouble());
        if (rng.nextDouble() < 0.3) {
            int b = market.sampleBusiness(c, region, rng);
            emit(start + (long) (rng.nextDouble() * (config.nowMillis() - start)), AD_CLICK, "BUSINESS", Market.businessId(b), null);
            return;
        }
        int p = market.samplePost(c, region, rng);
        long t = lookTime(p, start);
        if (t >= 0 && !(market.postSeller[p] == user.index() && !market.postSellerIsBusiness[p])) {
            emit(t, AD_CLICK, "POST", Market.postId(p), null);
        }
    }

    /**
     * A query for one category term; the engine shows 10 posts (7 of the query's category near the
     * user, 3 off-category) ordered by a base score that knows text match and quality but not the
     * user; the user clicks by position bias x taste x nearness x quality.
     */
    private static boolean contains(int[] values, int length, int value) {
        for (int i = 0; i < length; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }

    private void search(long start, Writer out) throws IOException {
        int c = category();
        String query = categories.term(c, rng.nextInt(2));
        long t = start + (long) (rng.nextDouble() * (config.nowMillis() - start));
        int[] shown = new int[SHOWN];
        double[] base = new double[SHOWN];
        for (int i = 0; i < SHOWN; i++) {
            boolean onTopic = i < 7;
            int cat = onTopic ? c : categories.samplePopular(rng.nextDouble());
            // a result list never shows a post twice: redraw on a repeat (bounded; small markets may repeat)
            for (int attempt = 0; attempt < 20; attempt++) {
                shown[i] = market.samplePost(cat, grid.sampleNear(user.region(), rng.nextDouble()), rng);
                if (!contains(shown, i, shown[i])) {
                    break;
                }
            }
            double match = market.postCategory[shown[i]] == c ? 0.5 + 0.5 * rng.nextDouble() : 0.3 * rng.nextDouble();
            base[i] = Math.round((0.6 * match + 0.4 * market.postQuality[shown[i]]) * 1e4) / 1e4;
        }
        sortByScore(shown, base);
        searches++;
        userSearches++;
        String searchId = "s" + user.index() + "_" + userSearches;
        line.setLength(0);
        line.append("{\"search_id\":\"").append(searchId).append("\",\"ts\":").append(t)
                .append(",\"user_id\":\"").append(UserProfile.id(user.index())).append("\",\"query\":\"").append(query)
                .append("\",\"candidates\":[");
        StringBuilder clicked = new StringBuilder();
        long ct = t;
        for (int i = 0; i < SHOWN; i++) {
            int p = shown[i];
            if (i > 0) {
                line.append(',');
            }
            line.append("{\"post_id\":\"").append(Market.postId(p)).append("\",\"base_score\":").append(base[i]).append('}');
            double attract = (0.1 + user.taste(market.postCategory[p])) * grid.nearness(user.region(), market.postRegion[p])
                    * (0.5 + market.postQuality[p]);
            boolean own = market.postSeller[p] == user.index() && !market.postSellerIsBusiness[p];
            if (!own && rng.nextDouble() < Math.min(0.9, 0.9 * attract / Math.pow(1 + i, 0.5))) {
                clicked.append(clicked.length() == 0 ? "\"" : ",\"").append(Market.postId(p)).append('"');
                ct = later(ct);
                eventLine(ct, SEARCH_CLICK, "POST", Market.postId(p), query);
            }
        }
        line.append("],\"clicked\":[").append(clicked).append("]}\n");
        out.write(line.toString());
        String pending = eventsBuffer.toString();
        eventsBuffer.setLength(0);
        events.write(pending);
    }

    private final StringBuilder eventsBuffer = new StringBuilder();

    private long later(long t) {
        return Math.min(config.nowMillis(), t + 1 + (long) Seeds.exponential(rng, 2 * HOUR));
    }

    private void emit(long ts, int action, String kind, String target, String query) throws IOException {
        eventLine(ts, action, kind, target, query);
        events.write(eventsBuffer.toString());
        eventsBuffer.setLength(0);
    }

    private void eventLine(long ts, int action, String kind, String target, String query) {
        emitted++;
        actionCounts[action]++;
        StringBuilder b = eventsBuffer;
        b.append("{\"event_id\":\"e").append(user.index()).append('_').append(emitted)
                .append("\",\"ts\":").append(ts)
                .append(",\"user_id\":\"").append(UserProfile.id(user.index()))
                .append("\",\"action\":\"").append(ACTIONS[action])
                .append("\",\"target_kind\":\"").append(kind)
                .append("\",\"target_id\":\"").append(target).append('"');
        if (query != null) {
            b.append(",\"query\":\"").append(query).append('"');
        }
        b.append(",\"region_id\":").append(user.region()).append("}\n");
    }

    private static void sortByScore(int[] ids, double[] scores) {
        for (int i = 1; i < ids.length; i++) {
            for (int j = i; j > 0 && scores[j] > scores[j - 1]; j--) {
                double s = scores[j];
                scores[j] = scores[j - 1];
                scores[j - 1] = s;
                int id = ids[j];
                ids[j] = ids[j - 1];
                ids[j - 1] = id;
            }
        }
    }
}
