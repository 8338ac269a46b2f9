package vn.ecomdss.extract.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import vn.ecomdss.DssProperties;
import vn.ecomdss.extract.Source;
import vn.ecomdss.extract.SourceProgress;
import vn.ecomdss.extract.SourceReader;
import vn.ecomdss.extract.partner.PartnerCredentials;
import vn.ecomdss.extract.partner.PartnerSettings;
import vn.ecomdss.pipeline.EntityDefinition;
import vn.ecomdss.pipeline.RunParameters;
import vn.ecomdss.pipeline.SourceDefinition;

/**
 * {@code kind: file}: CSV, JSON-lines and Parquet files in a directory, each entity the files its glob matches
 * (its {@code path}, under the source's {@code path}), mapped onto a target by {@code fields:} like a JSON API's
 * records. The directory is {@code dss.sources.<name>.path} when set (read per run, like a partner's
 * credentials), else the definition's, a relative one under {@code dss.data-dir}. Only files whose name, size or
 * modification time changed since the last completed run are read (all on a full refresh). Without the directory,
 * or with no file matching, the source is skipped, saying which path and which setting, and the job goes on.
 */
@Component
public class FileSource implements Source {

    private static final Logger log = LoggerFactory.getLogger(FileSource.class);
    private static final String PATH_SETTING = "path";

    private final Path dataDir;
    private final PartnerSettings settings;
    private final JsonMapper json = JsonMapper.builder().build();

    public FileSource(DssProperties properties, PartnerSettings settings) {
        this.dataDir = properties.dataDir();
        this.settings = settings;
    }

    @Override
    public String kind() {
        return "file";
    }

    @Override
    public SourceReader reader(SourceDefinition source, RunParameters run, Map<String, String> watermarks,
                               SourceProgress progress) {
        Path directory = dataDir.resolve(settings.setting(source.name(), PATH_SETTING).orElse(source.path()))
                .toAbsolutePath().normalize();
        String setting = "dss.sources." + source.name() + ".path or "
                + PartnerCredentials.variable(source.name(), PATH_SETTING);
        if (!Files.isDirectory(directory)) {
            return skipped(source.name() + ": no directory " + directory + " (set " + setting + ")", progress);
        }
        List<FileReader.EntityFiles> entities = new ArrayList<>();
        int listed = 0;
        int toRead = 0;
        for (EntityDefinition entity : source.entities().values()) {
            List<FileStamp> matched = list(directory, entity.path());
            Map<String, FileStamp> read = FileStamp.read(watermarks.get(entity.name()), json);
            List<FileStamp> changed = matched.stream().filter(stamp -> !stamp.equals(read.get(stamp.name()))).toList();
            entities.add(new FileReader.EntityFiles(entity, changed, matched));
            listed += matched.size();
            toRead += changed.size();
        }
        if (listed == 0) {
            return skipped(source.name() + ": no file under " + directory + " matches " + source.entities().values()
                    .stream().map(EntityDefinition::path).toList() + " (set " + setting + ")", progress);
        }
        log.info("{}: {} files under {}, {} new or changed since the last run", source.name(), listed, directory,
                toRead);
        return new FileReader(source.name(), directory, entities, progress, json);
    }

    /** The regular files under {@code directory} whose path below it matches {@code glob}, in name order. */
    private static List<FileStamp> list(Path directory, String glob) {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        try (Stream<Path> files = Files.walk(directory)) {
            List<FileStamp> stamps = new ArrayList<>();
            for (Path file : files.filter(Files::isRegularFile).filter(f -> matcher.matches(directory.relativize(f)))
                    .sorted().toList()) {
                stamps.add(FileStamp.of(directory, file));
            }
            return stamps;
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + glob + " under " + directory, e);
        }
    }

    private static SourceReader skipped(String reason, SourceProgress progress) {
        log.warn("{}; the source is skipped and the job goes on", reason);
        progress.skipped(reason);
        return SourceReader.nothing();
    }

    /** The reader of a skipped source: nothing, and no watermark moves. */
}
