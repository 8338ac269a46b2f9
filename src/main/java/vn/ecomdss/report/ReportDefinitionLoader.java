package vn.ecomdss.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import vn.ecomdss.pipeline.DefinitionFile;
import vn.ecomdss.pipeline.DefinitionNode;
import vn.ecomdss.pipeline.DefinitionProblems;

/**
 * Reads {@code job-definitions/reports/*.yml} at start-up: an unknown key, section or format, a recipient that is not
 * an e-mail address or a report declared twice refuses the start naming the file and field.
 */
final class ReportDefinitionLoader {

    private static final Set<String> KEYS = Set.of("report", "title", "formats", "recipients", "sections");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private final Set<String> sections;

    ReportDefinitionLoader(Set<String> sections) {
        this.sections = sections;
    }

    Map<String, ReportDefinition> load(String definitions) {
        DefinitionProblems problems = new DefinitionProblems();
        Map<String, ReportDefinition> reports = new LinkedHashMap<>();
        for (DefinitionFile file : DefinitionFile.in(definitions, "reports")) {
            ReportDefinition report = read(file, problems);
            if (report != null && reports.putIfAbsent(report.name(), report) != null) {
                problems.add(file.name(), "report", "another file already declares the report '" + report.name() + "'");
            }
        }
        problems.throwIfAny();
        return reports;
    }

    private ReportDefinition read(DefinitionFile file, DefinitionProblems problems) {
        DefinitionNode root = file.root("expected a mapping with report, formats and sections", problems);
        if (root == null) {
            return null;
        }
        root.allowOnly(KEYS);
        String name = root.get("report").requiredText();
        List<ReportFormat> formats = new ArrayList<>();
        DefinitionNode formatNodes = root.get("formats");
        if (formatNodes.isAbsent()) {
            formats.addAll(List.of(ReportFormat.values()));
        }
        for (DefinitionNode format : formatNodes.items()) {
            String key = format.known(ReportFormat.keys(), null, "format");
            if (ReportFormat.keys().contains(key)) {
                formats.add(ReportFormat.of(key));
            }
        }
        if (formats.isEmpty()) {
            formatNodes.problem("a report needs at least one format (" + ReportFormat.keys() + ")");
        }
        List<String> recipients = root.get("recipients").texts("a list of e-mail addresses");
        for (int i = 0; i < recipients.size(); i++) {
            if (!EMAIL.matcher(recipients.get(i)).matches()) {
                root.get("recipients").get(i).problem("not an e-mail address: '" + recipients.get(i) + "'");
            }
        }
        List<String> chosen = new ArrayList<>();
        DefinitionNode sectionNodes = root.get("sections");
        if (!sectionNodes.isNonEmptyList()) {
            sectionNodes.problem("a report needs a non-empty list of sections (known: " + sorted() + ")");
        }
        for (DefinitionNode section : sectionNodes.items()) {
            String key = section.known(sorted(), null, "section");
            if (sections.contains(key)) {
                chosen.add(key);
            }
        }
        if (name == null) {
            return null;
        }
        return new ReportDefinition(file.name(), name, root.get("title").text(name), formats, recipients, chosen);
    }

    private List<String> sorted() {
        return sections.stream().sorted().toList();
    }
}
