#!/usr/bin/env bash
# Proves the Dockerfile on a machine that has no Docker engine and reaches no container
# registry: builds the real Dockerfile with buildah, runs the image with podman and checks
# what a user relies on (health, the TCP protocol, data kept on the volume across a new
# container, a clean stop on SIGTERM). Prints PASS/FAIL per step, exits non-zero on a failure.
#
# The Dockerfile's base images (eclipse-temurin:25-jdk / :25-jre) cannot be pulled here, so
# stand-ins with those names are made once from Debian (debootstrap) and a local JDK, and
# kept in the container storage for the next run. A real image of that name, if present,
# is used as it is.
#
# Needs root (apt-get, buildah, podman), Debian's package mirror once, and Maven Central
# for the build stage. Settings (environment):
#   PROOF_HTTP_PORT, PROOF_LINE_PORT, PROOF_LEGACY_PORT   host ports (28080, 28889, 28890)
#   PROOF_JDK                    JDK (25+) copied into the stand-ins (newest under /usr/lib/jvm)
#   PROOF_DEBIAN_MIRROR          debootstrap mirror (http://deb.debian.org/debian)
set -euo pipefail
cd "$(dirname "$0")/.."

HTTP_PORT=${PROOF_HTTP_PORT:-28080}
LINE_PORT=${PROOF_LINE_PORT:-28889}
LEGACY_PORT=${PROOF_LEGACY_PORT:-28890}
MIRROR=${PROOF_DEBIAN_MIRROR:-http://deb.debian.org/debian}
IMAGE=localhost/progjar/chat-server:proof
JDK_IMAGE=docker.io/library/eclipse-temurin:25-jdk
JRE_IMAGE=docker.io/library/eclipse-temurin:25-jre
# Bump when the stand-in recipe below changes, so cached stand-ins are made again.
STANDIN_RECIPE=3
STANDIN_LABEL=org.progjar.chat.proof-standin
CONTAINER=chat-proof-$$
VOLUME=chat-proof-data-$$
MEMORY=1g
# Every wait is bounded. A 2-core machine that runs 8 other builds starts the server in
# about 150 s.
START_TIMEOUT=300
STOP_TIMEOUT=40

passed=0
failed=0
early_health=unknown
t0=$SECONDS

pass() {
	passed=$((passed + 1))
	echo "PASS: $*"
}

fail() {
	failed=$((failed + 1))
	echo "FAIL: $*"
}

# A failure that leaves nothing sensible to check afterwards.
fatal() {
	fail "$@"
	finish
}

finish() {
	echo "Container proof: $passed steps passed, $failed failed, $((SECONDS - t0)) s"
	[ "$failed" -eq 0 ] && exit 0
	exit 1
}

# shellcheck disable=SC2317 # called by the trap
cleanup() {
	podman rm --force --ignore --time 5 "$CONTAINER" >/dev/null 2>&1 || true
	podman volume rm --force "$VOLUME" >/dev/null 2>&1 || true
	rm -rf "${work:-}"
}
trap cleanup EXIT
trap 'exit 143' TERM INT
work=$(mktemp -d)

log() {
	echo "---- $*"
}

# --- tools -------------------------------------------------------------------------------

install_tools() {
	local missing=() tool
	for tool in buildah podman runc debootstrap; do
		command -v "$tool" >/dev/null || missing+=("$tool")
	done
	if [ ${#missing[@]} -gt 0 ]; then
		log "installing ${missing[*]} with apt-get"
		# A machine without its package mirror fails here, loudly.
		if ! timeout 600 apt-get update -q >"$work/apt.log" 2>&1 \
			|| ! DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -q \
				buildah podman runc debootstrap >>"$work/apt.log" 2>&1; then
			tail -20 "$work/apt.log"
			fatal "tools: apt-get install buildah podman runc debootstrap"
		fi
	fi
	pass "tools: $(buildah --version | cut -d' ' -f1-3), $(podman --version), $(runc --version | head -1)"
}

# --- stand-in base images ----------------------------------------------------------------

pick_jdk() {
	local best="" best_version=0 dir version
	for dir in ${PROOF_JDK:-/usr/lib/jvm/*/}; do
		dir=${dir%/}
		[ -x "$dir/bin/jlink" ] || continue
		version=$("$dir/bin/java" -XshowSettings:properties -version 2>&1 \
			| sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
		if [ -n "$version" ] && [ "$version" -ge 25 ] && [ "$version" -gt "$best_version" ]; then
			best=$dir
			best_version=$version
		fi
	done
	[ -n "$best" ] || return 1
	echo "$best"
}

# "ok" (our current stand-in, or a real image), "stale" (an older stand-in) or "missing".
image_state() {
	local recipe
	podman image exists "$1" || { echo missing; return; }
	recipe=$(podman image inspect --format "{{ index .Labels \"$STANDIN_LABEL\" }}" "$1")
	if [ -z "$recipe" ] || [ "$recipe" = "<no value>" ] || [ "$recipe" = "$STANDIN_RECIPE" ]; then
		echo ok
	else
		echo stale
	fi
}

# Debian minbase plus a Java runtime under /opt/java/openjdk, laid out like the Temurin
# images (JAVA_HOME, PATH, a UTF-8 locale). No curl or wget: the Dockerfile must not need them.
make_standin() {
	local name=$1 java_dir=$2 description=$3 ctr
	ctr=$(buildah from --pull=never localhost/chat-proof/debian:bookworm) || return 1
	buildah copy --quiet "$ctr" "$java_dir" /opt/java/openjdk >/dev/null || return 1
	# Debian's Temurin package links cacerts to /etc/ssl/certs/java; the image gets the file.
	if [ -L "$java_dir/lib/security/cacerts" ]; then
		buildah run --isolation chroot "$ctr" -- rm /opt/java/openjdk/lib/security/cacerts || return 1
		buildah copy --quiet "$ctr" "$(readlink -f "$java_dir/lib/security/cacerts")" \
			/opt/java/openjdk/lib/security/cacerts >/dev/null || return 1
	fi
	buildah config \
		--env JAVA_HOME=/opt/java/openjdk \
		--env PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		--env LANG=C.UTF-8 \
		--label "$STANDIN_LABEL=$STANDIN_RECIPE" \
		--label "org.opencontainers.image.description=$description" "$ctr" || return 1
	buildah run --isolation chroot "$ctr" -- java -version >/dev/null 2>&1 || return 1
	buildah commit --quiet --format docker --rm "$ctr" "$name" >/dev/null
}

standin_images() {
	local jdk_state jre_state jdk started=$SECONDS
	jdk_state=$(image_state "$JDK_IMAGE")
	jre_state=$(image_state "$JRE_IMAGE")
	if [ "$jdk_state" = ok ] && [ "$jre_state" = ok ]; then
		pass "base images: $JDK_IMAGE and $JRE_IMAGE present (cached)"
		return
	fi
	jdk=$(pick_jdk) || fatal "base images: no JDK 25+ with jlink (set PROOF_JDK)"
	log "making stand-in base images from Debian $MIRROR and $jdk"
	if ! podman image exists localhost/chat-proof/debian:bookworm; then
		timeout 1200 debootstrap --variant=minbase bookworm "$work/rootfs" "$MIRROR" >"$work/debootstrap.log" 2>&1 \
			|| { tail -20 "$work/debootstrap.log"; fatal "base images: debootstrap from $MIRROR"; }
		rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb "$work/rootfs/var/lib/apt/lists/"*
		tar -C "$work/rootfs" -c . | podman import --quiet - localhost/chat-proof/debian:bookworm >/dev/null \
			|| fatal "base images: podman import of the Debian tree"
		rm -rf "$work/rootfs"
	fi
	# The JRE is what a Temurin JRE holds: the JDK's runtime modules, no compiler or tools.
	"$jdk/bin/jlink" --output "$work/jre" --strip-debug --no-man-pages --no-header-files \
		--generate-cds-archive \
		--add-modules "$("$jdk/bin/java" --list-modules | sed 's/@.*//' \
			| grep -v -E '^jdk\.(compiler|javadoc|jdeps|jlink|jshell|jpackage|jartool|jconsole|jcmd|jstatd|jdi|editpad|hotspot\.agent|graal\..*|incubator\..*|internal\.(ed|le|opt|md))$' \
			| paste -sd, -)" >"$work/jlink.log" 2>&1 \
		|| { cat "$work/jlink.log"; fatal "base images: jlink of a JRE from $jdk"; }
	make_standin "$JDK_IMAGE" "$jdk" "Stand-in for eclipse-temurin:25-jdk: Debian bookworm + $(basename "$jdk")" \
		|| fatal "base images: stand-in JDK image"
	make_standin "$JRE_IMAGE" "$work/jre" "Stand-in for eclipse-temurin:25-jre: Debian bookworm + jlink of $(basename "$jdk")" \
		|| fatal "base images: stand-in JRE image"
	rm -rf "$work/jre"
	pass "base images: stand-ins made in $((SECONDS - started)) s ($(basename "$jdk") on Debian bookworm)"
}

# --- build -------------------------------------------------------------------------------

# Removes an untagged image and then each parent that nothing else builds on, so the
# images of a previous run do not pile up while the steps still in use (the downloaded
# dependencies among them) stay cached.
remove_chain() {
	local id=$1 parent
	while [ -n "$id" ] && [ "$(podman image inspect --format '{{len .RepoTags}}' "$id" 2>/dev/null)" = 0 ]; do
		parent=$(podman image inspect --format '{{.Parent}}' "$id")
		podman rmi "$id" >/dev/null 2>&1 || return 0
		id=$parent
	done
}

build_image() {
	local started=$SECONDS old old_build size
	old=$(podman image inspect --format '{{.Id}}' "$IMAGE" 2>/dev/null || true)
	old_build=$(podman image inspect --format '{{.Id}}' "$IMAGE-build" 2>/dev/null || true)
	log "building $IMAGE from Dockerfile"
	# --format docker keeps HEALTHCHECK (the OCI format has no such field); --layers caches
	# each step, so an unchanged pom.xml reuses the downloaded dependencies. The build stage
	# gets a tag of its own, which keeps its steps from looking unused.
	if ! timeout 2400 buildah bud --isolation chroot --layers --format docker --pull=never \
		--target build --tag "$IMAGE-build" . >"$work/build.log" 2>&1 \
		|| ! timeout 600 buildah bud --isolation chroot --layers --format docker --pull=never \
			--tag "$IMAGE" . >>"$work/build.log" 2>&1; then
		tail -40 "$work/build.log"
		fatal "build: buildah bud Dockerfile"
	fi
	remove_chain "$old"
	remove_chain "$old_build"
	size=$(podman image inspect --format '{{.Size}}' "$IMAGE")
	pass "build: $IMAGE in $((SECONDS - started)) s, $((size / 1000000)) MB"
}

inspect_image() {
	local user volumes ports health
	user=$(podman image inspect --format '{{.Config.User}}' "$IMAGE")
	volumes=$(podman image inspect --format '{{range $k, $v := .Config.Volumes}}{{$k}} {{end}}' "$IMAGE")
	ports=$(podman image inspect --format '{{range $k, $v := .Config.ExposedPorts}}{{$k}} {{end}}' "$IMAGE")
	health=$(podman image inspect --format '{{if .Config.Healthcheck}}{{.Config.Healthcheck.Test}}{{end}}' "$IMAGE")
	if [ "$user" = 10001:10001 ] && [ "$volumes" = "/data " ] \
		&& [[ $ports == *8080/tcp* && $ports == *8889/tcp* && $ports == *8890/tcp* ]] \
		&& [[ $health == *actuator/health* ]]; then
		pass "image config: user $user, volume $volumes, ports $ports, healthcheck on the actuator"
	else
		fail "image config: user [$user] volumes [$volumes] ports [$ports] healthcheck [$health]"
	fi
}

# --- running -----------------------------------------------------------------------------

# Host network: this machine has no container network to publish ports through, so the
# ports are moved with the same environment variables a user would set.
start_container() {
	# podman's default rlimits (a million open files and processes) are above what a sandbox
	# without CAP_SYS_RESOURCE may set, so the container gets this shell's open-file limit.
	# Podman runs health checks from systemd timers; without systemd it only logs that, and
	# the proof runs the check itself (podman healthcheck run).
	if ! podman run --detach --name "$CONTAINER" --network host --memory "$MEMORY" \
		--ulimit "nofile=$(ulimit -Hn):$(ulimit -Hn)" --ulimit nproc=4096:4096 \
		--health-interval disable \
		--env SERVER_PORT="$HTTP_PORT" --env CHAT_TCP_PORT="$LINE_PORT" \
		--env CHAT_TCP_LEGACYPORT="$LEGACY_PORT" \
		--volume "$VOLUME:/data" "$IMAGE" >"$work/run.log" 2>&1; then
		cat "$work/run.log"
		return 1
	fi
}

# The actuator's health status, asked the way the HEALTHCHECK does, from the host.
health_status() {
	local line body
	{
		exec 3<>"/dev/tcp/127.0.0.1/$HTTP_PORT" \
			&& printf 'GET /actuator/health HTTP/1.0\r\n\r\n' >&3 \
			&& body=$(timeout 5 cat <&3) \
			&& exec 3<&-
	} 2>/dev/null || { echo unreachable; return; }
	line=${body%%$'\r'*}
	if [[ $line == 'HTTP/1.1 200 '* && $body == *'"status":"UP"'* ]]; then
		echo UP
	else
		echo "$line"
	fi
}

# Waits for health UP; prints the seconds it took and the server's own "Started ..." time.
wait_healthy() {
	local started=$1 status running
	while [ $((SECONDS - started)) -lt $START_TIMEOUT ]; do
		running=$(podman inspect --format '{{.State.Running}}' "$CONTAINER")
		[ "$running" = true ] || { echo "container exited"; return 1; }
		status=$(health_status) || true
		if [ "$status" = UP ]; then
			echo "health UP $((SECONDS - started)) s after podman run;" \
				"$(podman logs "$CONTAINER" 2>&1 | grep -o 'Started ChatApplication in [0-9.]* seconds' | tail -1)"
			return 0
		fi
		sleep 1
	done
	echo "no health UP within $START_TIMEOUT s (last: $status)"
	return 1
}

# Something else answering on a port would make every later check pass or fail for it.
ports_free() {
	local port
	for port in "$HTTP_PORT" "$LINE_PORT" "$LEGACY_PORT"; do
		if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			echo "port $port is in use (set PROOF_HTTP_PORT, PROOF_LINE_PORT, PROOF_LEGACY_PORT)"
			return 1
		fi
	done
}

run_and_wait() {
	local what=$1 started=$SECONDS result
	result=$(ports_free) || fatal "$what: $result"
	start_container || fatal "$what: podman run"
	# Right after the start nothing listens yet: the image's check must say so.
	podman healthcheck run "$CONTAINER" >/dev/null 2>&1 && early_health=healthy || early_health=unhealthy
	if result=$(wait_healthy "$started"); then
		pass "$what: $result"
	else
		podman logs --tail 40 "$CONTAINER" 2>&1 || true
		fatal "$what: $result"
	fi
}

container_checks() {
	local uid heap health
	podman healthcheck run "$CONTAINER" >/dev/null 2>&1 && health=healthy || health=unhealthy
	if [ "$early_health" = unhealthy ] && [ "$health" = healthy ]; then
		pass "image HEALTHCHECK: $early_health while starting, $health once the actuator says UP"
	else
		fail "image HEALTHCHECK: $early_health while starting, $health once the actuator says UP"
	fi
	uid=$(podman exec "$CONTAINER" id -u)
	if [ "$uid" = 10001 ] && podman exec "$CONTAINER" test -s /data/chat.mv.db; then
		pass "non-root: runs as uid $uid, database /data/chat.mv.db on the volume"
	else
		fail "non-root: uid [$uid], /data/chat.mv.db missing or empty"
	fi
	# A JVM in the container sizes its heap from the container's limit and the image's flags.
	heap=$(podman exec "$CONTAINER" java -XX:+PrintFlagsFinal -version 2>/dev/null \
		| awk '$2 == "MaxHeapSize" { print $4 }')
	if [ "$heap" = $((768 * 1024 * 1024)) ]; then
		pass "memory: with --memory $MEMORY a JVM in the container gets a max heap of 768 MiB (MaxRAMPercentage=75)"
	else
		fail "memory: with --memory $MEMORY a JVM in the container gets a max heap of [$heap] bytes, expected 768 MiB"
	fi
}

# --- the chat protocol over TCP ----------------------------------------------------------

# Line framing: one request, one JSON line back.
line_request() {
	local reply
	{
		exec 4<>"/dev/tcp/127.0.0.1/$LINE_PORT" \
			&& printf '%s\n' "$1" >&4 \
			&& IFS= read -r -t 10 reply <&4 \
			&& exec 4<&-
	} 2>/dev/null || { echo "no reply"; return; }
	echo "$reply"
}

# Block framing: the request padded to 1024 bytes, the reply read as one 1024-byte block.
block_request() {
	local reply
	{
		exec 5<>"/dev/tcp/127.0.0.1/$LEGACY_PORT" \
			&& printf '%-1024s' "$1" >&5 \
			&& LC_ALL=C IFS= read -r -t 10 -N 1024 reply <&5 \
			&& exec 5<&-
	} 2>/dev/null || { echo "no reply"; return; }
	echo "${reply%"${reply##*[! ]}"}"
}

expect() {
	local what=$1 reply=$2 pattern=$3
	# shellcheck disable=SC2053 # the pattern is a glob on purpose
	if [[ $reply == $pattern ]]; then
		return 0
	fi
	fail "$what: got [$reply]"
	return 1
}

token_of() {
	sed -n 's/.*"tokenid":"\([^"]*\)".*/\1/p' <<<"$1"
}

protocol_round_trip() {
	local reply alam budi
	reply=$(line_request 'register username=alam&password=s3cret-pw&name=Alam+Cahya&nationality=Indonesia')
	expect "protocol: register alam" "$reply" '{"status":"OK","username":"alam"*' || return
	reply=$(line_request 'register username=budi&password=budi-pass&name=Budi+Santoso&nationality=Indonesia')
	expect "protocol: register budi" "$reply" '{"status":"OK","username":"budi"*' || return
	reply=$(line_request 'auth username=alam&password=s3cret-pw')
	alam=$(token_of "$reply")
	[ -n "$alam" ] || { fail "protocol: auth alam: got [$reply]"; return; }
	reply=$(line_request 'auth username=budi&password=budi-pass')
	budi=$(token_of "$reply")
	[ -n "$budi" ] || { fail "protocol: auth budi: got [$reply]"; return; }
	reply=$(line_request "send session=$budi&destination=alam&message=halo+alam%21")
	expect "protocol: send" "$reply" '{"status":"OK","message":"Message Sent"*' || return
	reply=$(line_request "inbox session=$alam")
	expect "protocol: inbox" "$reply" '{"status":"OK","messages":{"budi":[{"msg_from":"Budi Santoso","msg_to":"Alam Cahya","msg":"halo alam!"*' || return
	reply=$(line_request "inbox session=$alam")
	expect "protocol: second inbox" "$reply" '{"status":"OK","messages":{}}' || return
	pass "protocol (line, port $LINE_PORT): register, auth, send, inbox, inbox empty"

	reply=$(block_request "auth username=budi&password=budi-pass")
	[ -n "$(token_of "$reply")" ] || { fail "protocol (block framing): auth budi: got [$reply]"; return; }
	pass "protocol (1024-byte blocks, port $LEGACY_PORT): auth answers a token"

	# Left unread on purpose: the next container must find it on the volume.
	reply=$(line_request "send session=$budi&destination=alam&message=sebelum+restart")
	expect "protocol: send before the restart" "$reply" '{"status":"OK","message":"Message Sent"*' || return
	echo "$alam" >"$work/alam.token"
}

data_kept() {
	local reply alam
	alam=$(cat "$work/alam.token" 2>/dev/null) || { fail "volume: no session from before the restart"; return; }
	reply=$(line_request "inbox session=$alam")
	expect "volume: inbox in the new container" "$reply" '{"status":"OK","messages":{"budi":[{*"msg":"sebelum restart"*' || return
	reply=$(line_request 'auth username=budi&password=budi-pass')
	[ -n "$(token_of "$reply")" ] || { fail "volume: auth budi in the new container: got [$reply]"; return; }
	pass "volume: a new container on the same volume has the users, the session and the unread message"
}

# --- stopping ----------------------------------------------------------------------------

# podman stop sends the image's stop signal (SIGTERM) and waits STOP_TIMEOUT s before SIGKILL.
stop_gracefully() {
	local what=$1 started=$SECONDS code took
	podman stop --time "$STOP_TIMEOUT" "$CONTAINER" >/dev/null 2>&1 || true
	took=$((SECONDS - started))
	code=$(podman inspect --format '{{.State.ExitCode}}' "$CONTAINER")
	podman logs "$CONTAINER" >"$work/server.log" 2>&1 || true
	if [[ $code == 0 || $code == 143 ]] && [ "$took" -lt "$STOP_TIMEOUT" ] \
		&& grep -q 'Graceful shutdown complete' "$work/server.log"; then
		pass "$what: SIGTERM -> exit code $code in $took s, log says 'Graceful shutdown complete'"
	else
		tail -20 "$work/server.log"
		fail "$what: exit code $code after $took s (expected 0 or 143, well before the $STOP_TIMEOUT s kill)"
	fi
	podman rm --force "$CONTAINER" >/dev/null 2>&1
}

# --- the proof ---------------------------------------------------------------------------

[ "$(id -u)" = 0 ] || { echo "Run as root (apt-get, buildah and podman need it)." >&2; exit 2; }
install_tools
standin_images
build_image
inspect_image
podman volume create "$VOLUME" >/dev/null || fatal "volume: podman volume create"
run_and_wait "start"
container_checks
protocol_round_trip
stop_gracefully "stop"
run_and_wait "start again on the same volume"
data_kept
stop_gracefully "stop again"
finish
