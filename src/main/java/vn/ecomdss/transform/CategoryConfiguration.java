package vn.ecomdss.transform;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import vn.ecomdss.DssProperties;

/** Reads the category tree at start-up, so that a mapping to an unknown category refuses the start. */
@Configuration(proxyBeanMethods = false)
public class CategoryConfiguration {

    @Bean
    CategoryTree categoryTree(DssProperties properties) {
        return new CategoryTreeLoader().load(properties.definitions());
    }
}
