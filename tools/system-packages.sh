#!/usr/bin/env bash
# Install Debian packages that are missing: the ones named as arguments, or by default all that
# the tests and benchmarks use. Runs `apt-get update` once, and only when something is missing.
set -euo pipefail

DEFAULT_PACKAGES=(
    postgresql           # the second database the suite runs on
    chromium             # browser tests (Playwright drives Debian's build; never its own)
    fonts-noto-cjk       # Chinese in screenshots, and in the 数字报 page images pdfium renders
    maven unzip curl     # .ci/elasticsearch.sh fetches and unpacks the Elasticsearch node
    wrk nginx-light      # bench/load.py: load generator and the static-file ceiling
    redis-server         # tools/redis.sh: the page cache several app servers share
)

packages=("$@")
if [ ${#packages[@]} -eq 0 ]; then
    packages=("${DEFAULT_PACKAGES[@]}")
    # Elasticsearch needs a JDK 17 or 21 (what .ci/elasticsearch.sh looks for in /usr/lib/jvm).
    jdk=""
    for java in /usr/lib/jvm/*17*/bin/java /usr/lib/jvm/*21*/bin/java; do
        [ -x "$java" ] && jdk=$java
    done
    [ -n "$jdk" ] || packages+=(openjdk-17-jdk-headless)
fi

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ]; then
    echo "system-packages: missing ${missing[*]}; install them with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
fi
echo "system-packages: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
