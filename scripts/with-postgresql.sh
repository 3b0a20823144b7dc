#!/usr/bin/env bash
# Runs a command beside a throw-away PostgreSQL server: installs Debian's postgresql when
# missing, initdb's a cluster in a temporary folder as an unprivileged user (initdb refuses
# root), starts it with pg_ctl on a loopback port of its own (password authentication over
# TCP), runs the command with
#
#   MARGINALIA_TEST_POSTGRESQL=postgresql://marginalia@127.0.0.1:PORT   (no database, no password)
#   MARGINALIA_TEST_POSTGRESQL_PASSWORD=…                              (the role's password)
#   MARGINALIA_TEST_POSTGRESQL_DATA=/tmp/marginalia-pg.…/data          (its postmaster.pid: for CPU figures)
#
# and stops the server (pg_ctl, then by PID) whatever the command did. Its exit status is the
# command's. MARGINALIA_PG_OPTIONS sets server options (default: -c fsync=off, for tests).
#
#   scripts/with-postgresql.sh swift test --skip-build --filter PostgreSQL
set -euo pipefail
cd "$(dirname "$0")/.."
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "installing postgresql …" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

owner=$(id -un)
as_owner() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
  owner=marginalia-pg
  id -u "$owner" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$owner"
  as_owner() { runuser -u "$owner" -- "$@"; }
fi

cluster=$(mktemp -d /tmp/marginalia-pg.XXXXXX)
chmod 755 "$cluster"
password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
printf '%s\n' "$password" > "$cluster/pwfile"
mkdir -p "$cluster/data" "$cluster/socket"
chown -R "$owner" "$cluster"
# A port of this run's own: start from one derived from the PID and step past any port
# something on this machine already listens on (helpers and CI jobs may share the machine).
port=$((30000 + $$ % 20000))
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
stop() {
  local status=$?
  as_owner "$bin/pg_ctl" -D "$cluster/data" stop -m fast -w >/dev/null 2>&1 || true
  if [ -s "$cluster/data/postmaster.pid" ]; then
    pid=$(head -1 "$cluster/data/postmaster.pid")
    kill -9 "$pid" 2>/dev/null || true
  fi
  [ $status -ne 0 ] && [ -f "$cluster/server.log" ] && tail -20 "$cluster/server.log" >&2
  rm -rf "$cluster"
  exit $status
}
trap stop EXIT
as_owner "$bin/initdb" -D "$cluster/data" -U marginalia --pwfile="$cluster/pwfile" \
  --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
as_owner "$bin/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w \
  -o "-p $port -k $cluster/socket -c listen_addresses=127.0.0.1 ${MARGINALIA_PG_OPTIONS--c fsync=off}" start >/dev/null
echo "postgresql: server on 127.0.0.1:$port (data in $cluster)" >&2

export MARGINALIA_TEST_POSTGRESQL="postgresql://marginalia@127.0.0.1:$port"
export MARGINALIA_TEST_POSTGRESQL_PASSWORD=$password
export MARGINALIA_TEST_POSTGRESQL_DATA=$cluster/data
"$@"
