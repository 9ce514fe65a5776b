package dev.outpost.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Medians, and ratios taken pair by pair so that load in phases does not skew them. */
class StatsTest {

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(new Stats(new long[] {4, 1, 3, 2}).median()).isEqualTo(2.5);
        assertThat(new Stats(new long[] {5, 1, 3}).median()).isEqualTo(3.0);
    }

    @Test
    void aRatioPairsEachIterationWithTheBaselinesOfTheSameTurn() {
        // the machine is twice as slow for the first turns: every pair says 1.2, while the medians
        // taken apart can fall on either side of the change (2.4 when the operation's slow phase
        // lasts one turn longer)
        Stats operation = new Stats(new long[] {240, 240, 240, 240, 120, 120, 120, 120, 120});
        Stats baseline = new Stats(new long[] {200, 200, 200, 200, 100, 100, 100, 100, 100});
        Stats shifted = new Stats(new long[] {240, 240, 240, 240, 240, 120, 120, 120, 120});

        assertThat(operation.pairedRatio(baseline)).isEqualTo(1.2);
        assertThat(shifted.median() / baseline.median()).isEqualTo(2.4);
        assertThat(shifted.pairedRatio(baseline)).isEqualTo(1.2);
    }

    @Test
    void aRatioNeedsAsManyBaselineSamples() {
        assertThatThrownBy(() -> new Stats(new long[] {1, 2}).pairedRatio(new Stats(new long[] {1})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 samples against 1");
    }
}
