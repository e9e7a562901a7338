#!/usr/bin/env bash
# Installs what a fresh Debian machine with Swift lacks to build (and, with "test", to test) PeaceTalks.
# Idempotent: installs nothing when everything is there.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=()
dpkg -s libcurl4-openssl-dev >/dev/null 2>&1 || apt_packages+=(libcurl4-openssl-dev)
command -v pkg-config >/dev/null 2>&1 || apt_packages+=(pkg-config)
if [ "${1:-}" = test ]; then
    command -v curl >/dev/null 2>&1 || apt_packages+=(curl)
    command -v python3 >/dev/null 2>&1 || apt_packages+=(python3 python3-pip)
fi

if [ ${#apt_packages[@]} -gt 0 ]; then
    echo "Installing Debian packages: ${apt_packages[*]}"
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${apt_packages[@]}"
fi

if [ "${1:-}" = test ]; then
    if ! python3 scripts/check-python-deps.py 2>/dev/null; then
        echo "Installing Python test tools from scripts/requirements-test.txt"
        python3 -m pip install --quiet --disable-pip-version-check -r scripts/requirements-test.txt
    fi
fi
