package io.spotifyinsights.faults;

import java.nio.file.Path;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.batch.core.step.item.ChunkOrientedStep;
import org.springframework.batch.core.step.tasklet.TaskletStep;

/** Adds {@link StepFaults} to every step of the real service, for the fault suite only. */
@Configuration(proxyBeanMethods = false)
public class FaultInjectionConfiguration {

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void registerWriteFaults(ChunkOrientedStep step, StepFaults faults) {
        step.registerItemWriteListener(faults.writeListener(step.getName()));
    }

    @Bean
    static BeanPostProcessor stepFaults(Environment environment) {
        StepFaults faults = new StepFaults(Path.of(environment.getRequiredProperty("insights.data-dir")));
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof TaskletStep step) {
                    step.registerChunkListener(faults);
                }
                if (bean instanceof ChunkOrientedStep<?, ?> step) {
                    registerWriteFaults(step, faults);
                }
                return bean;
            }
        };
    }
}
