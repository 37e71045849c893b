#!/usr/bin/env bash
# fuzz-p2p.sh: fuzz the P2P server conversation with afl++ and SharpFuzz.
#
#   scripts/fuzz-p2p.sh [--minutes N] [--target server-fake|server-repo|parser]
#
# Defaults: 10 minutes on server-fake. Installs afl++ (Debian package) if missing, restores the local
# SharpFuzz tool (.config/dotnet-tools.json), publishes fuzz/Annex.Fuzz to artifacts/fuzz, instruments
# Annex.Core.dll there, then runs afl-fuzz from the seed corpus fuzz/corpus/p2p with the dictionary
# fuzz/p2p.dict into artifacts/fuzz-out (emptied first). Prints the run's numbers and the crashes and
# hangs found; exit status 1 if afl found any crash. See docs/testing.md, "Fuzzing".
set -euo pipefail

minutes=10
target=server-fake
while [ $# -gt 0 ]; do
    case "$1" in
        --minutes) minutes="$2"; shift 2 ;;
        --target) target="$2"; shift 2 ;;
        -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "fuzz-p2p.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
case "$target" in server-fake|server-repo|parser) ;; *) echo "fuzz-p2p.sh: unknown target $target" >&2; exit 2 ;; esac
case "$minutes" in ''|*[!0-9]*) echo "fuzz-p2p.sh: --minutes takes a whole number" >&2; exit 2 ;; esac

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
pub=artifacts/fuzz
out=artifacts/fuzz-out

if ! command -v afl-fuzz >/dev/null; then
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++
fi

dotnet tool restore >/dev/null
rm -rf "$pub"
dotnet publish fuzz/Annex.Fuzz/Annex.Fuzz.csproj -c Release -o "$pub" --nologo -v quiet
# In place; a fresh publish each run, since an assembly cannot be instrumented twice.
dotnet sharpfuzz "$pub/Annex.Core.dll"

rm -rf "$out"
mkdir -p "$out"
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1
echo "fuzz-p2p.sh: afl-fuzz on $target for $minutes minute(s)"
status=0
afl-fuzz -i fuzz/corpus/p2p -o "$out" -x fuzz/p2p.dict -t 10000 -m none -V $((minutes * 60)) \
    -- dotnet "$pub/Annex.Fuzz.dll" "$target" >"$out/afl.log" 2>&1 || status=$?
if [ $status -ne 0 ]; then
    tail -n 30 "$out/afl.log" >&2
    echo "fuzz-p2p.sh: afl-fuzz failed (status $status); full log in $out/afl.log" >&2
    exit 2
fi

count() { find "$1" -maxdepth 1 -type f -name 'id:*' 2>/dev/null | wc -l; }
crashes=$(count "$out/default/crashes")
hangs=$(count "$out/default/hangs")
stat() { sed -n "s/^$1 *: *//p" "$out/default/fuzzer_stats"; }
echo "target:      $target"
echo "run time:    $(stat run_time) s"
echo "execs:       $(stat execs_done) ($(stat execs_per_sec) per second at the end)"
echo "paths:       $(stat corpus_count) (from $(ls fuzz/corpus/p2p | wc -l) seeds), edges $(stat edges_found), coverage $(stat bitmap_cvg)"
echo "crashes:     $crashes"
echo "hangs:       $hangs"
if [ "$crashes" -gt 0 ]; then
    echo "reproduce:   dotnet $pub/Annex.Fuzz.dll $target < $out/default/crashes/<file>" >&2
    exit 1
fi
