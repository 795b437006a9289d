#!/usr/bin/env bash
# The test command (README, CI): installs the Debian packages the tests compare against or drive when they are
# missing, then runs every test. Tests that need a package fail without it rather than skip, so this script is how a
# fresh machine gets them. Extra arguments go to `dotnet test` (e.g. --filter).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# Debian package -> a file it installs (how we tell it is there).
declare -A needs=(
  [python3-sklearn]=/usr/lib/python3/dist-packages/sklearn/__init__.py
  [python3-numpy]=/usr/lib/python3/dist-packages/numpy/__init__.py
  [chromium]=/usr/bin/chromium
  # A real single-node Slurm cluster for the Slurm launcher's tests (tests/NnLab.Cli.Tests/Slurm/SlurmCluster.cs).
  [slurmctld]=/usr/sbin/slurmctld
  [slurmd]=/usr/sbin/slurmd
  [slurm-client]=/usr/bin/sbatch
  [munge]=/usr/sbin/munged
)
missing=()
for package in "${!needs[@]}"; do
  [[ -e "${needs[$package]}" ]] || missing+=("$package")
done
if (( ${#missing[@]} > 0 )); then
  echo "installing ${missing[*]} (needed by the tests)..." >&2
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq -o DPkg::Lock::Timeout=300 --no-install-recommends "${missing[@]}" >/dev/null
fi

exec dotnet test NnLab.sln -c Release "$@"
