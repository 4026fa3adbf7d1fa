package dev.vigil.collector.aws.guardduty;

import org.junit.jupiter.api.Test;

import static dev.vigil.collector.aws.guardduty.FindingPatterns.catchesGuardDutyFindings;
import static org.assertj.core.api.Assertions.assertThat;

class FindingPatternsTest {

    @Test
    void aPatternOnGuardDutysSourceCatchesFindingsWithOrWithoutTheirDetailTypeAndNarrowerFilters() {
        assertThat(catchesGuardDutyFindings("{\"source\":[\"aws.guardduty\"]}")).isTrue();
        assertThat(catchesGuardDutyFindings(
                "{\"source\":[\"aws.guardduty\"],\"detail-type\":[\"GuardDuty Finding\"]}")).isTrue();
        assertThat(catchesGuardDutyFindings("{\"source\":[\"aws.securityhub\",\"aws.guardduty\"],"
                + "\"detail\":{\"severity\":[{\"numeric\":[\">=\",7]}]}}")).isTrue();
    }

    @Test
    void otherSourcesOtherDetailTypesSchedulesAndBrokenPatternsCatchNone() {
        assertThat(catchesGuardDutyFindings("{\"source\":[\"aws.ec2\"]}")).isFalse();
        assertThat(catchesGuardDutyFindings("{\"source\":[\"aws.guardduty\"],"
                + "\"detail-type\":[\"GuardDuty Malware Protection Object Scan Result\"]}")).isFalse();
        assertThat(catchesGuardDutyFindings("{\"source\":[{\"prefix\":\"aws.\"}]}")).isFalse();
        assertThat(catchesGuardDutyFindings(null)).isFalse();
        assertThat(catchesGuardDutyFindings("{not json")).isFalse();
    }
}
