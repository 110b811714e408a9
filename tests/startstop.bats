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

@test "dump -o onto the region's own file, directly or through a symlink, is refused and cuts nothing" {
	ln -s img lnk
	for out in img lnk "$F"; do
		run --separate-stderr iomap -f "$F" dump 0+16 -o "$out"
		assert_failure 2
		assert_output ''
		assert_stderr "iomap: -o $out is the region's own file ($F): dumping into it would destroy it; give another file"
		unchanged
	done
	# the region named through the link, the file by its name
	run --separate-stderr iomap -f lnk dump --raw -o img
	assert_failure 2
	assert_stderr "iomap: -o img is the region's own file (lnk): dumping into it would destroy it; give another file"
	unchanged
	# another file is written, and cut to what was dumped
	pattern_file other 8192
	run --separate-stderr iomap -f "$F" dump 0+16 --raw -o other
	assert_success
	assert_equal "$(stat -c %s other)" 16
	unchanged
}

@test "load and compare refuse the region's own file, by name, link or standard input" {
	ln -s img lnk
	for cmd in load compare; do
		[ $cmd = load ] && how='load from' || how='compare with'
		for in in img lnk; do
			run --separate-stderr iomap -f "$F" $cmd 0 "$in"
			assert_failure 2
			assert_output ''
			assert_stderr "iomap: $in is the region's own file ($F): $how a copy of it instead"
		done
		run --separate-stderr bash -c '"$0" -f "$1" '$cmd' 0+16 - < "$1"' "$IOMAP" "$F"
		assert_failure 2
		assert_stderr "iomap: standard input is the region's own file ($F): $how a copy of it instead"
		unchanged
	done
	# --trace shows that nothing was accessed
	run --separate-stderr iomap -f "$F" --trace load 0 lnk
	assert_failure 2
	assert_output ''
	[[ $stderr != *W32* && $stderr != *R32* ]] || fail "an access was made"
	# a copy is fine, and equal
	cp img copy
	run iomap -f "$F" compare 0 copy
	assert_success
}
