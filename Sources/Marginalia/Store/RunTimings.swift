/// Where a run's CPU went, stage by stage: what `marginalia annotate --timings` prints and
/// stores with the run (`marginalia runs --run N` shows it again), so two runs can be compared.
///
/// Stages are named `read` (reading, decompressing, parsing, the resume decisions),
/// `document` (in the workers: each document's SHA-256, language guess and NFD scan),
/// `worker` (a worker's own work around the plugins: document setup, hand-over), `plugin:NAME` (one plugin's Lua code and host calls, all workers together)
/// and `write` (the store writer: encoding rows, SQLite, commits).
///
/// ```swift
/// var timings = RunTimings(wallSeconds: 2.4, processCPUSeconds: 3.5)
/// timings.stages.append(.init(name: "plugin:defense", cpuSeconds: 0.3, documents: 6398, annotations: 5432))
/// print(timings.stages.map(\.cpuSeconds).reduce(0, +))
/// try store.recordTimings(timings, runID: runID)
/// ```
public struct RunTimings: Sendable, Hashable {
    /// One stage of a run and the CPU its threads spent in it.
    public struct Stage: Sendable, Hashable {
        public var name: String
        /// CPU seconds (user + system) of the threads while in this stage.
        public var cpuSeconds: Double
        /// Documents the stage handled (nil when it does not apply).
        public var documents: Int?
        /// Annotations the stage produced or wrote (nil when it does not apply).
        public var annotations: Int?

        public init(name: String, cpuSeconds: Double, documents: Int? = nil, annotations: Int? = nil) {
            self.name = name
            self.cpuSeconds = cpuSeconds
            self.documents = documents
            self.annotations = annotations
        }
    }

    /// The stages in pipeline order: read, document, worker, each plugin in run order, write.
    public var stages: [Stage]
    /// Wall-clock seconds of the batch (reading the first input to the last commit).
    public var wallSeconds: Double
    /// CPU seconds of the whole process when the batch ended, start-up (loading and
    /// checking the plugins) included.
    public var processCPUSeconds: Double

    public init(stages: [Stage] = [], wallSeconds: Double, processCPUSeconds: Double) {
        self.stages = stages
        self.wallSeconds = wallSeconds
        self.processCPUSeconds = processCPUSeconds
    }

    /// CPU seconds of all the stages together.
    public var stagesCPUSeconds: Double { stages.reduce(0) { $0 + $1.cpuSeconds } }

    /// The stage named `name`, if the run had it.
    public func stage(_ name: String) -> Stage? { stages.first { $0.name == name } }

    /// As stored in the `runs` table: `{"wall_s":…, "process_cpu_s":…, "stages":[{"name":…, "cpu_s":…, …}]}`.
    public var json: JSONValue {
        .object([
            "wall_s": .number(wallSeconds),
            "process_cpu_s": .number(processCPUSeconds),
            "stages": .array(stages.map { stage in
                var entry: [String: JSONValue] = ["name": .string(stage.name), "cpu_s": .number(stage.cpuSeconds)]
                if let documents = stage.documents { entry["documents"] = .integer(Int64(documents)) }
                if let annotations = stage.annotations { entry["annotations"] = .integer(Int64(annotations)) }
                return .object(entry)
            }),
        ])
    }

    /// Reads back ``json``; nil when `value` is not such an object.
    public init?(json value: JSONValue) {
        guard let object = value.objectValue, let wall = object["wall_s"]?.doubleValue,
              let process = object["process_cpu_s"]?.doubleValue, let stages = object["stages"]?.arrayValue else { return nil }
        self.init(wallSeconds: wall, processCPUSeconds: process)
        for entry in stages {
            guard let stage = entry.objectValue, let name = stage["name"]?.stringValue, let cpu = stage["cpu_s"]?.doubleValue else { return nil }
            self.stages.append(Stage(name: name, cpuSeconds: cpu, documents: stage["documents"]?.doubleValue.map { Int($0) },
                                     annotations: stage["annotations"]?.doubleValue.map { Int($0) }))
        }
    }
}
