package vn.ecomdss.extract;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.batch.core.step.Step;

import vn.ecomdss.definition.DefinitionLoader;
import vn.ecomdss.pipeline.JobDefinition;
import vn.ecomdss.pipeline.SourceCatalogue;
import vn.ecomdss.pipeline.SourceDefinition;
import vn.ecomdss.pipeline.StepDefinition;
import vn.ecomdss.pipeline.StepFactory;

/** The real source definitions from {@code job-definitions/sources}, with test time-outs and rates when asked. */
public final class SourceDefinitions {

    private SourceDefinitions() {
    }

    public static SourceDefinition load(String name) {
        Map<String, StepFactory> catalogue = new TreeMap<>();
        for (String type : new String[] {"extract", "quality-raw", "transform", "scd2", "facts", "quality-final",
                "refresh-views", "business-thresholds", "business-report", "ml-train", "ml-score", "notify", "streaming",
                "freshness", "consumer-lag", "volume", "job-lateness", "lake-archive"}) {
            catalogue.put(type, new AnyStep(type));
        }
        return new DefinitionLoader().load("classpath:job-definitions", catalogue).sources().get(name);
    }

    static SourceDefinition with(SourceDefinition d, Duration timeout, SourceDefinition.RateLimit rate) {
        return new SourceDefinition(d.file(), d.name(), d.kind(), d.baseUrl(), d.embedded(), d.currency(), d.paging(),
                timeout, d.maxRetries(), d.entities(), rate, d.onFailure(), d.userAgent(), d.path());
    }

    private record AnyStep(String type) implements StepFactory {
        @Override
        public Step create(StepDefinition step, JobDefinition job, SourceCatalogue sources) {
            throw new UnsupportedOperationException("definitions only");
        }
    }
}
