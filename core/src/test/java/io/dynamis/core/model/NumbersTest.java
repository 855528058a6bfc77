package io.dynamis.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DynamoDB's number range (1E-130 .. 9.99..E+125, 38 digits), normalization and wire form. */
class NumbersTest {

    private static final String OVERFLOW =
            "Number overflow. Attempting to store a number with magnitude larger than supported range";
    private static final String UNDERFLOW =
            "Number underflow. Attempting to store a number with magnitude smaller than supported range";
    private static final String TOO_PRECISE = "Attempting to store more than 38 significant digits in a Number";

    private static final String LARGEST = "9.9999999999999999999999999999999999999E+125";

    @ParameterizedTest
    @ValueSource(strings = {LARGEST, "-" + LARGEST, "1E-130", "-1E-130", "0", "-0", "0E+999", "0E-999",
        "12345678901234567890123456789012345678", "0.00000000000000000000000000000000000000012345678901234567890123456789012345678",
        "1.0000000000000000000000000000000000000000000", "1E+125", "9.9E-130"})
    void numbersInsideTheRangeHaveNoProblem(String n) {
        assertNull(Numbers.rangeProblem(new BigDecimal(n)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1E+126", "-1E+126", "10E+125", "99999999999999999999999999999999999999E+89"})
    void magnitudeOf1E126OrMoreOverflows(String n) {
        assertEquals(OVERFLOW, Numbers.rangeProblem(new BigDecimal(n)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1E-131", "-1E-131", "9.9999999999999999999999999999999999999E-131", "0.1E-130"})
    void magnitudeBelow1EMinus130Underflows(String n) {
        assertEquals(UNDERFLOW, Numbers.rangeProblem(new BigDecimal(n)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"123456789012345678901234567890123456789", "-1.00000000000000000000000000000000000001",
        "1.00000000000000000000000000000000000001E+200"})
    void thirtyNineSignificantDigitsAreTooMany(String n) {
        assertEquals(TOO_PRECISE, Numbers.rangeProblem(new BigDecimal(n)));
    }

    @Test
    void hugeExponentsAreOverflowsNotUnderflows() {
        assertEquals(OVERFLOW, Numbers.rangeProblem(new BigDecimal("12E+2147483647")));
    }

    @Test
    void normalizeStripsTrailingZerosAndSignOfZero() {
        assertEquals(new BigDecimal("1.5"), Numbers.normalize(new BigDecimal("1.500")));
        assertEquals(new BigDecimal("1E+2"), Numbers.normalize(new BigDecimal("100")));
        assertSame(BigDecimal.ZERO, Numbers.normalize(new BigDecimal("-0.000")));
        assertSame(BigDecimal.ZERO, Numbers.normalize(new BigDecimal("0E+10")));
    }

    @Test
    void formatWritesPlainDecimals() {
        assertEquals("1000", Numbers.format(Numbers.parse("1E+3")));
        assertEquals("0.00012", Numbers.format(Numbers.parse("1.20E-4")));
        assertEquals("-7", Numbers.format(Numbers.parse("-7.0")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " 1", "1 ", "\t1", "abc", "1,5", "0x10", "NaN", "Infinity", "1e", "--1"})
    void parseRejectsWhatIsNotADecimal(String text) {
        assertThrows(NumberFormatException.class, () -> Numbers.parse(text));
    }

    @Test
    void parseRejectsNull() {
        assertThrows(NumberFormatException.class, () -> Numbers.parse(null));
    }

    @Test
    void equalNumbersAreEqualValues() {
        assertEquals(AttributeValue.n("1"), AttributeValue.n("1.00"));
        assertEquals(AttributeValue.n("1"), new AttributeValue.Num(new BigDecimal("1E0")));
        assertEquals(AttributeValue.n(0), AttributeValue.n("-0.0"));
        assertEquals(new AttributeValue.NumSet(java.util.List.of(new BigDecimal("2.0"))),
                new AttributeValue.NumSet(java.util.List.of(new BigDecimal("2"))));
    }
}
