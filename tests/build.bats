#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# The build: configure says what to install when libpci is missing.

load helpers

teardown() {
	[ -z "${T:-}" ] || rm -rf "$T"
}

@test "configure names the package to install when libpci is missing" {
	top=$TESTS_SRCDIR/..
	[ -x "$top/configure" ] || skip "no configure script (run autoreconf -fi)"
	# a clean copy of what configure needs: the tree may be configured
	src=$BATS_TEST_TMPDIR/src
	mkdir -p "$src/src"
	cp -r "$top/configure" "$top/config.h.in" "$top/Makefile.in" "$top/build-aux" "$src"
	cp "$top/src/main.c" "$src/src"
	cd "$src"
	run env PKG_CONFIG_LIBDIR=/nonexistent PKG_CONFIG_PATH= ./configure --quiet
	assert_failure
	assert_output --partial "libpci not found by pkg-config."
	assert_output --partial "On Debian or Ubuntu: apt-get install libpci-dev pkg-config"
}

# configure_copy: a copy of the tree in $BATS_TEST_TMPDIR/src, and cd there
# (the tree itself may be configured in place).
configure_copy() {
	src=$BATS_TEST_TMPDIR/src
	source_copy "$src"
	cd "$src"
}

@test "configure refuses a cross build with the build machine's pkg-config" {
	command -v pkg-config || skip "pkg-config is not installed"
	configure_copy
	run ./configure --quiet --host=aarch64-linux-gnu PKG_CONFIG="$(command -v pkg-config)"
	assert_failure
	assert_output --partial "configure: error: cross-compiling for aarch64-linux-gnu, but the pkg-config in use ($(command -v pkg-config)) is not aarch64-linux-gnu-pkg-config: it would give the build machine's flags.
  On Debian or Ubuntu (multiarch, as root):
    dpkg --add-architecture arm64 && apt-get update
    apt-get install gcc-aarch64-linux-gnu pkgconf:arm64 libpci-dev:arm64 libedit-dev:arm64
  Or set PKG_CONFIG_LIBDIR to the host's pkgconfig directories (a sysroot)."
	# with PKG_CONFIG_LIBDIR (a sysroot's) it goes on: here to find no libpci
	run env PKG_CONFIG_LIBDIR=/nonexistent ./configure --quiet --host=aarch64-linux-gnu PKG_CONFIG="$(command -v pkg-config)"
	assert_failure
	refute_output --partial "cross-compiling for"
	assert_output --partial "libpci not found by pkg-config."
}

# fake_libpci DIR: a static libpci.a with pci_alloc and pci_cleanup only,
# and its pci/pci.h, to get configure's static checks past libpci.
fake_libpci() {
	mkdir -p "$1/pci" "$1/lib"
	printf 'struct pci_access;\nstruct pci_access *pci_alloc(void);\nvoid pci_cleanup(struct pci_access *);\n' > "$1/pci/pci.h"
	printf 'struct pci_access *pci_alloc(void) { return 0; }\nvoid pci_cleanup(struct pci_access *a) { (void)a; }\n' > "$1/fake.c"
	cc -c -o "$1/fake.o" "$1/fake.c"
	ar rcs "$1/lib/libpci.a" "$1/fake.o"
}

@test "--enable-static-binary: configure names the missing libpci.a and how to build it" {
	command -v pkg-config || skip "pkg-config is not installed"
	pkg-config --exists libpci || skip "no libpci through pkg-config"
	[ "$(cc -print-file-name=libpci.a)" = libpci.a ] || skip "this machine has a libpci.a"
	configure_copy
	run ./configure --quiet --enable-static-binary
	assert_failure
	assert_output --partial "configure: error: libpci cannot be linked statically (missing: libpci.a"
	assert_output --partial "  Debian's libpci-dev has no libpci.a: build one from pciutils' source
  (apt-get source pciutils, or a release tarball) and point configure at it:
    make -C pciutils-3.9.0 install-lib PREFIX=\$HOME/pciutils-static IDSDIR=/usr/share/misc SHARED=no ZLIB=no DNS=no LIBKMOD=no HWDB=no
    PKG_CONFIG_PATH=\$HOME/pciutils-static/lib/pkgconfig ./configure --enable-static-binary"
}

@test "--enable-static-binary: without a static libedit the shell reads plain lines" {
	command -v pkg-config || skip "pkg-config is not installed"
	configure_copy
	fake_libpci "$BATS_TEST_TMPDIR/pci"
	export LIBPCI_CFLAGS=-I$BATS_TEST_TMPDIR/pci LIBPCI_LIBS="-L$BATS_TEST_TMPDIR/pci/lib -lpci"
	export LIBEDIT_CFLAGS= LIBEDIT_LIBS="-ledit -liomap_nosuchlib"
	run ./configure --enable-static-binary
	assert_success
	assert_line "checking whether libpci links statically... yes"
	assert_line "checking whether libedit links statically... no"
	assert_line "configure: WARNING: libedit cannot be linked statically (missing: libiomap_nosuchlib.a): the shell reads plain lines"
	run grep -c '^#define HAVE_LIBEDIT' config.h
	assert_output 0
	run grep '^STATIC_LDFLAGS = ' Makefile
	assert_output 'STATIC_LDFLAGS = -static'
	run ./configure --quiet --enable-static-binary --with-libedit
	assert_failure
	assert_output --partial "configure: error: libedit cannot be linked statically (missing: libiomap_nosuchlib.a); see config.log, or configure --without-libedit"
}

@test "configure --prefix=DIR && make install puts everything under DIR, as a user" {
	top=$TESTS_SRCDIR/..
	[ -x "$top/configure" ] || skip "no configure script (run autoreconf -fi)"
	command -v setpriv >/dev/null || skip "setpriv (util-linux) is not installed"
	# a clean copy of what configure and install-data need (timestamps
	# kept, so that make does not try to run autotools)
	T=$(mktemp -d /tmp/iomap-install.XXXXXX)
	mkdir -p "$T/src/src" "$T/src/man" "$T/src/m4" "$T/src/include"
	cp -p "$top"/{configure,configure.ac,aclocal.m4,config.h.in,Makefile.in,Makefile.am,iomap.pc.in} "$T/src"
	cp -rp "$top"/{build-aux,completions} "$T/src"
	# m4/ holds nothing of ours (a tarball has none)
	[ ! -d "$top/m4" ] || cp -rp "$top/m4/." "$T/src/m4"
	cp -p "$top/man/iomap.1.in" "$top/man/libiomap.3" "$T/src/man"
	cp -p "$top/include/iomap.h" "$T/src/include"
	cp -p "$top/src/main.c" "$T/src/src"
	chmod -R a+rwX "$T"
	# as nobody, who may write nowhere but DIR (root could write anywhere)
	local as=()
	[ "$(id -u)" != 0 ] || as=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
	run "${as[@]}" sh -c "mkdir '$T/b' && cd '$T/b' && ../src/configure --quiet --prefix='$T/p' && make -s install-data"
	[ "$status" -eq 0 ] || fail "make install-data failed: $output"
	run sh -c "find '$T/p' -type f | sort"
	assert_output "$(printf '%s\n' "$T/p/share/bash-completion/completions/iomap" \
		"$T/p/share/man/man1/iomap.1" "$T/p/share/zsh/site-functions/_iomap" \
		"$T/p/include/iomap.h" "$T/p/lib/pkgconfig/iomap.pc" \
		"$T/p/share/man/man3/libiomap.3" | sort)"
}

@test "skip_env: a skip for a reason of the machine, a failure with that reason under CI=true" {
	local t=$BATS_TEST_TMPDIR/env.bats
	printf '%s\n' 'load "$TESTS_SRCDIR/helpers"' \
		'@test "needs QEMU" {' '	skip_env "QEMU is not installed"' '}' > "$t"
	run env -u CI TESTS_SRCDIR="$TESTS_SRCDIR" bats --tap "$t"
	assert_success
	assert_line --index 1 'ok 1 needs QEMU # skip QEMU is not installed'
	run env CI=true TESTS_SRCDIR="$TESTS_SRCDIR" bats --tap "$t"
	assert_failure
	assert_line --index 1 'not ok 1 needs QEMU'
	assert_output --partial 'QEMU is not installed (CI=true: this test must run here)'
}
