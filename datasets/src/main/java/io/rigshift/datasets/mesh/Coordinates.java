package io.rigshift.datasets.mesh;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The text form of coordinates in written mesh files: plain decimals, six places, no exponent, any locale. */
final class Coordinates {

    private Coordinates() {
    }

    static String format(double value) {
        String text = BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
        return text.equals("-0") ? "0" : text;
    }
}
