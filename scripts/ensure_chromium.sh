#!/usr/bin/env bash
# Make sure Debian's Chromium is at /usr/bin/chromium for the browser tests.
#
# The browser tests drive this system Chromium through Playwright for Python;
# nothing may download a browser of its own (no `playwright install`), so the
# only source is Debian's package. CI runs as root with access to Debian's
# mirror. When Chromium cannot be installed this script says why and exits
# non-zero; the browser tests then fail with the same reason (never skip).
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ] && "$CHROMIUM" --headless --no-sandbox --version >/dev/null 2>&1; then
    echo "ensure_chromium: $("$CHROMIUM" --version 2>/dev/null) already installed"
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        echo "ensure_chromium: $CHROMIUM is missing and this user cannot run apt-get" \
            "(not root, no passwordless sudo). Install Debian's 'chromium' package." >&2
        exit 1
    fi
else
    SUDO=""
fi

export DEBIAN_FRONTEND=noninteractive
echo "ensure_chromium: installing Debian chromium with apt-get"
# The package lists may be stale or absent on a fresh machine: update first.
if ! $SUDO apt-get update -qq; then
    echo "ensure_chromium: 'apt-get update' failed (is Debian's mirror reachable?)" >&2
    exit 1
fi
if ! $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
then
    echo "ensure_chromium: 'apt-get install chromium' failed; see apt's message above" >&2
    exit 1
fi

if ! "$CHROMIUM" --headless --no-sandbox --version >/dev/null 2>&1; then
    echo "ensure_chromium: apt-get finished but $CHROMIUM does not run" >&2
    exit 1
fi
echo "ensure_chromium: $("$CHROMIUM" --version 2>/dev/null) installed"
