#!/usr/bin/env bash
# test.sh: run every test layer of AnnexSharp and print one verdict line.
#
#   1. build the solution (dotnet build GitAnnex.slnx)
#   2. unit tests         tests/Annex.Tests           (dotnet test, TRX)
#   3. NativeAOT binary   ./build.sh -> artifacts/bin/git-annex
#   4. integration tests  tests/Annex.IntegrationTests (dotnet test, TRX)
#   5. upstream conformance: the reference git-annex's own test suite run
#      against artifacts/bin/git-annex (scripts/upstream-tests, default
#      selection: the three "Repo Tests v10" groups); every test listed in
#      tests/conformance/expected-pass.txt must pass.
#
# The last line printed is "N passed, M failed": N = unit + integration tests
# passed + expected upstream tests that passed; M = unit + integration
# failures (+1 for a build, test-host or harness failure) + expected upstream
# tests that did not pass. Exit status 0 iff M is 0. Upstream tests not in
# expected-pass.txt do not count either way (the overall conformance score is
# printed separately).
#
# Options:
#   --quick        build the solution and run the unit tests only
#   --no-upstream  skip the upstream conformance tests
#   --no-build     do not run ./build.sh (use the binary already there)
#
# Run scripts/setup.sh --no-demo once first (packages, reference git-annex).
# Results go to artifacts/test-results/ (TRX files, upstream results and log).
#
# Environment: UPSTREAM_TEST_TIMEOUT   per upstream test, seconds (default 300)
#              UPSTREAM_TOTAL_TIMEOUT  whole upstream run, seconds (default 3000)
#              GIT_ANNEX_REF_PREFIX    reference git-annex (default /opt/git-annex-ref)
# The dotnet test runs see ANNEXSHARP_BIN=<repo>/artifacts/bin/git-annex.

set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
me=${0##*/}

quick=0 upstream=1 build=1
while [ $# -gt 0 ]; do
	case $1 in
		--quick) quick=1; upstream=0 ;;
		--no-upstream) upstream=0 ;;
		--no-build) build=0 ;;
		-h|--help) sed -n '2,32s/^# \{0,1\}//p' "$0"; exit 0 ;;
		*) echo "$me: unknown argument: $1 (see --help)" >&2; exit 2 ;;
	esac
	shift
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export ANNEXSHARP_BIN=$root/artifacts/bin/git-annex
out=$root/artifacts/test-results
rm -rf "$out"
mkdir -p "$out"
expected_file=$root/tests/conformance/expected-pass.txt

passed=0 failed=0
problems=()     # one line per failure that is not a single test
timings=()
t0=$(date +%s)
stage_start=$t0
stage() { stage_start=$(date +%s); echo; echo "== $me: $*"; }
stage_done() { timings+=("$(printf '%-22s %5ss' "$1" "$(( $(date +%s) - stage_start ))")"); }
problem() { problems+=("$*"); failed=$((failed + 1)); echo "$me: FAILURE: $*" >&2; }

# Counts one TRX file: prints "PASSED FAILED SKIPPED TOTAL RUNOUTCOME", then
# the names of failed tests, one per line.
trx_counts() {
	python3 - "$1" <<'EOF'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
ns = {"t": root.tag[1:].split("}")[0]} if root.tag.startswith("{") else {}
q = (lambda n: "t:" + n) if ns else (lambda n: n)
p = f = s = 0
bad = []
for r in root.iter(("{%s}" % ns["t"] if ns else "") + "UnitTestResult"):
    o = r.get("outcome", "")
    if o == "Passed":
        p += 1
    elif o in ("NotExecuted", "Inconclusive", "Pending"):
        s += 1
    else:
        f += 1
        bad.append("%s [%s]" % (r.get("testName", "?"), o))
summary = root.find(q("ResultSummary"), ns)
outcome = summary.get("outcome", "?") if summary is not None else "?"
print(p, f, s, p + f + s, outcome)
for b in bad:
    print(b)
EOF
}

# run_dotnet_tests LABEL PROJECT
run_dotnet_tests() {
	local label=$1 proj=$2 trx=$out/$1.trx rc=0 counts
	dotnet test "$proj" --no-build --nologo \
		--logger "trx;LogFileName=$label.trx" --logger "console;verbosity=normal" \
		--results-directory "$out" </dev/null || rc=$?
	if ! [ -s "$trx" ]; then
		problem "$label: dotnet test wrote no TRX (exit $rc)"
		return
	fi
	counts=$(trx_counts "$trx") || { problem "$label: could not read $trx"; return; }
	local p f s total outcome
	read -r p f s total outcome <<<"$(head -n 1 <<<"$counts")"
	echo "$me: $label tests: passed $p, failed $f, skipped $s, total $total (run outcome: $outcome, exit $rc)"
	tail -n +2 <<<"$counts" | sed 's/^/    failed: /'
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
		problem "$label: dotnet test exited $rc with no failed test (test host crash or abort?)"
	fi
}

# --- 1. build the solution ----------------------------------------------------
stage "dotnet build GitAnnex.slnx"
solution_ok=1
if ! dotnet build GitAnnex.slnx --nologo -v quiet </dev/null; then
	problem "dotnet build GitAnnex.slnx failed"
	solution_ok=0
fi
stage_done "build solution"

# --- 2. unit tests ------------------------------------------------------------
stage "unit tests (tests/Annex.Tests)"
if [ "$solution_ok" = 1 ]; then
	run_dotnet_tests unit tests/Annex.Tests/Annex.Tests.csproj
else
	echo "$me: skipped (build failed)"
fi
stage_done "unit tests"

if [ "$quick" = 0 ]; then
	# --- 3. NativeAOT binary --------------------------------------------------
	if [ "$build" = 1 ]; then
		stage "./build.sh (NativeAOT binary)"
		./build.sh </dev/null || problem "./build.sh failed"
		stage_done "NativeAOT build"
	fi

	# --- 4. integration tests -------------------------------------------------
	stage "integration tests (tests/Annex.IntegrationTests)"
	if [ "$solution_ok" = 1 ]; then
		run_dotnet_tests integration tests/Annex.IntegrationTests/Annex.IntegrationTests.csproj
	else
		echo "$me: skipped (build failed)"
	fi
	stage_done "integration tests"
fi

# --- 5. upstream conformance --------------------------------------------------
if [ "$upstream" = 1 ]; then
	stage "upstream conformance (scripts/upstream-tests, 'Repo Tests v10')"
	results=$out/upstream-results.tsv
	uout=$out/upstream-output.txt
	rc=0
	if ! [ -x "$ANNEXSHARP_BIN" ]; then
		problem "upstream: $ANNEXSHARP_BIN missing (./build.sh failed?)"
	else
		timeout -k 30 "${UPSTREAM_TOTAL_TIMEOUT:-3000}" \
			"$root/scripts/upstream-tests" --candidate "$ANNEXSHARP_BIN" \
			--results "$results" --log "$out/upstream-runner.log" --quiet \
			--timeout "${UPSTREAM_TEST_TIMEOUT:-300}" </dev/null >"$uout" 2>&1 || rc=$?
		# Its output without the list of every non-passing test (that is in
		# $results) and without its own "N passed, M failed" line.
		grep -Ev $'^  [A-Z]+\t|^[0-9]+ passed, [0-9]+ failed$' "$uout" || true
		if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
			problem "upstream: the run did not finish in ${UPSTREAM_TOTAL_TIMEOUT:-3000}s"
		elif [ "$rc" != 0 ]; then
			problem "upstream: scripts/upstream-tests failed (exit $rc; see $uout)"
		fi
	fi
	[ -f "$results" ] || : >"$results"

	# Compare with the expected passes. A name may occur more than once in the
	# results; an expected test passes only if every occurrence passed.
	cmp=$(python3 - "$expected_file" "$results" <<'EOF'
import sys
expected, seen = [], set()
for line in open(sys.argv[1], encoding="utf-8"):
    name = line.rstrip("\r\n").strip()
    if name and not name.startswith("#") and name not in seen:
        seen.add(name)
        expected.append(name)
status = {}
for line in open(sys.argv[2], encoding="utf-8"):
    line = line.rstrip("\r\n")
    if "\t" not in line:
        continue
    st, name = line.split("\t", 1)
    prev = status.get(name)
    status[name] = st if prev in (None, "PASS") else prev
total = sum(1 for _ in open(sys.argv[2], encoding="utf-8") if "\t" in _)
npass = sum(1 for _ in open(sys.argv[2], encoding="utf-8") if _.startswith("PASS\t"))
ok = [n for n in expected if status.get(n) == "PASS"]
reg = [(n, status.get(n, "NOT RUN")) for n in expected if status.get(n) != "PASS"]
new = sorted(n for n, st in status.items() if st == "PASS" and n not in seen)
print(len(ok), len(reg), npass, total - npass, total)
for n, st in reg:
    print("REGRESSED\t%s\t%s" % (st, n))
for n in new:
    print("NEW\t%s" % n)
EOF
	) || { problem "upstream: comparing with $expected_file failed"; cmp="0 0 0 0 0"; }
	read -r e_ok e_reg u_pass u_fail u_total <<<"$(head -n 1 <<<"$cmp")"
	echo
	echo "upstream conformance score ($u_pass of $u_total): $u_pass passed, $u_fail failed"
	echo "expected passes (tests/conformance/expected-pass.txt): $e_ok still pass, $e_reg regressed"
	if [ "$e_reg" -gt 0 ]; then
		echo "REGRESSED (listed in expected-pass.txt, did not pass):"
		grep $'^REGRESSED\t' <<<"$cmp" | awk -F '\t' '{ printf "  %-8s %s\n", $2, $3 }'
	fi
	grep $'^NEW\t' <<<"$cmp" | cut -f2 >"$out/upstream-new-passes.txt" || true
	if [ -s "$out/upstream-new-passes.txt" ]; then
		echo "NEWLY PASSING, not yet in expected-pass.txt ($(wc -l <"$out/upstream-new-passes.txt")); add them with"
		echo "  cat artifacts/test-results/upstream-new-passes.txt >> tests/conformance/expected-pass.txt"
		sed 's/^/  /' "$out/upstream-new-passes.txt"
	fi
	passed=$((passed + e_ok))
	failed=$((failed + e_reg))
	stage_done "upstream conformance"
fi

echo
echo "== $me: summary (results in artifacts/test-results/)"
printf '  %s\n' "${timings[@]}"
printf '  %-22s %5ss\n' "total" "$(( $(date +%s) - t0 ))"
if [ ${#problems[@]} -gt 0 ]; then
	printf '  problem: %s\n' "${problems[@]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
