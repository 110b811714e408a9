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

@test "configure --prefix=DIR && make install puts everything under DIR, as a user" {
	top=$TESTS_SRCDIR/..
	[ -x "$top/configure" ] || skip "no configure script (run autoreconf -fi)"
	command -v setpriv >/dev/null || skip "setpriv (util-linux) is not installed"
	# a clean copy of what configure and install-data need (timestamps
	# kept, so that make does not try to run autotools)
	T=$(mktemp -d /tmp/iomap-install.XXXXXX)
	mkdir -p "$T/src/src" "$T/src/man" "$T/src/m4"
	cp -p "$top"/{configure,configure.ac,aclocal.m4,config.h.in,Makefile.in,Makefile.am} "$T/src"
	cp -rp "$top"/{build-aux,completions} "$T/src"
	# m4/ holds nothing of ours (a tarball has none)
	[ ! -d "$top/m4" ] || cp -rp "$top/m4/." "$T/src/m4"
	cp -p "$top/man/iomap.1.in" "$T/src/man"
	cp -p "$top/src/main.c" "$T/src/src"
	chmod -R a+rwX "$T"
	# as nobody, who may write nowhere but DIR (root could write anywhere)
	local as=()
	[ "$(id -u)" != 0 ] || as=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
	run "${as[@]}" sh -c "mkdir '$T/b' && cd '$T/b' && ../src/configure --quiet --prefix='$T/p' && make -s install-data"
	[ "$status" -eq 0 ] || fail "make install-data failed: $output"
	run sh -c "find '$T/p' -type f | sort"
	assert_output "$(printf '%s\n' "$T/p/share/bash-completion/completions/iomap" \
		"$T/p/share/man/man1/iomap.1" "$T/p/share/zsh/site-functions/_iomap" | sort)"
}
