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
	python3 tmux libtool g++
	libedit-dev qemu-system-x86 busybox-static cpio xz-utils xxd memtool jq
	tmux device-tree-compiler python3 libexpat1-dev zsh clang libclang-rt-dev
	valgrind libxml2-utils
)
# The aarch64 cross build (tests/arch.bats, and the arm64 guest of
# tests/vm-arm64.bats) through Debian multiarch, and pciutils' source for a
# static iomap (tests/static.bats: apt-get source needs deb-src lines,
# added beside the system's deb lines).
packages+=(
	qemu-system-arm gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu
	dpkg-dev libc6-dev:arm64 libpci-dev:arm64 libedit-dev:arm64
	libexpat1-dev:arm64 pkgconf:arm64
)
update=no
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
	dpkg --add-architecture arm64
	update=yes
fi
if ! grep -rqsE '^(deb-src |Types:.*deb-src)' /etc/apt/sources.list \
	/etc/apt/sources.list.d; then
	if [ -f /etc/apt/sources.list.d/debian.sources ]; then
		sed 's/^Types: deb$/Types: deb-src/' \
			/etc/apt/sources.list.d/debian.sources \
			>/etc/apt/sources.list.d/iomap-deb-src.sources
	elif [ -f /etc/apt/sources.list ]; then
		sed -n 's/^deb /deb-src /p' /etc/apt/sources.list \
			>/etc/apt/sources.list.d/iomap-deb-src.list
	fi
	update=yes
fi

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
		grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ] || [ $update = yes ]; then
	apt-get update -q
fi
if [ ${#missing[@]} -gt 0 ]; then
	echo "quickstart: installing ${missing[*]}" >&2
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
	# distcheck builds, installs and uninstalls the tarball out of tree,
	# and runs two suites there to show its tests are whole (.ci/run runs
	# every fast suite again on the tarball, with sanitizers); the guest,
	# the cross and the static builds ran above.
	make distcheck IOMAP_VM=skip IOMAP_REBUILD=skip \
		TESTS='tests/cli.bats tests/man.bats' || status=$?
	exit $status
	;;
*)
	usage
	;;
esac
