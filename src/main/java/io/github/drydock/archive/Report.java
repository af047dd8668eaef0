package io.github.drydock.archive;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.drydock.driver.NodeInspector;
import io.github.drydock.json.Json;
import io.github.drydock.model.LayerFolder;
import io.github.drydock.model.Problem;
import io.github.drydock.model.TimelineEvent;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes a self-contained report folder for a case file:
 * <ul>
 *   <li>{@value #TIMELINE_BODYFILE} and {@value #TIMELINE_CSV}: the timeline (one walk, two formats);</li>
 *   <li>{@value #REPORT_JSON}: everything the listings show, problems included, with the tool version,
 *       the exact command line and the time of the run ({@link ReportDocument});</li>
 *   <li>{@value #REPORT_MD}: the human summary;</li>
 *   <li>{@link ReportHashes#SUMS}: {@code sha256sum -c} compatible checksums of the four files above,
 *       written last, so a folder without it is an incomplete report.</li>
 * </ul>
 * Each file is written to a temporary name and moved into place when complete.
 */
public final class Report {
    /** The timeline in Sleuth Kit bodyfile format. */
    public static final String TIMELINE_BODYFILE = "timeline.bodyfile";
    /** The same timeline as CSV. */
    public static final String TIMELINE_CSV = "timeline.csv";
    /** The machine-readable report. */
    public static final String REPORT_JSON = "report.json";
    /** The human summary. */
    public static final String REPORT_MD = "report.md";
    /** Every file the report writes before its checksums, in order. */
    public static final List<String> FILES = List.of(TIMELINE_BODYFILE, TIMELINE_CSV, REPORT_JSON, REPORT_MD);

    private static final ObjectWriter JSON = Json.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writer()
            .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final NodeInspector inspector;

    /**
     * @param inspector reads {@code lstat} facts for the timeline
     */
    public Report(NodeInspector inspector) {
        this.inspector = Objects.requireNonNull(inspector, "inspector");
    }

    /**
     * One file written.
     *
     * @param name   its name in the folder
     * @param sha256 its SHA-256
     * @param size   its size in bytes
     */
    public record WrittenFile(String name, String sha256, long size) {
    }

    /**
     * What was written.
     *
     * @param dir          the report folder
     * @param files        every file, {@link ReportHashes#SUMS} last
     * @param timelineRows rows in the timeline
     * @param problems     every problem the report lists
     */
    public record Result(Path dir, List<WrittenFile> files, long timelineRows, List<Problem> problems) {
        /** Copies the lists. */
        public Result {
            files = List.copyOf(files);
            problems = List.copyOf(problems);
        }
    }

    /**
     * Writes the report into a folder the caller has checked ({@link OutputTarget}).
     *
     * @param dir     the folder (exists)
     * @param input   what the report tells
     * @param events  Docker's events for the timeline
     * @param folders the folders the timeline walks
     * @return what was written
     * @throws IOException when a file cannot be written
     */
    public Result write(Path dir, ReportInput input, List<TimelineEvent> events, List<TimelineFolder> folders)
            throws IOException {
        Timeline.Result timeline = timeline(dir, events, folders);
        List<Problem> problems = new ArrayList<>(input.problems());
        problems.addAll(timeline.problems());
        ReportDocument document = document(input, problems, timeline.rows());
        ReportFiles.replace(dir.resolve(REPORT_JSON), out -> {
            JSON.writeValue(out, document);
            out.write('\n');
        });
        ReportFiles.replace(dir.resolve(REPORT_MD), out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            new ReportMarkdown(writer).write(document);
            writer.flush();
        });
        ReportHashes.writeSums(dir, FILES);
        List<WrittenFile> written = new ArrayList<>();
        for (String name : FILES) {
            written.add(new WrittenFile(name, ReportHashes.sha256(dir.resolve(name)), Files.size(dir.resolve(name))));
        }
        Path sums = dir.resolve(ReportHashes.SUMS);
        written.add(new WrittenFile(ReportHashes.SUMS, ReportHashes.sha256(sums), Files.size(sums)));
        return new Result(dir, written, timeline.rows(), problems);
    }

    /** Both timeline files from one walk; each moved into place only when the walk is complete. */
    private Timeline.Result timeline(Path dir, List<TimelineEvent> events, List<TimelineFolder> folders)
            throws IOException {
        Path bodyfile = ReportFiles.temporary(dir.resolve(TIMELINE_BODYFILE));
        Path csv = ReportFiles.temporary(dir.resolve(TIMELINE_CSV));
        try {
            Timeline.Result result;
            try (OutputStream body = Files.newOutputStream(bodyfile); OutputStream table = Files.newOutputStream(csv)) {
                TimelineSink sink = new TimelineSink.Tee(List.of(TimelineFormat.BODYFILE.open(body),
                        TimelineFormat.CSV.open(table)));
                result = new Timeline(inspector).write(events, folders, sink);
            }
            ReportFiles.move(bodyfile, dir.resolve(TIMELINE_BODYFILE));
            ReportFiles.move(csv, dir.resolve(TIMELINE_CSV));
            return result;
        } finally {
            Files.deleteIfExists(bodyfile);
            Files.deleteIfExists(csv);
        }
    }

    private static ReportDocument document(ReportInput input, List<Problem> problems, long rows) {
        long orphans = input.layers().stream().filter(LayerFolder::orphan).count();
        ReportDocument.Counts counts = new ReportDocument.Counts(input.images().size(), input.containers().size(),
                input.volumes().size(), input.layers().size(), orphans, rows, problems.size());
        ReportDocument.Info info = new ReportDocument.Info(input.root().toString(),
                input.filesystemRoot() == null ? null : input.filesystemRoot().toString(), input.generation(),
                input.drivers(), input.notes(), counts);
        return new ReportDocument(ReportDocument.TOOL, input.toolVersion(), input.commandLine(), input.generatedAt(),
                info, input.images(), input.containers(), input.volumes(), input.layers(), problems,
                List.of(TIMELINE_BODYFILE, TIMELINE_CSV, REPORT_JSON, REPORT_MD));
    }
}
