#!/bin/sh
# Install what annotate needs on Debian, or say exactly what to install.
#   deps.sh build   compiler, pkg-config, libxml2, PCRE2, cJSON
#   deps.sh test    the above plus valgrind, python3 and xmllint (used by the tests)
set -u
want=${1:-build}
pkgs=""
need() { dpkg -s "$1" >/dev/null 2>&1 || pkgs="$pkgs $1"; }
command -v cc >/dev/null 2>&1 || pkgs="$pkgs gcc"
command -v make >/dev/null 2>&1 || pkgs="$pkgs make"
need pkg-config
need libxml2-dev
need libpcre2-dev
need libcjson-dev
if [ "$want" = test ]; then
    command -v valgrind >/dev/null 2>&1 || pkgs="$pkgs valgrind"
    command -v python3 >/dev/null 2>&1 || pkgs="$pkgs python3"
    command -v xmllint >/dev/null 2>&1 || pkgs="$pkgs libxml2-utils"
fi
[ -z "$pkgs" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "deps: installing$pkgs" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq $pkgs >/dev/null || {
        echo "deps: apt-get install$pkgs failed" >&2; exit 1; }
else
    echo "deps: missing$pkgs; install them with:" >&2
    echo "    sudo apt-get install$pkgs" >&2
    exit 1
fi
