package vn.ecomdss.extract.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import vn.ecomdss.extract.SourceWatermarks;
import vn.ecomdss.pipeline.ConsumerPositions;
import vn.ecomdss.pipeline.EntityDefinition;
import vn.ecomdss.pipeline.SourceCatalogue;
import vn.ecomdss.pipeline.SourceDefinition;

/**
 * Each {@code kind: kafka} source as a consumer named {@code source:<name>}: its entities' topics, at the partition
 * offsets its last completed extract saved as watermarks (where its next run starts). The catalogue is looked up
 * when asked, since it is assembled from the step factories that ask.
 */
@Component
class SourceTopicPositions implements ConsumerPositions {

    private final ObjectProvider<SourceCatalogue> sources;
    private final SourceWatermarks watermarks;

    SourceTopicPositions(ObjectProvider<SourceCatalogue> sources, SourceWatermarks watermarks) {
        this.sources = sources;
        this.watermarks = watermarks;
    }

    @Override
    public List<Position> positions() {
        SourceCatalogue catalogue = sources.getObject();
        List<Position> positions = new ArrayList<>();
        for (String name : catalogue.names()) {
            SourceDefinition source = catalogue.get(name);
            if (!"kafka".equals(source.kind())) {
                continue;
            }
            Map<String, String> marks = watermarks.of(name);
            for (EntityDefinition entity : source.entities().values()) {
                positions.add(new Position("source:" + name, entity.path(), TopicReader.offsets(marks.get(entity.name()))));
            }
        }
        return positions;
    }
}
