package vn.ecomdss;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.cloud.task.configuration.EnableTask;

/**
 * Entry point: {@code java -jar ecommerce-dss.jar <command> [args]}; see {@link vn.ecomdss.cli.DssCommandLine}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableTask
public class DssApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(DssApplication.class);
        if (args.length > 0 && args[0].equals("server")) {
            // The web application, the scheduler and the embedded services run until the process is stopped.
            application.setAdditionalProfiles("server");
            application.run(args);
            return;
        }
        System.exit(SpringApplication.exit(application.run(args)));
    }
}
