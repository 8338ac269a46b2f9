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
        System.exit(SpringApplication.exit(SpringApplication.run(DssApplication.class, args)));
    }
}
