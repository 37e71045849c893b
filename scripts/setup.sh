#!/usr/bin/env bash
# setup.sh: make a Debian 12 machine ready to build and test AnnexSharp, build
# the NativeAOT binary, and (unless --no-demo) run the end-to-end demo.
#
# Idempotent: Debian packages are installed only when missing (so a rerun on a
# ready machine is fast and needs no network), the reference git-annex install
# is a no-op once present, and restore/build are incremental.
#
#   scripts/setup.sh             set up, build, run scripts/demo.sh
#   scripts/setup.sh --no-demo   set up and build only (used before scripts/test.sh)
#
# Environment: GIT_ANNEX_REF_PREFIX  where the reference git-annex goes
#              (default /opt/git-annex-ref).

set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
me=${0##*/}

demo=1
while [ $# -gt 0 ]; do
	case $1 in
		--no-demo) demo=0 ;;
		-h|--help) sed -n '2,14s/^# \{0,1\}//p' "$0"; exit 0 ;;
		*) echo "$me: unknown argument: $1 (see --help)" >&2; exit 2 ;;
	esac
	shift
done

say() { echo "== $me: $*"; }
die() { echo "$me: error: $*" >&2; exit 1; }
t0=$(date +%s)
stage_start=$t0
stage_times=()
stage_done() {
	local now; now=$(date +%s)
	stage_times+=("$1: $((now - stage_start))s")
	stage_start=$now
}

export DEBIAN_FRONTEND=noninteractive
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DOTNET_GENERATE_ASPNET_CERTIFICATE=false

# --- Debian packages --------------------------------------------------------
# git:                    everything.
# rsync, gnupg:           used by the upstream test suite (and git-annex).
# openssh-client/-server: ssh remotes; annex-bench's ssh scenarios run an sshd.
# python3:                scripts/test.sh (TRX parsing), scripts/annex-bench.
# debian-archive-keyring: scripts/install-reference-git-annex verifies the
#                         archive it unpacks the reference from with it.
# util-linux (flock), dpkg (dpkg-deb), apt: the same script; always on Debian.
# libmagic1, libmagic-mgc:  mimetype=/mimeencoding= in annex.largefiles (loaded at run time).
# python3-fusepy, fuse3:  tests/tools/crippledfs.py, the FUSE filesystem without symlinks,
#                         chmod or fifos that the crippled-filesystem tests mount (skipped without).
# NativeAOT linking (dotnet publish -r linux-x64 -p:PublishAot=true) needs a C
# toolchain driver: clang, or gcc as the SDK's fallback, plus binutils'
# objcopy for StripSymbols. zlib is not needed: the NativeAOT runtime pack
# ships its own libz.a. So clang is installed only when neither is present.
want=(git rsync gnupg openssh-client openssh-server python3 ca-certificates
	debian-archive-keyring util-linux libmagic1 libmagic-mgc python3-fusepy fuse3)
if ! command -v clang >/dev/null && ! command -v gcc >/dev/null; then
	want+=(clang)
fi
command -v objcopy >/dev/null || want+=(binutils)

missing=()
for p in "${want[@]}"; do
	if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then
		missing+=("$p")
	fi
done
if [ ${#missing[@]} -gt 0 ]; then
	say "installing Debian packages: ${missing[*]}"
	sudo=()
	if [ "$(id -u)" != 0 ]; then
		command -v sudo >/dev/null || die "not root and no sudo; install as root: apt-get install ${missing[*]}"
		sudo=(sudo -n)
	fi
	"${sudo[@]}" apt-get update -q || echo "$me: warning: apt-get update failed; trying the install anyway" >&2
	"${sudo[@]}" apt-get install -y -q --no-install-recommends \
		-o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
		"${missing[@]}" </dev/null || die "apt-get install failed"
else
	say "Debian packages present"
fi
stage_done "packages"

# --- .NET SDK ---------------------------------------------------------------
if ! command -v dotnet >/dev/null; then
	for d in "${DOTNET_ROOT:-}" "$HOME/.dotnet" /usr/share/dotnet /usr/lib/dotnet /opt/dotnet; do
		if [ -n "$d" ] && [ -x "$d/dotnet" ]; then
			export PATH="$d:$PATH" DOTNET_ROOT=$d
			break
		fi
	done
fi
if ! command -v dotnet >/dev/null || ! dotnet --list-sdks 2>/dev/null | grep -q '^10\.'; then
	cat >&2 <<'EOF'
setup.sh: error: the .NET 10 SDK is required and was not found
  (`dotnet --list-sdks` must list a 10.x SDK; Debian 12 has no package for it).
  Install it with Microsoft's instructions for Debian 12:
    https://learn.microsoft.com/dotnet/core/install/linux-debian
  e.g. Microsoft's Debian package repository, then `apt-get install dotnet-sdk-10.0`,
  or the dotnet-install.sh script with `--channel 10.0`, then put dotnet on PATH
  (or set DOTNET_ROOT) and rerun scripts/setup.sh.
EOF
	exit 1
fi
say "dotnet SDK $(dotnet --version)"
stage_done "dotnet check"

# --- reference git-annex (for the upstream conformance tests and annex-bench)
say "reference git-annex"
"$root/scripts/install-reference-git-annex" || die "installing the reference git-annex failed"
stage_done "reference git-annex"

# --- NuGet restore and build -------------------------------------------------
say "dotnet restore GitAnnex.slnx"
dotnet restore GitAnnex.slnx -nologo -v quiet || die "dotnet restore failed"
stage_done "restore"
say "./build.sh (NativeAOT publish)"
./build.sh || die "./build.sh failed"
stage_done "build"

joined=$(printf '%s, ' "${stage_times[@]}")
say "done in $(( $(date +%s) - t0 ))s (${joined%, })"

if [ "$demo" = 1 ]; then
	exec "$root/scripts/demo.sh"
fi
