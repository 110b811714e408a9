#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# iomap(7) minor numbers: decode, encode and -m regions (SPEC §1).

load helpers

@test "the HP-UX manual's PA-RISC example: 0x4000e1 is 64 MiB at 0xf4000000" {
	run --separate-stderr iomap decode 0x4000e1
	assert_success
	assert_output "minor  0x4000e1 (pa)
base   0xf4000000
size   0x04000000 (64 MiB)
end    0xf7ffffff"
	run --separate-stderr iomap encode 0xf4000000 64M
	assert_success
	assert_output 0x4000e1
}

@test "the Series 300 example: 0x007202 is 128 KiB at 0x720000" {
	run --separate-stderr iomap --minor-format=s300 decode 0x007202
	assert_success
	assert_output "minor  0x007202 (s300)
base   0x00720000
size   0x00020000 (128 KiB)
end    0x0073ffff"
	run --separate-stderr iomap encode --minor-format s300 0x720000 128k
	assert_success
	assert_output 0x007202
}

@test "encode picks the largest S, and decode inverts it" {
	# 12 pages = 3 x 2^2.
	run --separate-stderr iomap encode 0xf0001000 48k
	assert_output 0x000123
	run --separate-stderr iomap decode 0x000123
	assert_line "base   0xf0001000"
	assert_line "size   0x0000c000 (48 KiB)"
}

@test "decode refuses M = 0, regions past 0xffffffff and more than 24 bits" {
	run --separate-stderr iomap decode 0x4000e0
	assert_failure 2
	assert_stderr "iomap: 0x4000e0 is not a valid pa minor number: its size multiplier M is 0"
	run --separate-stderr iomap decode 0xffff01
	assert_success
	run --separate-stderr iomap decode 0xffff02
	assert_failure 2
	assert_stderr "iomap: 0xffff02 is not a valid pa minor number: its region runs past the end of I/O space (0xffffffff)"
	run --separate-stderr iomap decode 0x1000000
	assert_failure 2
	assert_stderr --partial "at most 24 bits"
	run --separate-stderr iomap --minor-format=s300 decode 0x007200
	assert_failure 2
	assert_stderr "iomap: 0x007200 is not a valid s300 minor number: its size NN is 0"
}

@test "encode says why a region cannot be a minor" {
	run --separate-stderr iomap encode 0xe0000000 4k
	assert_failure 1
	assert_stderr "iomap: 0x1000 bytes at 0xe0000000 cannot be a pa minor number: the PA-RISC form names bases from 0xf0000000 to 0xfffff000"
	run --separate-stderr iomap encode 0xf0000800 4k
	assert_stderr --partial "the base is not 4 KiB aligned"
	run --separate-stderr iomap encode 0xf0000000 6000
	assert_stderr --partial "the size is not a whole number of 4 KiB pages"
	run --separate-stderr iomap encode 0xf0000000 68k
	assert_stderr --partial "M x 2^S pages with M <= 15"
	run --separate-stderr iomap encode --minor-format=s300 0x720000 16M
	assert_stderr --partial "at most 255 x 64 KiB"
	run --separate-stderr iomap encode --minor-format=s300 0x721000 64k
	assert_stderr --partial "64 KiB aligned base"
}

@test "every valid PA minor with M odd round-trips through encode" {
	for minor in 0x000011 0x4000e1 0x0fff05 0x123403 0xfff041 0x0000f1; do
		run --separate-stderr iomap decode "$minor"
		assert_success
		base=$(sed -n 's/^base *//p' <<<"$output")
		size=$(sed -n 's/^size *\(0x[0-9a-f]*\).*/\1/p' <<<"$output")
		run --separate-stderr iomap encode "$base" "$size"
		assert_output "$minor"
	done
}

@test "-m maps the minor's physical range through --mem, printing physical addresses" {
	mem=$BATS_TEST_TMPDIR/mem
	zero_file "$mem" $((0xf4000000 + 0x2000))
	run --separate-stderr iomap --mem="$mem" -m 0x4000e1 poke 0x1000 0xcafef00d
	assert_success
	assert_equal "$(hex_at "$mem" $((0xf4001000)) 4)" 0df0feca
	run --separate-stderr iomap --mem="$mem" -m 0x4000e1 dump 0x1000+16
	assert_success
	assert_output "f4001000: cafef00d 00000000 00000000 00000000  ................"
}

@test "-m refuses an offset past the minor's size, before touching anything" {
	run --separate-stderr iomap --mem=/nonexistent -m 0x4000e1 peek 64M
	assert_failure 2
	assert_stderr "iomap: 1 32-bit word at offset 0x4000000 would run past the end of minor 0x4000e1 (0xf4000000-0xf7ffffff) (size 0x4000000, 64 MiB)"
	# messages name the offset as typed, not the physical address
	run --separate-stderr iomap --mem=/nonexistent -m 0x4000e1 peek 2
	assert_failure 2
	assert_stderr "iomap: offset 0x2 is not aligned to the 32-bit access width"
	run --separate-stderr iomap -m 0x4000e0 peek 0
	assert_failure 2
	assert_stderr "iomap: -m 0x4000e0: not a valid pa minor number: its size multiplier M is 0"
}
