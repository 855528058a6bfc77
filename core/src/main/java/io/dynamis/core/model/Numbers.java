package io.dynamis.core.model;

import java.math.BigDecimal;

/**
 * DynamoDB's number rules: exact decimals of up to 38 significant digits whose magnitude lies between
 * 1E-130 and 9.9999999999999999999999999999999999999E+125 (or zero).
 */
public final class Numbers {

    /** Most significant digits a number may carry. */
    public static final int MAX_PRECISION = 38;
    /** Largest power of ten a number's magnitude may reach (exclusive bound is 1E+126). */
    public static final int MAX_EXPONENT = 125;
    /** Smallest magnitude of a non-zero number: 1E-130. */
    public static final int MIN_EXPONENT = -130;

    private Numbers() {
    }

    /** Parses number text; throws {@link NumberFormatException} when it is not a decimal number. */
    public static BigDecimal parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new NumberFormatException("empty");
        }
        char last = text.charAt(text.length() - 1);
        if (Character.isWhitespace(text.charAt(0)) || Character.isWhitespace(last)) {
            throw new NumberFormatException(text);
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7F) { // BigDecimal would read other scripts' digits
                throw new NumberFormatException(text);
            }
        }
        return normalize(new BigDecimal(text));
    }

    /** The canonical form of a number: trailing zeros stripped, and zero as plain 0. */
    public static BigDecimal normalize(BigDecimal value) {
        if (value.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return value.stripTrailingZeros();
    }

    /** The number as written on the wire: plain decimal notation, no trailing zeros. */
    public static String format(BigDecimal value) {
        return value.toPlainString();
    }

    /** The problem DynamoDB reports for a number outside its range or precision, or null if it is valid. */
    public static String rangeProblem(BigDecimal value) {
        if (value.signum() == 0) {
            return null;
        }
        BigDecimal v = normalize(value);
        if (v.precision() > MAX_PRECISION) {
            return "Attempting to store more than 38 significant digits in a Number";
        }
        // magnitude = unscaled * 10^-scale; its decimal exponent (position of the leading digit):
        long exponent = (long) v.precision() - v.scale() - 1;
        if (exponent > MAX_EXPONENT) {
            return "Number overflow. Attempting to store a number with magnitude larger than supported range";
        }
        if (exponent < MIN_EXPONENT) {
            return "Number underflow. Attempting to store a number with magnitude smaller than supported range";
        }
        return null;
    }
}
