package io.github.drydock.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HumanSizeTest {
    @Test
    void formatsDockerOneXVectors() {
        assertThat(HumanSize.format(0)).isEqualTo("0 B");
        assertThat(HumanSize.format(84_980_000)).isEqualTo("84.98 MB");
        assertThat(HumanSize.format(322_800_000)).isEqualTo("322.8 MB");
        assertThat(HumanSize.format(619_500_000)).isEqualTo("619.5 MB");
        assertThat(HumanSize.format(1000)).isEqualTo("1 kB");
    }

    @Test
    void dropsTrailingZerosAndKeepsFourSignificantDigits() {
        assertThat(HumanSize.format(128_000_000)).isEqualTo("128 MB");
        assertThat(HumanSize.format(85_300_000)).isEqualTo("85.3 MB");
        assertThat(HumanSize.format(999)).isEqualTo("999 B");
        assertThat(HumanSize.format(1_234_567)).isEqualTo("1.235 MB");
        assertThat(HumanSize.format(84_984_832)).isEqualTo("84.98 MB");
        assertThat(HumanSize.format(1_800_000_000L)).isEqualTo("1.8 GB");
    }

    @Test
    void roundingUpToThousandStaysInTheSmallerUnitAsGoDoes() {
        // Go: 999999/1000 = 999.999 -> %.4g -> "1000" (exponent 3 < precision 4), unit kB.
        assertThat(HumanSize.format(999_999)).isEqualTo("1000 kB");
    }

    @Test
    void largestValuesUseExabytes() {
        assertThat(HumanSize.format(Long.MAX_VALUE)).isEqualTo("9.223 EB");
    }

    @Test
    void unknownSizeIsADash() {
        assertThat(HumanSize.format(-1)).isEqualTo("-");
    }

    @Test
    void goGUsesExponentFormOutsideItsRange() {
        assertThat(HumanSize.goG(12345.0, 4)).isEqualTo("1.234e+04");
        assertThat(HumanSize.goG(0.00001234, 4)).isEqualTo("1.234e-05");
        assertThat(HumanSize.goG(0.5, 4)).isEqualTo("0.5");
    }
}
