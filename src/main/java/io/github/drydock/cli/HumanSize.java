package io.github.drydock.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Sizes as Docker 1.x printed them ({@code units.HumanSize} of docker/go-units): base 1000, units
 * B, kB, MB, GB, TB, …, and Go's {@code "%.4g %s"}: four significant digits, trailing zeros dropped,
 * e.g. {@code 322.8 MB}, {@code 84.98 MB}, {@code 128 MB}, {@code 0 B}.
 */
public final class HumanSize {
    /** What an unknown size (recorded as -1) prints as. */
    public static final String UNKNOWN = "-";
    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
    private static final double BASE = 1000.0;
    private static final int PRECISION = 4;

    private HumanSize() {
    }

    /**
     * Formats a byte count.
     *
     * @param bytes the size; negative means unknown
     * @return e.g. {@code 84.98 MB}, or {@value #UNKNOWN} for a negative size
     */
    public static String format(long bytes) {
        if (bytes < 0) {
            return UNKNOWN;
        }
        // Divide step by step in double, as Go does, so rounding matches Docker's output digit for digit.
        double size = bytes;
        int unit = 0;
        while (size >= BASE && unit < UNITS.length - 1) {
            size /= BASE;
            unit++;
        }
        return goG(size, PRECISION) + " " + UNITS[unit];
    }

    /**
     * Go's {@code %.Ng} for a finite non-negative value: the exact binary value rounded half-even to
     * {@code precision} significant digits, trailing zeros removed, exponent form only when the
     * decimal exponent is below -4 or at least {@code precision}.
     */
    static String goG(double value, int precision) {
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(precision, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= precision) {
            BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
            String sign = exponent < 0 ? "-" : "+";
            int abs = Math.abs(exponent);
            return mantissa.toPlainString() + "e" + sign + (abs < 10 ? "0" : "") + abs;
        }
        return rounded.stripTrailingZeros().toPlainString();
    }
}
