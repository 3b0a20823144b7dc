import ArgumentParser
import Foundation
import Marginalia
import MarginaliaBatch
import MarginaliaPresentation

struct AnnotateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annotate",
        abstract: "Run the plugins over documents and store what they find.",
        discussion: """
            Inputs: .txt files (one article each; the file stem is the id), .jsonl
            (one {"id", "text", …} object a line), .jsonl.gz (the same, gzipped,
            decompressed as it is read), .csv and .csv.gz (RFC 4180, a header
            line, then one article a record; quoted fields may span lines),
            folders (walked recursively), and - for JSONL on standard input.
            Files are streamed: memory stays flat whatever the corpus size.

            Other field names: --id-field/--text-field for JSONL (a Hugging Face
            dump: --text-field content), --id-column/--text-column for CSV. The
            other string fields and columns are kept as metadata (title, date,
            lang or language and url are understood).

            Work is spread over --jobs worker threads, each with its own Lua
            states, and committed to the store in batched transactions.

            Resume: a document whose text and plugins (script SHA-256 and
            parameters) are already in the store is skipped, and so is a whole
            input file that a run with the same plugins completed. After a crash,
            a kill or Ctrl-C, run the same command again to finish the job;
            --force redoes everything.

            Pipe mode: `--emit jsonl --store none` keeps no store: each
            document's lines of `marginalia export --format jsonl` go to standard
            output as soon as it is done, in input order, and failures go to
            standard error as JSON lines. For stream engines: GNU parallel
            (parallel --pipe), Spark (rdd.pipe); see examples/cluster/.

            Shards: --shard K/N annotates the K-th (from 0) of N partitions of the
            corpus, chosen by a hash of each document id, so N processes on N
            machines cover it once without talking to each other. Give each its
            own SQLite file on a shared file system and combine them with
            `marginalia import shard-*.sqlite --store all.sqlite`. In a Slurm
            array task, K/N defaults to SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT.
            --run-name ties the shards of one job together. A shard resumes on
            its own, like any run.

            Faults: an unreadable file or line, a plugin error or a limit hit is
            recorded for that document alone and the batch goes on; the summary
            groups identical failures (plugin, line, message) with a count and an
            example document. --max-errors N stops the run after N failures, for a
            plugin that fails on every document. `marginalia errors` lists them,
            each with a command reproducing it; `marginalia runs` lists the runs.

            --timings prints, after the summary, the CPU seconds (user+sys) of
            each stage: `read` (reading, decompressing, parsing, resume
            decisions), `document` (each document's SHA-256, language guess and
            NFD scan, made in the workers, or by the reader with --jobs 1),
            `worker` (document setup and
            hand-over around the plugins, loading them included), `plugin:NAME` for each plugin with
            its documents and annotations (a document's shared lexicon scan is
            charged to the first plugin that asks for matches), `write` (the
            store writer) and, for an SQLite store, `checkpoint` (copying its log
            back into the file, on a thread of its own) — with each stage's share
            of the run. They are stored
            with the run: `marginalia runs` lists them to compare two runs.

            Progress goes to standard error: a live line on a terminal, a line
            every 10 s otherwise (--quiet: none).

            Exit status: 0 when everything went well; 1 when some documents or
            plugins failed (the rest is stored); 130 when interrupted (Ctrl-C or
            SIGTERM: documents in flight are committed whole, the rest is left
            for the next run).

            Examples:
              marginalia annotate seeds/
              marginalia annotate news.jsonl.gz --store news.sqlite --jobs 2
              zcat part-*.jsonl.gz | marginalia annotate - --only defense
              marginalia annotate seeds/ --plugins my_tagger.lua --force
              marginalia annotate seeds/ --param defense.min_hits=3
              marginalia annotate dump.jsonl --text-field content
              marginalia annotate articles.csv --id-column doc_id --text-column body
              marginalia annotate corpus/ --locked   # the plugins of the lock, as locked
              marginalia annotate corpus/ --locked --only defense
              marginalia annotate news.jsonl.gz --jobs 1 --timings
              marginalia annotate news.jsonl.gz --shard 2/8 --store shard-2.sqlite
              zcat news.jsonl.gz | marginalia annotate - --emit jsonl --store none
              marginalia errors --store news.sqlite
            """
    )

    @Argument(help: ArgumentHelp("Files or folders to annotate (.txt, .jsonl, .jsonl.gz, .csv; - for JSONL on standard input).", valueName: "path"))
    var paths: [String]

    @OptionGroup var pluginOptions: PluginOptions
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup(title: "Sharding") var shardOptions: ShardOptions

    @Option(name: [.short, .long], help: ArgumentHelp("Worker threads (default: the number of cores, here \(ProcessInfo.processInfo.activeProcessorCount)).", valueName: "n"))
    var jobs: Int?

    @Option(name: .customLong("id-field"), help: ArgumentHelp("JSONL: the field holding the document id.", valueName: "name"))
    var idField = "id"

    @Option(name: .customLong("text-field"), help: ArgumentHelp("JSONL: the field holding the text (e.g. content).", valueName: "name"))
    var textField = "text"

    @Option(name: .customLong("id-column"), help: ArgumentHelp("CSV: the column holding the document id.", valueName: "name"))
    var idColumn = "id"

    @Option(name: .customLong("text-column"), help: ArgumentHelp("CSV: the column holding the text.", valueName: "name"))
    var textColumn = "text"

    @Option(name: .customLong("max-errors"), help: ArgumentHelp("Stop the run once this many documents or plugins failed (a rerun goes on from there).", valueName: "n"))
    var maxErrors: Int?

    @Flag(help: "Redo documents and files already annotated by these plugin versions.")
    var force = false

    @Flag(name: [.short, .long], help: "No progress; print only the summary.")
    var quiet = false

    @Flag(help: "Print (and store with the run) the CPU seconds of each stage and plugin.")
    var timings = false

    @Option(help: ArgumentHelp("Documents per store transaction.", valueName: "n"))
    var batchSize: Int = AnnotationPipeline.Options().batchSize

    @Option(help: ArgumentHelp("Seconds between store transactions at most, so that a slow corpus still commits regularly. A large value commits every --batch-size documents only, so that a profile (instruction counts) does not depend on the machine's speed.", valueName: "seconds"))
    var commitInterval: Double = AnnotationPipeline.Options().commitInterval

    enum Emit: String, ExpressibleByArgument, CaseIterable { case jsonl }

    @Option(help: ArgumentHelp("Pipe mode (with --store none): write each document's export lines to standard output as soon as it is done, in input order; errors go to standard error as JSON lines.", valueName: "format"))
    var emit: Emit?

    @Flag(name: .customLong("with-documents"), help: "--emit jsonl: write each document's line (text and metadata) before its annotations, so that `marginalia import` rebuilds a store from the output alone.")
    var withDocuments = false

    @Flag(help: "Run the plugins of marginalia.lock (with --only: those and what they require), refusing if any differs from the lock.")
    var locked = false

    @Option(help: ArgumentHelp("The lock file checked by --locked.", valueName: "file"))
    var lock: String = PluginLock.defaultName

    /// The worker threads: --jobs, or one per core.
    var workerCount: Int { jobs ?? ProcessInfo.processInfo.activeProcessorCount }

    /// The id and text names, JSONL fields or CSV columns (one pair per run).
    var recordFields: RecordFields {
        RecordFields(id: idColumn != "id" ? idColumn : idField, text: textColumn != "text" ? textColumn : textField)
    }

    func validate() throws {
        if idColumn != "id" && idField != "id" && idColumn != idField {
            throw ValidationError("--id-field and --id-column name the same thing for JSONL and CSV inputs: give one")
        }
        if textColumn != "text" && textField != "text" && textColumn != textField {
            throw ValidationError("--text-field and --text-column name the same thing for JSONL and CSV inputs: give one")
        }
        if let maxErrors, maxErrors < 1 { throw ValidationError("--max-errors must be at least 1") }
        guard workerCount >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1") }
        guard commitInterval > 0 else { throw ValidationError("--commit-interval must be more than 0 seconds") }
        if emit != nil, storeOptions.store != "none" {
            throw ValidationError("--emit jsonl writes to standard output, not to a store: pass --store none")
        }
        if emit == nil, storeOptions.store == "none" {
            throw ValidationError("--store none keeps nothing: pass --emit jsonl to write the annotations to standard output")
        }
        if withDocuments, emit == nil { throw ValidationError("--with-documents applies to --emit jsonl (for a store, see `marginalia export --with-documents`)") }
    }

    /// The pipe mode: no store, results on standard output in input order.
    private func runPipe(plugins: PluginSet, shard: CorpusShard) throws {
        let annotator = StreamAnnotator(plugins: plugins, jobs: workerCount, fields: recordFields, shard: shard)
        let counts: StreamAnnotator.Counts
        do {
            counts = try annotator.run(inputs: paths, emit: PipeEmitter(withDocuments: withDocuments).emit)
        } catch let error as CommandFailure { throw error } catch { throw CommandFailure("\(error)") }
        if !quiet {
            Console.error("\(counts.documents) documents, \(counts.annotations) annotations, \(counts.errors) errors")
        }
        if counts.errors > 0 { throw ExitCode(1) }
    }

    func run() throws {
        // A store that may hold completed files: hash the inputs while the plugins load (the
        // resume stage stops it when none of these plugins' files is complete).
        let storeExisted = storeOptions.exists
        if !force, emit == nil, storeExisted {
            InputDigests.shared.prefetch(files: CorpusReader.expand(paths).files.filter { $0 != "-" })
        }
        if locked || emit != nil {
            let plugins = locked ? try pluginOptions.lockedPluginSet(lockPath: lock) : try pluginOptions.pluginSet()
            let (shard, shardNote) = try shardOptions.resolved()
            if let shardNote { Console.error(shardNote) }
            if emit != nil { return try runPipe(plugins: plugins, shard: shard) }
            return try annotate(with: plugins, options: pipelineOptions(shard: shard), store: try storeOptions.open())
        }
        let found = try pluginOptions.located()
        let selection = try pluginOptions.selection(found: found)
        let (shard, shardNote) = try shardOptions.resolved()
        if let shardNote { Console.error(shardNote) }
        let options = pipelineOptions(shard: shard)
        // A rerun over inputs all complete: the plugin set recorded for this selection, when
        // every file its loading read is unchanged, without running a script.
        var store: (any AnnotationStore)?
        if !force, storeExisted {
            let opened = try storeOptions.open()
            if let recorded = RecordedPluginSet.resumable(selection: selection, store: opened, inputs: paths, options: options) {
                return try annotate(with: recorded, options: options, store: opened)
            }
            store = opened
        }
        let plugins = try pluginOptions.pluginSet(found: found)
        let opened = try store ?? storeOptions.open()
        try? RecordedPluginSet.record(plugins, selection: selection, in: opened)
        try annotate(with: plugins, options: options, store: opened)
    }

    /// The pipeline's options from the command line.
    private func pipelineOptions(shard: CorpusShard) -> AnnotationPipeline.Options {
        .init(jobs: workerCount, force: force, batchSize: batchSize, commitInterval: commitInterval, maxErrors: maxErrors, recordFields: recordFields,
              measuresTimings: timings, shard: shard, runName: shardOptions.runName)
    }

    /// Runs the batch into `store` and prints its summary.
    private func annotate(with plugins: PluginSet, options: AnnotationPipeline.Options, store: any AnnotationStore) throws {
        let shard = options.shard
        let pipeline = AnnotationPipeline(plugins: plugins, store: store, options: options)
        let reporter = ProgressReporter(live: isatty(STDERR_FILENO) != 0)
        if !quiet {
            let names = plugins.descriptors.map { "\($0.name) \($0.version)" }.joined(separator: ", ")
            let part = shard.isWhole ? "" : ", shard \(shard)"
            Console.error("annotating \(paths.joined(separator: " "))\(part) with \(names) into \(storeOptions.displayName) (\(Plural.count(workerCount, "job")))")
            pipeline.onProgress = reporter.report
        }
        let stopper = StopSignals(onFirst: {
            reporter.finishLine()
            Console.error("stopping: finishing the documents in flight (Ctrl-C again to quit at once; a rerun completes the job)")
            pipeline.requestStop()
        })
        defer { stopper.restore() }
        let summary = try pipeline.run(inputs: paths)
        reporter.finishLine()
        print(summary.render(store: storeOptions.displayName))
        if let measured = summary.timings { print("\n" + TimingsTable.render(measured)) }
        if summary.interrupted {
            Console.error("interrupted: resume with the same command: \(ShellQuoting.command(["marginalia"] + Array(CommandLine.arguments.dropFirst())))")
            throw ExitCode(130)
        }
        if !summary.succeeded { throw ExitCode(1) }
    }
}
