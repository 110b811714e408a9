#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# The number parser (SPEC §2) seen through offsets, values and sizes.

load helpers

setup() {
	F=$BATS_TEST_TMPDIR/img
	pattern_file "$F" 8192
}

peek8() {
	run --separate-stderr iomap -f "$F" -w 8 peek "$@"
}

@test "hex, upper-case hex, binary and decimal name the same offset" {
	for n in 0x2a 0X2A 0b101010 0B101010 42; do
		peek8 "$n"
		assert_success
		assert_output 0x2a
	done
}

@test "a leading zero is decimal, not octal" {
	peek8 010
	assert_success
	assert_output 0x0a
}

@test "'_' separates digits in every base" {
	peek8 0x1_0
	assert_output 0x10
	peek8 0b1_0000
	assert_output 0x10
	peek8 1_6
	assert_output 0x10
}

@test "'_' at the edges or doubled is refused" {
	for n in _16 16_ 1__6 0x_10; do
		peek8 "$n"
		assert_failure 2
		assert_output ''
	done
	peek8 1__6
	assert_stderr "iomap: invalid offset '1__6': '_' must stand between digits"
	peek8 0x_10
	assert_stderr "iomap: invalid offset '0x_10': no digits after the prefix"
}

@test "offsets and lengths take k, K, M and G" {
	run --separate-stderr iomap -f "$F" dump 1k+16
	assert_success
	assert_output --partial '00000400: 03020100'
	run -0 --separate-stderr iomap -f "$F" dump 4K+16
	assert_output --partial '00001000: 03020100'
	run -0 --separate-stderr iomap encode 0xf0000000 256M
	assert_output 0x0000f2
	run --separate-stderr iomap encode 0xf0000000 1G
	assert_failure 1
	assert_stderr --partial 'runs past the end of I/O space'
}

@test "values take no size suffix" {
	run --separate-stderr iomap -f "$F" poke 0 1k
	assert_failure 2
	assert_stderr --partial "invalid value '1k': a size suffix is not allowed here"
}

@test "more than 64 bits is refused, with or without a suffix" {
	for n in 18446744073709551616 0x10000000000000000 17179869184G; do
		peek8 "$n"
		assert_failure 2
		assert_stderr "iomap: invalid offset '$n': too large (more than 64 bits)"
	done
}

@test "the largest 64-bit value is written whole" {
	run --separate-stderr iomap -f "$F" -w 64 poke 8 0xffff_ffff_ffff_ffff
	assert_success
	assert_equal "$(hex_at "$F" 8 8)" ffffffffffffffff
	# the decimal form into a word that does not hold it already
	run -0 iomap -f "$F" -w 64 poke 8 0
	assert_equal "$(hex_at "$F" 8 8)" 0000000000000000
	run --separate-stderr iomap -f "$F" -w 64 poke 8 18446744073709551615
	assert_success
	assert_output ''
	assert_equal "$(hex_at "$F" 8 8)" ffffffffffffffff
}

@test "empty, negative and malformed numbers are refused" {
	peek8 ''
	assert_failure 2
	assert_stderr "iomap: invalid offset '': empty"
	peek8 -- -1
	assert_failure 2
	assert_stderr "iomap: invalid offset '-1': negative numbers are not allowed"
	peek8 0x10z
	assert_stderr "iomap: invalid offset '0x10z': trailing characters"
	peek8 12ab
	assert_stderr "iomap: invalid offset '12ab': hexadecimal digits need a 0x prefix"
	peek8 0x
	assert_stderr "iomap: invalid offset '0x': no digits after the prefix"
	peek8 0b102
	assert_stderr "iomap: invalid offset '0b102': trailing characters"
	peek8 ' 1'
	assert_stderr "iomap: invalid offset ' 1': not a number"
	peek8 +1
	assert_stderr "iomap: invalid offset '+1': not a number"
}

@test "a value wider than the access width is an error, not a truncation" {
	before=$(checksum "$F")
	for w in 8:0x100 16:0x10000 32:0x100000000; do
		run --separate-stderr iomap -f "$F" -w "${w%%:*}" poke 0 "${w#*:}"
		assert_failure 2
		assert_stderr --partial "iomap: value '${w#*:}' is wider than the ${w%%:*}-bit access width"
	done
	run --separate-stderr iomap -f "$F" -w 8 poke 0 0xff
	assert_success
	run --separate-stderr iomap -f "$F" -w 8 poke 0 0x5a:0x1ff
	assert_failure 2
	assert_stderr --partial "iomap: mask '0x1ff' is wider than the 8-bit access width"
	run --separate-stderr iomap -f "$F" -w 8 fill 0+4 256
	assert_failure 2
	assert_stderr "iomap: pattern '256' is wider than the 8-bit access width"
}
