#!/usr/bin/env bash
# demo.sh: a short end-to-end demo of AnnexSharp's git-annex, run in a
# temporary directory: repository A gets a file with `git annex add`, B is a
# clone of A that fetches the file's content with `git annex sync` and
# `git annex get`.
#
# Uses artifacts/bin/git-annex (built by ./build.sh), put first in PATH so
# that `git annex` (and git-annex-shell, git-remote-annex) resolve to it.
# Every step is printed; the demo stops with a non-zero exit at the first step
# that fails or whose result is wrong.
#
#   scripts/demo.sh [--keep] [--bin DIR]
#     --keep      leave the temporary directory
#     --bin DIR   use DIR/git-annex instead of artifacts/bin (e.g. the
#                 reference, /opt/git-annex-ref/bin, to compare)

set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
me=${0##*/}
keep=0
bin=$root/artifacts/bin
while [ $# -gt 0 ]; do
	case $1 in
		--keep) keep=1 ;;
		--bin) [ $# -ge 2 ] || { echo "$me: --bin needs a directory" >&2; exit 2; }
			bin=$(cd "$2" && pwd); shift ;;
		-h|--help) sed -n '2,16s/^# \{0,1\}//p' "$0"; exit 0 ;;
		*) echo "$me: unknown argument: $1 (see --help)" >&2; exit 2 ;;
	esac
	shift
done

if ! [ -x "$bin/git-annex" ]; then
	echo "$me: FAILED: $bin/git-annex not found; run ./build.sh (or scripts/setup.sh) first" >&2
	exit 1
fi
export PATH="$bin:$PATH"

work=$(mktemp -d "${TMPDIR:-/tmp}/annexsharp-demo.XXXXXX")
# shellcheck disable=SC2317  # invoked by the trap
cleanup() {
	if [ "$keep" = 1 ]; then
		echo "$me: kept $work"
	else
		chmod -R u+w "$work" 2>/dev/null || true
		rm -rf "$work"
	fi
}
trap cleanup EXIT

# A private HOME with a git identity; no system or user git config.
export HOME=$work/home GIT_CONFIG_NOSYSTEM=1 LC_ALL=C.UTF-8
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE
mkdir -p "$HOME"
git config --global user.name "AnnexSharp Demo"
git config --global user.email demo@example.invalid
git config --global init.defaultBranch main

fail() {
	echo
	echo "$me: FAILED: $*" >&2
	echo "$me: the demo did not complete (binary: $bin/git-annex)" >&2
	exit 1
}
# Print a command as it runs (prefixed with the directory), then run it.
run() {
	echo "[$(basename "$PWD")]\$ $(printf '%q ' "$@")"
	"$@" || fail "'$*' exited with status $?"
}

cd "$work"
echo "== $me: in $work"
echo "== git annex resolves to: $(command -v git-annex)"
run git annex version

content="hello from AnnexSharp ($(date -u +%FT%TZ))"

echo
echo "== repository A: init, add a file, commit"
cd "$work"
run git init -q A
cd A
run git annex init A
[ -n "$(git config annex.uuid)" ] || fail "git annex init A did not set annex.uuid"
printf '%s\n' "$content" >file
run git annex add file
git diff --cached --name-only | grep -qx file || fail "git annex add did not stage 'file'"
run git commit -q -m "add file"
[ -z "$(git status --porcelain)" ] || fail "repository A is not clean after the commit"

echo
echo "== repository B: clone A, init, sync, get"
cd "$work"
run git clone -q A B
cd B
run git annex init B
[ -n "$(git config annex.uuid)" ] || fail "git annex init B did not set annex.uuid"
run git annex sync
run git annex get file
run cat file
[ "$(cat file)" = "$content" ] || fail "the content of 'file' in B differs from what was added in A"

echo
echo "== $me: OK: B got the content of 'file' from A"
