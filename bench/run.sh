#!/usr/bin/env bash
# Tollgate's benchmark: every server pinned to core 0, the load generator (wrk) to core 1, all measured in
# the same run, alternating A B A B, and printed side by side with ratios. Run by hand, never in CI.
#   bench/run.sh [--duration S] [--rounds N] [--connections C] [--scale N] [--no-micro] [--quick]
# --quick: Tollgate's own rows and the ceilings only (no peers, no scale run, no micro-benchmarks).
set -euo pipefail
cd "$(dirname "$0")/.."
duration=10; rounds=3; connections=32; scale=1000000; micro=1; quick=0
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --scale) scale=$2; shift 2 ;;
    --no-micro) micro=0; shift ;;
    --quick) quick=1; scale=0; micro=0; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
command -v wrk >/dev/null || { sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo; $sudo apt-get install -y -qq wrk >/dev/null; }

work=$(mktemp -d /tmp/tollgate-bench.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

echo "Building (Release)…" >&2
dotnet build bench/Tollgate.Bench.Hosts -c Release -o "$work/bin" --nologo -v q >/dev/null
host="$work/bin/Tollgate.Bench.Hosts.dll"

serve() { # name port args… : starts a server on core 0 and waits until its port answers
  local name=$1 port=$2; shift 2
  taskset -c 0 dotnet "$host" "$@" >"$work/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 300); do curl -s -o /dev/null "http://127.0.0.1:$port/" && return 0; sleep 0.1; done
  echo "$name did not start:" >&2; cat "$work/$name.log" >&2; exit 1
}
rss() { ps -o rss= -p "$1" | awk '{printf "%.0f MiB", $1/1024}'; }

# The main server runs as production would: the brute-force guard on, and a token quota on every credential (the
# cloud's default, far above what the run can reach, so it is checked on every request and never refuses).
Tollgate__Clouds__mainline__Quota=1000000000/m serve tollgate 6001 tollgate http://127.0.0.1:6001 "$work/tg"
until [ -s "$work/tg/basic.txt" ] && [ -s "$work/tg/keyed.txt" ]; do sleep 0.1; done
basic=$(cat "$work/tg/basic.txt")
# The same server with the guard and quotas off (what they cost), and the failed-authentication rows: they
# measure what a failure costs, so nothing may throttle them. A third, guard on, takes a wrong-secret flood, alone
# and beside its own legitimate client.
Tollgate__Guard__Enabled=false serve tollgate-noguard 6008 tollgate http://127.0.0.1:6008 "$work/tg-noguard"
until [ -s "$work/tg-noguard/basic.txt" ]; do sleep 0.1; done
basic_noguard=$(cat "$work/tg-noguard/basic.txt")
serve tollgate-flood 6009 tollgate http://127.0.0.1:6009 "$work/tg-flood"
until [ -s "$work/tg-flood/basic.txt" ]; do sleep 0.1; done
response=$(curl -s -X POST -H "authorization: Basic $basic" -d 'grant_type=client_credentials&scope=read' http://127.0.0.1:6001/token)
token=$(printf '%s' "$response" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
serve ceiling 6002 ceiling http://127.0.0.1:6002 "${#response}"
if [ "$quick" -eq 0 ]; then
  serve openiddict 6003 openiddict http://127.0.0.1:6003 "$work/oi"
  serve openiddict-nostore 6004 openiddict http://127.0.0.1:6004 "$work/oi2" nostore
  if [ ! -d bench/peers/oidc-provider/node_modules/oidc-provider ]; then
    (cd bench/peers/oidc-provider && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
  taskset -c 0 node bench/peers/oidc-provider/server.mjs 6007 >"$work/oidc-provider.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do curl -s -o /dev/null http://127.0.0.1:6007/.well-known/openid-configuration && break; sleep 0.1; done
  serve openiddict-validation 6006 openiddict-validation http://127.0.0.1:6006 http://127.0.0.1:6001
fi
# JwtBearer validating a plain bearer token is the bar the DPoP-protected GET is held to: in every run.
serve jwtbearer 6005 jwtbearer http://127.0.0.1:6005 http://127.0.0.1:6001

post_script() { # file basic body
  printf 'wrk.method = "POST"\nwrk.body = "%s"\nwrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\nwrk.headers["Authorization"] = "Basic %s"\n' "$3" "$2" >"$1"
}
post_script "$work/token.lua" "$basic" "grant_type=client_credentials&scope=read"
post_script "$work/token-noguard.lua" "$basic_noguard" "grant_type=client_credentials&scope=read"
# The flood guesses a client id that is not the legitimate client's: wrk cannot send from another source address,
# and the guard throttles the (client id, address) pair, so the legitimate client from the same address keeps its
# own pair. (The owner-from-elsewhere case is a wire test, GuardTests, from several loopback addresses.)
post_script "$work/flood.lua" "$(printf 'flood-%s:wrong-secret-for-the-flood' "$(head -c 12 /dev/urandom | base64 | tr '+/' '-_')" | base64 -w0)" "grant_type=client_credentials&scope=read"
post_script "$work/token-flood.lua" "$(cat "$work/tg-flood/basic.txt")" "grant_type=client_credentials&scope=read"
post_script "$work/openiddict.lua" "$(printf 'bench:bench-secret-0123456789' | base64 -w0)" "grant_type=client_credentials&scope=read"
printf 'wrk.headers["Authorization"] = "Bearer %s"\n' "$token" >"$work/bearer.lua"
# Failed authentications: a known client id with a wrong secret, and a client id that exists nowhere (with a
# secret of the same length). An unknown id must cost what a wrong secret costs: no timing oracle for ids.
# Every request carries a client id never seen before (the attacker's probe), or the known id with a fresh wrong
# secret; both pre-formatted the same way, so wrk's own cost is equal.
client_id=$(printf '%s' "$basic_noguard" | base64 -d | cut -d: -f1)
python3 - "$client_id" "$work" <<'PY'
import base64, os, sys
known, work = sys.argv[1], sys.argv[2]
n = 150_000  # more than a node remembers of unknown ids (100,000), so every pass still meets new ones
with open(f"{work}/wrong.lines", "w") as wrong, open(f"{work}/unknown.lines", "w") as unknown:
    for _ in range(n):
        secret = base64.b64encode(os.urandom(32)).decode()
        wrong.write(base64.b64encode(f"{known}:{secret}".encode()).decode() + "\n")
        unknown.write(base64.b64encode(f"{base64.b64encode(os.urandom(24)).decode()}:{secret}".encode()).decode() + "\n")
PY
# private_key_jwt and DPoP: every request carries a JWT that is good once (and a proof for a minute), which wrk cannot
# sign; `fresh` has them signed (on wrk's core) just before each run that uses them, one per line. A request wrk.format
# makes while the script loads has no Host header unless it is given one (and HTTP/1.1 without Host is a 400).
fresh() { # kind seconds
  local rate=10000; [ "$1" = dpop-get ] && rate=15000
  taskset -c 1 dotnet "$host" proofs http://127.0.0.1:6001 "$work/tg" "$1" "$((rate * ($2 + 3)))" "$work/$1.lines"
}
fresh dpop-get 1 # obtains the DPoP-bound token the GET proofs are for
bound_token=$(cat "$work/tg/dpop-token.txt")
lines_script() { # kind request-expression
  cat >"$work/$1.lua" <<LUA
local requests = {}
for line in io.lines("$work/$1.lines") do
  requests[#requests + 1] = $2
end
local n = 0
request = function()
  n = n % #requests + 1
  return requests[n]
end
LUA
}
lines_script assertion 'wrk.format("POST", nil, {["Host"] = "127.0.0.1:6001", ["Content-Type"] = "application/x-www-form-urlencoded"}, line)'
lines_script dpop-token 'wrk.format("POST", nil, {["Host"] = "127.0.0.1:6001", ["Content-Type"] = "application/x-www-form-urlencoded", ["Authorization"] = "Basic '"$basic"'", ["DPoP"] = line}, "grant_type=client_credentials&scope=read")'
lines_script dpop-get 'wrk.format("GET", nil, {["Host"] = "127.0.0.1:6001", ["Authorization"] = "DPoP '"$bound_token"'", ["DPoP"] = line})'
for kind in wrong unknown; do
  lines_script "$kind" 'wrk.format("POST", nil, {["Host"] = "127.0.0.1:6008", ["Content-Type"] = "application/x-www-form-urlencoded", ["Authorization"] = "Basic " .. line}, "grant_type=client_credentials&scope=read")'
done

# name|url|script
targets=(
  "tollgate /token|http://127.0.0.1:6001/token|token.lua"
  "tollgate /token, guard and quotas off|http://127.0.0.1:6008/token|token-noguard.lua"
  "tollgate /token, private_key_jwt|http://127.0.0.1:6001/token|assertion.lua||assertion"
  "tollgate /token, DPoP-bound|http://127.0.0.1:6001/token|dpop-token.lua||dpop-token"
  "ceiling: bare Kestrel POST|http://127.0.0.1:6002/token|token.lua"
  "OpenIddict 7.8 (defaults)|http://127.0.0.1:6003/token|openiddict.lua"
  "OpenIddict 7.8 (no token storage)|http://127.0.0.1:6004/token|openiddict.lua"
  "node oidc-provider 9 (JWT, ES256)|http://127.0.0.1:6007/token|openiddict.lua"
  "tollgate /token, wrong secret (401)|http://127.0.0.1:6008/token|wrong.lua|1"
  "tollgate /token, unknown client id (401)|http://127.0.0.1:6008/token|unknown.lua|1"
  "tollgate /token, wrong-secret flood, throttled (429)|http://127.0.0.1:6009/token|flood.lua"
  "tollgate protected GET|http://127.0.0.1:6001/bench/protected|bearer.lua"
  "tollgate protected GET, DPoP|http://127.0.0.1:6001/bench/protected|dpop-get.lua||dpop-get"
  "JwtBearer protected GET|http://127.0.0.1:6005/bench/protected|bearer.lua"
  "OpenIddict validation GET|http://127.0.0.1:6006/bench/protected|bearer.lua"
  "ceiling: unauthenticated GET|http://127.0.0.1:6002/bench/protected|bearer.lua"
)
if [ "$quick" -eq 1 ]; then
  mine=()
  for t in "${targets[@]}"; do case "$t" in tollgate*|ceiling*|JwtBearer*) mine+=("$t") ;; esac; done
  targets=("${mine[@]}")
fi

load() { # url script seconds connections -> "rps p50ms p99ms non2xx"
  taskset -c 1 wrk -t1 -c"$4" -d"$3"s --latency -s "$work/$2" "$1" | awk '
    /Requests\/sec/ {rps=$2}
    /^ +50%/ {p50=$2} /^ +99%/ {p99=$2}
    /Non-2xx/ {bad=$NF}
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    END {printf "%s %.2f %.2f %s\n", rps, ms(p50), ms(p99), bad+0}'
}

echo "Warming up (JIT tiers)…" >&2
# Each server runs until its JIT has settled on its final code (tiered compilation shares the one core).
for t in "${targets[@]}"; do
  IFS='|' read -r _ url script conns gen <<<"$t"
  [ -z "$gen" ] || fresh "$gen" 15
  load "$url" "$script" 15 "${conns:-$connections}" >/dev/null
done

for r in $(seq 1 "$rounds"); do
  echo "Round $r of $rounds…" >&2
  for t in "${targets[@]}"; do
    IFS='|' read -r name url script conns gen <<<"$t"
    [ -z "$gen" ] || fresh "$gen" "$duration"
    echo "$name|$(load "$url" "$script" "$duration" "${conns:-$connections}")" >>"$work/results"
  done
done
echo "tollgate /token @64|$(load http://127.0.0.1:6001/token token.lua "$duration" 64)" >>"$work/results64"
# Last, so that what a flood leaves behind cannot weigh on the rows above.
for r in $(seq 1 "$rounds"); do
  echo "Flood round $r of $rounds…" >&2
  # A legitimate client alone, then beside a flood of wrong secrets on 256 connections to the same server (two wrk
  # processes).
  echo "tollgate /token, flood server, alone|$(load http://127.0.0.1:6009/token token-flood.lua "$duration" "$connections")" >>"$work/flood"
  taskset -c 1 wrk -t1 -c256 -d"$((duration + 2))"s -s "$work/flood.lua" http://127.0.0.1:6009/token >"$work/flood-bg.txt" &
  flood_pid=$!
  sleep 1
  echo "tollgate /token, beside a wrong-secret flood|$(load http://127.0.0.1:6009/token token-flood.lua "$duration" "$connections")" >>"$work/flood"
  wait "$flood_pid"
  echo "the flood meanwhile (429)|$(awk '/Requests\/sec/ {print $2, 0, 0, 0}' "$work/flood-bg.txt")" >>"$work/flood"
done
sign=$(taskset -c 0 dotnet "$host" sign-rate 3)
tollgate_pid=${pids[0]}
tollgate_rss=$(rss "$tollgate_pid")

# Scale of data: the same /token run with 10 credentials and with $scale, random client ids each request.
scale_run() { # count -> "rps p50 p99 bad|startup ms|rss"
  local dir="$work/scale$1" port=$2
  dotnet "$host" seed "$dir" "$1" "$dir.basics" >/dev/null
  local start; start=$(date +%s%N)
  taskset -c 0 dotnet "$work/bin/tollgate.dll" serve --data "$dir" --listen "mainline=http://127.0.0.1:$port" >"$dir.log" 2>&1 &
  local pid=$!; pids+=($pid)
  until grep -q "mainline ready" "$dir.log" 2>/dev/null; do sleep 0.02; done
  local ready=$(( ($(date +%s%N) - start) / 1000000 ))
  # Requests are formatted once, in random order (every credential once per pass), so wrk's own Lua costs
  # the same per request in both runs and stays off the measurement.
  cat >"$work/random$1.lua" <<LUA
local requests = {}
for line in io.lines("$dir.basics") do
  requests[#requests + 1] = wrk.format("POST", nil, {["Host"] = "127.0.0.1:$port", ["Content-Type"] = "application/x-www-form-urlencoded", ["Authorization"] = "Basic " .. line}, "grant_type=client_credentials&scope=read")
end
math.randomseed(42)
for i = #requests, 2, -1 do local j = math.random(i); requests[i], requests[j] = requests[j], requests[i] end
local n = 0
request = function()
  n = n % #requests + 1
  return requests[n]
end
LUA
  load "http://127.0.0.1:$port/token" "random$1.lua" "$duration" "$connections" >/dev/null   # warm-up
  echo "$(load "http://127.0.0.1:$port/token" "random$1.lua" "$duration" "$connections")|$ready|$(rss $pid)"
  kill $pid
}
if [ "$scale" -gt 0 ]; then
  echo "Scale: seeding 10 and $scale credentials…" >&2
  small=$(scale_run 10 6010)
  large=$(scale_run "$scale" 6011)
fi

cpu=$(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2; exit}')
echo
echo "Machine: $cpu, $(nproc) cores; servers on core 0, wrk (1 thread, $connections connections) on core 1; .NET $(dotnet --list-runtimes | awk '/NETCore.App/ {v=$2} END {print v}'); $(date -u +%Y-%m-%d)"
echo "Median of $rounds rounds of ${duration}s, alternating targets in each round."
echo
awk -F'|' -v sign="$sign" '
  { split($2, f, " "); n[$1]++; rps[$1, n[$1]] = f[1]; p50[$1, n[$1]] = f[2]; p99[$1, n[$1]] = f[3]; bad[$1] += f[4]; if (!($1 in seen)) { seen[$1] = 1; order[++k] = $1 } }
  function median(a, name, count,   i, j, t, v) { for (i = 1; i <= count; i++) v[i] = a[name, i]; for (i = 1; i <= count; i++) for (j = i + 1; j <= count; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t } return v[int((count + 1) / 2)] }
  END {
    for (i = 1; i <= k; i++) { name = order[i]; R[name] = median(rps, name, n[name]); P50[name] = median(p50, name, n[name]); P99[name] = median(p99, name, n[name]) }
    ceiling = R["ceiling: bare Kestrel POST"]; limit = 1 / (1 / ceiling + 1 / sign)
    printf "| target | requests/s | p50 ms | p99 ms | ratio |\n|---|---:|---:|---:|---|\n"
    for (i = 1; i <= k; i++) {
      name = order[i]; ratio = ""
      if (name == "tollgate /token") ratio = sprintf("%.1f%% of the physical limit (%.0f/s = 1/(1/ceiling + 1/%d ES256 signs/s)); %.0f%% of the ceiling", 100 * R[name] / limit, limit, sign, 100 * R[name] / ceiling)
      if (name == "tollgate /token" && R["node oidc-provider 9 (JWT, ES256)"] > 0) ratio = ratio sprintf("; %.1f× node oidc-provider; %.0f× OpenIddict defaults; %.0f× OpenIddict without storage", R[name] / R["node oidc-provider 9 (JWT, ES256)"], R[name] / R["OpenIddict 7.8 (defaults)"], R[name] / R["OpenIddict 7.8 (no token storage)"])
      if (name == "tollgate protected GET") ratio = sprintf("%.0f%% of the unauthenticated ceiling", 100 * R[name] / R["ceiling: unauthenticated GET"])
      if (name == "tollgate protected GET" && R["JwtBearer protected GET"] > 0) ratio = ratio sprintf("; %.1f× JwtBearer", R[name] / R["JwtBearer protected GET"])
      if (name == "tollgate protected GET" && R["OpenIddict validation GET"] > 0) ratio = ratio sprintf("; %.1f× OpenIddict validation", R[name] / R["OpenIddict validation GET"])
      if (name == "tollgate /token, unknown client id (401)") { w = "tollgate /token, wrong secret (401)"; ratio = sprintf("one connection (latency, as an attacker times it), a never-seen id each request: p50 %.0f%% and throughput %.0f%% of the wrong-secret row (same run)", 100 * P50[name] / P50[w], 100 * R[name] / R[w]) }
      if (name == "tollgate /token, private_key_jwt" || name == "tollgate /token, DPoP-bound") ratio = sprintf("%.0f%% of the /token row (a secret, no proof); a store write per request for the one-time jti", 100 * R[name] / R["tollgate /token"])
      if (name == "tollgate protected GET, DPoP") ratio = sprintf("%.0f%% of the bearer GET; %.1f× JwtBearer validating a plain bearer token (same run)", 100 * R[name] / R["tollgate protected GET"], R[name] / R["JwtBearer protected GET"])
      if (name == "tollgate /token, guard and quotas off") ratio = sprintf("with the guard and a quota on, /token runs at %.0f%% of this (same run)", 100 * R["tollgate /token"] / R[name])
      if (name ~ /\(429\)$/) ratio = "one client id, the same wrong secret over and over: after the 5th failure every guess is refused (429) before any check, held back 1 s (the tarpit), so a connection gets about one guess a second"
      if (bad[name] > 0 && name !~ /\((401|429)\)$/) ratio = ratio " (" bad[name] " non-2xx)"
      printf "| %s | %.0f | %.2f | %.2f | %s |\n", name, R[name], P50[name], P99[name], ratio
    }
  }' "$work/results"
awk -F'|' '{ split($2, f, " "); printf "| %s | %.0f | %.2f | %.2f | p99 at 64 connections |\n", $1, f[1], f[2], f[3] }' "$work/results64"
awk -F'|' '
  { split($2, f, " "); n[$1]++; rps[$1, n[$1]] = f[1]; p50[$1, n[$1]] = f[2]; p99[$1, n[$1]] = f[3]; if (!($1 in seen)) { seen[$1] = 1; order[++k] = $1 } }
  function median(a, name, count,   i, j, t, v) { for (i = 1; i <= count; i++) v[i] = a[name, i]; for (i = 1; i <= count; i++) for (j = i + 1; j <= count; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t } return v[int((count + 1) / 2)] }
  END {
    for (i = 1; i <= k; i++) { name = order[i]; R[name] = median(rps, name, n[name]); P50[name] = median(p50, name, n[name]); P99[name] = median(p99, name, n[name]) }
    for (i = 1; i <= k; i++) {
      name = order[i]; ratio = ""
      if (name == "tollgate /token, beside a wrong-secret flood") ratio = sprintf("legitimate tokens/s keep %.0f%% of their rate alone (same run); %d legitimate connections, 256 flooding", 100 * R[name] / R["tollgate /token, flood server, alone"], '"$connections"')
      if (name == "the flood meanwhile (429)") { printf "| %s | %.0f | | | every guess refused before any check |\n", name, R[name]; continue }
      printf "| %s | %.0f | %.2f | %.2f | %s |\n", name, R[name], P50[name], P99[name], ratio
    }
  }' "$work/flood"
echo
echo "tollgate RSS after the runs: $tollgate_rss"
if [ "$scale" -gt 0 ]; then
  echo
  echo "| /token, random client id per request | requests/s | p50 ms | p99 ms | startup to ready | RSS |"
  echo "|---|---:|---:|---:|---:|---:|"
  for row in "10 credentials|$small" "$scale credentials|$large"; do
    IFS='|' read -r label stats ready mem <<<"$row"; read -r r p5 p9 _ <<<"$stats"
    printf "| %s | %.0f | %.2f | %.2f | %s ms | %s |\n" "$label" "$r" "$p5" "$p9" "$ready" "$mem"
  done
  read -r rs _ <<<"${small#*|}"; read -r rl _ <<<"${large#*|}"
  rs=${small%% *}; rl=${large%% *}
  awk -v s="$rs" -v l="$rl" -v n="$scale" 'BEGIN { printf "\n%s credentials run at %.1f%% of the 10-credential throughput.\n", n, 100 * l / s }'
fi

if [ "$micro" -eq 1 ]; then
  # BenchmarkDotNet: each piece of the hot paths beside its floor (one SHA-256, one ES256 signature or
  # verification) and the SDK's cached path beside a token request per call, measured in the same run.
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  echo >&2 "Micro-benchmarks…"
  echo
  taskset -c 0 dotnet run -c Release --project bench/Tollgate.Benchmarks -- --filter '*' --job short --artifacts "$work/bdn" 2>/dev/null | grep '^|'
fi
