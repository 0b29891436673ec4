package dev.trib.node.persistence;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SavePointsTest {
    @Test
    void aPointIsReachedWithEnoughChangesAndStrictlyMoreSeconds() {
        SavePoints points = SavePoints.parse("3600 1 300 100 60 10000");
        assertTrue(points.enabled());
        assertNull(points.reached(0, 100_000), "no change, no save");
        assertNull(points.reached(1, 3600), "3600 seconds are not more than 3600");
        assertEquals(new SavePoints.Point(3600, 1), points.reached(1, 3601));
        assertEquals(new SavePoints.Point(300, 100), points.reached(100, 301));
        assertEquals(new SavePoints.Point(60, 10000), points.reached(10_000, 61));
    }

    @Test
    void anEmptyDirectiveDisablesSavingAndOddWordsAreRefused() {
        assertFalse(SavePoints.parse("").enabled());
        assertNull(SavePoints.parse("").reached(1_000_000, 1_000_000));
        assertThrows(IllegalArgumentException.class, () -> SavePoints.parse("60"));
    }
}
