package dev.chat.chat.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * How one partition's commands are taken, in order: each consecutive run of sends as one step (stored with one
 * statement), every other command as a step of its own. Pure, so the splitting has unit tests.
 */
final class CommandRuns {

    private CommandRuns() {
    }

    /** The steps of {@code commands}, in order; together they hold every command once, in the order given. */
    static <T> List<List<T>> split(List<T> commands, Predicate<T> isSend) {
        List<List<T>> steps = new ArrayList<>();
        List<T> run = null;
        for (T command : commands) {
            if (isSend.test(command) && run != null) {
                run.add(command);
                continue;
            }
            List<T> step = new ArrayList<>();
            step.add(command);
            steps.add(step);
            run = isSend.test(command) ? step : null;
        }
        return steps;
    }
}
