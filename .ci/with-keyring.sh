#!/usr/bin/env bash
# Inside dbus-run-session: start gnome-keyring's Secret Service with an empty,
# unlocked login keyring, then run the command with the keychain tests required.
set -euo pipefail
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
keyring_home="$(mktemp -d)"
export XDG_DATA_HOME="$keyring_home"
eval "$(printf '' | gnome-keyring-daemon --unlock --components=secrets)"
export BACKPACK_TEST_KEYCHAIN=1 BACKPACK_REQUIRE_KEYCHAIN=1
exec "$@"
