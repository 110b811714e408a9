#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Starting and stopping lose nothing (iomap(1), EXIT STATUS): descriptors
# 0, 1 and 2 closed at start, an output or input file that is the region's
# own, and SIGINT, SIGTERM, SIGHUP or a closed pipe during a command.
# Assumes a little-endian host.

load helpers

setup() {
	F=$BATS_TEST_TMPDIR/img
	pattern_file "$F" 4096
	cp "$F" "$BATS_TEST_TMPDIR/orig"
	cd "$BATS_TEST_TMPDIR"
}

# unchanged: the region's file holds what setup wrote.
unchanged() {
	cmp "$F" "$BATS_TEST_TMPDIR/orig" || fail "the region's file was changed"
}

@test "stdout closed at start: a script's output does not land in the region's file" {
	# the poke writes back what is there, so the file must stay as it was
	printf 'peek 0\npoke 8 0x0b0a0908\npeek 4\n' > s
	run --separate-stderr bash -c '"$0" -f "$1" run s >&-' "$IOMAP" "$F"
	assert_success
	unchanged
}

@test "stderr closed at start: --trace lines do not land in the region's file" {
	run bash -c '"$0" -f "$1" poke --trace 0 0x03020100 2>&-' "$IOMAP" "$F"
	assert_success
	unchanged
}

@test "stdin closed at start: load - and compare - read nothing, not the region" {
	run --separate-stderr bash -c '"$0" -f "$1" load 0x100+16 - <&-' "$IOMAP" "$F"
	assert_failure 1
	assert_stderr "$(printf 'iomap: standard input ended after 0x0 of 0x10 bytes\niomap:   nothing was written')"
	unchanged
	# not "equal": the region is not compared with itself
	run --separate-stderr bash -c '"$0" -f "$1" compare 0+64 - <&-' "$IOMAP" "$F"
	assert_failure 1
	assert_stderr 'iomap: standard input ended after 0x0 of 0x40 bytes'
	unchanged
}
