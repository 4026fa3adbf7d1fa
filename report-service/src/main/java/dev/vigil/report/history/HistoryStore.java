package dev.vigil.report.history;

import dev.vigil.common.evidence.ControlStatusEvent;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Keeps each control's history of statuses as intervals; {@link Timeline} decides what to write. */
@ApplicationScoped
public class HistoryStore {

    public enum Outcome { RECORDED, DUPLICATE }

    private final EntityManager em;
    private final Clock clock;

    public HistoryStore(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /**
     * Adds the evaluation to its control's history, in the caller's transaction. A transaction-scoped advisory
     * lock per control serialises writers of one control: the read of the neighbours and the writes must not
     * interleave with another event of the same control (the constraints would catch it, but as a failure).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome record(ControlStatusEvent event) {
        em.createNativeQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext(:id))) AS locked")
                .setParameter("id", "report.status_interval:" + event.controlId())
                .getSingleResult();
        Instant at = event.evaluatedAt();
        List<StatusIntervalRow> neighbours = neighbours(event.controlId(), at);
        Timeline.Placement placement = Timeline.place(at, neighbours.stream().map(r -> r.validFrom).toList());
        if (placement.duplicate()) {
            return Outcome.DUPLICATE;
        }
        for (StatusIntervalRow r : neighbours) {
            if (r.validFrom.equals(placement.closePreviousStartingAt())) {
                r.validTo = at;
            }
        }
        // The closed predecessor must be written before the new current interval, or the unique index on the
        // open interval would see two for a moment.
        em.flush();
        StatusIntervalRow.from(StatusInterval.of(event, placement.newIntervalEnd()), clock.instant()).persist();
        return Outcome.RECORDED;
    }

    /** The intervals at {@code at} (if any) and immediately before and after it: all {@link Timeline} needs. */
    private static List<StatusIntervalRow> neighbours(String controlId, Instant at) {
        Parameters p = Parameters.with("id", controlId).and("at", at);
        List<StatusIntervalRow> rows = new ArrayList<>();
        StatusIntervalRow.<StatusIntervalRow>find("controlId = :id and validFrom <= :at",
                Sort.descending("validFrom"), p).firstResultOptional().ifPresent(rows::add);
        StatusIntervalRow.<StatusIntervalRow>find("controlId = :id and validFrom > :at",
                Sort.ascending("validFrom"), p).firstResultOptional().ifPresent(rows::add);
        return rows;
    }

    /** The control's latest status recorded before {@code at}, only among {@code among} if it is not empty. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<String> latestBefore(String controlId, Instant at, Collection<String> among) {
        Parameters p = Parameters.with("id", controlId).and("at", at);
        String query = "controlId = :id and validFrom < :at";
        if (!among.isEmpty()) {
            query += " and status in :among";
            p = p.and("among", among);
        }
        return StatusIntervalRow.<StatusIntervalRow>find(query, Sort.descending("validFrom"), p)
                .firstResultOptional().map(r -> r.status);
    }

    /** A control's intervals that overlap [from, to), in order. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<StatusInterval> overlapping(String controlId, Instant from, Instant to) {
        return StatusIntervalRow.<StatusIntervalRow>find(
                        "controlId = :id and validFrom < :to and (validTo is null or validTo > :from)",
                        Sort.ascending("validFrom"),
                        Parameters.with("id", controlId).and("from", from).and("to", to))
                .stream().map(StatusIntervalRow::toInterval).toList();
    }

    /** Every control's intervals that overlap [from, to), by control id, each list in order. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, List<StatusInterval>> overlappingAll(Instant from, Instant to) {
        Map<String, List<StatusInterval>> byControl = new LinkedHashMap<>();
        StatusIntervalRow.<StatusIntervalRow>find("validFrom < :to and (validTo is null or validTo > :from)",
                        Sort.ascending("controlId").and("validFrom"),
                        Parameters.with("from", from).and("to", to))
                .stream().map(StatusIntervalRow::toInterval)
                .forEach(i -> byControl.computeIfAbsent(i.controlId(), k -> new ArrayList<>()).add(i));
        return byControl;
    }
}
