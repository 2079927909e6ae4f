package io.spotifyinsights.schedule;

import java.time.Instant;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

import io.spotifyinsights.pipeline.RunService;

/**
 * The scheduled run of one fire of the schedule. Its identity is the trigger's scheduled fire time itself, not the
 * clock and not the hour — so a cron faster than hourly gets a run per fire, and a fire Quartz recovers after a crash
 * is the same run again.
 */
@DisallowConcurrentExecution
public class PipelineQuartzJob extends QuartzJobBean {

    private final RunService runService;

    public PipelineQuartzJob(RunService runService) {
        this.runService = runService;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        Instant scheduledTime = context.getScheduledFireTime().toInstant();
        runService.runScheduled(scheduledTime);
    }
}
