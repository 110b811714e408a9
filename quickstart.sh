#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Quick start on Debian 12 as root: install what is missing, build, then
# `demo` (run iomap on emulated devices) or `check` (the whole test suite).
set -euo pipefail
cd "$(dirname "$0")"

usage() {
	echo "usage: bash quickstart.sh demo|check" >&2
	exit 2
}
[ $# -eq 1 ] || usage

packages=(
	gcc make autoconf automake pkg-config libpci-dev zlib1g-dev pciutils pci.ids
	bats bats-assert bats-support strace libcap2-bin bash-completion man-db
	python3 tmux
	libedit-dev qemu-system-x86 busybox-static cpio xz-utils xxd memtool jq
)
missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
		grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	echo "quickstart: installing ${missing[*]}" >&2
	apt-get update -q
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends "${missing[@]}"
fi

[ -x configure ] || autoreconf -fi
[ -f Makefile ] || ./configure --enable-werror
make -j"$(nproc)"

case $1 in
demo)
	exec tests/vm/demo
	;;
check)
	status=0
	make -j"$(nproc)" check || status=$?
	# distcheck builds and tests the tarball again; the guest ran above.
	make distcheck IOMAP_VM=skip || status=$?
	exit $status
	;;
*)
	usage
	;;
esac
