package dev.chat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The per-shape charts read the right figures from a result file and judge them against the targets. */
class ScoreChartsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode result(String json) throws Exception {
        return MAPPER.readTree(json.replace('\'', '"'));
    }

    @Test
    void s1IsJudgedAgainstItsTargetsAndThePeersCpu() throws Exception {
        Map<String, List<ScoreCharts.Figure>> shapes = ScoreCharts.figures(result("{'machine':{'extra':{}},'runs':["
                + "{'target':'pipeline (gateway ...)','shape':{'name':'S1-steady'},'deliveriesPerSecond':50840,"
                + "'deliveryLatencyMs':{'p50':122.2,'p99':704},'cpuMsPer1000Deliveries':34.3,'correctness':{'lost':0}},"
                + "{'target':'peer (single process)','shape':{'name':'S1-steady'},'deliveriesPerSecond':49958,"
                + "'deliveryLatencyMs':{'p50':1.9,'p99':14.4},'cpuMsPer1000Deliveries':13.4,'correctness':{'lost':0}}]}"));

        List<ScoreCharts.Figure> s1 = shapes.get("S1");
        assertEquals(5, s1.size());
        assertEquals(null, s1.get(0).target(), "the delivered rate is shown, not judged: S1's targets are latency, CPU and loss");
        assertFalse(s1.get(1).met(), "p50 122 ms against 10");
        assertEquals(26.8, s1.get(3).target(), 1e-9, "twice the peer's CPU");
        assertFalse(s1.get(3).met());
        assertTrue(s1.get(4).met(), "nothing lost");
        String svg = ScoreCharts.svg("S1", "run.json", s1);
        assertTrue(svg.contains("send -&gt; receive p50") && svg.contains("missed (target 10 ms)"), svg);
    }

    @Test
    void theConnectStormAndTheKneeComeFromTheExtras() throws Exception {
        Map<String, List<ScoreCharts.Figure>> shapes = ScoreCharts.figures(result("{'runs':[],'machine':{'extra':{"
                + "'S6-connect-storm pipeline':{'connections':1000,'welcomedWithin5s':1000,'openToWelcomeMs':{'p50':1449,'max':3252}},"
                + "'S6-connect-storm peer':{'connections':1000,'welcomedWithin5s':1000,'openToWelcomeMs':{'p50':202,'max':296}},"
                + "'S2-knee pipeline':{'kneeDeliveriesPerSecond':9886},'S2-knee peer':{'kneeDeliveriesPerSecond':150000}}}}"));

        assertTrue(shapes.get("S6").get(0).met(), "all 1,000 within 5 s");
        assertTrue(shapes.get("S6").get(2).met(), "the last one at 3.3 s");
        ScoreCharts.Figure knee = shapes.get("S2").get(0);
        assertEquals(75_000, knee.target(), 1e-9);
        assertFalse(knee.met());
    }
}
