package dev.vigil.common.catalogue;

import java.util.List;

/**
 * One Trust Services Criterion (AICPA TSC 2017, points of focus revised 2022), as
 * {@code catalogue/criteria.json} describes it, with the catalogue controls that support it. A criterion no
 * control supports is kept, with an empty list: the gap is then visible instead of silently absent.
 *
 * @param id          for example {@code CC6.1}, {@code A1.2}, {@code P4.3}
 * @param series      the id's series: {@code CC6}, {@code A1}, {@code P4}
 * @param title       a short name
 * @param description what the criterion asks of the organisation, in our own words
 */
public record Criterion(String id, String series, String title, String description, List<SupportingControl> controls) {

    public Criterion {
        controls = controls == null ? List.of() : List.copyOf(controls);
    }
}
