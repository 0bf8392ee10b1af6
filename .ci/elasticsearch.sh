#!/bin/sh
# Start a real single-node Elasticsearch 8 for the search tests and benchmarks, and wait until
# it answers. Idempotent: exits 0 at once if a node is already healthy on the port.
#
# The node is the integ-test-zip distribution fetched through Maven (it is in ~/.m2 on the build
# machines). That build ships only the core modules: no analysis-common (no cjk, ngram,
# asciifolding, whitespace tokenizer...), which is why the search app builds its tokens in Python.
#
# Environment (all optional):
#   ES_VERSIONS   versions to try in order, newest first   (default "8.19.21 8.19.3")
#   ES_DIR        where the node is unpacked and keeps data (default /tmp/bulletin-elasticsearch)
#   ES_PORT       HTTP port on 127.0.0.1                    (default 9200)
#   ES_HEAP       JVM heap                                  (default 1g; -Xms is 512m)
#   ES_USER       unprivileged user to run as under root    (default esrunner)
#   ES_JAVA_HOME  JDK 17+                                   (default: first JDK 21/17 found)
set -eu

ES_VERSIONS=${ES_VERSIONS:-"8.19.21 8.19.3"}
ES_DIR=${ES_DIR:-/tmp/bulletin-elasticsearch}
ES_PORT=${ES_PORT:-9200}
ES_HEAP=${ES_HEAP:-1g}
ES_USER=${ES_USER:-esrunner}
HEALTH_URL="http://127.0.0.1:${ES_PORT}/_cluster/health"

healthy() {
    # GET / has no handler on this build; cluster health is what tells us the node serves.
    curl -fsS --max-time 2 "${HEALTH_URL}?wait_for_status=yellow&timeout=1s" >/dev/null 2>&1
}

if healthy; then
    echo "elasticsearch: already healthy on port ${ES_PORT}"
    exit 0
fi

find_java() {
    if [ -n "${ES_JAVA_HOME:-}" ]; then
        echo "$ES_JAVA_HOME"
        return
    fi
    for candidate in /usr/lib/jvm/*-21-* /usr/lib/jvm/*21* /usr/lib/jvm/*-17-* /usr/lib/jvm/*17*; do
        if [ -x "$candidate/bin/java" ]; then
            echo "$candidate"
            return
        fi
    done
    echo "elasticsearch: no JDK 17+ under /usr/lib/jvm; set ES_JAVA_HOME" >&2
    exit 1
}

fetch_zip() {
    for version in $ES_VERSIONS; do
        zip="$HOME/.m2/repository/org/elasticsearch/distribution/integ-test-zip/elasticsearch/$version/elasticsearch-$version.zip"
        if [ -f "$zip" ] || mvn -q dependency:get \
            -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$version:zip" >/dev/null 2>&1; then
            if [ -f "$zip" ]; then
                echo "$version $zip"
                return
            fi
        fi
    done
    echo "elasticsearch: none of [$ES_VERSIONS] could be resolved through Maven" >&2
    exit 1
}

set -- $(fetch_zip)
VERSION=$1
ZIP=$2
HOME_DIR="$ES_DIR/elasticsearch-$VERSION"
JAVA_DIR=$(find_java)

if [ ! -x "$HOME_DIR/bin/elasticsearch" ]; then
    echo "elasticsearch: unpacking $VERSION into $ES_DIR"
    mkdir -p "$ES_DIR"
    unzip -q -o "$ZIP" -d "$ES_DIR"
fi

cat >"$HOME_DIR/config/elasticsearch.yml" <<EOF
cluster.name: bulletin-search
node.name: bulletin-search-1
discovery.type: single-node
http.host: 127.0.0.1
http.port: ${ES_PORT}
transport.host: 127.0.0.1
path.data: ${HOME_DIR}/data
path.logs: ${HOME_DIR}/logs
xpack.security.enabled: false
# The test machines have little disk headroom; never let a watermark block writes.
cluster.routing.allocation.disk.threshold_enabled: false
action.destructive_requires_name: false
EOF
mkdir -p "$HOME_DIR/config/jvm.options.d"
printf -- '-Xms512m\n-Xmx%s\n' "$ES_HEAP" >"$HOME_DIR/config/jvm.options.d/heap.options"

# Elasticsearch refuses to run as root: run it as an unprivileged user that owns its directory.
if [ "$(id -u)" = 0 ]; then
    if ! id "$ES_USER" >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin "$ES_USER"
    fi
    chown -R "$ES_USER" "$ES_DIR"
    run() { su "$ES_USER" -s /bin/sh -c "$1"; }
else
    run() { sh -c "$1"; }
fi

echo "elasticsearch: starting $VERSION on 127.0.0.1:${ES_PORT} (JDK $JAVA_DIR)"
run "ES_JAVA_HOME='$JAVA_DIR' '$HOME_DIR/bin/elasticsearch' -d -p '$HOME_DIR/elasticsearch.pid' >'$HOME_DIR/startup.log' 2>&1"

waited=0
until healthy; do
    if [ "$waited" -ge 180 ]; then
        echo "elasticsearch: not healthy after ${waited}s; last log lines:" >&2
        tail -n 40 "$HOME_DIR/logs/bulletin-search.log" >&2 || true
        exit 1
    fi
    sleep 2
    waited=$((waited + 2))
done
echo "elasticsearch: healthy after ${waited}s ($HEALTH_URL)"
