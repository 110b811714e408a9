#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# peek, poke, dump and fill on regular files: widths, read-modify-write,
# output formats, refusals (SPEC §2, §3). Assumes a little-endian host.

load helpers

setup() {
	F=$BATS_TEST_TMPDIR/img
	pattern_file "$F" 4096
}

@test "peek reads one word of each width and prints width/4 hex digits" {
	run -0 --separate-stderr iomap -f "$F" -w 8 peek 0x11
	assert_output 0x11
	run -0 --separate-stderr iomap -f "$F" -w 16 peek 0x10
	assert_output 0x1110
	run -0 --separate-stderr iomap -f "$F" -w 32 peek 0x10
	assert_output 0x13121110
	run -0 --separate-stderr iomap -f "$F" -w 64 peek 0x10
	assert_output 0x1716151413121110
	run -0 --separate-stderr iomap -f "$F" peek 0x10
	assert_output 0x13121110
	assert_stderr ''
}

@test "width letters b, w, l, q are the same widths" {
	for pair in b:0x20 w:0x2120 l:0x23222120 q:0x2726252423222120; do
		run -0 --separate-stderr iomap -f "$F" -w "${pair%%:*}" peek 0x20
		assert_output "${pair#*:}"
	done
}

@test "peek COUNT reads consecutive words, one per line" {
	run --separate-stderr iomap -f "$F" -w 16 peek 0 3
	assert_success
	assert_output "0x0100
0x0302
0x0504"
	run --separate-stderr iomap -f "$F" peek 0xff0 4
	assert_success
	assert_line --index 3 0xfffefdfc
}

@test "options may stand before or after the command" {
	run --separate-stderr iomap -f "$F" -w 16 peek 0x10
	assert_success
	assert_output 0x1110
	run --separate-stderr iomap peek -f "$F" 0x10 -w 16
	assert_success
	assert_output 0x1110
	run --separate-stderr iomap peek 0x10 --width=16 --file="$F"
	assert_success
	assert_output 0x1110
}

@test "poke writes each width little-endian, and prints nothing" {
	run --separate-stderr iomap -f "$F" -w 8 poke 0 0xaa
	assert_success
	assert_output ''
	assert_stderr ''
	iomap -f "$F" -w 16 poke 2 0xbbcc
	iomap -f "$F" -w 32 poke 4 0x11223344
	iomap -f "$F" -w 64 poke 8 0x0102030405060708
	assert_equal "$(hex_at "$F" 0 16)" aa01ccbb443322110807060504030201
	assert_equal "$(hex_at "$F" 16 4)" 10111213
}

@test "poke of several values writes consecutive words" {
	run --separate-stderr iomap -f "$F" poke 0x100 1 2 0xdeadbeef
	assert_success
	assert_equal "$(hex_at "$F" 0x100 12)" 0100000002000000efbeadde
	assert_equal "$(hex_at "$F" 0x10c 4)" 0c0d0e0f
}

@test "VALUE:MASK changes only the MASK bits (setpci's rule), every width" {
	# 0x13121110 -> (old & ~0xff00) | 0xab00
	run --separate-stderr iomap -f "$F" poke 0x10 0xab00:0xff00
	assert_success
	assert_equal "$(hex_at "$F" 0x10 4)" 10ab1213
	iomap -f "$F" -w 8 poke 0x20 0x0c:0x0c
	assert_equal "$(hex_at "$F" 0x20 1)" 2c
	iomap -f "$F" -w 16 poke 0x30 0x8001:0x8001
	assert_equal "$(hex_at "$F" 0x30 2)" 31b1
	iomap -f "$F" -w 64 poke 0x40 0:0xffffffff00000000
	assert_equal "$(hex_at "$F" 0x40 8)" 4041424300000000
	# mixed whole and masked values in one poke
	iomap -f "$F" -w 8 poke 0x50 0x99 0x00:0x01 0x77
	assert_equal "$(hex_at "$F" 0x50 3)" 995077
}

@test "poke --verify reads back and succeeds when the word holds" {
	run --separate-stderr iomap -f "$F" poke --verify 0x10 0x12345678 0xab:0xff
	assert_success
	assert_equal "$(hex_at "$F" 0x10 8)" 78563412ab151617
}

@test "dump prints address, words of the width and the ASCII column" {
	printf 'Hello, iomap!\x00\x01\x7f' | dd of="$F" conv=notrunc status=none
	run --separate-stderr iomap -f "$F" dump 0+32
	assert_success
	assert_output "00000000: 6c6c6548 69202c6f 70616d6f 7f010021  Hello, iomap!...
00000010: 13121110 17161514 1b1a1918 1f1e1d1c  ................"
	run -0 --separate-stderr iomap -f "$F" -w 8 dump 0+16
	assert_output "00000000: 48 65 6c 6c 6f 2c 20 69 6f 6d 61 70 21 00 01 7f  Hello, iomap!..."
	run -0 --separate-stderr iomap -f "$F" -w 16 dump 0x10+16
	assert_output "00000010: 1110 1312 1514 1716 1918 1b1a 1d1c 1f1e  ................"
	run -0 --separate-stderr iomap -f "$F" -w 64 dump 0x10+16
	assert_output "00000010: 1716151413121110 1f1e1d1c1b1a1918  ................"
}

@test "a short last line keeps the ASCII column aligned" {
	run --separate-stderr iomap -f "$F" dump 0x40+20
	assert_success
	assert_output "00000040: 43424140 47464544 4b4a4948 4f4e4d4c  @ABCDEFGHIJKLMNO
00000050: 53525150                             PQRS"
}

@test "dump START alone shows 256 bytes, or up to the region's end" {
	run --separate-stderr iomap -f "$F" dump 0x100
	assert_success
	assert_equal "${#lines[@]}" 16
	assert_line --index 15 --partial '000001f0: f3f2f1f0'
	run -0 --separate-stderr iomap -f "$F" dump 0xfe0
	assert_equal "${#lines[@]}" 2
}

@test "dump with no RANGE dumps the whole -f region" {
	run --separate-stderr iomap -f "$F" dump
	assert_success
	assert_equal "${#lines[@]}" 256
	assert_line --index 255 '00000ff0: f3f2f1f0 f7f6f5f4 fbfaf9f8 fffefdfc  ................'
}

@test "dump squeezes a run of repeated lines into one *, as hexdump does; -v prints them all" {
	Z=$BATS_TEST_TMPDIR/zeros
	zero_file "$Z" 256
	printf 'A' | dd of="$Z" bs=1 seek=100 conv=notrunc status=none
	z='00000000 00000000 00000000 00000000  ................'
	run --separate-stderr iomap -f "$Z" dump
	assert_success
	assert_output "00000000: $z
*
00000060: 00000000 00000041 00000000 00000000  ....A...........
00000070: $z
*
000000f0: $z"
	# the last line is printed even inside a run; one repeat is no run
	run -0 iomap -f "$Z" dump 0+48
	assert_output "00000000: $z
*
00000020: $z"
	run -0 iomap -f "$Z" dump 0+32
	assert_output "00000000: $z
00000010: $z"
	# a short last line is no repeat
	run -0 iomap -f "$Z" dump 0+40
	assert_output "00000000: $z
*
00000020: 00000000 00000000                    ........"
	# -v, --all: every line
	for all in -v --all; do
		run -0 iomap -f "$Z" dump $all
		assert_equal "${#lines[@]}" 16
		assert_line --index 1 "00000010: $z"
	done
	# runs across the 16 KiB blocks dump reads in
	zero_file "$Z" $((64 << 10))
	run -0 iomap -f "$Z" -w 8 dump
	assert_output "00000000: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  ................
*
0000fff0: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  ................"
	# --raw and --json are never squeezed
	run -0 iomap -f "$Z" dump --json 0+64
	assert_output --partial '"words":["0x00000000","0x00000000",'
	assert_equal "$(jq '.words | length' <<<"$output")" 16
	iomap -f "$Z" dump --raw 0+4096 | cmp - <(head -c 4096 /dev/zero)
	# -v goes with dump only
	run --separate-stderr iomap -f "$Z" -v peek 0
	assert_failure 2
	assert_stderr --partial "iomap: -v goes with dump"
}

@test "dump of /dev/mem needs a RANGE" {
	run --separate-stderr iomap --mem="$F" dump
	assert_failure 2
	assert_stderr "iomap: dump of $F needs a RANGE (START+LENGTH)"
}

@test "dump addresses above 4 GiB widen the address column" {
	mem=$BATS_TEST_TMPDIR/mem
	zero_file "$mem" $((0x100001000))
	iomap --mem="$mem" -w 64 poke 0x100000008 0x4142434445464748
	assert_equal "$(hex_at "$mem" $((0x100000008)) 8)" 4847464544434241
	run --separate-stderr iomap --mem="$mem" dump 0x100000000+16
	assert_success
	assert_output "100000000: 00000000 00000000 45464748 41424344  ........HGFEDCBA"
}

@test "dump --raw writes the bytes, to stdout or -o FILE" {
	iomap -f "$F" dump --raw > "$BATS_TEST_TMPDIR/out"
	cmp "$F" "$BATS_TEST_TMPDIR/out"
	run --separate-stderr iomap -f "$F" dump --raw -o "$BATS_TEST_TMPDIR/out2" 0x100+0x100
	assert_success
	assert_output ''
	cmp <(tail -c +257 "$F" | head -c 256) "$BATS_TEST_TMPDIR/out2"
	run -0 --separate-stderr iomap -f "$F" -w 64 dump --raw 8+24
	assert_equal "$(printf '%s' "$output" | od -An -tx1 | tr -d ' \n')" "$(hex_at "$F" 8 24)"
}

@test "round trip: dump --raw, fill and poke, dump --raw is byte-exact" {
	iomap -f "$F" dump --raw -o "$BATS_TEST_TMPDIR/before"
	iomap -f "$F" fill 0x100+16 0xa5a5a5a5
	iomap -f "$F" -w 16 poke 0x200 0x2211 0x4433
	iomap -f "$F" dump --raw -o "$BATS_TEST_TMPDIR/after"
	expected=$BATS_TEST_TMPDIR/expected
	cp "$BATS_TEST_TMPDIR/before" "$expected"
	printf '\xa5%.0s' {1..16} | dd of="$expected" bs=1 seek=256 conv=notrunc status=none
	printf '\x11\x22\x33\x44' | dd of="$expected" bs=1 seek=512 conv=notrunc status=none
	cmp "$expected" "$BATS_TEST_TMPDIR/after"
	# and the saved image maps back: dump of it equals dump of the original
	cmp <(iomap -f "$BATS_TEST_TMPDIR/after" dump) <(iomap -f "$F" dump)
}

@test "dump --raw refuses to write binary to a terminal" {
	run script -qec "$IOMAP -f $F dump --raw 0+16" /dev/null
	assert_failure 2
	assert_output --partial "iomap: --raw writes binary data: redirect it, or give -o FILE"
}

@test "fill stores one word of each width over the range" {
	for w in 8:0x5a:5a 16:0x1234:3412 32:0xdeadbeef:efbeadde 64:0x0102030405060708:0807060504030201; do
		IFS=: read -r width pat bytes <<<"$w"
		pattern_file "$F" 4096
		run --separate-stderr iomap -f "$F" -w "$width" fill 0x80+32 "$pat"
		assert_success
		assert_output ''
		want=$(for ((i = 0; i < 32 / ${#bytes} * 2; i++)); do printf %s "$bytes"; done)
		assert_equal "$(hex_at "$F" 0x80 32)" "$want"
		assert_equal "$(hex_at "$F" 0x7f 1)" 7f
		assert_equal "$(hex_at "$F" 0xa0 1)" a0
	done
}

@test "unaligned offsets are refused for every command, touching nothing" {
	sum=$(checksum "$F")
	for cmd in "peek 2" "poke 2 1" "dump 2+8" "fill 2+8 0"; do
		run --separate-stderr iomap -f "$F" $cmd
		assert_failure 2
		assert_output ''
		assert_stderr --regexp 'not aligned to the 32-bit access width$'
	done
	run --separate-stderr iomap -f "$F" -w 16 dump 0+3
	assert_failure 2
	assert_stderr "iomap: range length 0x3 is not a multiple of the 16-bit access width"
	assert_equal "$(checksum "$F")" "$sum"
}

@test "accesses past the region's end are refused, touching nothing" {
	sum=$(checksum "$F")
	run --separate-stderr iomap -f "$F" peek 0xffc 2
	assert_failure 2
	assert_stderr "iomap: 2 32-bit words at offset 0xffc would run past the end of $F (size 0x1000, 4 KiB)"
	run --separate-stderr iomap -f "$F" poke 0xff8 1 2 3
	assert_failure 2
	run --separate-stderr iomap -f "$F" fill 0xf00+0x200 0
	assert_failure 2
	run --separate-stderr iomap -f "$F" -w 64 peek 0xffffffffffffff8
	assert_failure 2
	run --separate-stderr iomap -f "$F" dump 0x10+0xfffffffffffffff0
	assert_failure 2
	assert_stderr --partial 'would run past the end'
	assert_equal "$(checksum "$F")" "$sum"
}

@test "a bad value anywhere in a poke writes nothing at all" {
	sum=$(checksum "$F")
	run --separate-stderr iomap -f "$F" poke 0 1 2 3 zz 5
	assert_failure 2
	assert_stderr "iomap: invalid value 'zz': not a number
iomap:   in VALUE 4 of 5 ('zz'); nothing was written"
	run --separate-stderr iomap -f "$F" poke 0 1 2:0x1_ff_ff_ff_ff
	assert_failure 2
	assert_equal "$(checksum "$F")" "$sum"
}

@test "refusals happen before the region is opened or mapped" {
	command -v strace || skip "strace is not installed"
	skip_instrumented "counts system calls with strace"
	run strace -f -e trace=openat,mmap -o "$BATS_TEST_TMPDIR/trace" "$IOMAP" -f "$F" poke 0 1 2 x
	assert_failure 2
	run grep -c "$F" "$BATS_TEST_TMPDIR/trace"
	assert_output 0
}

@test "read-only commands open and map read-only; writers open read-write" {
	command -v strace || skip "strace is not installed"
	skip_instrumented "counts system calls with strace"
	for cmd in "peek 0" "dump 0+16"; do
		strace -e trace=openat,mmap -o "$BATS_TEST_TMPDIR/trace" "$IOMAP" -f "$F" $cmd >/dev/null
		run grep -e "openat(.*\"$F\"" -e MAP_SHARED "$BATS_TEST_TMPDIR/trace"
		assert_line --index 0 --partial 'O_RDONLY'
		assert_line --index 1 --partial 'PROT_READ, MAP_SHARED'
	done
	for cmd in "poke 0 1" "fill 0+16 0"; do
		strace -e trace=openat,mmap -o "$BATS_TEST_TMPDIR/trace" "$IOMAP" -f "$F" $cmd
		run grep -e "openat(.*\"$F\"" -e MAP_SHARED "$BATS_TEST_TMPDIR/trace"
		assert_line --index 0 --partial 'O_RDWR'
		assert_line --index 1 --partial 'PROT_READ|PROT_WRITE, MAP_SHARED'
	done
}

@test "/dev/mem is opened O_SYNC, a file given with -f is not" {
	command -v strace || skip "strace is not installed"
	skip_instrumented "counts system calls with strace"
	# each run opens the file once, and the trace shows that open
	strace -e trace=open,openat -o "$BATS_TEST_TMPDIR/trace" "$IOMAP" --mem="$F" peek 0 >/dev/null
	run grep "\"$F\"" "$BATS_TEST_TMPDIR/trace"
	assert_success
	assert_equal "${#lines[@]}" 1
	assert_output --regexp "^open(at)?\(.*\"$F\", O_RDONLY\|O_SYNC(\|O_CLOEXEC)?\) = [0-9]+$"
	strace -e trace=open,openat -o "$BATS_TEST_TMPDIR/trace" "$IOMAP" -f "$F" peek 0 >/dev/null
	run grep "\"$F\"" "$BATS_TEST_TMPDIR/trace"
	assert_success
	assert_equal "${#lines[@]}" 1
	assert_output --regexp "^open(at)?\(.*\"$F\", O_RDONLY(\|O_CLOEXEC)?\) = [0-9]+$"
}

@test "only the pages touched are mapped, page-aligned" {
	command -v strace || skip "strace is not installed"
	skip_instrumented "counts system calls with strace"
	mem=$BATS_TEST_TMPDIR/mem
	base=$((0x200000000))
	zero_file "$mem" $((base + 3 * PAGE))
	# two words either side of the second page boundary: two pages
	strace -e trace=mmap -o "$BATS_TEST_TMPDIR/trace" "$IOMAP" --mem="$mem" peek $((base + 2 * PAGE - 4)) 2 >/dev/null
	run grep 'MAP_SHARED' "$BATS_TEST_TMPDIR/trace"
	assert_output --regexp "mmap\(NULL, $((2 * PAGE)), PROT_READ, MAP_SHARED\|MAP_POPULATE, [0-9]+, $(printf 0x%x $((base + PAGE)))\)"
}

@test "a bus error during an access is reported with address, width and region" {
	pattern_file "$F" "$PAGE"	# SIGBUS comes from the page past the end
	run --separate-stderr iomap -f "$F" --size $((2 * PAGE)) -w 16 peek $((PAGE + 2))
	assert_failure 1
	assert_output ''
	assert_stderr "iomap: bus error (SIGBUS) during a 16-bit read at $(printf 0x%x $((PAGE + 2))) in $F
iomap:   $F is only $PAGE bytes long; the access is past its end"
	run --separate-stderr iomap -f "$F" --size $((2 * PAGE)) fill $((PAGE - 16))+32 0
	assert_failure 1
	assert_stderr --partial "iomap: bus error (SIGBUS) during a 32-bit write at $(printf 0x%x "$PAGE") in $F"
}

@test "a failed write to standard output fails the command" {
	run --separate-stderr bash -c "'$IOMAP' -f '$F' dump > /dev/full"
	assert_failure 1
	assert_stderr "iomap: cannot write standard output: No space left on device"
	run --separate-stderr bash -c "'$IOMAP' -f '$F' peek 0 > /dev/full"
	assert_failure 1
	assert_stderr "iomap: cannot write standard output: No space left on device"
	run --separate-stderr iomap -f "$F" dump --raw -o /dev/full
	assert_failure 1
	assert_stderr "iomap: cannot write /dev/full: No space left on device"
}

@test "-f with no size needs --size" {
	: > "$BATS_TEST_TMPDIR/empty"
	run --separate-stderr iomap -f "$BATS_TEST_TMPDIR/empty" peek 0
	assert_failure 2
	assert_stderr "iomap: -f $BATS_TEST_TMPDIR/empty: its size is unknown (empty file); give it with --size"
	run --separate-stderr iomap -f /dev/zero peek 0
	assert_failure 2
	assert_stderr "iomap: -f /dev/zero: its size is unknown (not a regular file); give it with --size"
	run --separate-stderr iomap -f /dev/zero --size 4k peek 0x10
	assert_success
	assert_output 0x00000000
}

@test "dump agrees with xxd for every width, full and short lines" {
	# xxd -e prints little-endian words: this assumes a little-endian host.
	head -c 65536 /dev/urandom > "$BATS_TEST_TMPDIR/random"
	head -c 1000 /dev/urandom > "$BATS_TEST_TMPDIR/short"
	for file in random short; do
		R=$BATS_TEST_TMPDIR/$file
		cmp <(xxd -g1 "$R") <(iomap -f "$R" -w 8 dump)
		cmp <(xxd -e -g2 "$R") <(iomap -f "$R" -w 16 dump)
		cmp <(xxd -e -g4 "$R") <(iomap -f "$R" -w 32 dump)
	done
	cmp <(xxd -e -g8 "$BATS_TEST_TMPDIR/random") <(iomap -f "$BATS_TEST_TMPDIR/random" -w 64 dump)
}

@test "dump -o FILE: a refused mapping leaves an existing FILE as it was and makes no new one" {
	# /proc files open but cannot be mapped (EIO)
	printf 'keep me\n' > "$BATS_TEST_TMPDIR/out"
	run --separate-stderr iomap -f /proc/version --size=4096 dump -o "$BATS_TEST_TMPDIR/out"
	assert_failure 1
	assert_stderr --partial "iomap: cannot map /proc/version at 0x0"
	assert_equal "$(cat "$BATS_TEST_TMPDIR/out")" 'keep me'
	run --separate-stderr iomap -f /proc/version --size=4096 dump --raw -o "$BATS_TEST_TMPDIR/new"
	assert_failure 1
	[ ! -e "$BATS_TEST_TMPDIR/new" ]
	# and a dump that can map still replaces FILE
	pattern_file "$F" 4096
	run --separate-stderr iomap -f "$F" dump --raw -o "$BATS_TEST_TMPDIR/out" 0+16
	assert_success
	assert_equal "$(hex_at "$BATS_TEST_TMPDIR/out" 0 16)" 000102030405060708090a0b0c0d0e0f
	assert_equal "$(stat -c %s "$BATS_TEST_TMPDIR/out")" 16
}
