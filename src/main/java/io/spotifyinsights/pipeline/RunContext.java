package io.spotifyinsights.pipeline;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/** The job-level execution context of the run a step belongs to: shared by all its steps and kept on restart. */
final class RunContext {

    private RunContext() {
    }

    static ExecutionContext of(StepContribution contribution) {
        return contribution.getStepExecution().getJobExecution().getExecutionContext();
    }

    static String requireString(ExecutionContext context, String key) {
        String value = context.containsKey(key) ? context.getString(key) : null;
        if (value == null) {
            throw new IllegalStateException("The run has no '" + key + "' from an earlier step; start a new run");
        }
        return value;
    }
}
