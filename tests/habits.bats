#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Writes nobody asked for, and the habits of the peer tools (busybox devmem,
# devmem2, U-Boot's md/mw): poke OFFSET W VALUE, peek OFFSET COUNT over a
# register with read side effects, VALUE:MASK typos, fill without a length
# and write ranges over a description, the hints for other tools' commands,
# devmem, help. Every refusal exits 2 and leaves the region's bytes as they
# were. Words in files are little-endian (the byte-order assumption of
# helpers).

load helpers

MKREGS=$TESTS_SRCDIR/fixtures/mkregs

setup_file() {
	FX=$BATS_FILE_TMPDIR/fx
	"$MKREGS" "$FX"
	export FX
}

setup() {
	export XDG_CACHE_HOME=$BATS_TEST_TMPDIR/cache
	cd "$BATS_TEST_TMPDIR"
	pattern_file img.bin 8192
	cp img.bin img.orig
}

# unchanged: img.bin holds the bytes it started with.
unchanged() {
	cmp img.bin img.orig
}

@test "poke OFFSET W VALUE (devmem's ADDRESS WIDTH VALUE) is refused with both readings" {
	for w in 8 16 32 64; do
		run --separate-stderr iomap -f img.bin --trace poke 0x10 $w 0x12
		assert_failure 2
		assert_stderr "iomap: poke 0x10 $w 0x12 is ambiguous: $w looks like an access width (busybox devmem's ADDRESS WIDTH VALUE)
iomap:   one $w-bit word: iomap -w $w poke 0x10 0x12
iomap:   two words, $w and 0x12: write the first in hex, iomap poke 0x10 $(printf '0x%x' $w) 0x12
iomap:   nothing was written"
		unchanged
	done
	# in a script too, before the script's first access
	printf 'poke 0 1\npoke 0x10 32 0x1234\n' > s.iomap
	run --separate-stderr iomap -f img.bin run s.iomap
	assert_failure 2
	assert_stderr --partial 'poke 0x10 32 0x1234 is ambiguous'
	unchanged
	# what is written out is two words; other counts and widths are values
	run iomap -f img.bin poke 0x10 0x20 0x1234
	assert_success
	assert_equal "$(hex_at img.bin 0x10 8)" 2000000034120000
	run iomap -f img.bin poke 0x20 33 0x1234
	assert_success
	assert_equal "$(hex_at img.bin 0x20 8)" 2100000034120000
	run iomap -f img.bin poke 0x30 32 1 2
	assert_success
	assert_equal "$(hex_at img.bin 0x30 12)" 200000000100000002000000
	run iomap -f img.bin -w 32 poke 0x40 0x1234
	assert_success
	assert_equal "$(hex_at img.bin 0x40 4)" 34120000
}

@test "poke VALUE:MASK with bits outside MASK is refused, as in wait and search" {
	run --separate-stderr iomap -f img.bin --trace poke 0x10 0x8:0x1
	assert_failure 2
	assert_stderr "iomap: value '0x8:0x1' has bits outside its mask: poke writes (old & ~MASK) | VALUE, so those bits would be lost; give VALUE inside MASK
iomap:   in VALUE 1 of 1; nothing was written"
	unchanged
	run --separate-stderr iomap -f img.bin poke 0x10 1 2 0x8:0x1
	assert_failure 2
	assert_stderr --partial 'in VALUE 3 of 3; nothing was written'
	unchanged
	# a named register's VALUE:MASK too
	run --separate-stderr iomap -f img.bin -r "$FX/features.regs" poke gpio.dir 0x3:0x1
	assert_failure 2
	assert_stderr --partial "iomap: value '0x3:0x1' has bits outside its mask"
	unchanged
	run --separate-stderr iomap -f img.bin wait 0x10 0x8:0x1
	assert_failure 2
	run --separate-stderr iomap -f img.bin search 0x8:0x1
	assert_failure 2
	# inside the mask it is the read-modify-write of setpci's rule
	run iomap -f img.bin poke 0x10 0x8:0x8
	assert_success
	assert_equal "$(hex_at img.bin 0x10 4)" 18111213
}
