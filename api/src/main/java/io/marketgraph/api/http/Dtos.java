package io.marketgraph.api.http;

import java.util.List;

/** Request bodies, as the wire names them. Responses are the services' result records. */
final class Dtos {

    private Dtos() {}

    record LinkScoreRequest(List<PairDto> pairs) {}

    record PairDto(String userId, String targetKind, String targetId) {}

    record RerankRequest(String userId, String query, List<CandidateDto> candidates) {}

    record CandidateDto(String postId, Double baseScore) {}

    record AudienceRequest(TargetDto target, List<Integer> regions, Integer size, Double minScore,
                           Boolean excludeFollowers, Integer offset, Integer limit, String source) {}

    record TargetDto(String type, List<String> ids, Integer category) {}

    record ErrorResponse(int status, String error, String message) {}

    /** The error shape plus the batch's rejects: counts by reason, and the first ones named. */
    record RejectedEvents(int status, String error, String message, java.util.Map<String, Long> rejected,
                          List<io.marketgraph.api.ingest.IngestService.Reject> errors) {}

    record ModelInfo(String version, String createdAt, String graphVersion, java.util.Map<String, Double> metrics,
                     List<String> available) {}
}
