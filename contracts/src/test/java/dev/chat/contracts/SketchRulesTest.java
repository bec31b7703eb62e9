package dev.chat.contracts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.Problem.FieldError;

class SketchRulesTest {

    private static final String ID = "0193a5c2-7d1e-7c3a-9f2b-5e8d4c1a2b3c";

    private final ObjectMapper mapper = new ObjectMapper();

    private JsonNode frame(String color, String width, String points) throws Exception {
        return mapper.readTree("{\"strokeId\":\"" + ID + "\",\"color\":" + color + ",\"width\":" + width + ",\"points\":" + points + "}");
    }

    private List<String> fields(JsonNode frame) {
        return SketchRules.check(frame).stream().map(FieldError::field).toList();
    }

    @Test
    void aWellFormedStrokeIsReadWithItsPointsRoundedAndItsColourLowerCase() throws Exception {
        List<FieldError> errors = new ArrayList<>();
        SketchRules.StrokeShape shape = SketchRules.read(frame("\"#A0b1C2\"", "7", "[[0, 0], [10000, 9999.6], [5.4, 0.5]]"), errors);
        assertEquals(List.of(), errors);
        assertEquals("#a0b1c2", shape.color());
        assertEquals(7, shape.width());
        assertArrayEquals(new int[][] {{0, 0}, {10000, 10000}, {5, 1}}, shape.points());
    }

    @Test
    void eachBrokenRuleNamesItsField() throws Exception {
        assertEquals(List.of("color"), fields(frame("\"red\"", "3", "[[1,1]]")));
        assertEquals(List.of("color"), fields(frame("\"#12345\"", "3", "[[1,1]]")));
        assertEquals(List.of("width"), fields(frame("\"#123456\"", "0", "[[1,1]]")));
        assertEquals(List.of("width"), fields(frame("\"#123456\"", "201", "[[1,1]]")));
        assertEquals(List.of("width"), fields(frame("\"#123456\"", "2.5", "[[1,1]]")));
        assertEquals(List.of("width"), fields(frame("\"#123456\"", "\"3\"", "[[1,1]]")));
        assertEquals(List.of("points"), fields(frame("\"#123456\"", "3", "[]")));
        assertEquals(List.of("points[1]"), fields(frame("\"#123456\"", "3", "[[1,1],[10001,1]]")));
        assertEquals(List.of("points[0]"), fields(frame("\"#123456\"", "3", "[[-0.1,1]]")));
        assertEquals(List.of("points[0]"), fields(frame("\"#123456\"", "3", "[[\"1\",1]]")));
        assertEquals(List.of("points[0]"), fields(frame("\"#123456\"", "3", "[[1,1,1]]")));
        assertEquals(List.of("strokeId"), fields(mapper.readTree("{\"strokeId\":\"1-1-1-1-1\",\"color\":\"#000000\",\"width\":1,"
                + "\"points\":[[1,1]]}")));
    }

    @Test
    void atMostTwoThousandPoints() throws Exception {
        StringBuilder points = new StringBuilder("[");
        for (int i = 0; i < SketchRules.MAX_POINTS; i++) {
            points.append(i == 0 ? "" : ",").append("[1,1]");
        }
        assertEquals(List.of(), fields(frame("\"#000000\"", "1", points + "]")));
        assertEquals(List.of("points"), fields(frame("\"#000000\"", "1", points + ",[1,1]]")));
        assertNull(SketchRules.read(frame("\"#000000\"", "1", points + ",[1,1]]"), new ArrayList<>()));
    }
}
