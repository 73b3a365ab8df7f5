#!/usr/bin/env bash
# Run by `npm test` before Jest: the browser specs drive Debian's Chromium through playwright-core.
# If the browser is missing and we are root on a machine with apt-get, install Debian's package;
# otherwise print one line saying exactly how to install it, and fail.
# CHROMIUM_PATH (default /usr/bin/chromium) is the binary the browser specs launch.
set -euo pipefail

chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
install_hint="Chromium is missing at ${chromium_path}: run 'sudo apt-get update && sudo apt-get install -y chromium' (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium binary, then run npm test again."

if [ -x "$chromium_path" ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Chromium is missing at ${chromium_path}: installing Debian's chromium package (apt-get update && apt-get install -y chromium)..."
  if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }; then
    echo "apt-get could not install chromium. ${install_hint}" >&2
    exit 1
  fi
  if [ -x "$chromium_path" ]; then
    echo "Chromium installed: ${chromium_path}"
    exit 0
  fi
  echo "apt-get installed chromium but ${chromium_path} is still missing. ${install_hint}" >&2
  exit 1
fi

echo "$install_hint" >&2
exit 1
