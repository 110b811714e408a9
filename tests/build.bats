#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# The build: configure says what to install when libpci is missing.

load helpers

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
