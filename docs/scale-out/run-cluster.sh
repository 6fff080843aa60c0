#!/usr/bin/env bash
# The portal as a cluster on this machine: a throwaway PostgreSQL server, the Fullscript simulator (its own process),
# three portal instances sharing the database and the Data Protection certificate, and the load balancer in front of
# them. Prints the address to open; Ctrl-C stops everything and removes the temporary folder. See docs/scale-out.md.
#
#   docs/scale-out/run-cluster.sh                      # balancer on the first free port from 5300
#   BALANCER_PORT=8080 INSTANCES=2 docs/scale-out/run-cluster.sh
#   NO_BUILD=1 docs/scale-out/run-cluster.sh           # reuse the last Release build
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
instances=${INSTANCES:-3}
work=$(mktemp -d "${TMPDIR:-/tmp}/fullscript-cluster.XXXXXX")
logs=$work/logs
mkdir -p "$logs"
pids=()
pg_bin=""
pg_data=$work/postgres

stop_all() {
  trap - EXIT INT TERM
  echo
  echo "Stopping the cluster..."
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [[ -n $pg_bin && -f $pg_data/postmaster.pid ]]; then as_postgres "$pg_bin/pg_ctl" stop -D "$pg_data" -m fast >/dev/null || true; fi
  if [[ -n ${KEEP:-} ]]; then echo "Logs kept in $logs"; else rm -rf "$work"; fi
}
trap stop_all EXIT INT TERM

fail() { echo "run-cluster: $*" >&2; exit 1; }

# initdb refuses to run as root: there, PostgreSQL runs as the postgres user.
as_postgres() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# The first port from $1 nobody listens on (bash's /dev/tcp: nothing to install).
free_port() {
  local port=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

wait_for() { # url, what, pid
  for _ in $(seq 1 240); do
    if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    kill -0 "$3" 2>/dev/null || fail "$2 stopped; its log: $logs/$2.log (run with KEEP=1 to keep it)"
    sleep 0.5
  done
  fail "$2 did not answer at $1 within 2 minutes; its log: $logs/$2.log"
}

command -v curl >/dev/null || fail "curl is needed: apt-get install -y curl"
command -v openssl >/dev/null || fail "openssl is needed: apt-get install -y openssl"
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[[ -n $pg_bin ]] || fail "PostgreSQL is not installed: apt-get install -y postgresql"

# 1. The portal, built once; every process runs the same FullscriptPortal.dll.
if [[ -z ${NO_BUILD:-} ]]; then
  echo "Building the portal (Release)..."
  dotnet build "$repo/FullscriptPortal/FullscriptPortal.csproj" -c Release -v quiet -nologo >"$logs/build.log" || fail "the build failed; see $logs/build.log"
fi
app=$repo/FullscriptPortal/bin/Release/net10.0
[[ -f $app/FullscriptPortal.dll ]] || fail "no build in $app: run without NO_BUILD=1"

# 2. PostgreSQL: a cluster of its own in the temporary folder, on a free loopback port, no fsync (it is thrown away).
pg_port=$(free_port 55432)
[[ $(id -u) -eq 0 ]] && chown postgres:postgres "$work"
as_postgres "$pg_bin/initdb" -D "$pg_data" -U postgres --auth=trust --no-locale -E UTF8 --no-sync >"$logs/initdb.log"
as_postgres "$pg_bin/pg_ctl" start -w -D "$pg_data" -l "$pg_data/server.log" \
  -o "-k $pg_data -p $pg_port -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" >/dev/null
as_postgres "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE portal" >/dev/null
connection="Host=127.0.0.1;Port=$pg_port;Database=portal;Username=postgres"
echo "PostgreSQL     127.0.0.1:$pg_port (database portal)"

# 3. The Data Protection certificate every instance shares: tokens one instance encrypts, the others decrypt.
password=$(openssl rand -hex 16)
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=FullscriptPortal cluster key ring" \
  -keyout "$work/key-ring.key" -out "$work/key-ring.crt" 2>/dev/null
openssl pkcs12 -export -inkey "$work/key-ring.key" -in "$work/key-ring.crt" -out "$work/key-ring.pfx" -passout "pass:$password"
rm "$work/key-ring.key"

balancer_port=$(free_port "${BALANCER_PORT:-5300}")
public=http://127.0.0.1:$balancer_port

# 4. The Fullscript simulator as a process of its own (its own SQLite files), so every instance talks to the same one
#    and it outlives any of them. It sends browsers back to the balancer.
sim_port=$(free_port $((balancer_port + 10)))
mkdir -p "$work/simulator"
(cd "$app" && exec dotnet FullscriptPortal.dll --environment Development --urls "http://127.0.0.1:$sim_port" \
  --Database:Path="$work/simulator/portal.db" --Simulator:DatabasePath="$work/simulator/simulator.db" \
  --Simulator:RedirectUris:0="$public/oauth/fullscript/callback" \
  --Simulator:RedirectUris:1="http://localhost:$balancer_port/oauth/fullscript/callback" \
  --Simulator:AccessTokenLifetime="${TOKEN_LIFETIME:-02:00:00}" --Tokens:WorkerEnabled=false) >"$logs/simulator.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$sim_port/health" simulator "${pids[-1]}"
echo "Simulator      http://127.0.0.1:$sim_port/simulator"

# 5. The portal instances. The first creates the tables and the demo people; the others start once it answers.
destinations=()
port=$((balancer_port + 1))
for i in $(seq 1 "$instances"); do
  port=$(free_port "$port")
  (cd "$app" && exec dotnet FullscriptPortal.dll --environment Development --urls "http://127.0.0.1:$port" \
    --Database:Provider=Postgres --ConnectionStrings:Portal="$connection" \
    --DataProtection:CertificatePath="$work/key-ring.pfx" --DataProtection:CertificatePassword="$password" \
    --Fullscript:Servers:simulator:ApiBase="http://127.0.0.1:$sim_port/simulator/api") >"$logs/portal-$i.log" 2>&1 &
  pids+=($!)
  wait_for "http://127.0.0.1:$port/health" "portal-$i" "${pids[-1]}"
  echo "portal-$i       http://127.0.0.1:$port"
  destinations+=("--Balancer:Destinations:$((i - 1))=http://127.0.0.1:$port")
  port=$((port + 1))
done

# 6. The balancer: sticky sessions by cookie, WebSockets passed through, /health checked, the client's host forwarded.
(cd "$app" && exec dotnet FullscriptPortal.dll balancer --urls "$public" --Balancer:ShowDestination=true "${destinations[@]}") \
  >"$logs/balancer.log" 2>&1 &
pids+=($!)
wait_for "$public/health" balancer "${pids[-1]}"

echo
echo "The cluster is up: open $public"
echo "Sign in as any demo user (password Demo!Portal1). The X-Balancer-Destination response header names the instance"
echo "that answered; the FullscriptPortal.Affinity cookie keeps a browser on it. Logs: $logs. Ctrl-C stops everything."
wait -n "${pids[@]}" || true
echo "A process stopped; see $logs (run with KEEP=1 to keep them)." >&2
