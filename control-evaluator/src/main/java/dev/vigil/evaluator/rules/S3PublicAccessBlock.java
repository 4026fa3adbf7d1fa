package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;

import java.util.List;
import java.util.stream.Stream;

/** The four settings of an S3 public access block; only all four together stop every kind of public access. */
final class S3PublicAccessBlock {
    static final List<String> SETTINGS = List.of("blockPublicAcls", "ignorePublicAcls", "blockPublicPolicy",
            "restrictPublicBuckets");

    private S3PublicAccessBlock() {
    }

    /** The settings that none of {@code blocks} turns on (a null block turns none on). S3 applies each one that is. */
    static List<String> off(Facts... blocks) {
        return SETTINGS.stream()
                .filter(s -> Stream.of(blocks).noneMatch(b -> b != null && b.bool(s)))
                .toList();
    }
}
