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

# mem: a --mem file that holds features.regs' UART0 (at 0x1001_0000) and
# gpio (at 0x1000), the words of UART0 set apart.
mem_file() {
	rm -f mem
	truncate -s $((0x10011000)) mem
	printf '\x11\x11\x11\x11\x22\x22\x22\x22\x33\x33\x33\x33' |
		dd of=mem bs=1 seek=$((0x10010008)) conv=notrunc status=none
	cp mem mem.orig
}

@test "peek OFFSET COUNT over a register whose read has side effects is refused, named" {
	mem_file
	run --separate-stderr iomap --mem=mem -r "$FX/features.regs" --trace peek 0x10010008 32
	assert_failure 2
	assert_stderr "iomap: peek 0x10010008 32 would read register UART0.DATA (0x1001000c), whose read has side effects
iomap:   read it alone, by name (peek UART0.DATA) or by offset (peek 0x1001000c), or give a COUNT that leaves it out; nothing was read"
	assert_output ''
	# a 64-bit COUNT word spanning it, and a script line, too
	run --separate-stderr iomap --mem=mem -r "$FX/features.regs" -w 64 peek 0x10010008 2
	assert_failure 2
	assert_stderr --partial 'would read register UART0.DATA'
	printf 'peek 0x10010008\npeek 0x10010000 4\n' > s.iomap
	run --separate-stderr iomap --mem=mem -r "$FX/features.regs" --trace run s.iomap
	assert_failure 2
	assert_stderr --partial 'would read register UART0.DATA'
	[[ $stderr != *R32* ]]
	# the words around it, the register alone, and peek without a description
	run --separate-stderr iomap --mem=mem -r "$FX/features.regs" --trace peek 0x10010000 3
	assert_success
	assert_output $'0x00000000\n0x00000000\n0x11111111'
	run --separate-stderr iomap --mem=mem -r "$FX/features.regs" --trace peek 0x1001000c
	assert_success
	assert_output 0x22222222
	run --separate-stderr iomap --mem=mem -r "$FX/features.regs" peek uart0.data
	assert_success
	run --separate-stderr iomap --mem=mem peek 0x10010008 3
	assert_success
	assert_output $'0x11111111\n0x22222222\n0x33333333'
}

@test "fill needs START+LENGTH, or a register's name for that register alone" {
	run --separate-stderr iomap -f img.bin --trace fill 0x100 0
	assert_failure 2
	assert_stderr "iomap: fill needs START+LENGTH: '0x100' gives no length
iomap:   for example fill 0x100+0x100 0, or a register's name (with --regs) for that register alone; nothing was written"
	unchanged
	printf 'fill 0x100 0\n' > s.iomap
	run --separate-stderr iomap -f img.bin run s.iomap
	assert_failure 2
	assert_stderr --partial "fill needs START+LENGTH: '0x100' gives no length"
	unchanged
	# a register's name alone: one store of its width
	mem_file
	run --separate-stderr iomap --mem=mem -r "$FX/features.regs" --trace fill uart0.ctrl 0
	assert_success
	assert_stderr 'W32 0x10010008 <- 0x00000000  UART0.CTRL'
	assert_equal "$(hex_at mem 0x10010008 12)" 000000002222222233333333
	run --separate-stderr iomap -f img.bin --trace fill 0x100+8 0
	assert_success
	assert_stderr $'W32 0x00000100 <- 0x00000000\nW32 0x00000104 <- 0x00000000'
}

@test "fill and load over a description check every register in the range before the first store" {
	mem_file
	R=$FX/features.regs
	# read side effects (UART0.DATA), inside the range, not at its start
	run --separate-stderr iomap --mem=mem -r "$R" --trace fill uart0.ctrl+8 0
	assert_failure 2
	assert_stderr "iomap: fill uart0.ctrl+8 would store to register UART0.DATA (0x1001000c), whose read has side effects
iomap:   give a range that leaves it out; nothing was written"
	cmp mem mem.orig
	# read-only (gpio.out), from a number
	run --separate-stderr iomap --mem=mem -r "$R" -w 8 --trace fill 0x1000+2 0
	assert_failure 2
	assert_stderr "iomap: fill 0x1000+2 would store to register gpio.out (0x1001), which is read-only
iomap:   give a range that leaves it out; nothing was written"
	cmp mem mem.orig
	# a width that is not the register's
	run --separate-stderr iomap --mem=mem -r "$R" -w 16 --trace fill 0x10010000+16 0
	assert_failure 2
	assert_stderr "iomap: fill 0x10010000+16 would store 16 bits at a time to register UART0.CTRL (0x10010008), a 32-bit register
iomap:   give a range of registers of one width and that width (-w 32); nothing was written"
	cmp mem mem.orig
	# load, from a file and from standard input
	head -c 16 /dev/zero > z16
	run --separate-stderr iomap --mem=mem -r "$R" --trace load 0x10010000 z16
	assert_failure 2
	assert_stderr "iomap: load 0x10010000 would store to register UART0.DATA (0x1001000c), whose read has side effects
iomap:   give a range that leaves it out; nothing was written"
	run --separate-stderr iomap --mem=mem -r "$R" --trace load 0x10010000+16 - < z16
	assert_failure 2
	assert_stderr --partial 'would store to register UART0.DATA'
	cmp mem mem.orig
	# ranges that hold only what may be written are written
	run --separate-stderr iomap --mem=mem -r "$R" --trace fill 0x10010000+12 0x5
	assert_success
	assert_equal "$(hex_at mem 0x10010008 8)" 0500000022222222
	run --separate-stderr iomap --mem=mem -r "$R" load 0x10010000+8 - < z16
	assert_success
}

@test "durations take a decimal fraction (--timeout=1.5s); what is refused names its real cause" {
	# a wait that cannot end times out: the fraction was taken
	run --separate-stderr iomap -f img.bin wait 0 0x1:0x1 --timeout=0.05s --interval=0.5ms
	assert_failure 3
	assert_stderr --partial 'timed out'
	printf 'sleep 0.5ms\nsleep 1.5us\n' > s.iomap
	run --separate-stderr iomap -f img.bin run s.iomap
	assert_success
	run --separate-stderr iomap -f img.bin wait 0 1 --timeout=1.5ns
	assert_failure 2
	assert_stderr --partial "iomap: invalid timeout '1.5ns': finer than a nanosecond"
	run --separate-stderr iomap -f img.bin wait 0 1 --timeout=1.s
	assert_failure 2
	assert_stderr --partial "iomap: invalid timeout '1.s': no digits after the decimal point"
	run --separate-stderr iomap -f img.bin wait 0 1 --timeout=1,5s
	assert_failure 2
	assert_stderr --partial "iomap: invalid timeout '1,5s': a decimal fraction takes a point and digits (1.5s)"
	run --separate-stderr iomap -f img.bin wait 0 1 --timeout=1.5parsec
	assert_failure 2
	assert_stderr --partial "iomap: invalid timeout '1.5parsec': unknown unit (use ns, us, ms, s or m)"
	run --separate-stderr iomap -f img.bin wait 0 1 --timeout=18446744073.709551616s
	assert_failure 2
	assert_stderr --partial "too large"
	unchanged
}

@test "a missing input file exits 2, whichever option or argument names it" {
	local msg
	for args in "-f nonexist peek 0" "-f img.bin -r nonexist peek 0" \
		    "-f img.bin run nonexist" "-f img.bin load 0 nonexist" \
		    "-f img.bin compare 0 nonexist" "--pci-ids=nonexist list" \
		    "-f img.bin -r nonexist run s.iomap"; do
		printf 'poke 0 1\n' > s.iomap
		# shellcheck disable=SC2086
		run --separate-stderr iomap --trace $args
		assert_failure 2
		assert_stderr --regexp "^iomap: .*nonexist: No such file or directory$"
		unchanged
	done
	# the same options on a script's lines: the script stops before it runs
	for line in "region -f nonexist" "peek 0 -r nonexist" "region -r nonexist" \
		    "load 0 nonexist" "compare 0 nonexist"; do
		printf 'poke 0 1\n%s\npeek 0\n' "$line" > s.iomap
		run --separate-stderr iomap -f img.bin --trace run s.iomap
		assert_failure 2
		# (a region line's own mistake is reported at the line that
		# first uses the region: another branch's fix)
		assert_stderr --regexp "^iomap: s.iomap:[23]: .*nonexist: No such file or directory$"
		unchanged
	done
}

@test "U-Boot and devmem habits are refused with the iomap command that does it" {
	local cmd
	while IFS='|' read -r cmd want; do
		# shellcheck disable=SC2086
		run --separate-stderr iomap -f img.bin --trace $cmd
		assert_failure 2
		assert_stderr "iomap: $want
Try \`iomap --help' or \`iomap --usage' for more information."
		unchanged
	done <<'LIST'
md 0x1000|unknown command 'md': U-Boot's md is iomap's dump START+LENGTH, LENGTH in bytes
md.l 0x1000 4|unknown command 'md.l': U-Boot's md is iomap's dump START+LENGTH (-w 32), LENGTH in bytes
mw 0x10 1|unknown command 'mw': U-Boot's mw is iomap's poke OFFSET VALUE, or fill START+LENGTH PATTERN for a COUNT
mw.b 0 1 4|unknown command 'mw.b': U-Boot's mw is iomap's poke OFFSET VALUE (-w 8), or fill START+LENGTH PATTERN for a COUNT
read 0x10|unknown command 'read': to read, iomap peek OFFSET [COUNT] (-w for the width), or dump RANGE
r 0x10|unknown command 'r': to read, iomap peek OFFSET [COUNT] (-w for the width), or dump RANGE
write 0x10 1|unknown command 'write': to write, iomap poke OFFSET VALUE... (-w for the width), or fill RANGE PATTERN
0x1000|unknown command '0x1000': the command comes first: iomap peek 0x1000, iomap poke 0x1000 VALUE, or iomap devmem 0x1000 [WIDTH [VALUE]] (busybox's arguments)
0x10 0x12|unknown command '0x10': the command comes first: iomap peek 0x10, iomap poke 0x10 VALUE, or iomap devmem 0x10 [WIDTH [VALUE]] (busybox's arguments)
dump 0x100 0x200|dump takes one RANGE, START+LENGTH: for 0x200 bytes from 0x100 give dump 0x100+0x200; up to 0x200, dump 0x100+0x100
crc32 0x200 0x100|crc32 takes one RANGE, START+LENGTH: for 0x100 bytes from 0x200 give crc32 0x200+0x100
LIST
	# in a script, the same words
	printf 'poke 0 1\nmw 0x10 1\n' > s.iomap
	run --separate-stderr iomap -f img.bin run s.iomap
	assert_failure 2
	assert_stderr "iomap: s.iomap:2: unknown command 'mw': U-Boot's mw is iomap's poke OFFSET VALUE, or fill START+LENGTH PATTERN for a COUNT"
	unchanged
	# START-END for a RANGE, in every command that takes one
	for cmd in "dump 0x100-0x200" "crc32 0x100-0x200" "fill 0x100-0x200 0" "search 0x100-0x200 1"; do
		# shellcheck disable=SC2086
		run --separate-stderr iomap -f img.bin --trace $cmd
		assert_failure 2
		assert_stderr "iomap: invalid range '0x100-0x200': a RANGE is START+LENGTH, and START-END is not accepted: from 0x100 up to 0x200 is 0x100+0x100"
		unchanged
	done
	# an unknown word that is no habit stays unknown
	run --separate-stderr iomap -f img.bin mdx 0
	assert_failure 2
	assert_stderr --partial "iomap: unknown command 'mdx'"
}

@test "hex written without 0x gets a hint, as an offset, a value or a count" {
	run --separate-stderr iomap -f img.bin --trace peek ff
	assert_failure 2
	assert_stderr "iomap: invalid offset 'ff': not a number
iomap:   hex numbers take the 0x prefix: 0xff
iomap:   a register name needs a description: give it with --regs FILE"
	run --separate-stderr iomap -f img.bin --trace poke 0 beef
	assert_failure 2
	assert_stderr "iomap: invalid value 'beef': not a number
iomap:   hex numbers take the 0x prefix: 0xbeef
iomap:   in VALUE 1 of 1 ('beef'); nothing was written"
	unchanged
	run --separate-stderr iomap -f img.bin -r "$FX/features.regs" peek ff
	assert_failure 2
	assert_stderr --partial "iomap:   hex numbers take the 0x prefix: 0xff"
	run --separate-stderr iomap -f img.bin peek 0 ff
	assert_failure 2
	assert_stderr --partial "iomap:   hex numbers take the 0x prefix: 0xff"
	# the number parser's own words are not repeated
	run --separate-stderr iomap -f img.bin peek 1f
	assert_failure 2
	assert_stderr "iomap: invalid offset '1f': hexadecimal digits need a 0x prefix"
}

@test "devmem ADDRESS [WIDTH [VALUE]]: busybox's arguments on /dev/mem, devmem2's read-back line" {
	pattern_file mem 8192
	cp mem mem.orig
	# a read: busybox's output, 0x and width/4 uppercase digits
	run --separate-stderr iomap --mem=mem --trace devmem 0x1000
	assert_success
	assert_output 0x03020100
	assert_stderr 'R32 0x00001000 -> 0x03020100'
	while read -r w out; do
		run --separate-stderr iomap --mem=mem devmem 0x10f8 "$w"
		assert_success
		assert_output "$out"
	done <<'LIST'
8 0xF8
16 0xF9F8
32 0xFBFAF9F8
64 0xFFFEFDFCFBFAF9F8
b 0xF8
h 0xF9F8
w 0xFBFAF9F8
l 0xFFFEFDFCFBFAF9F8
LIST
	cmp mem mem.orig
	# a write: one store of the width, one read back, devmem2's line
	run --separate-stderr iomap --mem=mem --trace devmem 0x1002 16 0xbeef
	assert_success
	assert_output 'Written 0xBEEF; readback 0xBEEF'
	assert_stderr 'W16 0x00001002 <- 0xbeef
R16 0x00001002 -> 0xbeef'
	assert_equal "$(hex_at mem 0x1000 4)" 0001efbe
	# under --sysroot, as the default region
	mkdir -p root/dev
	cp mem root/dev/mem
	run --separate-stderr iomap --sysroot=root devmem 0x1000 h
	assert_success
	assert_output 0x0100
}

@test "devmem refusals: widths, values, leading 0, regions and -w, before any access" {
	pattern_file mem 8192
	cp mem mem.orig
	while IFS='|' read -r args want; do
		# shellcheck disable=SC2086
		run --separate-stderr iomap --mem=mem --trace $args
		assert_failure 2
		assert_stderr "iomap: $want"
		cmp mem mem.orig
	done <<'LIST'
devmem 0x1000 7|invalid devmem WIDTH '7': give it in bits, 8, 16, 32 or 64, or as busybox's letter, b (8), h (16), w (32) or l (64)
devmem 0x1000 4|invalid devmem WIDTH '4': give it in bits, 8, 16, 32 or 64, or as busybox's letter, b (8), h (16), w (32) or l (64)
devmem 0x1000 8 0x1ff|value '0x1ff' is wider than the 8-bit access width
devmem 010000|devmem address '010000' has a leading 0: busybox reads it as octal, iomap as decimal; write it in hex (0x...) or without the 0
devmem 0x1000 32 0777|devmem value '0777' has a leading 0: busybox reads it as octal, iomap as decimal; write it in hex (0x...) or without the 0
devmem 0x1001 32 1|offset 0x1001 is not aligned to the 32-bit access width
-w 8 devmem 0x1000|devmem takes its WIDTH as an argument, in bits: leave -w out
-f mem devmem 0x1000 8 1|devmem takes physical addresses, through /dev/mem: give no region (--mem and --sysroot may stay); for an offset into mem use peek and poke
LIST
	# a read opens and maps read-only, a write read-write
	command -v strace >/dev/null || skip "strace is not installed"
	skip_instrumented "follows system calls with strace"
	strace -f -e trace=openat -o trace "$IOMAP" --mem=mem devmem 0x1000
	run grep -c 'mem", O_RDONLY' trace
	assert_output 1
	strace -f -e trace=openat -o trace "$IOMAP" --mem=mem devmem 0x1000 8 0x11
	run grep -c 'mem", O_RDWR' trace
	assert_output 1
}

@test "a devmem symlink to iomap is iomap devmem" {
	pattern_file mem 8192
	ln -s "$IOMAP" devmem
	[ -z "${IOMAP_VALGRIND:-}" ] || skip "iomap runs under valgrind: a symlink to the script is not iomap"
	run --separate-stderr ./devmem --mem=mem 0x1000 8
	assert_success
	assert_output 0x00
	run --separate-stderr ./devmem --mem=mem 0x1000 8 0x5a
	assert_success
	assert_output 'Written 0x5A; readback 0x5A'
	assert_equal "$(hex_at mem 0x1000 1)" 5a
	run --separate-stderr ./devmem
	assert_failure 2
	assert_stderr --partial 'iomap: devmem takes ADDRESS [WIDTH [VALUE]] (too few arguments)'
	# another name is iomap itself
	ln -s "$IOMAP" mytool
	run --separate-stderr ./mytool --mem=mem 0x1000
	assert_failure 2
	assert_stderr --partial "unknown command '0x1000'"
}

@test "iomap help [COMMAND] works as the shell's help does, touching nothing" {
	run --separate-stderr iomap help
	assert_success
	assert_line --index 0 'Commands, with options as on the command line:'
	assert_line 'On the command line only, not in scripts:'
	shell=$(printf 'help\n' | iomap -f img.bin shell)
	# the shell's list, then what only the command line has
	assert_equal "${output:0:${#shell}}" "$shell"
	run --separate-stderr iomap help poke
	assert_success
	assert_output 'poke OFFSET VALUE[:MASK]...
  write the values to consecutive words; VALUE:MASK changes only the MASK bits'
	assert_equal "$(printf 'help poke\n' | iomap -f img.bin shell)" "$output"
	run --separate-stderr iomap help devmem
	assert_success
	assert_line --index 0 'devmem ADDRESS [WIDTH [VALUE]]'
	run --separate-stderr iomap -f img.bin --trace help nothing
	assert_failure 2
	assert_stderr "iomap: help: unknown command 'nothing'"
	run --separate-stderr iomap help poke peek
	assert_failure 2
	assert_stderr --partial 'iomap: help takes [COMMAND] (too many arguments)'
	# the shell has no run or devmem: its help says where they are
	run --separate-stderr iomap -f img.bin shell <<<'help devmem'
	assert_failure 2
	assert_stderr "iomap: <stdin>:1: help: devmem is not for the shell: run it as iomap devmem"
	unchanged
}
