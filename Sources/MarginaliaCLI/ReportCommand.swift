import ArgumentParser
import Foundation
import Marginalia

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a static HTML report: label counts, agreement, and every document with its spans highlighted.",
        discussion: """
            The page is self-contained (inline CSS and SVG, no script, nothing loaded from \
            the network): label counts per plugin as a bar chart, the agreement tables, then \
            every document with its document labels and its spans highlighted, one colour \
            per label. Hover a highlighted span for its label, plugin, version, hash and \
            score; text covered by spans of several labels is underlined in the second \
            label's colour.

            Example:
              marginalia report --output report/ && xdg-open report/index.html
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(name: [.short, .long], help: ArgumentHelp("The folder to write index.html into.", valueName: "dir"))
    var output: String = "report"

    func run() throws {
        let html = try HTMLReport.render(store: storeOptions.open())
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        let path = (output as NSString).appendingPathComponent("index.html")
        let sink = try OutputSink(path: path)
        sink.write(html)
        try sink.close()
        print(path)
    }
}
