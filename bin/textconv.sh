# backpack's textconv driver (diff.backpack.textconv, written by `backpack setup`),
# read by the shell git starts for the command, not run as a program of its own
# (that would be one more process per file version):
#
#   backpack_node='<node>' backpack_cli='<bin/backpack.js>' . '<this file>'
#
# git runs it as `sh -c '<that> "$@"' _ FILE`, so "$@" is FILE.
#
# git starts textconv once per file version that `git log -p`, `git diff` or
# `git show` prints, and has no long-running protocol for it: a Node start
# (25-60 ms) per version is what made `git log -p` slow. git smudges a blob
# through backpack's filter process before it runs textconv, and that process
# records, for each working form it hands out for a diff, what it renders as
# (src/git/render-cache.ts), named by the digest of the text, in
# <git-common-dir>/backpack/textconv/:
#
#   <digest>.same   the text renders as itself: nothing in it to redact
#   <digest>.txt    its rendering, credential values redacted
#
# This script hashes FILE with the first of `b2sum` (BLAKE2b-512, 128 hex
# digits: on 1 MB half the CPU time of coreutils' sha256sum), `sha256sum`
# or `openssl dgst -sha256` (SHA-256, 64), the order the filter process
# checks the PATH in to name the entries; prints what was recorded, and
# starts Node only when nothing was (a working-tree file, a locked file, a
# file the filter did not hand out), when no hashing tool is at hand, or when
# credential values were asked for. Nothing here decides what to redact: Node
# did, and the name of an entry is a collision-resistant hash of the exact
# text it was decided for (a cheaper checksum such as cksum could be made to
# match another text, and would then print that text's rendering).
# The git dir: textconv runs at the top of the working tree, where .git is a folder
# (the main worktree) or a file (a linked one: then git says where the shared one is).
# Only git's own temporary copy of a blob (an absolute path under $TMPDIR) is looked up: the
# working file (a relative path) can change between the hash and the `cat` below (an agent run,
# an editor), and `cat` would then print text nobody checked. Node reads it once.
if [ "$#" -eq 1 ] && [ -z "${BACKPACK_SHOW_SECRETS-}" ] && [ "${1#/}" != "$1" ] && [ -f "$1" ]; then
  if command -v b2sum >/dev/null 2>&1; then
    backpack_oid=$(b2sum <"$1" 2>/dev/null) || backpack_oid=
  elif command -v sha256sum >/dev/null 2>&1; then
    backpack_oid=$(sha256sum <"$1" 2>/dev/null) || backpack_oid=
  elif command -v openssl >/dev/null 2>&1; then
    backpack_oid=$(openssl dgst -sha256 -r <"$1" 2>/dev/null) || backpack_oid=
  else
    backpack_oid=
  fi
  # "<hex digits> <name>": the digest alone (anything else fails the check below).
  backpack_oid=${backpack_oid%% *}
  case ${#backpack_oid} in 64 | 128) ;; *) backpack_oid= ;; esac
  if [ -d .git ]; then backpack_dir=.git/backpack/textconv; else backpack_dir=$(git rev-parse --git-common-dir 2>/dev/null)/backpack/textconv || backpack_dir=; fi
  case $backpack_oid in
    '' | *[!0-9a-f]*) ;;
    *)
      if [ -f "$backpack_dir/$backpack_oid.same" ]; then
        exec cat -- "$1"
      fi
      if [ -f "$backpack_dir/$backpack_oid.txt" ]; then
        # A config file that mentions show_secrets may ask for the values: Node reads it (as it does, lazily).
        backpack_config=${XDG_CONFIG_HOME:-$HOME/.config}/backpack/config.toml
        if { [ ! -f backpack.toml ] && [ ! -f "$backpack_config" ]; } || ! grep -qs show_secrets backpack.toml "$backpack_config"; then
          exec cat -- "$backpack_dir/$backpack_oid.txt"
        fi
      fi
      ;;
  esac
fi
# Node 20 loads NODE_EXTRA_CA_CERTS at every start; textconv opens no connection.
unset NODE_EXTRA_CA_CERTS
exec "$backpack_node" "$backpack_cli" git textconv "$@"
