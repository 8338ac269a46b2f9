package vn.ecomdss.report;

import java.util.stream.Collectors;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import vn.ecomdss.pipeline.DefinitionProblems;
import vn.ecomdss.pipeline.JobDefinition;
import vn.ecomdss.pipeline.SourceCatalogue;
import vn.ecomdss.pipeline.StepDefinition;
import vn.ecomdss.pipeline.StepFactory;
import vn.ecomdss.pipeline.SummarisedSteps;

/**
 * {@code type: business-report} with {@code report: <a file of job-definitions/reports/>} and
 * {@code period: daily | weekly | monthly | quarterly}: makes the report of the last complete period before the
 * run's logical date in every format of its definition, stores the files (a re-run of the period replaces them)
 * and mails them to the definition's recipients when SMTP is configured.
 */
@Component
public class BusinessReportStepFactory implements StepFactory {

    private final SummarisedSteps steps;
    private final BusinessReports reports;

    public BusinessReportStepFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                     BusinessReports reports) {
        this.steps = new SummarisedSteps(jobRepository, transactionManager);
        this.reports = reports;
    }

    @Override
    public String type() {
        return "business-report";
    }

    @Override
    public void validate(StepDefinition step, SourceCatalogue sources, DefinitionProblems problems) {
        String report = step.text("report", null);
        if (report == null || report.isBlank()) {
            problems.add(step.file(), step.field() + ".report", "required: a report of job-definitions/reports/ "
                    + "(known: " + reports.definitions().keySet() + ")");
        } else if (!reports.definitions().containsKey(report)) {
            problems.add(step.file(), step.field() + ".report", "unknown report '" + report + "' (known: "
                    + reports.definitions().keySet() + ")");
        }
        String period = step.text("period", null);
        if (period == null || !PeriodKind.keys().contains(period)) {
            problems.add(step.file(), step.field() + ".period", (period == null ? "required" : "unknown period '"
                    + period + "'") + " (known: " + PeriodKind.keys() + ")");
        }
    }

    @Override
    public Step create(StepDefinition step, JobDefinition job, SourceCatalogue sources) {
        PeriodKind kind = PeriodKind.of(step.text("period", null));
        String report = step.text("report", null);
        return steps.step(step.name(), (run, contribution, execution) -> {
            ReportPeriod period = ReportPeriod.endingBefore(kind, run.logicalDate());
            BusinessReports.Made made = reports.make(reports.definitions().get(report), period, run.runId());
            return String.format("%s %s %s (%s to %s): %s%s", report, kind.key(), period.label(), period.start(),
                    period.end(), made.files().stream().map(f -> f.format() + " " + f.bytes() + " bytes")
                            .collect(Collectors.joining(", ")),
                    made.mailed() ? "; mailed to " + made.report().definition().recipients() : "; not mailed");
        });
    }
}
