package io.spotifyinsights.schedule;

import java.util.TimeZone;

import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One job detail and one cron trigger; Spring Boot registers both with the scheduler. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "insights.schedule.enabled", matchIfMissing = true)
class ScheduleConfiguration {

    static final String JOB_NAME = "spotifyPipeline";

    @Bean
    JobDetail spotifyPipelineJobDetail() {
        return JobBuilder.newJob(PipelineQuartzJob.class)
                .withIdentity(JOB_NAME)
                .withDescription("Runs spotifyPipelineJob for the scheduled hour")
                .storeDurably()
                .requestRecovery()
                .build();
    }

    @Bean
    Trigger spotifyPipelineTrigger(JobDetail spotifyPipelineJobDetail, ScheduleProperties schedule) {
        return TriggerBuilder.newTrigger()
                .forJob(spotifyPipelineJobDetail)
                .withIdentity(JOB_NAME + "Trigger")
                .withDescription("insights.schedule.cron = " + schedule.cron())
                .withSchedule(CronScheduleBuilder.cronSchedule(schedule.cron())
                        .inTimeZone(TimeZone.getTimeZone(schedule.timeZone()))
                        // After downtime, fire once now rather than once per missed hour or not at all.
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
    }
}
