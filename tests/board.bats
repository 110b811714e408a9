#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Board regions (SPEC §1.1) on a built sysroot (tests/fixtures/mkboard):
# device-tree nodes (--of), UIO maps (--uio), /proc/iomem entries
# (--iomem), and their listings. The fixture's /dev/mem holds each
# window's physical address as a 64-bit word at its start, and its
# /dev/uioN hold (N << 28) | (M << 24) | K at byte K of map M, so a read
# shows where it landed. Assumes a little-endian host.

load helpers

setup_file() {
	B=$BATS_FILE_TMPDIR/board
	[ -d "$B/sys" ] || "$TESTS_SRCDIR/fixtures/mkboard" "$B" >/dev/null
	"$TESTS_SRCDIR/fixtures/mkdt" --manifest "$TESTS_SRCDIR/fixtures/board.dts" \
		"$BATS_FILE_TMPDIR/manifest-tree" > "$BATS_FILE_TMPDIR/manifest"
}

setup() {
	B=$BATS_FILE_TMPDIR/board
	MEM=$B/dev/mem
	PAGE=$(getconf PAGESIZE)
}

board() {
	"$IOMAP" --sysroot="$B" "$@"
}

@test "--of: every translatable reg entry of the tree lands on its physical address" {
	n=0
	while read -r path index addr size phys; do
		[ "$phys" != - ] || continue
		run --separate-stderr board --of="$path" -b "$index" -w 64 peek 0
		assert_success
		assert_output "$(printf '0x%016x' "$phys")"
		n=$((n + 1))
	done < "$BATS_FILE_TMPDIR/manifest"
	[ "$n" -ge 15 ]
}

@test "--of by path, alias, label and compatible; -b by index and reg-names" {
	for node in /soc/serial@10010000 serial0 uart0 sifive,fu740-c000-uart@x; do
		[ "$node" = sifive,fu740-c000-uart@x ] && continue
		run -0 board --of "$node" -w 64 peek 0
		assert_output 0x0000000010010000
	done
	run -0 board --of=mac -b stats -w 64 peek 0
	assert_output 0x0000000040009000
	run -0 board --of=mac -b 1 -w 64 peek 0
	assert_output 0x0000000040009000
	run -0 board --of=acme,pmu -w 64 peek 0
	assert_output 0x0000003000000000
	# a window above 4 GiB on a 2-cell bus, through two levels of ranges
	run -0 board --of=/axi@1000000000/sram@100000000 -w 64 peek 0
	assert_output 0x0000001100000000
}

@test "--of: OFFSET is relative to the window; dump and --trace print physical addresses" {
	run -0 board --of=uart0 poke 8 0x5a5a5a5a
	assert_equal "$(hex_at "$MEM" $((0x10010008)) 4)" 5a5a5a5a
	run --separate-stderr board --of=uart0 --trace peek 8
	assert_success
	assert_output 0x5a5a5a5a
	assert_stderr 'R32 0x10010008 -> 0x5a5a5a5a'
	run -0 board --of=uart0 dump 0+16
	assert_output '10010000: 10010000 00000000 5a5a5a5a 00000000  ........ZZZZ....'
	run --separate-stderr board --of=uart0 peek 0x1000
	assert_failure 2
	assert_stderr "iomap: 1 32-bit word at offset 0x1000 would run past the end of /soc/serial@10010000 reg0 (size 0x1000, 4 KiB)"
}

@test "--of refusals name the candidates, the reg entries, or why no address" {
	run --separate-stderr board --of=sifive,uart0 peek 0
	assert_failure 2
	assert_stderr 'iomap: "sifive,uart0" matches 2 device-tree nodes by compatible: /soc/serial@10010000, /soc/serial@10011000
iomap:   name one by its path'
	run --separate-stderr board --of=/soc/nothing@0 peek 0
	assert_failure 2
	assert_stderr "iomap: no device-tree node in $B/sys/firmware/devicetree/base has the path, alias, label or compatible string \"/soc/nothing@0\"
iomap:   aliases: ethernet0, serial0, serial1, sram
iomap:   \`iomap list --of\` lists the nodes with registers"
	run --separate-stderr board --of=mac -b dma peek 0
	assert_failure 2
	assert_stderr 'iomap: /soc/bus@40000000/ethernet@2000 has no reg entry named "dma" (its entries: 0 (ctrl), 1 (stats))'
	run --separate-stderr board --of=/soc/bus@60000000/orphan@100 peek 0
	assert_failure
	assert_stderr 'iomap: cannot translate 0x100 of /soc/bus@60000000/orphan@100 to a physical address: /soc/bus@60000000 has no ranges property'
	run --separate-stderr board --of peek 0
	assert_failure 2
	assert_stderr 'iomap: --of needs a NODE: a path, an alias, a label or a compatible string'
	run --separate-stderr board --of=uart0 -s 00:03.0 peek 0
	assert_failure 2
	assert_stderr --partial 'iomap: choose one region: -s/-d, -m, -f, --of, --uio or --iomem (-s/-d and --of were given)'
	# nothing was written by any of these
	assert_equal "$(hex_at "$MEM" $((0x10010000)) 8)" 0000011000000000
}

@test "-b: an index past its range is refused as typed, never clamped to another entry" {
	# 299 was once clamped to 255 and 2^32 + 1 would wrap to 1: each is
	# quoted as given and nothing is accessed
	for b in 299 0x12b 4294967297 18446744073709551615; do
		run --separate-stderr board --of=mac -b "$b" --trace peek 0
		assert_failure 2
		assert_stderr "iomap: /soc/bus@40000000/ethernet@2000 has no reg entry $b (its entries: 0 (ctrl), 1 (stats))"
		assert_output ''
		run --separate-stderr board --uio=uio1 -b "$b" --trace peek 0
		assert_failure 2
		assert_stderr "iomap: uio1 (timer) has no map $b (it has map0 (regs), map1 (fifo))"
		assert_output ''
	done
	for b in 6 256 0x100 4294967296; do
		run --separate-stderr "$IOMAP" --sysroot="$B" -s 0 -b "$b" peek 0
		assert_failure 2
		assert_stderr "iomap: invalid BAR '$b': BARs are 0 to 5
Try \`iomap --help' or \`iomap --usage' for more information."
		assert_output ''
	done
	# the last entry in range is still the one named
	run -0 board --of=mac -b 0x1 -w 64 peek 0
	assert_output "$(board --of=mac -b stats -w 64 peek 0)"
}

@test "--of with --mem naming a missing file: the path is named, not CONFIG_DEVMEM" {
	run --separate-stderr board --mem="$BATS_TEST_TMPDIR/typo" --of=/axi@1000000000/dma@1000000 peek 0
	assert_failure 1
	assert_stderr "iomap: cannot open $BATS_TEST_TMPDIR/typo for reading (/axi@1000000000/dma@1000000 reg0): No such file or directory
iomap:   --mem names $BATS_TEST_TMPDIR/typo, which does not exist: check the path"
}

@test "--of on a disabled node: accessed, with a note" {
	run --separate-stderr board --of=uart1 -w 64 peek 0
	assert_success
	assert_output 0x0000000010011000
	assert_stderr 'iomap: note: /soc/serial@10011000 has status "disabled": the kernel does not use it, but iomap accesses it all the same'
}

@test "--uio: maps by index and name, the sub-page offset, the page size" {
	run -0 board --uio=uio1 peek 0
	assert_output 0x10000100
	run -0 board -u /dev/uio1 -b fifo peek 0
	assert_output 0x11000000
	run -0 board -u uio1 -b 1 peek 0x10
	assert_output 0x11000010
	run -0 board --uio=dma peek 0x20
	assert_output 0x00000020
	# the map of uio1 is SIZE - OFFSET bytes long from its registers
	run --separate-stderr board -u uio1 peek $((PAGE - 0x100))
	assert_failure 2
	assert_stderr --partial "would run past the end of uio1 map0 (regs)"
	run -0 board -u uio1 poke 0x8 0xc0ffee
	assert_equal "$(hex_at "$B/dev/uio1" $((0x108)) 4)" eeffc000
	run --separate-stderr board -u timer peek 0
	assert_failure 2
	assert_stderr 'iomap: timer names 2 UIO devices: uio1 (timer), uio2 (timer)
iomap:   name one by uioN'
	run --separate-stderr board -u uio1 -b nosuch peek 0
	assert_failure 2
	assert_stderr --partial 'nosuch'
}

@test "--uio: a map described the older way (addr unaligned, size from addr) works too" {
	O=$BATS_TEST_TMPDIR/old
	"$TESTS_SRCDIR/fixtures/mkuio" --unaligned-addr "$O" >/dev/null
	[ "$(cat "$O/sys/class/uio/uio1/maps/map0/addr")" = 0x0000000040010100 ]
	[ "$(cat "$O/sys/class/uio/uio1/maps/map0/size")" = 0x0000000000000020 ]
	run -0 "$IOMAP" --sysroot="$O" --uio=uio1 peek 0
	assert_output 0x10000100
	run -0 "$IOMAP" --sysroot="$O" --uio=uio1 peek 0x1c
	assert_output 0x1000011c
	run -0 "$IOMAP" --sysroot="$O" -u uio1 -b fifo peek 0x10
	assert_output 0x11000010
	run -0 "$IOMAP" --sysroot="$O" --uio=uio1 dump 0+8
	assert_output "$(board --uio=uio1 dump 0+8)"
	# SIZE counts from ADDR: the map ends 0x20 bytes after its registers
	before=$(sha256sum < "$O/dev/uio1")
	run --separate-stderr "$IOMAP" --sysroot="$O" -u uio1 poke 0x20 1
	assert_failure 2
	assert_stderr --partial "would run past the end of uio1 map0 (regs)"
	assert_equal "$(sha256sum < "$O/dev/uio1")" "$before"
	run -0 "$IOMAP" --sysroot="$O" -u uio1 poke 0x8 0xc0ffee
	assert_equal "$(hex_at "$O/dev/uio1" $((0x108)) 4)" eeffc000
	# an OFFSET that is not ADDR's place in its page makes no window
	echo 0x80 > "$O/sys/class/uio/uio1/maps/map0/offset"
	run --separate-stderr "$IOMAP" --sysroot="$O" -u uio1 peek 0
	assert_failure 1
	assert_stderr "iomap: uio1 map0: addr 0x40010100, offset 0x80 and size 0x20 do not make a window (the page size is $(printf 0x%x "$PAGE"))"
	assert_output ''
	# nor does a size that ends at 2^64 (fuzz_uio found it)
	echo 0x100 > "$O/sys/class/uio/uio1/maps/map0/addr"
	echo 0x100 > "$O/sys/class/uio/uio1/maps/map0/offset"
	echo 0xffffffffffffff00 > "$O/sys/class/uio/uio1/maps/map0/size"
	run --separate-stderr "$IOMAP" --sysroot="$O" -u uio1 peek 0
	assert_failure 1
	assert_stderr "iomap: uio1 map0: addr 0x100, offset 0x100 and size 0xffffffffffffff00 do not make a window (the page size is $(printf 0x%x "$PAGE"))"
	assert_output ''
}

@test "--uio: a peek of a 1 GiB map maps the pages up to the one it touches, no more" {
	command -v strace >/dev/null || skip "strace is not installed"
	skip_instrumented "traces system calls with strace"
	U=$BATS_TEST_TMPDIR/big
	"$TESTS_SRCDIR/fixtures/mkuio" "$U" >/dev/null
	# uio0's map0 becomes 1 GiB: a sparse file but for one word
	echo 0x40000000 > "$U/sys/class/uio/uio0/maps/map0/size"
	truncate -s 1G "$U/dev/uio0"
	printf '\x78\x56\x34\x12' |
		dd of="$U/dev/uio0" bs=1 seek=$((3 * PAGE)) conv=notrunc status=none
	strace -e trace=mmap -o "$BATS_TEST_TMPDIR/trace" \
		"$IOMAP" --sysroot="$U" --uio=uio0 peek $((3 * PAGE)) > "$BATS_TEST_TMPDIR/out"
	assert_equal "$(cat "$BATS_TEST_TMPDIR/out")" 0x12345678
	# the one shared mapping is the map's first four pages, not prefaulted
	run grep -c 'MAP_SHARED' "$BATS_TEST_TMPDIR/trace"
	assert_output 1
	run grep 'MAP_SHARED' "$BATS_TEST_TMPDIR/trace"
	assert_output --regexp "^mmap\(NULL, $((4 * PAGE)), PROT_READ, MAP_SHARED, [0-9]+, 0\) = 0x"
	# a crc32 of 8 MiB maps those 8 MiB and no more
	strace -e trace=mmap -o "$BATS_TEST_TMPDIR/trace" \
		"$IOMAP" --sysroot="$U" --uio=uio0 crc32 0+8M > /dev/null
	run grep -c 'MAP_SHARED' "$BATS_TEST_TMPDIR/trace"
	assert_output 1
	run grep 'MAP_SHARED' "$BATS_TEST_TMPDIR/trace"
	assert_output --regexp "^mmap\(NULL, 8388608, PROT_READ, MAP_SHARED, [0-9]+, 0\) = 0x"
}

@test "--iomem: an entry by its exact name; repeated and unknown names refused" {
	run -0 board --iomem=sensor@100 -w 64 peek 0
	assert_output 0x0000000070000100
	run --separate-stderr board --iomem=sensor@100 --trace peek 0x20
	assert_stderr 'R32 0x70000120 -> 0x00000000'
	run --separate-stderr board --iomem="System RAM" peek 0
	assert_failure 2
	assert_stderr "iomap: 2 entries of $B/proc/iomem are named \"System RAM\": 80000000-bfffffff, 200000000-23fffffff
iomap:   reach one by its physical address through /dev/mem instead"
	run --separate-stderr board --iomem=sensor peek 0
	assert_failure 2
	assert_stderr --partial "iomap: no entry of $B/proc/iomem is named \"sensor\""
}

@test "--iomem without privilege: the zeroed /proc/iomem is said to be so" {
	U=$BATS_TEST_TMPDIR/unpriv
	"$TESTS_SRCDIR/fixtures/mkboard" --unprivileged "$U" >/dev/null
	run --separate-stderr "$IOMAP" --sysroot="$U" --iomem=sensor@100 peek 0
	assert_failure
	assert_stderr --partial "shows every range as 0"
	run --separate-stderr "$IOMAP" --sysroot="$U" list --iomem
	assert_failure 1
	assert_stderr "iomap: $U/proc/iomem shows every range as 0: it shows them only to a privileged reader
iomap:   run iomap as root (CAP_SYS_ADMIN)"
}

@test "list --of, --uio and --iomem, as text and JSON" {
	command -v jq >/dev/null || skip "jq is not installed"
	run -0 board list --of
	assert_line '/soc/serial@10010000 sifive,fu740-c000-uart sifive,uart0 (driver: sifive-serial)'
	assert_line '/soc/serial@10011000 sifive,fu740-c000-uart sifive,uart0 [disabled] (driver: none)'
	assert_line $'\treg1 stats 0x40009000 size 0x200 (512 B)'
	refute_line --partial orphan@100
	run -0 board list --of=/soc/bus@60000000/orphan@100 --json
	run jq -r '.[0].reg[0].why' <<<"$output"
	assert_output 'cannot translate 0x100 of /soc/bus@60000000/orphan@100 to a physical address: /soc/bus@60000000 has no ranges property'
	run -0 board list --of --json
	run jq -r '.[] | select(.path == "/soc/bus@40000000/ethernet@2000") | [.driver, .reg[1].name, .reg[1].base, .reg[1].bus_address, .reg[1].size] | join(" ")' <<<"$output"
	assert_output 'macb stats 0x40009000 0x9000 0x200'
	run -0 board list --uio
	assert_output "uio0 dma
	map0 dma@1000000 0x1001000000 size 0x10000 (64 KiB) offset 0x0
uio1 timer
	map0 regs 0x40010000 size 0x$(printf '%x' "$PAGE") ($((PAGE / 1024)) KiB) offset 0x100
	map1 fifo 0x40030000 size 0x2000 (8 KiB) offset 0x0
uio2 timer
	map0 timer@200 0x40010000 size 0x$(printf '%x' "$PAGE") ($((PAGE / 1024)) KiB) offset 0x200"
	run -0 board list --uio=uio1 --json
	run jq -r '.[] | [.device, .name, (.maps | length), .maps[1].name] | join(" ")' <<<"$output"
	assert_output 'uio1 timer 2 fifo'
	run -0 board list --iomem
	assert_line '  40009000-400091ff 40002000.ethernet stats (512 B)'
	run -0 board list --iomem --json
	run jq -r '[.[] | select(.name == "System RAM")] | length' <<<"$output"
	assert_output 2
	run -0 board list --iomem=sensor@100 --json
	run jq -c '.' <<<"$output"
	assert_output '[{"name":"sensor@100","start":"0x70000100","end":"0x7000013f","size":"0x40","depth":0}]'
}

@test "list: control characters from the device tree, UIO and /proc/iomem are escaped; --json stays valid" {
	H=$BATS_TEST_TMPDIR/hostile
	cp -a "$B" "$H"
	printf 'acme,\033[31mred\007\0mmio-\xff\xfesram\0' \
		> "$H/sys/firmware/devicetree/base/axi@1000000000/sram@100000000/compatible"
	printf 'tim\033]0;pwned\007er\n' > "$H/sys/devices/platform/40010100.timer/uio/uio1/name"
	printf 'r\033egs\n' > "$H/sys/devices/platform/40010200.timer/uio/uio2/maps/map0/name"
	sed -i 's/: Reserved/: Res\x1b[2Jerved\xc2\x9b/' "$H/proc/iomem"
	for k in of uio iomem; do
		run --separate-stderr "$IOMAP" --sysroot="$H" list --$k
		assert_success
		# no ESC, BEL, C1 control or stray byte reaches the terminal
		run bash -c 'LC_ALL=C grep -c "[[:cntrl:]]" <<<"${0//$'"'"'\t'"'"'/}" || :' "$output"
		assert_output 0
		run --separate-stderr "$IOMAP" --sysroot="$H" list --$k --json
		assert_success
		jq -e . >/dev/null <<<"$output"
	done
	run -0 "$IOMAP" --sysroot="$H" list --of=/axi@1000000000/sram@100000000
	assert_line --index 0 '/axi@1000000000/sram@100000000 acme,\x1b[31mred\x07 mmio-\xff\xfesram (driver: none)'
	run -0 "$IOMAP" --sysroot="$H" list --uio
	assert_line 'uio1 tim\x1b]0;pwned\x07er'
	assert_line --partial 'map0 r\x1begs 0x40010000'
	run -0 "$IOMAP" --sysroot="$H" list --iomem
	assert_line --index 0 '00000000-0000ffff Res\x1b[2Jerved\xc2\x9b (64 KiB)'
	# JSON: controls as \u00XX, bytes that are not UTF-8 as U+FFFD
	run -0 "$IOMAP" --sysroot="$H" list --of=/axi@1000000000/sram@100000000 --json
	run jq -c '.[0].compatible' <<<"$output"
	assert_output '["acme,\u001b[31mred\u0007","mmio-��sram"]'
	run -0 "$IOMAP" --sysroot="$H" list --iomem --json
	assert_output --partial '"name":"Res\u001b[2Jerved\u009b"'
	run jq -c '.[0].name | explode' <<<"$output"
	assert_output '[82,101,115,27,91,50,74,101,114,118,101,100,155]'
}

@test "list --uio=NAME and list --iomem=NAME list every region of that name" {
	# two UIO devices are named "timer", two entries "System RAM": a
	# listing shows them all (as list --of=COMPATIBLE does), where an
	# access must be told which one
	run -0 board list --uio=timer
	assert_output "uio1 timer
	map0 regs 0x40010000 size 0x$(printf '%x' "$PAGE") ($((PAGE / 1024)) KiB) offset 0x100
	map1 fifo 0x40030000 size 0x2000 (8 KiB) offset 0x0
uio2 timer
	map0 timer@200 0x40010000 size 0x$(printf '%x' "$PAGE") ($((PAGE / 1024)) KiB) offset 0x200"
	run -0 board list --uio=/dev/uio2
	assert_line --index 0 'uio2 timer'
	run -0 board list --iomem='System RAM'
	assert_output "80000000-bfffffff System RAM (1 GiB)
200000000-23fffffff System RAM (1 GiB)"
	# an entry nested in another is shown alone, not indented
	run -0 board list --iomem='40002000.ethernet stats'
	assert_output '40009000-400091ff 40002000.ethernet stats (512 B)'
	run -0 board list --iomem='System RAM' --json
	run jq -r '.[].start' <<<"$output"
	assert_output "0x80000000
0x200000000"
	run --separate-stderr board --uio=timer peek 0
	assert_failure 2
	assert_stderr "iomap: timer names 2 UIO devices: uio1 (timer), uio2 (timer)
iomap:   name one by uioN"
	run --separate-stderr board list --uio=nothing
	assert_failure 2
	assert_stderr --partial 'iomap: nothing matches no UIO device'
	run --separate-stderr board list --iomem=nothing
	assert_failure 2
	assert_stderr --partial "iomap: no entry of $B/proc/iomem is named \"nothing\""
}

@test "scripts and the shell name board regions" {
	printf 'region --of=mac -b stats\npeek --trace 0\nregion -u uio1\npeek --trace 4\n' > "$BATS_TEST_TMPDIR/s"
	run --separate-stderr board run "$BATS_TEST_TMPDIR/s"
	assert_success
	assert_output "0x40009000
0x10000104"
	assert_stderr 'R32 0x40009000 -> 0x40009000
R32 0x00000004 -> 0x10000104'
	run --separate-stderr bash -c "printf 'region --of=/soc/nothing\npeek 0\n' | '$IOMAP' --sysroot='$B' --of=uart0 shell"
	assert_failure 2
	assert_stderr --partial 'iomap: <stdin>:1: no device-tree node in '
	assert_output 0x10010000
}
