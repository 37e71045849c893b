#!/usr/bin/env bash
# Publishes the NativeAOT multicall binary to artifacts/bin/git-annex, with
# git-annex-shell and git-remote-annex beside it (links: the binary dispatches on argv[0]).
set -euo pipefail
cd "$(dirname "$0")"
out=artifacts/bin
mkdir -p "$out"
dotnet publish src/Annex.Cli/Annex.Cli.csproj -c Release -r linux-x64 -o artifacts/publish -nologo -v quiet "$@"
install -m 755 artifacts/publish/git-annex "$out/git-annex"
for name in git-annex-shell git-remote-annex; do
  ln -sf git-annex "$out/$name"
done
echo "built $out/git-annex"
