#!/usr/bin/env bash
# The benchmark of docs/performance.md: our server, InspIRCd and ngircd on this machine, driven
# by the same load generator (bench/) through the same scenarios, three runs each, medians.
#
#   scripts/bench.sh [options] [scenario ...]
#
# Scenarios (default: the issue's set): fanout:c=50,m=2000 fanout:c=200,m=200 dm:p=50,m=2000
# idle:n=10000 auth rest. Parameters are described in bench/.../Bench.java and docs/performance.md.
# Options:
#   --runs N            runs per scenario and server (3)
#   --warmup N          untimed runs before them, for the JIT (3; never for idle)
#   --servers LIST      comma-separated, of ours,ngircd,inspircd (all three)
#   --max-seconds S     a run still going after S seconds is cut off and counted as failed (600)
#   --status TEXT       a status line for the document, e.g. "preliminary, loaded machine"
#   --no-doc            print the table but leave docs/performance.md alone
#
# It builds the server and the generator, installs the peers (Debian packages) if missing,
# starts each server on 127.0.0.1 from a fresh temporary directory, stops it by its PID, and
# writes the table into docs/performance.md. Everything runs on loopback and ends by itself.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
COMMAND=scripts/bench.sh
for arg in "$@"; do
	if [[ $arg == *[[:space:]]* ]]; then COMMAND+=" \"$arg\""; else COMMAND+=" $arg"; fi
done
STARTED_AT=$(date +%s)
LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)

RUNS=3
WARMUP=3
SERVERS=ours,ngircd,inspircd
MAX_SECONDS=600
STATUS=""
WRITE_DOC=yes
SCENARIOS=()
while [ $# -gt 0 ]; do
	case "$1" in
		--runs) RUNS=$2; shift 2 ;;
		--warmup) WARMUP=$2; shift 2 ;;
		--servers) SERVERS=$2; shift 2 ;;
		--max-seconds) MAX_SECONDS=$2; shift 2 ;;
		--status) STATUS=$2; shift 2 ;;
		--no-doc) WRITE_DOC=no; shift ;;
		-h|--help) sed -n '2,20p' "$0"; exit 0 ;;
		-*) echo "bench: unknown option $1" >&2; exit 2 ;;
		*) SCENARIOS+=("$1"); shift ;;
	esac
done
if [ ${#SCENARIOS[@]} -eq 0 ]; then
	SCENARIOS=(fanout:c=50,m=2000 fanout:c=200,m=200 dm:p=50,m=2000 idle:n=10000 auth rest)
fi

# Ports on 127.0.0.1, away from the defaults so that installed services do not collide.
OURS_HTTP_PORT=${OURS_HTTP_PORT:-19080}
OURS_LINE_PORT=${OURS_LINE_PORT:-19889}
OURS_LEGACY_PORT=${OURS_LEGACY_PORT:-19890}
NGIRCD_PORT=${NGIRCD_PORT:-19667}
INSPIRCD_PORT=${INSPIRCD_PORT:-19668}
# Our server's JVM: a bounded heap (a leak shows as an error, not as swapping); the free-ratio
# bounds let the collection before each memory reading give unused heap back to the system.
OURS_JAVA_OPTS=${OURS_JAVA_OPTS:--XX:+UseG1GC -Xms256m -Xmx2g -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:+ExitOnOutOfMemoryError}
BCRYPT_COST=${BCRYPT_COST:-10}
GENERATOR_THREADS=${GENERATOR_THREADS:-2}
# Connection set-ups in flight in `idle`: ngircd listens with a backlog of 10; InspIRCd completes
# logins once a second, so it needs many at once; ours has a backlog of 1024.
INFLIGHT_OURS=${INFLIGHT_OURS:-64}
INFLIGHT_NGIRCD=${INFLIGHT_NGIRCD:-8}
INFLIGHT_INSPIRCD=${INFLIGHT_INSPIRCD:-1000}

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

pick_jdk() {
	local best="" best_version=0 dir version
	for dir in ${JAVA_HOME:+"$JAVA_HOME"} /usr/lib/jvm/*/; do
		dir=${dir%/}
		[ -x "$dir/bin/javac" ] || continue
		version=$("$dir/bin/java" -XshowSettings:properties -version 2>&1 \
			| sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
		if [ -n "$version" ] && [ "$version" -ge 21 ] && [ "$version" -gt "$best_version" ]; then
			best=$dir
			best_version=$version
		fi
	done
	[ -n "$best" ] || { echo "bench: no JDK 21 or newer (set JAVA_HOME)" >&2; return 1; }
	echo "$best"
}
JAVA_HOME=$(pick_jdk)
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
log "JDK $JAVA_HOME; open files limit $(ulimit -n)"

# --- build -----------------------------------------------------------------------------------
build() { # offline first (fast, no network); online when the local repository lacks something
	./mvnw -q -o "$@" 2>/dev/null || ./mvnw -q --no-transfer-progress "$@"
}
log "building the server and the generator"
# clean: a file deleted from src/main/resources stays in target/classes otherwise, and a
# migration left there once changed the schema that was measured
build -DskipTests clean package
build -f bench/pom.xml package
SERVER_JAR=$(ls target/chat-server-*.jar | grep -v plain | head -1)
BENCH_JAR=bench/target/chat-bench.jar

# --- peers -----------------------------------------------------------------------------------
wants() { [[ ",$SERVERS," == *",$1,"* ]]; }
missing=()
wants ngircd && ! command -v ngircd >/dev/null && missing+=(ngircd)
wants inspircd && ! command -v inspircd >/dev/null && missing+=(inspircd)
if [ ${#missing[@]} -gt 0 ]; then
	log "installing ${missing[*]} (Debian packages)"
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO=sudo
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null \
		|| { $SUDO apt-get update -q >/dev/null && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null; }
fi
package_version() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo unknown; }

# --- servers ---------------------------------------------------------------------------------
WORK=$(mktemp -d /tmp/chat-bench.XXXXXX)
RESULTS="$WORK/results.tsv"
: >"$RESULTS"
SERVER_PID=""
cleanup() {
	if [ -n "$SERVER_PID" ]; then stop_server; fi
	rm -rf "$WORK"/ours-*/data
}
trap cleanup EXIT
trap 'exit 130' INT TERM
log "work directory $WORK (configs, logs, results)"

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Whether the port listens, and (where ss can tell) in the server just started: a port that some
# other process opened meanwhile must not pass for ours.
port_ready() {
	if command -v ss >/dev/null; then
		ss -Hltnp "sport = :$1" 2>/dev/null | grep -q "pid=$SERVER_PID,"
	else
		port_open "$1"
	fi
}

# Waits until every port accepts; prints the milliseconds since $1 (the start, in ns).
wait_ports() {
	local since=$1 deadline=$((SECONDS + 300)) port
	shift
	for port in "$@"; do
		until port_ready "$port"; do
			if ! kill -0 "$SERVER_PID" 2>/dev/null; then
				echo "bench: the server stopped while starting; see $SERVER_LOG" >&2
				tail -20 "$SERVER_LOG" >&2
				return 1
			fi
			[ $SECONDS -lt $deadline ] || { echo "bench: port $port not open after 300 s" >&2; return 1; }
			sleep 0.02
		done
	done
	echo $(( ($(date +%s%N) - since) / 1000000 ))
}

START_COUNT=0
start_server() { # name; sets SERVER_PID, SERVER_LOG; records the start-up time
	local name=$1 dir t0 ms taken
	START_COUNT=$((START_COUNT + 1))
	for taken in $(server_ports "$name"); do
		if port_open "$taken"; then echo "bench: port $taken is taken" >&2; return 1; fi
	done
	dir="$WORK/$name-$START_COUNT"
	mkdir -p "$dir"
	SERVER_LOG="$dir/server.log"
	t0=$(date +%s%N)
	case "$name" in
		ours)
			(cd "$dir" && exec "$JAVA" $OURS_JAVA_OPTS -jar "$ROOT/$SERVER_JAR" \
				--server.address=127.0.0.1 --server.port="$OURS_HTTP_PORT" \
				--chat.tcp.host=127.0.0.1 --chat.tcp.port="$OURS_LINE_PORT" --chat.tcp.legacy-port="$OURS_LEGACY_PORT" \
				"--spring.datasource.url=jdbc:h2:file:$dir/data/chat;WRITE_DELAY=0;RETENTION_TIME=0;DB_CLOSE_ON_EXIT=FALSE" \
				--chat.users.password-hash-strength="$BCRYPT_COST" \
				`# Like the peers' flood limits and throttles: off, or the generator measures them.` \
				--chat.rate-limit.enabled=false --chat.login-throttle.enabled=false \
				--chat.tcp.max-connections=19000 --chat.tcp.max-connections-per-address=19000 \
				>"$SERVER_LOG" 2>&1) &
			;;
		ngircd)
			write_ngircd_conf "$dir"
			ngircd --nodaemon --config "$dir/ngircd.conf" >"$SERVER_LOG" 2>&1 &
			;;
		inspircd)
			write_inspircd_conf "$dir"
			local root_flag=""
			[ "$(id -u)" -ne 0 ] || root_flag=--runasroot
			inspircd --config "$dir/inspircd.conf" --nofork --nopid $root_flag >"$SERVER_LOG" 2>&1 &
			;;
	esac
	SERVER_PID=$!
	ms=$(wait_ports "$t0" $(server_ports "$name"))
	printf '%s\tstart-up\t%d\tok\tstartup_ms=%s\t\n' "$name" "$START_COUNT" "$ms" >>"$RESULTS"
	log "$name started (pid $SERVER_PID) in $ms ms"
}

server_ports() {
	case "$1" in
		ours) echo "$OURS_HTTP_PORT $OURS_LINE_PORT $OURS_LEGACY_PORT" ;;
		ngircd) echo "$NGIRCD_PORT" ;;
		inspircd) echo "$INSPIRCD_PORT" ;;
	esac
}

stop_server() {
	local pid=$SERVER_PID i
	SERVER_PID=""
	kill -TERM "$pid" 2>/dev/null || return 0
	for i in $(seq 1 300); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}

# ngircd: no DNS, ident or PAM; mode F for every user (no command throttling) and no penalty
# times; no limit on connections, connections per address or channels per user.
write_ngircd_conf() {
	mkdir -p "$1/conf.d"
	cat >"$1/ngircd.conf" <<-EOF
	[Global]
	Name = bench.ngircd
	Info = chat benchmark peer
	AdminInfo1 = benchmark
	AdminInfo2 = loopback
	AdminEMail = bench@localhost
	Listen = 127.0.0.1
	Ports = $NGIRCD_PORT
	PidFile = $1/ngircd.pid
	MotdPhrase = bench
	[Limits]
	MaxConnections = 0
	MaxConnectionsIP = 0
	MaxJoins = 0
	MaxNickLength = 30
	MaxPenaltyTime = 0
	PingTimeout = 600
	PongTimeout = 120
	[Options]
	DNS = no
	Ident = no
	PAM = no
	DefaultUserModes = iF
	IncludeDir = $1/conf.d
	EOF
}

# InspIRCd: no fakelag, a flood threshold and command rate no client reaches, no clone limits,
# no DNS or ident, large send/receive queues; the soft limit just under the open-files limit.
write_inspircd_conf() {
	echo bench >"$1/motd.txt"
	cat >"$1/inspircd.conf" <<-EOF
	<server name="bench.inspircd" description="chat benchmark peer" network="bench">
	<admin name="bench" nick="bench" email="bench@localhost">
	<bind address="127.0.0.1" port="$INSPIRCD_PORT" type="clients">
	<connect name="bench" allow="*" timeout="60" pingfreq="600"
	         hardsendq="64M" softsendq="16M" recvq="1M"
	         threshold="1000000" commandrate="1000000000" fakelag="no"
	         localmax="100000" globalmax="100000" maxconnwarn="no" limit="100000"
	         resolvehostnames="no" useident="no" maxchans="100">
	<performance softlimit="$(( $(ulimit -n) - 500 ))" somaxconn="4096" clonesonconnect="no" quietbursts="yes">
	<channels users="100" opers="100">
	<limits maxnick="30">
	<log method="file" type="* -USERINPUT -USEROUTPUT" level="default" target="$1/inspircd.log">
	<files motd="$1/motd.txt">
	<path configdir="$1" datadir="$1" logdir="$1">
	EOF
}

generate() { # name protocol port inflight [options and scenarios...]
	local name=$1 protocol=$2 port=$3 inflight=$4
	shift 4
	local extra=()
	if [ "$name" = ours ]; then
		extra=(--http-port "$OURS_HTTP_PORT" --jcmd "$JAVA_HOME/bin/jcmd")
	fi
	"$JAVA" -Xms256m -Xmx2g -jar "$BENCH_JAR" run --server "$name" --protocol "$protocol" --port "$port" \
		--pid "$SERVER_PID" --inflight "$inflight" --threads "$GENERATOR_THREADS" --max-seconds "$MAX_SECONDS" \
		--results "$RESULTS" "${extra[@]}" "$@"
}

summarize_log() { # our server's log: count warnings and errors, keep the distinct ones
	local warn error
	warn=$(grep -c ' WARN ' "$SERVER_LOG" || true)
	error=$(grep -c ' ERROR ' "$SERVER_LOG" || true)
	OURS_WARN=$((OURS_WARN + warn))
	OURS_ERROR=$((OURS_ERROR + error))
	# the same message once, with its count: times, ids and numbers blanked out
	grep -E ' (WARN|ERROR) ' "$SERVER_LOG" \
		| sed -E 's/^[^ ]+ +//; s/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/ID/g; s/[0-9]+/N/g; s/ +/ /g' \
		>>"$WORK/ours-log-problems.txt" || true
}
OURS_WARN=0
OURS_ERROR=0

idle=()
busy=()
for scenario in "${SCENARIOS[@]}"; do
	if [[ $scenario == idle* ]]; then idle+=("$scenario"); else busy+=("$scenario"); fi
done

for name in ${SERVERS//,/ }; do
	case "$name" in
		ours) protocol=chat; port=$OURS_LINE_PORT; inflight=$INFLIGHT_OURS ;;
		ngircd) protocol=irc; port=$NGIRCD_PORT; inflight=$INFLIGHT_NGIRCD ;;
		inspircd) protocol=irc; port=$INSPIRCD_PORT; inflight=$INFLIGHT_INSPIRCD ;;
		*) echo "bench: unknown server $name" >&2; exit 2 ;;
	esac
	if [ ${#busy[@]} -gt 0 ]; then
		start_server "$name"
		generate "$name" "$protocol" "$port" "$inflight" --runs "$RUNS" --warmup "$WARMUP" "${busy[@]}" || log "generator failed on $name"
		[ "$name" != ours ] || summarize_log
		stop_server
	fi
	# Memory is read from a fresh process each time: memory that an allocator or a heap kept
	# from an earlier run would otherwise hide what the connections take.
	for scenario in "${idle[@]}"; do
		for run in $(seq 1 "$RUNS"); do
			start_server "$name"
			generate "$name" "$protocol" "$port" "$inflight" --runs 1 "$scenario" || log "generator failed on $name"
			[ "$name" != ours ] || summarize_log
			stop_server
		done
	done
done

# --- report ----------------------------------------------------------------------------------
DURATION=$(( $(date +%s) - STARTED_AT ))
{
	echo "status=$STATUS"
	echo "command=\`$COMMAND\`"
	echo "date=$(date -u +%Y-%m-%dT%H:%MZ)"
	echo "machine=$(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), Linux $(uname -r), open files limit $(ulimit -n)"
	echo "load=$LOAD_AT_START at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end (1, 5 and 15 min)"
	echo "jdk=$("$JAVA" -version 2>&1 | head -1) ($JAVA_HOME), for our server and the generator"
	echo "ours=$(basename "$SERVER_JAR") (commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)), JVM flags \`$OURS_JAVA_OPTS\`, BCrypt cost $BCRYPT_COST, H2 \`WRITE_DELAY=0\` (every OK is on disk); log: $OURS_WARN WARN and $OURS_ERROR ERROR lines"
	echo "inspircd=$(package_version inspircd) (Debian package), $INFLIGHT_INSPIRCD logins in flight"
	echo "ngircd=$(package_version ngircd) (Debian package), $INFLIGHT_NGIRCD logins in flight"
	echo "generator=$GENERATOR_THREADS NIO threads, TCP_NODELAY, TCP_QUICKACK re-armed after every read; $INFLIGHT_OURS set-ups in flight for ours; $RUNS runs per scenario, medians of the runs without problems"
	echo "duration=$((DURATION / 60)) min $((DURATION % 60)) s"
} >"$WORK/machine.properties"
doc_args=()
[ "$WRITE_DOC" = no ] || doc_args=(--doc docs/performance.md)
"$JAVA" -jar "$BENCH_JAR" report --results "$RESULTS" --machine "$WORK/machine.properties" "${doc_args[@]}"
if [ -s "$WORK/ours-log-problems.txt" ]; then
	log "our server logged $OURS_WARN WARN and $OURS_ERROR ERROR lines; the most frequent:"
	sort "$WORK/ours-log-problems.txt" | uniq -c | sort -rn | cut -c1-240 | head -20 || true
fi
log "done in $((DURATION / 60)) min $((DURATION % 60)) s; results and logs in $WORK"
