#!/usr/bin/env bash
# Runs every test: the web tests on SQLite and again on a real PostgreSQL started here in a temporary
# folder, then the browser tests. Installs what the tests need if absent (Debian packages postgresql
# and chromium). Ends with "tests: N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
logs=$(mktemp -d)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# --- what the tests need -----------------------------------------------------------------------------
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]}..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || {
    echo "Could not install ${missing[*]}"; echo "tests: 0 passed, 1 failed, 0 skipped"; exit 1; }
fi

# --- a throwaway PostgreSQL ------------------------------------------------------------------------------
pgdir=$(mktemp -d)
chown postgres "$pgdir"
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || echo $((20000 + RANDOM % 20000)))
stop_postgres() {
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdir/data" -m fast stop >/dev/null 2>&1
  rm -rf "$pgdir" "$logs"
}
trap stop_postgres EXIT
runuser -u postgres -- "$pgbin/initdb" -D "$pgdir/data" -A trust -U vigil >"$logs/initdb.log" 2>&1 || { cat "$logs/initdb.log"; exit 1; }
runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdir/data" -w -l "$pgdir/log" \
  -o "-p $port -k $pgdir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null || { cat "$pgdir/log"; exit 1; }
echo "PostgreSQL for tests on 127.0.0.1:$port"
# The roles of docs/operations.md ("PostgreSQL roles"): each test database is owned and migrated by vigil_owner,
# and the app runs as vigil_app with the documented grants (tests/Vigil.Web.Tests/Infrastructure/PostgresRoles.cs).
"$pgbin/psql" -h 127.0.0.1 -p "$port" -U vigil -d postgres -v ON_ERROR_STOP=1 -q \
  -c "CREATE ROLE vigil_owner LOGIN" -c "CREATE ROLE vigil_app LOGIN" >"$logs/roles.log" 2>&1 || { cat "$logs/roles.log"; exit 1; }
postgres="Host=127.0.0.1;Port=$port;Username=vigil;Database=postgres"

# --- a streaming replica of it (issue 18: the read replica) -----------------------------------------------
# pg_basebackup -R makes a hot standby that follows the primary asynchronously; ReadReplicaTests point the app's
# ConnectionStrings:VigilReplica at it and pause its replay to see which server answered. The copy is taken
# through the primary's socket in $pgdir, so it is this primary and no other.
replica_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || echo $((40000 + RANDOM % 20000)))
stop_replica() {
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdir/replica" -m immediate stop >/dev/null 2>&1
  stop_postgres
}
trap stop_replica EXIT
if runuser -u postgres -- "$pgbin/pg_basebackup" -h "$pgdir" -p "$port" -U vigil -D "$pgdir/replica" -R -X stream -c fast -C -S test_replica >"$logs/basebackup.log" 2>&1 \
  && runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdir/replica" -w -l "$pgdir/replica.log" \
    -o "-p $replica_port -k $pgdir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null; then
  echo "PostgreSQL replica for tests on 127.0.0.1:$replica_port"
  export VIGIL_TEST_POSTGRES_REPLICA="Host=127.0.0.1;Port=$replica_port;Username=vigil;Database=postgres"
else
  cat "$logs/basebackup.log" "$pgdir/replica.log" 2>/dev/null | tail -20
  echo "tests: 0 passed, 1 failed, 0 skipped"; exit 1
fi
# --- end of the replica ------------------------------------------------------------------------------------

# --- build once, then run ---------------------------------------------------------------------------------
passed=0; failed=0; skipped=0; broken=0
if ! dotnet build Vigil.slnx -nologo -v q >"$logs/build.log" 2>&1; then
  grep -E "error|Error" "$logs/build.log" | sort -u | head -40
  echo "tests: 0 passed, 1 failed, 0 skipped"
  exit 1
fi

# The code's layout is part of the build: dotnet format with the repository's .editorconfig (counted as one
# test, so a formatting fault fails the run with the files named).
echo "== format"
if dotnet format Vigil.slnx --verify-no-changes --no-restore -v q >"$logs/format.log" 2>&1; then
  passed=$((passed + 1))
else
  sort -u "$logs/format.log" | head -40
  echo "  run: dotnet format Vigil.slnx"
  failed=$((failed + 1))
fi

run() { # name, project, extra env...
  local name=$1 project=$2; shift 2
  echo "== $name"
  local started=$SECONDS
  env "$@" dotnet test --project "$project" --no-build 2>&1 | tee "$logs/$name.log" | grep -a -E "^(failed|  (total|failed|succeeded|skipped):)" || true
  echo "  took $((SECONDS - started)) s"
  local t f s k
  t=$(grep -a -E '^\s+total:' "$logs/$name.log" | tail -1 | grep -oE '[0-9]+')
  f=$(grep -a -E '^\s+failed:' "$logs/$name.log" | tail -1 | grep -oE '[0-9]+')
  s=$(grep -a -E '^\s+succeeded:' "$logs/$name.log" | tail -1 | grep -oE '[0-9]+')
  k=$(grep -a -E '^\s+skipped:' "$logs/$name.log" | tail -1 | grep -oE '[0-9]+')
  if [ -z "$t" ]; then
    echo "$name did not report results:"; tail -30 "$logs/$name.log"; broken=$((broken + 1)); return
  fi
  if [ "${f:-0}" -gt 0 ]; then
    grep -a -A12 -E "^failed " "$logs/$name.log" | head -150
  fi
  passed=$((passed + ${s:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${k:-0}))
}

for project in tests/*.Tests; do
  case "$project" in
    *Web.Tests)
      run web-sqlite "$project" VIGIL_TEST_POSTGRES=
      run web-postgres "$project" VIGIL_TEST_POSTGRES="$postgres" ;;
    *)
      run "$(basename "$project")" "$project" VIGIL_TEST_POSTGRES="$postgres" ;;
  esac
done

failed=$((failed + broken))
echo "tests: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
