package dev.vigil.common.catalogue;

/**
 * A document type that evidences a manual control, for example {@code access-review} for CM-01.
 *
 * @param type        lower-case words joined by hyphens; it becomes part of the uploaded document's resource key
 * @param maxAgeDays  how many days after its effective date the document stays current; null when it never
 *                    expires (a signed agreement). Already resolved: when controls.json leaves it out, it is the
 *                    control's {@link Frequency#maxAgeDays()}.
 * @param description what the document is, in one line
 */
public record DocumentRequirement(String type, Integer maxAgeDays, String description) {

    public boolean expires() {
        return maxAgeDays != null;
    }
}
