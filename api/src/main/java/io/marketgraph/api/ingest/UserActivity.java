package io.marketgraph.api.ingest;

import io.marketgraph.model.Action;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A user's engagement since the graph was built, as ingested events left it. Immutable: each event
 * replaces the user's value (copy on write), so a request reads one consistent state without a lock.
 *
 * @param recent   the latest {@value #RECENT} engagements, oldest first: they fold the user's vector in
 * @param seenNodes  model nodes the user engaged with (excluded from recommendations)
 * @param seenLive   live posts the user engaged with (excluded likewise)
 * @param followed   businesses the user followed (their new posts are candidates)
 */
public record UserActivity(List<Engaged> recent, Set<Integer> seenNodes, Set<String> seenLive, Set<String> followed) {

    public static final int RECENT = 50;
    static final UserActivity EMPTY = new UserActivity(List.of(), Set.of(), Set.of(), Set.of());

    /** One engagement: a model node ({@code node >= 0}) or a live post ({@code livePost != null}). */
    public record Engaged(int node, String livePost, Action action) {}

    UserActivity with(Engaged e, String followedBusiness) {
        List<Engaged> r = new ArrayList<>(recent);
        r.add(e);
        if (r.size() > RECENT) {
            r.remove(0);
        }
        Set<Integer> nodes = seenNodes;
        Set<String> live = seenLive;
        if (e.node() >= 0 && !seenNodes.contains(e.node())) {
            nodes = new HashSet<>(seenNodes);
            nodes.add(e.node());
        }
        if (e.livePost() != null && !seenLive.contains(e.livePost())) {
            live = new HashSet<>(seenLive);
            live.add(e.livePost());
        }
        Set<String> f = followed;
        if (followedBusiness != null && !followed.contains(followedBusiness)) {
            f = new HashSet<>(followed);
            f.add(followedBusiness);
        }
        return new UserActivity(Collections.unmodifiableList(r), Collections.unmodifiableSet(nodes),
                Collections.unmodifiableSet(live), Collections.unmodifiableSet(f));
    }
}
