package io.spotifyinsights.schedule;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

import io.spotifyinsights.pipeline.RunService;

/**
 * The scheduled run of one hour. The hour comes from the trigger's scheduled fire time, not from the clock, so a
 * misfire fired late, or a failed hour fired again, is still the same hour's run.
 */
@DisallowConcurrentExecution
public class PipelineQuartzJob extends QuartzJobBean {

    private final RunService runService;

    public PipelineQuartzJob(RunService runService) {
        this.runService = runService;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        Instant scheduledHour = context.getScheduledFireTime().toInstant().truncatedTo(ChronoUnit.HOURS);
        runService.runScheduled(scheduledHour);
    }
}
