package io.spotifyinsights.schedule;

import java.util.Objects;

import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * A persistent job store keeps the trigger it was first given. Replacing it at every start (Quartz's
 * overwrite-existing-jobs) lets a starting replica re-fire the second another replica just fired; so the stored
 * trigger is replaced only when {@code insights.schedule.cron} or its time zone changed.
 */
@Component
@ConditionalOnBooleanProperty(name = "insights.schedule.enabled", matchIfMissing = true)
class ScheduleUpdater implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ScheduleUpdater.class);

    private final Scheduler scheduler;
    private final Trigger spotifyPipelineTrigger;

    ScheduleUpdater(Scheduler scheduler, Trigger spotifyPipelineTrigger) {
        this.scheduler = scheduler;
        this.spotifyPipelineTrigger = spotifyPipelineTrigger;
    }

    @Override
    public void afterSingletonsInstantiated() {
        try {
            Trigger stored = scheduler.getTrigger(spotifyPipelineTrigger.getKey());
            CronTrigger configured = (CronTrigger) spotifyPipelineTrigger;
            if (stored instanceof CronTrigger current
                    && (!Objects.equals(current.getCronExpression(), configured.getCronExpression())
                    || !Objects.equals(current.getTimeZone(), configured.getTimeZone()))) {
                scheduler.rescheduleJob(stored.getKey(), spotifyPipelineTrigger);
                log.info("Schedule changed from '{}' to '{}'", current.getCronExpression(),
                        configured.getCronExpression());
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("Could not check the stored schedule: " + e.getMessage(), e);
        }
    }
}
