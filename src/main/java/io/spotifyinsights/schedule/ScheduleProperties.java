package io.spotifyinsights.schedule;

import jakarta.validation.constraints.NotBlank;
import org.quartz.CronExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When the pipeline runs by itself.
 *
 * @param cron     a Quartz cron expression (seconds first); default: every hour at minute 0
 * @param timeZone the zone the cron expression is read in
 * @param enabled  false: runs start only through the REST API
 */
@Validated
@ConfigurationProperties("insights.schedule")
public record ScheduleProperties(
        @NotBlank @DefaultValue("0 0 * * * ?") String cron,
        @NotBlank @DefaultValue("UTC") String timeZone,
        @DefaultValue("true") boolean enabled) {

    public ScheduleProperties {
        if (cron != null && !CronExpression.isValidExpression(cron)) {
            throw new IllegalArgumentException(("insights.schedule.cron '%s' is not a Quartz cron expression: six "
                    + "fields, seconds first, e.g. '0 0 * * * ?' for every hour at minute 0").formatted(cron));
        }
    }
}
