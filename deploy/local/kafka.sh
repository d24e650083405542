#!/usr/bin/env bash
# Local Apache Kafka broker for development and tests: one KRaft node that is both broker and controller,
# listening on 127.0.0.1:$KAFKA_PORT (clients) and 127.0.0.1:$KAFKA_CONTROLLER_PORT (controller only).
# There is no Docker on these machines, so the broker is Apache Kafka's own jars, resolved from Maven
# Central with mvn (deploy/local/kafka/pom.xml) and run on the local JDK 17.
#
# Usage: deploy/local/kafka.sh fetch|start|stop|restart|status|reset|topics [TopicCommand args]
#   e.g. deploy/local/kafka.sh topics --create --topic demo --partitions 3
# Env:   KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093), KAFKA_CACHE_DIR (<repo>/.local/kafka, git-ignored),
#        KAFKA_DATA_DIR (<repo>/.local/kafka/instance-$KAFKA_PORT), KAFKA_READY_TIMEOUT (90 s),
#        KAFKA_LOG_LEVEL (WARN; INFO makes <data dir>/logs/server.log verbose), KAFKA_HEAP_OPTS (-Xms256m -Xmx1g)
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
POM="$SCRIPT_DIR/kafka/pom.xml"
LOG4J="$SCRIPT_DIR/kafka/log4j.properties"
KAFKA_VERSION=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$POM")

KAFKA_PORT=${KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-9093}
KAFKA_CACHE_DIR=${KAFKA_CACHE_DIR:-$REPO_ROOT/.local/kafka}
KAFKA_DATA_DIR=${KAFKA_DATA_DIR:-$REPO_ROOT/.local/kafka/instance-$KAFKA_PORT}
KAFKA_READY_TIMEOUT=${KAFKA_READY_TIMEOUT:-90}
KAFKA_LOG_LEVEL=${KAFKA_LOG_LEVEL:-WARN}

LIB="$KAFKA_CACHE_DIR/lib"
PID_FILE="$KAFKA_DATA_DIR/kafka.pid"
LOG_DIR="$KAFKA_DATA_DIR/logs"
BOOTSTRAP="127.0.0.1:$KAFKA_PORT"

log() { echo "kafka.sh [$KAFKA_PORT]: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# A Kafka CLI main class from the cached jars (short-lived JVM); its logging goes to <data dir>/logs/tools.log.
TOOL_JAVA=(java -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dlog4j.configuration="file:$LOG4J"
  -Dkafka.logs.dir="$LOG_DIR" -Dkafka.log.file=tools.log -Dkafka.root.loglevel=WARN -cp "$LIB/*")

fetch() {
  local marker="$LIB/.kafka-version" want tmp out
  want="$KAFKA_VERSION $(sha256sum "$POM" | cut -c1-16)"
  [[ -f "$marker" && "$(<"$marker")" == "$want" ]] && return 0
  command -v mvn >/dev/null || die "mvn not found (Maven 3.8+ is needed to fetch Kafka's jars)"
  mkdir -p "$KAFKA_CACHE_DIR"
  exec 9>"$KAFKA_CACHE_DIR/.fetch.lock"; flock 9     # concurrent starts fetch only once
  if [[ ! -f "$marker" || "$(<"$marker")" != "$want" ]]; then
    log "fetching Apache Kafka $KAFKA_VERSION jars from Maven Central (via ~/.m2) into $LIB"
    tmp=$(mktemp -d "$KAFKA_CACHE_DIR/lib.tmp.XXXXXX")
    # Output only on failure (Debian's Maven 3.8 prints stray colour codes even with -q).
    out=$(mvn -q -B -f "$POM" dependency:copy-dependencies -DincludeScope=runtime \
      -DoutputDirectory="$tmp" 2>&1) || { echo "$out" >&2; rm -rf "$tmp"; die "mvn failed"; }
    echo "$want" >"$tmp/.kafka-version"
    chmod 755 "$tmp" && rm -rf "$LIB" && mv "$tmp" "$LIB"
  fi
  exec 9>&-
}

# Our broker is running: the pid file names a live kafka.Kafka process using this instance's config.
running_pid() {
  local pid
  [[ -f "$PID_FILE" ]] && pid=$(<"$PID_FILE") && [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null &&
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "kafka.Kafka $KAFKA_DATA_DIR/server.properties" &&
    echo "$pid"
}

alive() { kill -0 "$1" 2>/dev/null && ! grep -qs '^State:[[:space:]]*Z' "/proc/$1/status"; }   # zombies are dead
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Ready = an admin client can list topics (in 3.9 TopicCommand lives in kafka-tools, not kafka_2.13).
ready() {
  port_open "$KAFKA_PORT" && [[ -f "$LIB/.kafka-version" ]] &&
    timeout 20 "${TOOL_JAVA[@]}" org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" \
      --command-config "$KAFKA_DATA_DIR/client.properties" --list >/dev/null 2>&1
}

write_config() {
  mkdir -p "$KAFKA_DATA_DIR/data" "$LOG_DIR"
  cat >"$KAFKA_DATA_DIR/server.properties" <<PROPS
# Written by deploy/local/kafka.sh on every start; edit the script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$KAFKA_DATA_DIR/data
num.partitions=3
auto.create.topics.enable=false
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
group.initial.rebalance.delay.ms=0
message.max.bytes=1100000
PROPS
  # Short timeouts for the readiness probe's admin client.
  printf '%s\n' request.timeout.ms=5000 default.api.timeout.ms=8000 reconnect.backoff.max.ms=500 \
    >"$KAFKA_DATA_DIR/client.properties"
}

tail_logs() {
  local f
  for f in "$LOG_DIR/server.log" "$LOG_DIR/stdout.log"; do
    [[ -s "$f" ]] && { echo "----- tail $f" >&2; tail -n 40 "$f" >&2; }
  done
  return 0
}

start() {
  local pid deadline i p
  if pid=$(running_pid); then
    ready && { log "already running (pid $pid) and ready on $BOOTSTRAP"; return 0; }
    log "already running (pid $pid), waiting until ready"
  else
    rm -f "$PID_FILE"
    for p in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
      port_open "$p" && die "127.0.0.1:$p is in use by another process (not this instance's broker)"
    done
    command -v java >/dev/null || die "java not found (JDK 17 is needed)"
    fetch
    write_config
    # Storage formatted earlier names its own cluster id: keep it. Otherwise make one, without
    # overwriting a file a concurrent start wrote first (two starts racing once left the id file
    # and the formatted storage disagreeing, and the broker could not start again).
    local meta="$KAFKA_DATA_DIR/data/meta.properties"
    if [[ -s "$meta" ]] && grep -q '^cluster.id=' "$meta"; then
      sed -n 's/^cluster.id=//p' "$meta" >"$KAFKA_DATA_DIR/cluster.id"
    elif [[ ! -s "$KAFKA_DATA_DIR/cluster.id" ]]; then
      "${TOOL_JAVA[@]}" kafka.tools.StorageTool random-uuid >"$KAFKA_DATA_DIR/cluster.id.$$"
      mv -n "$KAFKA_DATA_DIR/cluster.id.$$" "$KAFKA_DATA_DIR/cluster.id"
      rm -f "$KAFKA_DATA_DIR/cluster.id.$$"
    fi
    "${TOOL_JAVA[@]}" kafka.tools.StorageTool format -t "$(<"$KAFKA_DATA_DIR/cluster.id")" \
      -c "$KAFKA_DATA_DIR/server.properties" --ignore-formatted >/dev/null
    log "starting Apache Kafka $KAFKA_VERSION (data: $KAFKA_DATA_DIR)"
    # Detached: own session (setsid), immune to SIGHUP (nohup), each step exec'd so no shell lingers;
    # the inner shell writes its own pid, which becomes the java pid.
    (cd "$KAFKA_DATA_DIR" && exec nohup setsid bash -c 'echo $$ >"$0"; exec "$@"' "$PID_FILE" \
      java ${KAFKA_HEAP_OPTS:--Xms256m -Xmx1g} -Djava.awt.headless=true -XX:+ExitOnOutOfMemoryError \
      -Dlog4j.configuration="file:$LOG4J" -Dkafka.logs.dir="$LOG_DIR" -Dkafka.log.file=server.log \
      -Dkafka.root.loglevel="$KAFKA_LOG_LEVEL" -cp "$LIB/*" kafka.Kafka "$KAFKA_DATA_DIR/server.properties" \
      </dev/null >>"$LOG_DIR/stdout.log" 2>&1) &
    for ((i = 0; i < 50; i++)); do running_pid >/dev/null && break; sleep 0.1; done
  fi
  deadline=$((SECONDS + KAFKA_READY_TIMEOUT))
  until ready; do
    if ((SECONDS >= deadline)); then
      tail_logs; die "not ready after ${KAFKA_READY_TIMEOUT}s (still running? see: $0 status / stop)"
    fi
    running_pid >/dev/null || { tail_logs; die "broker process is not running (exited during start-up?)"; }
    sleep 0.5
  done
  echo "Kafka ready on $BOOTSTRAP"
}

stop() {
  local pid i
  if ! pid=$(running_pid); then rm -f "$PID_FILE"; log "not running"; return 0; fi
  log "stopping pid $pid"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 60; i++)); do alive "$pid" || break; sleep 0.5; done
  if alive "$pid"; then
    log "still alive after 30s, sending SIGKILL"; kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 20; i++)); do alive "$pid" || break; sleep 0.25; done
  fi
  rm -f "$PID_FILE"
  log "stopped"
}

status() {
  if running_pid >/dev/null; then
    if ready; then echo "running+ready"; return 0; fi
    echo "running (not ready)"; return 1
  fi
  echo "stopped"; return 3
}

cmd=${1:-}; shift || true
case "$cmd" in
  fetch) fetch; log "jars for Apache Kafka $KAFKA_VERSION in $LIB" ;;
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  status) status ;;
  reset) stop; rm -rf "${KAFKA_DATA_DIR:?}"; log "deleted $KAFKA_DATA_DIR" ;;
  topics) fetch; "${TOOL_JAVA[@]}" org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" "$@" ;;
  *) sed -n '2,11p' "$0" >&2; exit 2 ;;
esac
