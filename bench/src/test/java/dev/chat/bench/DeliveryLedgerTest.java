package dev.chat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The bench's correctness checks: what counts as lost, doubled, reordered or merely redelivered. */
class DeliveryLedgerTest {

    private final DeliveryLedger ledger = new DeliveryLedger();

    @Test
    void anAcknowledgedSeqAProbeNeverGotIsLostAndNamed() {
        Probe probe = ledger.newProbe(List.of("r"));
        for (long seq = 1; seq <= 3; seq++) {
            ledger.messageAcked("r", seq);
        }
        probe.message("r", 1, 0, true);
        probe.message("r", 3, 0, true);

        DeliveryLedger.Correctness check = ledger.check(System.nanoTime());
        assertEquals(3, check.checkedDeliveries());
        assertEquals(1, check.lost());
        assertEquals(1, check.lostMessages().size());
        assertTrue(check.lostMessages().get(0).startsWith("room r seq 2: missing on 1 probe(s) (gapless up to seq 1)"),
                check.lostMessages().get(0));
    }

    @Test
    void theSameSeqTwiceOnOneConnectionIsDoubledButOnALaterConnectionOnlyRedelivered() {
        Probe probe = ledger.newProbe(List.of("r"));
        ledger.messageAcked("r", 1);
        probe.message("r", 1, 0, true);
        probe.message("r", 1, 0, true);
        probe.message("r", 1, 1, false);

        DeliveryLedger.Correctness check = ledger.check(System.nanoTime());
        assertEquals(0, check.lost());
        assertEquals(1, check.duplicated());
        assertEquals(1, check.redelivered());
    }

    @Test
    void aLowerSeqAfterAHigherOneIsOutOfOrderOnlyInTheLivePhase() {
        Probe probe = ledger.newProbe(List.of("r"));
        // A resume's replay (not live) may interleave with live messages; the client places them by seq.
        probe.message("r", 5, 1, false);
        probe.message("r", 4, 1, false);
        probe.message("r", 2, 0, true);
        probe.message("r", 1, 0, true);

        assertEquals(1, ledger.check(System.nanoTime()).outOfOrder());
    }

    @Test
    void canvasOpsAreCheckedForLossGapsAndOrder() {
        Probe probe = ledger.newProbe(List.of("r"));
        ledger.canvasAcked("r", 1);
        ledger.canvasAcked("r", 2);
        ledger.canvasAcked("r", 3);
        probe.stroke("r", 1);
        probe.stroke("r", 3);

        DeliveryLedger.CanvasCheck canvas = ledger.canvasCheck();
        assertEquals(1, canvas.lost());
        assertEquals(1, canvas.gaps());
        assertEquals(0, canvas.outOfOrder());
        assertEquals(3, ledger.ackedStrokes());
        assertEquals(1, ledger.check(System.nanoTime()).lost(), "the canvas's losses count in the run's");
    }

    @Test
    void oneMessageIsLookedUpOnTheProbesOfItsRoom() {
        Probe first = ledger.newProbe(List.of("r"));
        Probe second = ledger.newProbe(List.of("r"));
        ledger.newProbe(List.of("other"));
        first.message("r", 7, 0, true);
        second.message("r", 8, 0, true);

        assertEquals(2, ledger.probesOf("r"));
        assertEquals(1, ledger.probesLacking("r", 7));
        assertEquals(2, ledger.probesLacking("r", 9));
        assertEquals(0, ledger.probesOf("nowhere"));
    }

    @Test
    void aResumeStartsWhereNothingIsMissing() {
        Probe probe = ledger.newProbe(List.of("r"));
        probe.welcomePositions.put("r", 10L);
        probe.message("r", 11, 0, true);
        probe.message("r", 13, 0, true);

        assertEquals("{\"type\":\"resume\",\"positions\":{\"r\":11}}", probe.resumeFrame());
    }
}
