import ArgumentParser
import Foundation
import Marginalia

/// `--shard K/N` and `--run-name NAME` of `annotate`: which partition of the corpus this
/// process annotates, and the logical run its shards make up. Inside a Slurm array task
/// without `--shard`, the task's index and the array's size choose the shard.
struct ShardOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Annotate only partition K of N (0-based), chosen by a hash of each document id: N processes with 0/N … N-1/N cover the corpus once, with no coordination. Default in a Slurm array task: SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT.",
        valueName: "K/N"))
    var shard: String?

    @Option(help: ArgumentHelp("Name the logical run this process is a part of (its shards share it; recorded with the run).", valueName: "name"))
    var runName: String?

    func validate() throws {
        if let shard {
            do { _ = try CorpusShard(parsing: shard) } catch { throw ValidationError("--shard \(shard): \(error)") }
        }
        if let runName, runName.isEmpty { throw ValidationError("--run-name must not be empty") }
    }

    /// The shard to annotate, and a note saying where it came from when the environment chose it.
    func resolved(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> (CorpusShard, note: String?) {
        if let shard { return (try CorpusShard(parsing: shard), nil) }
        guard let id = environment["SLURM_ARRAY_TASK_ID"] else { return (.whole, nil) }
        guard let count = environment["SLURM_ARRAY_TASK_COUNT"], let index = Int(id), let total = Int(count) else {
            throw CommandFailure("in a Slurm array task, SLURM_ARRAY_TASK_ID=\(id) and SLURM_ARRAY_TASK_COUNT=\(environment["SLURM_ARRAY_TASK_COUNT"] ?? "(unset)") do not name a shard; pass --shard K/N")
        }
        do {
            let shard = try CorpusShard(index: index, count: total)
            return (shard, "shard \(shard) from SLURM_ARRAY_TASK_ID=\(id) and SLURM_ARRAY_TASK_COUNT=\(count) (pass --shard K/N to choose; a resubmitted subset of an array needs it)")
        } catch {
            throw CommandFailure("SLURM_ARRAY_TASK_ID=\(id) with SLURM_ARRAY_TASK_COUNT=\(count): \(error). A resubmitted subset of an array (sbatch --array=2) has fewer tasks than shards: pass --shard K/N, as examples/cluster/annotate-array.sbatch does")
        }
    }
}
