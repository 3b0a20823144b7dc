#!/usr/bin/env bash
# A real one-node Slurm cluster on this machine (Debian slurm-wlm and munge, daemons started by
# hand: CI has no systemd), running examples/cluster/annotate-array.sbatch as a researcher would:
#
#   1. a 4-task array of `marginalia annotate --shard K/4` into per-shard SQLite files
#      (sbatch --wait), combined with `marginalia import`: the export must equal the
#      single-process export byte for byte;
#   2. the same array again, with one task's process killed (kill -9) mid-run: sbatch --wait
#      must report the failure, the killed index is resubmitted alone, and the combined export
#      must again equal the single-process export;
#   3. with a PostgreSQL server (scripts/with-postgresql.sh), the 4-task array writing into one
#      database at once: its export must equal the single-process export, and `marginalia runs
#      --name` must list four completed shards with their host;
#   4. the same with task 1 killed once `marginalia runs` shows its progress: the killed shard
#      stays `running`, the resubmitted index completes it, and the export is equal again.
#
# Every daemon runs on its own ports and socket under a temporary folder, and is stopped by PID
# on exit. Needs root (as CI runs); elsewhere it says so and does nothing.
#
#   bash scripts/test-slurm.sh [MARGINALIA_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
marginalia=${1:-$repo/.build/debug/marginalia}
if [ "$(id -u)" -ne 0 ]; then
  [ "${CI:-}" = true ] && { echo "test-slurm.sh: CI must run as root" >&2; exit 1; }
  echo "test-slurm.sh: not root: the one-node Slurm cluster needs root; not run" >&2
  exit 0
fi
started=$(date +%s)
fail() { echo "test-slurm.sh: FAILED: $*" >&2; exit 1; }

need=()
command -v slurmctld >/dev/null 2>&1 || need+=(slurm-wlm)
command -v munged >/dev/null 2>&1 || need+=(munge)
command -v sqlite3 >/dev/null 2>&1 || need+=(sqlite3)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]} …" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

work=$(mktemp -d /tmp/marginalia-slurm.XXXXXX)
chmod 755 "$work"
waiter=""
cleanup() {
  local status=$?
  if [ -n "$waiter" ]; then kill "$waiter" 2>/dev/null || true; fi
  for pidfile in "$work/slurmd.pid" "$work/slurmctld.pid" "$work/munge/munged.pid"; do
    [ -s "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if [ $status -ne 0 ]; then
    for log in "$work"/*.log "$work"/run*/logs/*.log; do [ -f "$log" ] && { echo "--- $log"; tail -20 "$log"; } >&2; done
  fi
  rm -rf "$work"
  exit $status
}
trap cleanup EXIT

# munge: its own key, socket and pid file, as user munge.
install -d -o munge -g munge -m 0755 "$work/munge"
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
chown munge:munge "$work/munge/munge.key"; chmod 0400 "$work/munge/munge.key"
runuser -u munge -- /usr/sbin/munged --socket="$work/munge/munge.socket" --key-file="$work/munge/munge.key" \
  --pid-file="$work/munge/munged.pid" --log-file="$work/munge/munged.log" --seed-file="$work/munge/munged.seed"

# Ports of their own, so that this test never meets another cluster on the machine.
port=$((20000 + $$ % 20000))
# Step past ports something on this machine already listens on (the daemons need two).
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || (exec 3<>"/dev/tcp/127.0.0.1/$((port + 1))") 2>/dev/null; do
  port=$((port + 2))
done
host=$(hostname -s)
memory=$(( $(awk '/MemTotal/ {print int($2 / 1024)}' /proc/meminfo) - 512 ))
mkdir -p "$work/state" "$work/spool"
cat > "$work/slurm.conf" <<CONF
ClusterName=marginalia-ci
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
AuthType=auth/munge
AuthInfo=socket=$work/munge/munge.socket
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
MailProg=/bin/true
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) RealMemory=$memory State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$work/slurm.conf
/usr/sbin/slurmctld -c
/usr/sbin/slurmd
for _ in $(seq 100); do
  [ "$(sinfo -h -o %T 2>/dev/null | head -1)" = idle ] && break
  sleep 0.2
done
[ "$(sinfo -h -o %T | head -1)" = idle ] || fail "the node never became idle: $(sinfo 2>&1)"
echo "slurm: one node idle after $(( $(date +%s) - started )) s" >&2

# The corpus: the first 800 news articles (the whole corpus would make this take minutes).
corpus_source=${MARGINALIA_NEWS_CORPUS:-$(scripts/fetch-corpus.sh)}
{ gzip -dc "$corpus_source" || true; } | head -n 800 > "$work/corpus.jsonl"
"$marginalia" annotate "$work/corpus.jsonl" --store "$work/single.sqlite" --quiet > /dev/null
"$marginalia" export --store "$work/single.sqlite" --output "$work/single.jsonl"
[ -s "$work/single.jsonl" ] || fail "the single-process export is empty"

# The runs that kill a task add this plugin: it spends a fixed amount of Lua work on every
# document (about 6 ms in a debug build) and annotates nothing, so a shard lasts seconds rather
# than a fraction of one and is reliably killed mid-run; the exports are unchanged by it.
mkdir -p "$work/pace/pace"
cat > "$work/pace/pace/pace.lua" <<'LUA'
return {
  name = "pace", version = "1.0.0",
  description = "Fixed work per document, no annotation (scripts/test-slurm.sh's kill runs)",
  labels = { "pace.never" },
  annotate = function()
    local x = 0
    for i = 1, 400000 do x = x + i % 7 end
    return x
  end,
}
LUA
pace_args="--plugins $work/pace"

# Submits the example array script from folder $work/RUN; extra sbatch arguments come first.
# A simple command, so that `submit … &` gives sbatch's own pid.
submit() {
  local run=$1; shift
  mkdir -p "$work/$run/logs"
  env CORPUS="$work/corpus.jsonl" SHARDS=4 OUT="$work/$run/shards" MARGINALIA="$marginalia" MARGINALIA_ARGS=--quiet \
    sbatch --parsable --chdir="$work/$run" --cpus-per-task=1 --mem-per-cpu=200M "$@" "$repo/examples/cluster/annotate-array.sbatch"
}
combined_export() {
  local run=$1
  "$marginalia" import "$work/$run"/shards/shard-*.sqlite --store "$work/$run/all.sqlite" > /dev/null
  "$marginalia" export --store "$work/$run/all.sqlite" --output "$work/$run/all.jsonl"
  cmp "$work/single.jsonl" "$work/$run/all.jsonl" || fail "$run: the combined export differs from the single-process export"
}

# 1. Four shards, all at once.
submit run1 --array=0-3%4 --wait > /dev/null || fail "run1: sbatch --wait reported a failed task"
for index in 0 1 2 3; do
  grep -q "shard $index/4" "$work/run1/logs/"annotate-*_"$index".log || fail "run1: no log for task $index"
done
combined_export run1
echo "slurm: 4 shards combined equal the single run ($(wc -l < "$work/single.jsonl") lines)" >&2

# 2. The same with task 1 killed (kill -9) once it has committed some documents.
mkdir -p "$work/run2/logs"
# Small transactions, so that task 1 shows committed documents long before it ends.
env CORPUS="$work/corpus.jsonl" SHARDS=4 OUT="$work/run2/shards" MARGINALIA="$marginalia" MARGINALIA_ARGS="--quiet --batch-size 4 $pace_args" \
  sbatch --parsable --chdir="$work/run2" --cpus-per-task=1 --mem-per-cpu=200M --array=0-3%4 --wait \
  "$repo/examples/cluster/annotate-array.sbatch" > "$work/run2.sbatch" &
waiter=$!   # sbatch itself (env execs it)
victim="$work/run2/shards/shard-1.sqlite"
for _ in $(seq 600); do
  count=$(sqlite3 "$victim" 'SELECT COUNT(*) FROM documents' 2>/dev/null || echo 0)
  [ "${count:-0}" -gt 0 ] && break
  sleep 0.05
done
pid=$(sed -n 's/.*(pid \([0-9]*\)).*/\1/p' "$work/run2/logs/"annotate-*_1.log | head -1)
[ -n "$pid" ] || fail "run2: task 1 never started"
kill -9 "$pid" || fail "run2: task 1 had already finished before it could be killed; make the corpus larger"
done_then=$(sqlite3 "$victim" 'SELECT COUNT(*) FROM documents')
status=0; wait "$waiter" || status=$?
waiter=""
if [ $status -eq 0 ]; then fail "run2: sbatch --wait said every task succeeded although task 1 was killed"; fi
total=$(sqlite3 "$work/run1/shards/shard-1.sqlite" 'SELECT COUNT(*) FROM documents')
[ "$done_then" -lt "$total" ] || fail "run2: task 1 was not killed mid-run ($done_then of $total documents)"
echo "slurm: task 1 killed after $done_then of $total documents; resubmitting index 1" >&2
submit run2 --array=1 --wait > /dev/null || fail "run2: the resubmitted task 1 failed"
combined_export run2
echo "slurm: after the kill and the resubmission, the combined export equals the single run ($(( $(date +%s) - started )) s in all)" >&2

# 3. and 4. The same into one PostgreSQL database that all four tasks write at once (when
# scripts/with-postgresql.sh runs a server: scripts/test.sh runs this script through it).
if [ -z "${MARGINALIA_TEST_POSTGRESQL:-}" ]; then
  [ "${CI:-}" = true ] && fail "no PostgreSQL server: run through scripts/with-postgresql.sh"
  echo "slurm: no PostgreSQL server (scripts/with-postgresql.sh): the shared-store runs are not run" >&2
  exit 0
fi
export PGPASSWORD=$MARGINALIA_TEST_POSTGRESQL_PASSWORD
shard_runs() {   # "shard state documents" of the runs named $2 in database $1, one a line
  "$marginalia" runs --store "$1" --name "$2" --json | python3 -c '
import json, sys
for run in json.load(sys.stdin):
    print(run["shard"], run["state"], run["documents"], run["host"] != "")'
}
for run in run3 run4; do
  psql -q -X -d "$MARGINALIA_TEST_POSTGRESQL/postgres" -c "CREATE DATABASE slurm_$run" > /dev/null
done
db3="$MARGINALIA_TEST_POSTGRESQL/slurm_run3"
STORE=$db3 RUN_NAME=run3 submit run3 --array=0-3%4 --wait > /dev/null || fail "run3: sbatch --wait reported a failed task"
"$marginalia" export --store "$db3" --output "$work/run3.jsonl"
cmp "$work/single.jsonl" "$work/run3.jsonl" || fail "run3: the PostgreSQL export differs from the single-process export"
expected=$(for k in 0 1 2 3; do echo "$k/4 completed $(sqlite3 "$work/run1/shards/shard-$k.sqlite" 'SELECT COUNT(*) FROM documents') True"; done)
[ "$(shard_runs "$db3" run3 | sort)" = "$expected" ] \
  || fail "run3: marginalia runs should list each shard completed with its documents and host: $(shard_runs "$db3" run3 | tr '\n' ';')"
echo "slurm: 4 shards writing one PostgreSQL store at once equal the single run; runs lists them" >&2

db4="$MARGINALIA_TEST_POSTGRESQL/slurm_run4"
mkdir -p "$work/run4/logs"
env CORPUS="$work/corpus.jsonl" SHARDS=4 STORE="$db4" RUN_NAME=run4 MARGINALIA="$marginalia" MARGINALIA_ARGS="--quiet --batch-size 4 $pace_args" \
  sbatch --parsable --chdir="$work/run4" --cpus-per-task=1 --mem-per-cpu=200M --array=0-3%4 --wait \
  "$repo/examples/cluster/annotate-array.sbatch" > /dev/null &
waiter=$!
# Task 1 is killed once `marginalia runs` shows it has committed documents (its progress).
progress=0
for _ in $(seq 200); do
  progress=$(shard_runs "$db4" run4 2>/dev/null | awk '$1 == "1/4" && $2 == "running" {print $3}' | head -1)
  [ "${progress:-0}" -gt 0 ] && break
  sleep 0.2
done
[ "${progress:-0}" -gt 0 ] || fail "run4: marginalia runs never showed task 1 making progress"
pid=$(sed -n 's/.*(pid \([0-9]*\)).*/\1/p' "$work/run4/logs/"annotate-*_1.log | head -1)
kill -9 "$pid" || fail "run4: task 1 had already finished before it could be killed"
status=0; wait "$waiter" || status=$?
waiter=""
[ $status -ne 0 ] || fail "run4: sbatch --wait said every task succeeded although task 1 was killed"
killed=$(shard_runs "$db4" run4 | awk '$1 == "1/4" {print $2, $3}')
case "$killed" in running\ *) ;; *) fail "run4: the killed shard should stay 'running' in marginalia runs: $killed" ;; esac
echo "slurm: PostgreSQL task 1 killed at ${killed#running } of $total documents; resubmitting index 1" >&2
STORE=$db4 RUN_NAME=run4 submit run4 --array=1 --wait > /dev/null || fail "run4: the resubmitted task 1 failed"
"$marginalia" export --store "$db4" --output "$work/run4.jsonl"
cmp "$work/single.jsonl" "$work/run4.jsonl" || fail "run4: after the resubmission the PostgreSQL export differs"
echo "slurm: after the kill and the resubmission, the PostgreSQL export equals the single run ($(( $(date +%s) - started )) s in all)" >&2
