package dev.vigil.report.deadletters;

import dev.vigil.access.Roles;
import dev.vigil.report.access.AuditLog;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Dead letters: the records a service could never process, kept on {@code <topic>.dlq} with the reason. An admin
 * lists them by topic and reason and, once the cause is fixed, replays chosen ones to their original topic; a dead
 * letter is replayed at most once ({@link DeadLetterReplayer}). docs/reliability.md#replaying-dead-letters.
 */
@Path("/api/dead-letters")
@Tag(name = "dead letters", description = "Records that could not be processed, and their replay after a fix")
@RolesAllowed(Roles.ADMIN)
public class DeadLettersResource {
    static final int MAX_LIMIT = 500;
    static final String TEXT = MediaType.TEXT_PLAIN + ";charset=UTF-8";

    private final DeadLetterListing listing;
    private final DeadLetterReplayer replayer;
    private final DeadLetterTopics topics;
    private final AuditLog audit;
    private final SecurityIdentity identity;

    public DeadLettersResource(DeadLetterListing listing, DeadLetterReplayer replayer, DeadLetterTopics topics,
                               AuditLog audit, SecurityIdentity identity) {
        this.listing = listing;
        this.replayer = replayer;
        this.topics = topics;
        this.audit = audit;
        this.identity = identity;
    }

    /** Either {@code ids}, or a filter ({@code topic} and/or {@code reason}) selecting every match. */
    public record ReplayRequest(List<String> ids, String topic, String reason) {
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @Operation(summary = "Dead letters of every dead-letter topic, oldest first, a page at a time, with counts by "
            + "topic and reason and whether each was replayed")
    public Response list(
            @Parameter(description = "only this topic's, e.g. vigil.evidence.v1 (or its dead-letter topic)")
            @QueryParam("topic") String topic,
            @Parameter(description = "only those whose reason contains this text, ignoring case, e.g. UNSIGNED")
            @QueryParam("reason") String reason,
            @Parameter(description = "dead letters per page, 1 to 500")
            @QueryParam("limit") @DefaultValue("50") int limit,
            @Parameter(description = "dead letters to skip") @QueryParam("offset") @DefaultValue("0") int offset,
            @Parameter(description = "text: aligned plain-text columns instead of JSON (as Accept: text/plain)")
            @QueryParam("format") String format,
            @Context HttpHeaders headers) {
        if (limit < 1 || limit > MAX_LIMIT || offset < 0) {
            throw new InvalidDeadLetterRequest("limit must be 1 to " + MAX_LIMIT + " and offset at least 0, got limit "
                    + limit + ", offset " + offset);
        }
        DeadLetterPage page = listing.page(filter(topic, reason), limit, offset);
        return text(format, headers) ? Response.ok(DeadLetterText.page(page), TEXT).build()
                : Response.ok(page, MediaType.APPLICATION_JSON).build();
    }

    @POST
    @Path("/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @Operation(summary = "Replay dead letters to their original topic, by id or every match of a filter; one "
            + "already replayed is not published again")
    public Response replay(ReplayRequest request,
                           @Parameter(description = "text: plain-text lines instead of JSON (as Accept: text/plain)")
                           @QueryParam("format") String format,
                           @Context HttpHeaders headers) {
        List<String> ids = request == null || request.ids() == null ? List.of()
                : request.ids().stream().filter(id -> id != null && !id.isBlank()).map(String::trim).toList();
        DeadLetterFilter filter = request == null ? DeadLetterFilter.ALL : filter(request.topic(), request.reason());
        String what;
        if (!ids.isEmpty() && !filter.selectsEverything()) {
            throw new InvalidDeadLetterRequest("give either 'ids' or a filter ('topic', 'reason'), not both; got "
                    + ids.size() + " id(s) and " + filter);
        } else if (ids.isEmpty() && filter.selectsEverything()) {
            throw new InvalidDeadLetterRequest("name the dead letters to replay: {\"ids\": [\"" + DeadLetterId.FORMAT
                    + "\", ...]} or a filter {\"topic\": \"...\", \"reason\": \"...\"}; got neither");
        } else if (ids.isEmpty()) {
            what = "filter " + filter;
            ids = listing.matching(filter).stream().map(d -> d.id().toString()).toList();
        } else {
            what = ids.size() + " id(s)";
        }
        String who = identity.getPrincipal().getName();
        DeadLetterReplayer.Progress progress = new DeadLetterReplayer.Progress();
        try {
            replayer.replay(ids, who, progress);
        } catch (DeadLettersUnavailable e) {
            audit(what, progress, e.getMessage());
            throw new DeadLettersUnavailable(e.getMessage() + "; before that: " + describe(progress)
                    + ". Replaying the same again is safe: what was replayed is not published twice", e);
        }
        audit(what, progress, null);
        ReplayAnswer answer = ReplayAnswer.of(what, progress.outcomes());
        return text(format, headers) ? Response.ok(DeadLetterText.answer(answer), TEXT).build()
                : Response.ok(answer, MediaType.APPLICATION_JSON).build();
    }

    private DeadLetterFilter filter(String topic, String reason) {
        return new DeadLetterFilter(topic == null || topic.isBlank() ? null : topics.resolve(topic), reason);
    }

    /** One entry per request, whatever it came to: who asked for what, and what each dead letter came to. */
    private void audit(String what, DeadLetterReplayer.Progress progress, String failure) {
        audit.record(identity, AuditLog.Action.DEAD_LETTERS_REPLAYED, "/api/dead-letters/replay", null,
                "asked: " + what + "; " + describe(progress) + (failure == null ? "" : "; then failed: " + failure));
    }

    /** "replayed: a -> t/0/5, b -> t/0/6; already replayed: c; unknown: d". */
    private static String describe(DeadLetterReplayer.Progress progress) {
        if (progress.outcomes().isEmpty()) {
            return "nothing replayed";
        }
        Map<ReplayOutcome.Result, List<String>> byResult = new EnumMap<>(ReplayOutcome.Result.class);
        for (ReplayOutcome o : progress.outcomes()) {
            byResult.computeIfAbsent(o.result(), r -> new ArrayList<>()).add(
                    o.result() == ReplayOutcome.Result.REPLAYED ? o.id() + " -> " + o.replay().target() : o.id());
        }
        return byResult.entrySet().stream()
                .map(e -> e.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": "
                        + String.join(", ", e.getValue()))
                .collect(Collectors.joining("; "));
    }

    /** {@code ?format=text}, or a client that asks for plain text before JSON (curl's default asks for anything). */
    private static boolean text(String format, HttpHeaders headers) {
        if (format != null && !format.isBlank()) {
            if (format.trim().equalsIgnoreCase("text")) {
                return true;
            }
            if (format.trim().equalsIgnoreCase("json")) {
                return false;
            }
            throw new InvalidDeadLetterRequest("unknown format '" + format.trim() + "', expected text or json");
        }
        List<MediaType> accepted = headers.getAcceptableMediaTypes();
        return !accepted.isEmpty() && !accepted.get(0).isWildcardType()
                && accepted.get(0).isCompatible(MediaType.TEXT_PLAIN_TYPE);
    }
}
