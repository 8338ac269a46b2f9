package vn.ecomdss.quality;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import vn.ecomdss.DssProperties;
import vn.ecomdss.pipeline.SourceCatalogue;

/** Loads the quality rules at start-up, after the migrations, so that a bad rule file refuses the start. */
@Configuration(proxyBeanMethods = false)
public class QualityConfiguration {

    @Bean
    QualityRuleBook qualityRuleBook(DssProperties properties, SourceCatalogue sources, NamedParameterJdbcTemplate jdbc) {
        return new QualityRuleLoader(sources, jdbc).load(properties.definitions());
    }
}
