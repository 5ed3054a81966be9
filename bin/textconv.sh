#!/bin/sh
# backpack's textconv driver (diff.backpack.textconv, written by `backpack setup`).
#
#   /bin/sh '<this file>' '<node>' '<bin/backpack.js>' [--show-secrets] FILE
#
# git starts textconv once per file version that `git log -p`, `git diff` or
# `git show` prints, and has no long-running protocol for it: a Node start
# (25-60 ms) per version is what made `git log -p` slow. git smudges a blob
# through backpack's filter process before it runs textconv, and that process
# records, for each working form it hands out for a diff, what it renders as
# (src/git/render-cache.ts), named by the text's git object id, in
# <git-common-dir>/backpack/textconv/:
#
#   <oid>.same   the text renders as itself: nothing in it to redact
#   <oid>.txt    its rendering, credential values redacted
#
# This script hashes FILE (`git hash-object`, no filters), prints what was
# recorded, and starts Node only when nothing was (a working-tree file, a
# locked file, a file the filter did not hand out) or when credential values
# were asked for. Nothing here decides what to redact: Node did, and the
# name of an entry is the hash of the exact text it was decided for.
node=$1
cli=$2
shift 2
# The file is git's last argument; anything before it (--show-secrets) is for Node.
if [ "$#" -eq 1 ] && [ -z "${BACKPACK_SHOW_SECRETS-}" ] && [ -f "$1" ]; then
  oid=$(git hash-object --stdin <"$1" 2>/dev/null) || oid=
  dir=$(git rev-parse --git-common-dir 2>/dev/null) || dir=
  case $oid in
    '' | *[!0-9a-f]*) ;;
    *)
      if [ -n "$dir" ] && [ -f "$dir/backpack/textconv/$oid.same" ]; then
        exec cat -- "$1"
      fi
      if [ -n "$dir" ] && [ -f "$dir/backpack/textconv/$oid.txt" ]; then
        # A config file that mentions show_secrets may ask for the values: Node reads it (as it does, lazily).
        config=${XDG_CONFIG_HOME:-$HOME/.config}/backpack/config.toml
        if { [ ! -f backpack.toml ] && [ ! -f "$config" ]; } || ! grep -qs show_secrets backpack.toml "$config"; then
          exec cat -- "$dir/backpack/textconv/$oid.txt"
        fi
      fi
      ;;
  esac
fi
# Node 20 loads NODE_EXTRA_CA_CERTS at every start; textconv opens no connection.
unset NODE_EXTRA_CA_CERTS
exec "$node" "$cli" git textconv "$@"
