#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Whole-region work (SPEC §3): load, compare, crc32 and search on regular
# files and the fake sysfs tree, every width and refusal. Expected bytes and
# CRCs come from printf and python3's zlib. Assumes a little-endian host.

load helpers

# python3 from the system: a version manager's shim can take seconds.
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3

setup() {
	F=$BATS_TEST_TMPDIR/img
	pattern_file "$F" 4096
	W=$BATS_TEST_TMPDIR/fw.bin
	$PY -c 'import sys; sys.stdout.buffer.write(bytes((i * 7 + 3) & 0xff for i in range(1024)))' > "$W"
}

# pycrc FILE [OFFSET LENGTH]: zlib's CRC-32 of the bytes, as 0x%08x.
pycrc() {
	$PY - "$@" <<-'END'
	import sys, zlib
	data = open(sys.argv[1], 'rb').read()
	if len(sys.argv) > 2:
	    off = int(sys.argv[2], 0)
	    data = data[off:off + int(sys.argv[3], 0)]
	print('0x%08x' % zlib.crc32(data))
	END
}

# same_bytes A OFFA B OFFB LEN: the byte ranges are equal.
same_bytes() {
	assert_equal "$(hex_at "$1" "$2" "$5")" "$(hex_at "$3" "$4" "$5")"
}

@test "load stores FILE's bytes from START at every width, nothing else" {
	for w in 8 16 32 64; do
		pattern_file "$F" 4096
		run --separate-stderr iomap -f "$F" -w $w load 0x800 "$W"
		assert_success
		assert_output ''
		assert_stderr ''
		same_bytes "$F" 0x800 "$W" 0 1024
		# the bytes around it are untouched
		assert_equal "$(hex_at "$F" 0x7f8 8)" f8f9fafbfcfdfeff
		assert_equal "$(hex_at "$F" 0xc00 4)" 00010203
	done
}

@test "load --trace shows one store of the width per word, ascending, values from FILE" {
	printf '\x11\x22\x33\x44\x55\x66\x77\x88' > "$BATS_TEST_TMPDIR/eight"
	run --separate-stderr iomap -f "$F" -w 16 --trace load 0x10 "$BATS_TEST_TMPDIR/eight"
	assert_success
	assert_stderr "W16 0x00000010 <- 0x2211
W16 0x00000012 <- 0x4433
W16 0x00000014 <- 0x6655
W16 0x00000016 <- 0x8877"
	assert_equal "$(hex_at "$F" 0x10 8)" 1122334455667788
	run --separate-stderr iomap -f "$F" -w 64 --trace load 0x20 "$W"
	assert_success
	assert_equal "$(grep -c '^W64 0x' <<<"$stderr")" 128
	assert_equal "$(wc -l <<<"$stderr")" 128
	assert_equal "$(sed -n '1p;128p' <<<"$stderr" | cut -c1-14 | tr '\n' ' ')" "W64 0x00000020 W64 0x00000418 "
	assert_equal "$(sed -n 2p <<<"$stderr")" "W64 0x00000028 <- 0x6c655e575049423b"
}

@test "load --dry-run reads FILE, traces the stores and writes nothing" {
	sum=$(checksum "$F")
	run --separate-stderr iomap -f "$F" -w 32 --dry-run load 0 "$W"
	assert_success
	assert_equal "$(wc -l <<<"$stderr")" 256
	assert_equal "$(head -1 <<<"$stderr")" "W32 0x00000000 <- 0x18110a03"
	assert_equal "$(checksum "$F")" "$sum"
}

@test "load refuses bad input before any access, and writes nothing" {
	sum=$(checksum "$F")
	printf 'abc' > "$BATS_TEST_TMPDIR/three"
	: > "$BATS_TEST_TMPDIR/empty"
	pattern_file "$BATS_TEST_TMPDIR/big" 8192
	mkfifo "$BATS_TEST_TMPDIR/fifo"
	check() {
		run --separate-stderr iomap -f "$F" "$@"
		assert_failure 2
		assert_output ''
	}
	check load 0 "$BATS_TEST_TMPDIR/missing"
	assert_stderr "iomap: cannot open $BATS_TEST_TMPDIR/missing: No such file or directory"
	check load 0 "$BATS_TEST_TMPDIR/three"
	assert_stderr "iomap: size 0x3 of $BATS_TEST_TMPDIR/three is not a multiple of the 32-bit access width"
	check -w 16 load 0 "$BATS_TEST_TMPDIR/three"
	assert_stderr "iomap: size 0x3 of $BATS_TEST_TMPDIR/three is not a multiple of the 16-bit access width"
	check load 0 "$BATS_TEST_TMPDIR/empty"
	assert_stderr "iomap: $BATS_TEST_TMPDIR/empty is empty: nothing to load"
	check load 0 "$BATS_TEST_TMPDIR/big"
	assert_stderr "iomap: 2048 32-bit words at offset 0x0 would run past the end of $F (size 0x1000, 4 KiB)"
	check load 0xc04 "$W"
	assert_stderr "iomap: 256 32-bit words at offset 0xc04 would run past the end of $F (size 0x1000, 4 KiB)"
	check load 0x2 "$W"
	assert_stderr "iomap: offset 0x2 is not aligned to the 32-bit access width"
	check load 0+2k "$W"
	assert_stderr "iomap: length 0x800 is more than $W holds (0x400 bytes)"
	check load 0+6 "$W"
	assert_stderr "iomap: length 0x6 of $W is not a multiple of the 32-bit access width"
	check load 0+0 "$W"
	assert_stderr "iomap: range '0+0' is empty"
	check load zz "$W"
	assert_stderr "iomap: invalid start 'zz': not a number
iomap:   a register name needs a description: give it with --regs FILE"
	check load 9z "$W"
	assert_stderr "iomap: invalid start '9z': trailing characters"
	check load 0 -
	assert_stderr "iomap: load from standard input needs START+LENGTH: its size is not known beforehand"
	check load 0 "$BATS_TEST_TMPDIR/fifo" 
	assert_stderr "iomap: $BATS_TEST_TMPDIR/fifo is not a regular file: give START+LENGTH"
	check load 0 "$BATS_TEST_TMPDIR"
	assert_stderr "iomap: $BATS_TEST_TMPDIR is a directory"
	check load --max=1 0 "$W"
	assert_stderr --partial "iomap: --max goes with compare and search"
	check -w 64 load 0 "$W" extra
	assert_stderr --partial "iomap: load takes START FILE (too many arguments)"
	assert_equal "$(checksum "$F")" "$sum"
}

@test "load from standard input with START+LENGTH; LENGTH may shorten a FILE" {
	run --separate-stderr bash -c "'$IOMAP' -f '$F' -w 64 load 0x100+1k - < '$W'"
	assert_success
	same_bytes "$F" 0x100 "$W" 0 1024
	pattern_file "$F" 4096
	run --separate-stderr bash -c "cat '$W' | '$IOMAP' -f '$F' load 0+16 -"
	assert_success
	same_bytes "$F" 0 "$W" 0 16
	assert_equal "$(hex_at "$F" 16 4)" 10111213
	pattern_file "$F" 4096
	run --separate-stderr iomap -f "$F" -w 8 load 0x10+3 "$W"
	assert_success
	same_bytes "$F" 0x10 "$W" 0 3
	assert_equal "$(hex_at "$F" 0x13 1)" 13
}

@test "load: an input that ends early fails after saying what was written" {
	run --separate-stderr bash -c "head -c 100 '$W' | '$IOMAP' -f '$F' -w 32 load 0x40+1k -"
	assert_failure 1
	assert_stderr "iomap: standard input ended after 0x64 of 0x400 bytes
iomap:   nothing was written"
	pattern_file "$BATS_TEST_TMPDIR/big" $((32 << 10))
	run --separate-stderr bash -c "head -c 20000 /dev/zero | '$IOMAP' -f '$BATS_TEST_TMPDIR/big' load 0+24k -"
	assert_failure 1
	assert_stderr --partial "iomap: standard input ended after 0x4e20 of 0x6000 bytes"
	# A FILE truncated between the check and the load: an earlier line of
	# the same script rewrites it.
	cp "$W" "$BATS_TEST_TMPDIR/shrinks"
	printf 'dump --raw -o %s 0+16\nload 0 %s\n' "$BATS_TEST_TMPDIR/shrinks" "$BATS_TEST_TMPDIR/shrinks" > "$BATS_TEST_TMPDIR/s"
	run --separate-stderr iomap -f "$F" run "$BATS_TEST_TMPDIR/s"
	assert_failure 1
	assert_stderr "iomap: $BATS_TEST_TMPDIR/s:2: $BATS_TEST_TMPDIR/shrinks ended after 0x10 of 0x400 bytes (it was truncated while in use)
iomap:   nothing was written"
}

@test "load --verify reads back each block; --json says what was loaded" {
	run --separate-stderr iomap -f "$F" -w 64 load --verify 0 "$W"
	assert_success
	assert_output ''
	same_bytes "$F" 0 "$W" 0 1024
	run --separate-stderr iomap -f "$F" -w 64 load --verify --json 0x400 "$W"
	assert_success
	assert_output "{\"region\":\"$F\",\"file\":\"$W\",\"width\":64,\"address\":\"0x00000400\",\"length\":1024,\"verified\":true}"
	run --separate-stderr iomap -f "$F" --trace --verify -w 32 load 0 "$BATS_TEST_TMPDIR/../$(basename "$BATS_TEST_TMPDIR")/fw.bin"
	assert_success
	assert_equal "$(grep -c '^W32' <<<"$stderr")" 256
	assert_equal "$(grep -c '^R32' <<<"$stderr")" 256
}

@test "compare: exit 0 and silent when equal, at every width" {
	iomap -f "$F" load 0x200 "$W"
	for w in 8 16 32 64; do
		run --separate-stderr iomap -f "$F" -w $w compare 0x200 "$W"
		assert_success
		assert_output ''
		assert_stderr ''
	done
}

@test "compare: exit 1 and the differing words, address, region word, file word" {
	iomap -f "$F" load 0x200 "$W"
	printf '\xaa' | dd of="$F" bs=1 seek=$((0x211)) conv=notrunc status=none
	printf '\xbb\xcc' | dd of="$F" bs=1 seek=$((0x3fe)) conv=notrunc status=none
	run --separate-stderr iomap -f "$F" compare 0x200 "$W"
	assert_failure 1
	assert_stderr ''
	# file bytes at 0x10: 0x73 0x7a 0x81 0x88; at 0x1fc: 0xe7 0xee 0xf5 0xfc
	assert_output "0x00000210 0x8881aa73 0x88817a73
0x000003fc 0xccbbeee7 0xfcf5eee7"
	run --separate-stderr iomap -f "$F" -w 8 compare 0x200 "$W"
	assert_failure 1
	assert_output "0x00000211 0xaa 0x7a
0x000003fe 0xbb 0xf5
0x000003ff 0xcc 0xfc"
	run --separate-stderr iomap -f "$F" -w 8 compare --max=2 0x200 "$W"
	assert_failure 1
	assert_output "0x00000211 0xaa 0x7a
0x000003fe 0xbb 0xf5"
	run --separate-stderr iomap -f "$F" -w 8 compare --max=0 0x200 "$W"
	assert_failure 1
	assert_output ''
	run --separate-stderr iomap -f "$F" -w 64 compare --json 0x200 "$W"
	assert_failure 1
	assert_equal "$(jq -r '[.equal, .complete, (.differences | length), .differences[0].address, .differences[0].region, .differences[0].file, .file] | join(" ")' <<<"$output")" \
		"false true 2 0x00000210 0xa49d968f8881aa73 0xa49d968f88817a73 $W"
	run --separate-stderr iomap -f "$F" -w 8 compare --json --max=1 0x200 "$W"
	assert_failure 1
	assert_equal "$(jq -r '[.complete, (.differences | length)] | join(" ")' <<<"$output")" "false 1"
	run --separate-stderr iomap -f "$F" -w 8 compare --json 0x200+0x11 "$W"
	assert_success
	assert_equal "$(jq -c '[.equal, .complete, .differences]' <<<"$output")" '[true,true,[]]'
}

@test "compare: at most 10 words without --max; more with it" {
	zero_file "$BATS_TEST_TMPDIR/zero" 1024
	run --separate-stderr iomap -f "$F" compare 0 "$BATS_TEST_TMPDIR/zero"
	assert_failure 1
	assert_equal "${#lines[@]}" 10
	assert_line --index 9 "0x00000024 0x27262524 0x00000000"
	run --separate-stderr iomap -f "$F" compare --max=1000 0 "$BATS_TEST_TMPDIR/zero"
	assert_equal "${#lines[@]}" 256
}

@test "compare from standard input, and its refusals" {
	run --separate-stderr bash -c "head -c 64 '$F' | '$IOMAP' -f '$F' compare 0+64 -"
	assert_success
	run --separate-stderr bash -c "head -c 64 '$F' | '$IOMAP' -f '$F' compare 4+64 -"
	assert_failure 1
	assert_line --index 0 "0x00000004 0x07060504 0x03020100"
	run --separate-stderr iomap -f "$F" compare 0 -
	assert_failure 2
	assert_stderr "iomap: compare from standard input needs START+LENGTH: its size is not known beforehand"
	run --separate-stderr iomap -f "$F" compare 0 "$BATS_TEST_TMPDIR/missing"
	assert_failure 2
	run --separate-stderr iomap -f "$F" compare 0xf00 "$W"
	assert_failure 2
	assert_stderr "iomap: 256 32-bit words at offset 0xf00 would run past the end of $F (size 0x1000, 4 KiB)"
	run --separate-stderr iomap -f "$F" compare --verify 0 "$W"
	assert_failure 2
	assert_stderr --partial "iomap: --verify goes with poke and load"
}

@test "crc32 is zlib's CRC-32 of the region, a RANGE, at every width" {
	$PY -c 'import os, sys; sys.stdout.buffer.write(os.urandom(65536))' > "$F"
	for w in 8 16 32 64; do
		run --separate-stderr iomap -f "$F" -w $w crc32
		assert_success
		assert_output "$(pycrc "$F")"
		assert_stderr ''
		run --separate-stderr iomap -f "$F" -w $w crc32 0x1008+0x3f8
		assert_output "$(pycrc "$F" 0x1008 0x3f8)"
	done
	# START alone: 256 bytes, as for dump
	run --separate-stderr iomap -f "$F" crc32 0x100
	assert_output "$(pycrc "$F" 0x100 256)"
	# a known value: the CRC-32 check value of "123456789"
	printf 123456789 > "$BATS_TEST_TMPDIR/check"
	run --separate-stderr iomap -f "$BATS_TEST_TMPDIR/check" -w 8 crc32
	assert_output 0xcbf43926
	run --separate-stderr iomap -f "$F" crc32 --json 0+16
	assert_output "{\"region\":\"$F\",\"width\":32,\"address\":\"0x00000000\",\"length\":16,\"crc32\":\"$(pycrc "$F" 0 16)\"}"
}

@test "crc32 --trace shows one load of the width per word" {
	run --separate-stderr iomap -f "$F" -w 16 --trace crc32 0x10+8
	assert_success
	assert_output "$(pycrc "$F" 0x10 8)"
	assert_stderr "R16 0x00000010 -> 0x1110
R16 0x00000012 -> 0x1312
R16 0x00000014 -> 0x1514
R16 0x00000016 -> 0x1716"
	run --separate-stderr iomap -f "$F" --dry-run crc32 0+8
	assert_success
	assert_output ''
	assert_stderr "R32 0x00000000 -> ?
R32 0x00000004 -> ?"
}

@test "crc32 and search refuse bad input before any access" {
	run --separate-stderr iomap -f "$F" crc32 0x2+4
	assert_failure 2
	assert_stderr "iomap: range start 0x2 is not aligned to the 32-bit access width"
	run --separate-stderr iomap -f "$F" crc32 0+0x1004
	assert_failure 2
	run --separate-stderr iomap -f "$F" crc32 0 1
	assert_failure 2
	assert_stderr --partial "iomap: crc32 takes one RANGE, START+LENGTH: for 0x1 bytes from 0 give crc32 0+1; up to 1, crc32 0+0x1"
	run --separate-stderr iomap --mem="$F" crc32
	assert_failure 2
	assert_stderr "iomap: crc32 of $F needs a RANGE (START+LENGTH)"
	run --separate-stderr iomap --mem="$F" search 0
	assert_failure 2
	assert_stderr "iomap: search of $F needs a RANGE (START+LENGTH)"
	run --separate-stderr iomap -f "$F" -w 8 search 0x100
	assert_failure 2
	assert_stderr "iomap: value '0x100' is wider than the 8-bit access width"
	run --separate-stderr iomap -f "$F" search 0x11:0x10
	assert_failure 2
	assert_stderr "iomap: search for '0x11:0x10' can never match: the value has bits outside the mask"
	run --separate-stderr iomap -f "$F" search --max=x 1
	assert_failure 2
	assert_stderr --partial "iomap: invalid max 'x': not a number"
	run --separate-stderr iomap -f "$F" crc32 --max=1
	assert_failure 2
	assert_stderr --partial "iomap: --max goes with compare and search"
}

@test "search prints ADDRESS: VALUE for each matching word, ascending; exit 1 when none" {
	run --separate-stderr iomap -f "$F" search 0x13121110
	assert_success
	assert_equal "${#lines[@]}" 16
	assert_line --index 0 '0x00000010: 0x13121110'
	assert_line --index 15 '0x00000f10: 0x13121110'
	run --separate-stderr iomap -f "$F" -w 16 search 0x0f0e
	assert_equal "$output" "$(printf '0x%08x: 0x0f0e\n' $(seq 14 256 4095))"
	run --separate-stderr iomap -f "$F" -w 8 search 0x7f
	assert_equal "$output" "$(printf '0x%08x: 0x7f\n' $(seq 127 256 4095))"
	run --separate-stderr iomap -f "$F" -w 64 search 0x0f0e0d0c0b0a0908
	assert_equal "$output" "$(printf '0x%08x: 0x0f0e0d0c0b0a0908\n' $(seq 8 256 4095))"
	run --separate-stderr iomap -f "$F" search 0xdeadbeef
	assert_failure 1
	assert_output ''
	assert_stderr ''
	# unaligned copies of the value are not words: not found
	run --separate-stderr iomap -f "$F" search 0x14131211
	assert_failure 1
}

@test "search with a MASK, a RANGE and --max" {
	# words whose low byte is 0x40..0x4f
	run --separate-stderr iomap -f "$F" search 0+0x100 0x40:0xf0
	assert_success
	# each hit shows the whole word, not the masked bits
	assert_output "0x00000040: 0x43424140
0x00000044: 0x47464544
0x00000048: 0x4b4a4948
0x0000004c: 0x4f4e4d4c"
	run --separate-stderr iomap -f "$F" search 0x800+0x800 0x40:0xf0 --max=3
	assert_output "0x00000840: 0x43424140
0x00000844: 0x47464544
0x00000848: 0x4b4a4948"
	run --separate-stderr iomap -f "$F" search --max=0 0x40:0xf0
	assert_success
	assert_output ''
	run --separate-stderr iomap -f "$F" search --max=0 0x41:0xff
	assert_failure 1
	run --separate-stderr iomap -f "$F" search --json 0+0x100 0x40:0xf0
	assert_output "{\"region\":\"$F\",\"width\":32,\"address\":\"0x00000000\",\"length\":256,\"value\":\"0x00000040\",\"mask\":\"0x000000f0\",\"matches\":[\"0x00000040\",\"0x00000044\",\"0x00000048\",\"0x0000004c\"]}"
	run --separate-stderr iomap -f "$F" search --json 0xdeadbeef
	assert_failure 1
	assert_equal "$(jq -c .matches <<<"$output")" '[]'
}

# each_region: for every kind of region on the fake tree, "NAME|OPTIONS|FILE|OFFSET"
# where FILE holds the region's bytes from OFFSET.
each_region() {
	local dev=$SYS/devices
	echo "memory BAR|--sysfs=$SYS -s 00:03.0|$dev/0000:00:03.0/resource0|0"
	echo "I/O BAR|--sysfs=$SYS -s 00:04.0 -b 1|$dev/0000:00:04.0/resource1|0"
	echo "BAR through /dev/mem|--sysfs=$SYS --mem=$MEM -s 00:06.0|$MEM|$((0xfebc0000))"
	echo "minor through /dev/mem|--mem=$MEM -m 0x4000e1|$MEM|$((0xf4000000))"
}

@test "load, compare, crc32 and search in every kind of region" {
	fake_sys
	MEM=$BATS_TEST_TMPDIR/mem
	zero_file "$MEM" $((0xfec00000))
	head -c 64 "$W" > "$BATS_TEST_TMPDIR/small"
	while IFS='|' read -r name opts file base; do
		for w in 8 16 32; do
			# shellcheck disable=SC2086
			run --separate-stderr iomap $opts -w $w load 0x40 "$BATS_TEST_TMPDIR/small"
			assert_success
			same_bytes "$file" $((base + 0x40)) "$BATS_TEST_TMPDIR/small" 0 64
			run --separate-stderr iomap $opts -w $w compare 0x40 "$BATS_TEST_TMPDIR/small"
			assert_success
			run --separate-stderr iomap $opts -w $w crc32 0x40+64
			assert_output "$(pycrc "$BATS_TEST_TMPDIR/small")" || fail "$name"
			run --separate-stderr iomap $opts -w $w crc32 0+64
			assert_output "$(pycrc "$file" $base 64)"
		done
		run --separate-stderr iomap $opts search 0x40+64 0x342d261f
		assert_success
		# the address is physical for /dev/mem and -m, an offset otherwise
		phys=0
		[[ $name == minor* ]] && phys=$base
		assert_output "$(printf '0x%08x: 0x342d261f' $((phys + 0x44)))"
		run --separate-stderr iomap $opts compare 0x3c+8 "$BATS_TEST_TMPDIR/small"
		assert_failure 1
		assert_line --index 0 "$(printf '0x%08x 0x00000000 0x%08x' $((phys + 0x3c)) 0x18110a03)"
	done < <(each_region)
	# the I/O BAR takes no 64-bit access
	run --separate-stderr iomap --sysfs="$SYS" -s 00:04.0 -b 1 -w 64 crc32
	assert_failure 2
	assert_stderr "iomap: 0000:00:04.0 BAR1 is an I/O BAR: 64-bit access is not possible (use -w 8, 16 or 32)"
}

@test "the I/O BAR is loaded with pwrite and read with pread of the width, one per word" {
	command -v strace >/dev/null || skip "strace is not installed"
	skip_instrumented "traces system calls with strace"
	fake_sys
	head -c 16 "$W" > "$BATS_TEST_TMPDIR/small"
	strace -e trace=pwrite64 -o "$BATS_TEST_TMPDIR/trace" "$IOMAP" --sysfs="$SYS" -s 00:04.0 -b 1 -w 16 load 0x10 "$BATS_TEST_TMPDIR/small"
	run grep -cE '^pwrite64\([0-9]+, "[^"]*", 2, (16|18|20|22|24|26|28|30)\) += 2$' "$BATS_TEST_TMPDIR/trace"
	assert_output 8
	strace -e trace=pread64 -o "$BATS_TEST_TMPDIR/trace" "$IOMAP" --sysfs="$SYS" -s 00:04.0 -b 1 -w 32 crc32 0x10+16
	run grep -cE '^pread64\([0-9]+, "[^"]*", 4, (16|20|24|28)\) += 4$' "$BATS_TEST_TMPDIR/trace"
	assert_output 4
}

@test "the four commands in a script and in the shell" {
	cat > "$BATS_TEST_TMPDIR/s" <<-END
	load 0x100 $W
	compare 0x100 $W
	crc32 0x100+1k
	search -w 16 0x100+1k 0x0a03
	width 8
	search 0x100+1k 0x0a --max=1
	END
	run --separate-stderr iomap -f "$F" run "$BATS_TEST_TMPDIR/s"
	assert_success
	assert_output "$(pycrc "$W")
0x00000100: 0x0a03
0x00000200: 0x0a03
0x00000300: 0x0a03
0x00000400: 0x0a03
0x00000101: 0x0a"
	run --separate-stderr bash -c "printf 'crc32 0x100+1k\ncompare 0 $W\nsearch 0xdeadbeef\ncrc32\n' | '$IOMAP' -f '$F' shell"
	assert_output "$(pycrc "$W")
$(iomap -f "$F" compare 0 "$W")
$(pycrc "$F")"
	# a difference and no match: the lines' status, no message
	assert_stderr ''
	# a script stops at a compare that finds a difference
	printf 'compare 0 %s\necho not reached\n' "$W" > "$BATS_TEST_TMPDIR/s"
	run --separate-stderr iomap -f "$F" run "$BATS_TEST_TMPDIR/s"
	assert_failure 1
	refute_output --partial 'not reached'
	# every line is checked before the first access
	sum=$(checksum "$F")
	printf 'load 0 %s\nload 0 %s\n' "$W" "$BATS_TEST_TMPDIR/missing" > "$BATS_TEST_TMPDIR/s"
	run --separate-stderr iomap -f "$F" run "$BATS_TEST_TMPDIR/s"
	assert_failure 2
	assert_stderr "iomap: $BATS_TEST_TMPDIR/s:2: cannot open $BATS_TEST_TMPDIR/missing: No such file or directory"
	assert_equal "$(checksum "$F")" "$sum"
}
