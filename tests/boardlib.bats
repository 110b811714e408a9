#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# The board-region libraries (dt, iomem, uio) and their fixtures, through tests/boardlib.

load helpers

FIXTURES=$TESTS_SRCDIR/fixtures
BOARDLIB=${BOARDLIB:-$TESTS_SRCDIR/boardlib}

setup_file() {
	"$FIXTURES/mkboard" "$BATS_FILE_TMPDIR/board"
	"$FIXTURES/mkdt" "$FIXTURES/broken.dts" "$BATS_FILE_TMPDIR/broken"
}

setup() {
	ROOT=$BATS_FILE_TMPDIR/board
	TREE=$ROOT/sys/firmware/devicetree/base
	BROKEN=$BATS_FILE_TMPDIR/broken/sys/firmware/devicetree/base
	PAGE=$(getconf PAGESIZE)
}

lib() {
	run --separate-stderr "$BOARDLIB" "$@"
}

# The board's reg entries as board.dts's table gives them, in path order:
# PATH INDEX ADDR SIZE PHYS ("-": cannot be translated).
BOARD_REG="/axi@1000000000/dma@1000000 0 0x1000000 0x10000 0x1001000000
/axi@1000000000/sram@100000000 0 0x100000000 0x100000000 0x1100000000
/cpus/cpu@0 0 0x0 0x0 -
/memory@80000000 0 0x80000000 0x40000000 0x80000000
/memory@80000000 1 0x200000000 0x40000000 0x200000000
/pmu@3000000000 0 0x3000000000 0x1000 0x3000000000
/soc/bus@40000000/bus@10000/timer@100 0 0x100 0x20 0x40010100
/soc/bus@40000000/bus@10000/timer@100 1 0x20000 0x2000 0x40030000
/soc/bus@40000000/bus@10000/timer@200 0 0x200 0x20 0x40010200
/soc/bus@40000000/ethernet@2000 0 0x2000 0x1000 0x40002000
/soc/bus@40000000/ethernet@2000 1 0x9000 0x200 0x40009000
/soc/bus@60000000/orphan@100 0 0x100 0x10 -
/soc/bus@70000000/sensor@100 0 0x100 0x40 0x70000100
/soc/gpio@10060000 0 0x10060000 0x1000 0x10060000
/soc/i2c@10030000 0 0x10030000 0x1000 0x10030000
/soc/i2c@10030000/eeprom@50 0 0x50 0x0 -
/soc/serial@10010000 0 0x10010000 0x1000 0x10010000
/soc/serial@10011000 0 0x10011000 0x1000 0x10011000
/soc/watchdog@10040000 0 0x10040000 0x1000 0x10040000"

# --- fixtures -------------------------------------------------------------

# dtc_same DESC SYSROOT: dtc reads the tree mkdt wrote as it reads DESC.
# Both go through a form without type hints (dtb, fs) so that dtc guesses
# each property's form the same way; -s sorts. dtc -I fs skips the "name"
# files, which the next test checks.
dtc_same() {
	command -v dtc >/dev/null || skip "dtc (device-tree-compiler) is not installed"
	dtc -q -I dts -O dtb -o "$BATS_TEST_TMPDIR/desc.dtb" "$1"
	dtc -q -s -I dtb -O dts -o "$BATS_TEST_TMPDIR/desc.dts" \
		"$BATS_TEST_TMPDIR/desc.dtb"
	dtc -q -s -I fs -O dts -o "$BATS_TEST_TMPDIR/fs.dts" \
		"$2/sys/firmware/devicetree/base"
	run diff -u "$BATS_TEST_TMPDIR/desc.dts" "$BATS_TEST_TMPDIR/fs.dts"
	assert_success
	# and the trees are not empty: the board's serial is there
	run grep -c 'serial@10010000 {' "$BATS_TEST_TMPDIR/fs.dts"
	[ "$1" = "$FIXTURES/broken.dts" ] || assert_output 1
}

@test "mkdt: dtc reads the board's sysfs tree as it reads board.dts" {
	dtc_same "$FIXTURES/board.dts" "$ROOT"
}

@test "mkdt: dtc reads the broken tree as it reads broken.dts" {
	dtc_same "$FIXTURES/broken.dts" "$BATS_FILE_TMPDIR/broken"
}

@test "mkdt: raw property bytes, name files and the /proc/device-tree link" {
	# reg: big-endian cells; compatible: NUL-separated, NUL-terminated
	assert_equal "$(hex_at "$TREE/soc/serial@10010000/reg" 0 8)" \
		1001000000001000
	printf 'sifive,fu740-c000-uart\0sifive,uart0\0' >"$BATS_TEST_TMPDIR/c"
	cmp "$BATS_TEST_TMPDIR/c" "$TREE/soc/serial@10010000/compatible"
	assert_equal "$(hex_at "$TREE/pmu@3000000000/reg" 0 16)" \
		00000030000000000000000000001000
	assert_equal "$(stat -c %s "$TREE/soc/ranges")" 0
	# the kernel's name property: the node name without unit address
	printf 'serial\0' >"$BATS_TEST_TMPDIR/n"
	cmp "$BATS_TEST_TMPDIR/n" "$TREE/soc/serial@10010000/name"
	printf 'aliases\0' >"$BATS_TEST_TMPDIR/n"
	cmp "$BATS_TEST_TMPDIR/n" "$TREE/aliases/name"
	assert_equal "$(readlink -f "$ROOT/proc/device-tree")" \
		"$(readlink -f "$TREE")"
}

@test "mkdt: refuses an existing tree and descriptions it cannot read" {
	run --separate-stderr "$FIXTURES/mkdt" "$FIXTURES/board.dts" "$ROOT"
	assert_failure 1
	assert_equal "$stderr" "mkdt: $TREE exists"
	printf '/dts-v1/;\n/ {\n\tuart: serial { };\n};\n' >"$BATS_TEST_TMPDIR/l.dts"
	run --separate-stderr "$FIXTURES/mkdt" "$BATS_TEST_TMPDIR/l.dts" \
		"$BATS_TEST_TMPDIR/l"
	assert_failure 1
	assert_equal "$stderr" "mkdt: $BATS_TEST_TMPDIR/l.dts:3: labels are not supported: write /__symbols__ out"
	printf '/dts-v1/;\n/ {\n\treg = <1 2;\n};\n' >"$BATS_TEST_TMPDIR/s.dts"
	run --separate-stderr "$FIXTURES/mkdt" "$BATS_TEST_TMPDIR/s.dts" \
		"$BATS_TEST_TMPDIR/s"
	assert_failure 1
	assert_equal "$stderr" "mkdt: $BATS_TEST_TMPDIR/s.dts:3: expected a number, found ';'"
}

@test "mkdt: the /dev/mem stand-in holds each window's address at its start" {
	local mem=$ROOT/dev/mem
	# the highest window is the PMU's 0x3000000000+0x1000
	assert_equal "$(stat -c %s "$mem")" $((0x3000001000))
	assert_equal "$(hex_at "$mem" $((0x40002000)) 8)" 0020004000000000
	assert_equal "$(hex_at "$mem" $((0x1001000000)) 8)" 0000000110000000
	assert_equal "$(hex_at "$mem" $((0x40010100)) 8)" 0001014000000000
	# untranslatable entries have none: eeprom@50 would be at 0x50
	assert_equal "$(hex_at "$mem" $((0x50)) 8)" 0000000000000000
}

@test "mkdt --manifest agrees with the table in board.dts" {
	run --separate-stderr "$FIXTURES/mkdt" --manifest "$FIXTURES/board.dts" \
		"$BATS_TEST_TMPDIR/m"
	assert_success
	assert_equal "$(sort <<<"$output")" "$(sort <<<"$BOARD_REG")"
}

@test "mkuio: sysfs maps as uio_pdrv_genirq makes them, for this page size" {
	local map=$ROOT/sys/class/uio/uio1/maps
	assert_equal "$(cat "$ROOT/sys/class/uio/uio1/name")" timer
	assert_equal "$(cat "$map/map0/name")" regs
	# timer@100 at 0x40010100: its page, the offset in it, one page
	assert_equal "$(cat "$map/map0/addr")" \
		"$(printf '0x%016x' $((0x40010100 & ~(PAGE - 1))))"
	assert_equal "$(cat "$map/map0/offset")" \
		"$(printf '0x%x' $((0x40010100 & (PAGE - 1))))"
	assert_equal "$(cat "$map/map0/size")" \
		"$(printf '0x%016x' $(((0x40010100 % PAGE + 0x20 + PAGE - 1) / PAGE * PAGE)))"
	assert_equal "$(cat "$map/map1/size")" \
		"$(printf '0x%016x' $(((0x2000 + PAGE - 1) / PAGE * PAGE)))"
	# /dev/uio1: map M at M x PAGE; word K of map M is 1<<28 | M<<24 | K
	assert_equal "$(hex_at "$ROOT/dev/uio1" $((0x100)) 4)" 00010010
	assert_equal "$(hex_at "$ROOT/dev/uio1" $PAGE 4)" 00000011
	assert_equal "$(hex_at "$ROOT/dev/uio1" $((PAGE + 8)) 4)" 08000011
	assert_equal "$(stat -c %s "$ROOT/dev/uio1")" \
		$((PAGE + (0x2000 + PAGE - 1) / PAGE * PAGE))
	assert [ -f "$ROOT/dev/uio1" ]
}

@test "mkuio --page-size: another page size moves offsets and sizes" {
	"$FIXTURES/mkuio" --page-size 65536 "$BATS_TEST_TMPDIR/p"
	local map=$BATS_TEST_TMPDIR/p/sys/class/uio/uio2/maps/map0
	assert_equal "$(cat "$map/addr")" 0x0000000040010000
	assert_equal "$(cat "$map/offset")" 0x200
	assert_equal "$(cat "$map/size")" 0x0000000000010000
	assert_equal "$(hex_at "$BATS_TEST_TMPDIR/p/dev/uio1" 65536 4)" 00000011
}

@test "mkiomem: the unprivileged form has every range 0, names kept" {
	"$FIXTURES/mkiomem" --unprivileged "$BATS_TEST_TMPDIR/u"
	run grep -c . "$BATS_TEST_TMPDIR/u/proc/iomem"
	assert_output 24
	run grep -vc '^ *00000000-00000000 : ' "$BATS_TEST_TMPDIR/u/proc/iomem"
	assert_output 0
	assert_equal "$(sed -n 18p "$BATS_TEST_TMPDIR/u/proc/iomem")" \
		"    00000000-00000000 : Kernel code"
}

# --- dt: finding nodes -----------------------------------------------------

@test "dt: a node by absolute path, trailing slash allowed" {
	lib dt-find "$TREE" /soc/serial@10010000
	assert_success
	assert_output "/soc/serial@10010000 path"
	lib dt-find "$TREE" /soc/bus@40000000/bus@10000/timer@100/
	assert_output "/soc/bus@40000000/bus@10000/timer@100 path"
	lib dt-find "$TREE" /
	assert_output "/ path"
}

@test "dt: a path component without unit address matches every NAME@" {
	lib dt-find "$TREE" /axi/dma
	assert_success
	assert_output "/axi@1000000000/dma@1000000 path"
	lib dt-find "$TREE" /soc/serial
	assert_output "/soc/serial@10010000 path
/soc/serial@10011000 path"
	lib dt-find-one "$TREE" /soc/serial
	assert_failure 2
	assert_equal "$stderr" "iomap: \"/soc/serial\" matches 2 device-tree nodes by path: /soc/serial@10010000, /soc/serial@10011000
iomap:   name one by its path"
	# a property file is no node
	lib dt-find "$TREE" /soc/compatible
	assert_success
	assert_output ""
}

@test "dt: aliases and __symbols__ labels lead to their nodes" {
	lib dt-find-one "$TREE" serial0
	assert_success
	assert_output "/soc/serial@10010000 alias"
	lib dt-find-one "$TREE" ethernet0
	assert_output "/soc/bus@40000000/ethernet@2000 alias"
	lib dt-find-one "$TREE" uart1
	assert_output "/soc/serial@10011000 label"
	lib dt-find-one "$TREE" timer
	assert_output "/soc/bus@40000000/bus@10000/timer@100 label"
	# the kernel's "name" property in /aliases is no alias
	lib dt-find "$TREE" name
	assert_success
	assert_output ""
}

@test "dt: a compatible string matches every node listing it, in any place" {
	lib dt-find-one "$TREE" cdns,gem
	assert_success
	assert_output "/soc/bus@40000000/ethernet@2000 compatible"
	lib dt-find "$TREE" simple-bus
	assert_output "/axi@1000000000 compatible
/soc compatible
/soc/bus@40000000 compatible
/soc/bus@40000000/bus@10000 compatible
/soc/bus@60000000 compatible
/soc/bus@70000000 compatible"
}

@test "dt: an ambiguous compatible names its nodes" {
	lib dt-find-one "$TREE" sifive,uart0
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" "iomap: \"sifive,uart0\" matches 2 device-tree nodes by compatible: /soc/serial@10010000, /soc/serial@10011000
iomap:   name one by its path"
	lib dt-find-one "$TREE" acme,timer
	assert_failure 2
	assert_stderr --partial "/soc/bus@40000000/bus@10000/timer@100, /soc/bus@40000000/bus@10000/timer@200"
}

@test "dt: no match names the aliases" {
	lib dt-find-one "$TREE" serial9
	assert_failure 2
	assert_equal "$stderr" "iomap: no device-tree node in $TREE has the path, alias, label or compatible string \"serial9\"
iomap:   aliases: ethernet0, serial0, serial1, sram
iomap:   \`iomap list --of\` lists the nodes with registers"
	lib dt-find-one "$TREE" /soc/nothing@0
	assert_failure 2
}

@test "dt: bad paths and broken aliases or labels are errors" {
	lib dt-find "$TREE" /soc/../soc
	assert_failure 2
	assert_equal "$stderr" "iomap: /soc/../soc is not a node path (empty, \".\" or \"..\" component)"
	lib dt-find "$TREE" //soc
	assert_failure 2
	lib dt-find "$BROKEN" ghost
	assert_failure 1
	assert_equal "$stderr" "iomap: alias ghost is /soc/nothing@0, which is not a node of the device tree in $BROKEN"
	lib dt-find "$BROKEN" dotdot
	assert_failure 1
	assert_equal "$stderr" "iomap: alias dotdot is \"/soc/../soc\", which is not a node path"
	lib dt-find "$BROKEN" bad
	assert_failure 1
	assert_equal "$stderr" "iomap: /aliases/bad is not a NUL-terminated string list"
	lib dt-find "$BROKEN" lost
	assert_failure 1
	assert_equal "$stderr" "iomap: label lost is /nowhere, which is not a node of the device tree in $BROKEN"
}

@test "dt: no tree at all" {
	lib dt-find "$BATS_TEST_TMPDIR/none" serial0
	assert_failure 1
	assert_equal "$stderr" "iomap: no device tree at $BATS_TEST_TMPDIR/none: No such file or directory"
	lib dt-list "$ROOT/proc/iomem"
	assert_failure 1
	assert_equal "$stderr" "iomap: no device tree at $ROOT/proc/iomem: not a directory"
}

# --- dt: decoding and translating reg --------------------------------------

@test "dt: every reg entry of the board, translated (1- and 2-cell, >4 GiB)" {
	lib dt-list "$TREE"
	assert_success
	assert_output "$BOARD_REG"
}

@test "dt: the tree through /proc/device-tree reads the same" {
	lib dt-list "$ROOT/proc/device-tree"
	assert_success
	assert_output "$BOARD_REG"
}

@test "dt: multi-string compatible, reg-names, status" {
	lib dt-node "$TREE" /soc/bus@40000000/ethernet@2000
	assert_success
	assert_output "path /soc/bus@40000000/ethernet@2000
compatible cdns,macb|cdns,gem
status -
reg 0 ctrl 0x2000+0x1000 phys 0x40002000
reg 1 stats 0x9000+0x200 phys 0x40009000"
	lib dt-node "$TREE" /soc/serial@10011000
	assert_output "path /soc/serial@10011000
compatible sifive,fu740-c000-uart|sifive,uart0
status disabled (disabled)
reg 0 - 0x10011000+0x1000 phys 0x10011000"
	lib dt-node "$TREE" /soc/serial@10010000
	assert_line "status okay"
}

@test "dt: 2-cell addresses and sizes above 4 GiB" {
	lib dt-node "$TREE" /memory@80000000
	assert_success
	assert_line "reg 1 - 0x200000000+0x40000000 phys 0x200000000"
	lib dt-node "$TREE" /axi@1000000000/sram@100000000
	assert_line "reg 0 - 0x100000000+0x100000000 phys 0x1100000000"
	lib dt-pick "$TREE" /pmu@3000000000
	assert_output "0 - 0x3000000000+0x1000"
}

@test "dt: absent cell counts default to 2 address and 1 size cell" {
	lib dt-cells "$TREE" /soc/bus@70000000
	assert_success
	assert_output "2 1"
	lib dt-cells "$TREE" /soc
	assert_output "1 1"
	lib dt-cells "$TREE" /cpus
	assert_output "1 0"
	lib dt-pick "$TREE" /soc/bus@70000000/sensor@100
	assert_output "0 - 0x70000100+0x40"
}

@test "dt: translation through nested ranges, and outside them" {
	lib dt-translate "$TREE" /soc/bus@40000000/bus@10000/timer@100 0x3fffc
	assert_success
	assert_output 0x4004fffc
	lib dt-translate "$TREE" /soc/bus@40000000/bus@10000/timer@100 0x40000
	assert_failure 1
	assert_equal "$stderr" "iomap: cannot translate 0x40000 of /soc/bus@40000000/bus@10000/timer@100 to a physical address: 0x40000 is outside the ranges of /soc/bus@40000000/bus@10000 (0x0+0x40000)"
	lib dt-translate "$TREE" /pmu@3000000000 0x3000000000
	assert_output 0x3000000000
}

@test "dt: -b picks by index or reg-names; default entry 0" {
	local eth=/soc/bus@40000000/ethernet@2000
	lib dt-pick "$TREE" $eth
	assert_success
	assert_output "0 ctrl 0x40002000+0x1000"
	lib dt-pick "$TREE" $eth 1
	assert_output "1 stats 0x40009000+0x200"
	lib dt-pick "$TREE" $eth stats
	assert_output "1 stats 0x40009000+0x200"
	lib dt-pick "$TREE" $eth 2
	assert_failure 2
	assert_equal "$stderr" "iomap: $eth has no reg entry 2 (its entries: 0 (ctrl), 1 (stats))"
	lib dt-pick "$TREE" $eth mdio
	assert_failure 2
	assert_equal "$stderr" "iomap: $eth has no reg entry named \"mdio\" (its entries: 0 (ctrl), 1 (stats))"
	lib dt-pick "$TREE" $eth 99999999999
	assert_failure 2
	# an empty name picks no unnamed entry
	lib dt-pick "$BROKEN" /soc/names@5000 ""
	assert_failure 2
	assert_equal "$stderr" "iomap: /soc/names@5000 has no reg entry named \"\" (its entries: 0 (a), 1 (a), 2)"
	lib dt-pick "$TREE" /soc
	assert_failure 2
	assert_equal "$stderr" "iomap: /soc has no reg property: no registers to map"
}

@test "dt: a bus without ranges: the address cannot be translated" {
	lib dt-pick "$TREE" /soc/bus@60000000/orphan@100
	assert_failure 1
	assert_equal "$stderr" "iomap: cannot translate 0x100 of /soc/bus@60000000/orphan@100 to a physical address: /soc/bus@60000000 has no ranges property"
	lib dt-pick "$TREE" /soc/i2c@10030000/eeprom@50
	assert_failure 1
	assert_equal "$stderr" "iomap: cannot translate 0x50 of /soc/i2c@10030000/eeprom@50 to a physical address: /soc/i2c@10030000 has no ranges property"
	lib dt-node "$TREE" /cpus/cpu@0
	assert_success
	assert_line "reg 0 - 0x0+0x0 why cannot translate 0x0 of /cpus/cpu@0 to a physical address: /cpus has no ranges property"
}

@test "dt: malformed reg: truncated, partial entry, empty" {
	lib dt-node "$BROKEN" /soc/truncated@1000
	assert_failure 1
	assert_equal "$stderr" "iomap: reg of /soc/truncated@1000 is 6 bytes: not a whole number of 4-byte cells (truncated?)"
	lib dt-node "$BROKEN" /soc/odd@2000
	assert_failure 1
	assert_equal "$stderr" "iomap: reg of /soc/odd@2000 is 3 cells: not a whole number of 2-cell entries (1 address and 1 size cell)"
	lib dt-node "$BROKEN" /soc/empty@3000
	assert_failure 1
	assert_equal "$stderr" "iomap: reg of /soc/empty@3000 is empty"
}

@test "dt: more than 2 cells, and a cell count that is not one cell" {
	lib dt-node "$BROKEN" /pci@30000000/dev@0
	assert_failure 1
	assert_equal "$stderr" "iomap: /pci@30000000 has #address-cells = <3>: iomap handles 1 or 2 address cells (addresses of up to 64 bits)"
	lib dt-node "$BROKEN" /wide@a0000000/block@0
	assert_failure 1
	assert_equal "$stderr" "iomap: /wide@a0000000 has #size-cells = <3>: iomap handles 0, 1 or 2 size cells"
	lib dt-node "$BROKEN" /soc/badcells@9000/child@0
	assert_failure 1
	assert_equal "$stderr" "iomap: #address-cells of /soc/badcells@9000 is 2 bytes, not one 4-byte cell"
	# the PCI host itself sits on the root bus and is fine
	lib dt-pick "$BROKEN" /pci@30000000
	assert_output "0 - 0x30000000+0x1000000"
}

@test "dt: translations past 2^64, unterminated strings, repeated reg-names" {
	lib dt-pick "$BROKEN" /high/ovf@200
	assert_failure 1
	assert_equal "$stderr" "iomap: cannot translate 0x200 of /high/ovf@200 to a physical address: the ranges of /high take 0x200 past the end of the 64-bit address space"
	lib dt-pick "$BROKEN" /high/end@f0
	assert_failure 1
	assert_equal "$stderr" "iomap: cannot translate 0xf0 of /high/end@f0 to a physical address: 0xfffffffffffffff0+0x100 runs past the end of the 64-bit address space"
	lib dt-node "$BROKEN" /soc/unterminated@4000
	assert_failure 1
	assert_equal "$stderr" "iomap: compatible of /soc/unterminated@4000 is not a NUL-terminated string list"
	lib dt-pick "$BROKEN" /soc/names@5000 a
	assert_failure 2
	assert_equal "$stderr" "iomap: /soc/names@5000 has 2 reg entries named \"a\" (its entries: 0 (a), 1 (a), 2): pick one by number"
	lib dt-pick "$BROKEN" /soc/names@5000 2
	assert_output "2 - 0x7000+0x10"
}

@test "dt: a listing keeps broken nodes with the reason" {
	lib dt-list-nodes "$BROKEN"
	assert_success
	assert_line "why reg of /soc/odd@2000 is 3 cells: not a whole number of 2-cell entries (1 address and 1 size cell)"
	assert_line "why /pci@30000000 has #address-cells = <3>: iomap handles 1 or 2 address cells (addresses of up to 64 bits)"
	assert_line "reg 0 - 0x2000+0x10 why cannot translate 0x2000 of /soc/narrow@8000/outside@2000 to a physical address: 0x2000 is outside the ranges of /soc/narrow@8000 (0x0+0x1000)"
	run grep -c '^path ' <<<"$output"
	assert_output 12
}

@test "dt: a property file over the size limit, or not a file" {
	cp -r "$BATS_FILE_TMPDIR/broken" "$BATS_TEST_TMPDIR/t"
	local t=$BATS_TEST_TMPDIR/t/sys/firmware/devicetree/base
	truncate -s $((1024 * 1024 + 1)) "$t/soc/odd@2000/reg"
	lib dt-node "$t" /soc/odd@2000
	assert_failure 1
	assert_equal "$stderr" "iomap: $t/soc/odd@2000/reg is larger than 1048576 bytes"
	rm "$t/soc/empty@3000/reg"
	mkfifo "$t/soc/empty@3000/reg"
	lib dt-node "$t" /soc/empty@3000
	assert_failure 1
	assert_equal "$stderr" "iomap: $t/soc/empty@3000/reg is not a property: not a regular file"
}

# --- dt: bound drivers -----------------------------------------------------

BOARD_DRIVERS="/axi@1000000000/dma@1000000 1001000000.dma uio_pdrv_genirq
/axi@1000000000/sram@100000000 - -
/cpus/cpu@0 - -
/memory@80000000 - -
/pmu@3000000000 - -
/soc/bus@40000000/bus@10000/timer@100 40010100.timer uio_pdrv_genirq
/soc/bus@40000000/bus@10000/timer@200 40010200.timer uio_pdrv_genirq
/soc/bus@40000000/ethernet@2000 40002000.ethernet macb
/soc/bus@60000000/orphan@100 - -
/soc/bus@70000000/sensor@100 - -
/soc/gpio@10060000 10060000.gpio -
/soc/i2c@10030000 10030000.i2c i2c-ocores
/soc/i2c@10030000/eeprom@50 0-0050 at24
/soc/serial@10010000 10010000.serial sifive-serial
/soc/serial@10011000 - -
/soc/watchdog@10040000 10040000.watchdog sp805-wdt"

@test "dt: drivers from of_node links on platform, amba and other buses" {
	lib dt-drivers "$TREE" "$ROOT/sys"
	assert_success
	assert_output "$BOARD_DRIVERS"
	lib dt-drivers "$ROOT/proc/device-tree" "$ROOT/sys"
	assert_output "$BOARD_DRIVERS"
	lib dt-drivers "$TREE" "$BATS_TEST_TMPDIR/nosys"
	assert_success
	assert_line "/soc/serial@10010000 - -"
}

@test "dt: a captured sysfs whose of_node links point outside it" {
	local dev=$BATS_TEST_TMPDIR/sys/bus/platform/devices/10010000.serial
	mkdir -p "$dev" "$BATS_TEST_TMPDIR/sys/bus/platform/drivers/x"
	ln -s /sys/firmware/devicetree/base/soc/serial@10010000 "$dev/of_node"
	ln -s ../../drivers/x "$dev/driver"
	lib dt-drivers "$TREE" "$BATS_TEST_TMPDIR/sys"
	assert_success
	assert_line "/soc/serial@10010000 10010000.serial x"
	assert_line "/soc/gpio@10060000 - -"
}

@test "dt: a device with a driver wins over an unbound one of the same node" {
	local sys=$BATS_TEST_TMPDIR/sys
	mkdir -p "$sys/bus/platform/devices/a.gpio" \
		"$sys/bus/zz/devices/b.gpio"
	ln -s "$TREE/soc/gpio@10060000" "$sys/bus/platform/devices/a.gpio/of_node"
	ln -s "$TREE/soc/gpio@10060000" "$sys/bus/zz/devices/b.gpio/of_node"
	ln -s /nowhere/drivers/gpio-sifive "$sys/bus/zz/devices/b.gpio/driver"
	lib dt-drivers "$TREE" "$sys"
	assert_line "/soc/gpio@10060000 b.gpio gpio-sifive"
}

# --- iomem -------------------------------------------------------------------

@test "iomem: every line with its depth and parent, 64-bit ranges" {
	lib iomem-list "$ROOT/proc/iomem"
	assert_success
	assert_line --index 0 "24 entries"
	assert_line --index 3 "10010000-10010fff depth 1 \"10010000.serial serial@10010000\" parent serial@10010000"
	assert_line --index 18 "80200000-807fffff depth 2 \"Kernel code\" parent Kernel image"
	assert_line --index 20 "be000000-bfffffff depth 1 \"Reserved\" parent System RAM"
	assert_line --index 21 "200000000-23fffffff depth 0 \"System RAM\" parent -"
	assert_line --index 24 "3000000000-3000000fff depth 0 \"pmu@3000000000\" parent -"
}

@test "iomem: an exact name; a repeated one names its ranges" {
	lib iomem-find "$ROOT/proc/iomem" sram@100000000
	assert_success
	assert_output "1100000000-11ffffffff depth 0 \"sram@100000000\" parent -"
	lib iomem-find "$ROOT/proc/iomem" ctrl
	assert_output "40002000-40002fff depth 0 \"ctrl\" parent -"
	lib iomem-find "$ROOT/proc/iomem" "System RAM"
	assert_failure 2
	assert_equal "$stderr" "iomap: 2 entries of $ROOT/proc/iomem are named \"System RAM\": 80000000-bfffffff, 200000000-23fffffff
iomap:   reach one by its physical address through /dev/mem instead"
	lib iomem-find "$ROOT/proc/iomem" Reserved
	assert_failure 2
	assert_stderr --partial "00000000-0000ffff, be000000-bfffffff"
}

@test "iomem: no such name suggests the names that hold it" {
	lib iomem-find "$ROOT/proc/iomem" serial
	assert_failure 2
	assert_equal "$stderr" "iomap: no entry of $ROOT/proc/iomem is named \"serial\"
iomap:   names holding it: \"serial@10010000\", \"10010000.serial serial@10010000\""
	lib iomem-find "$ROOT/proc/iomem" nothing
	assert_equal "$stderr" "iomap: no entry of $ROOT/proc/iomem is named \"nothing\""
}

@test "iomem: the innermost entry holding an address, and its parent" {
	lib iomem-hold "$ROOT/proc/iomem" 0x80300000
	assert_success
	assert_output "80200000-807fffff depth 2 \"Kernel code\" parent Kernel image"
	lib iomem-hold "$ROOT/proc/iomem" 0x10010ffc
	assert_output "10010000-10010fff depth 1 \"10010000.serial serial@10010000\" parent serial@10010000"
	lib iomem-hold "$ROOT/proc/iomem" 0x90000000
	assert_output "80000000-bfffffff depth 0 \"System RAM\" parent -"
	lib iomem-hold "$ROOT/proc/iomem" 0x11ffffffff
	assert_output "1100000000-11ffffffff depth 0 \"sram@100000000\" parent -"
	lib iomem-hold "$ROOT/proc/iomem" 0x50000000
	assert_output none
}

@test "iomem: without privilege every range is 0, and lookups say so" {
	"$FIXTURES/mkiomem" --unprivileged "$BATS_TEST_TMPDIR/u"
	local f=$BATS_TEST_TMPDIR/u/proc/iomem
	lib iomem-list "$f"
	assert_success
	assert_line --index 0 "24 entries, zeroed"
	lib iomem-find "$f" sram@100000000
	assert_failure 1
	assert_equal "$stderr" "iomap: $f shows every range as 0: only a privileged reader sees the addresses
iomap:   run iomap as root (CAP_SYS_ADMIN)"
	lib iomem-hold "$f" 0
	assert_output none
	# one real range is enough not to be the unprivileged form
	printf '00000000-00000000 : a\n00001000-00001fff : b\n' >"$BATS_TEST_TMPDIR/one"
	lib iomem-list "$BATS_TEST_TMPDIR/one"
	assert_line --index 0 "2 entries"
}

@test "iomem: malformed lines are errors naming the line" {
	local f=$BATS_TEST_TMPDIR/iomem
	printf '00000000-0000ffff : a\n  garbage\n' >"$f"
	lib iomem-list "$f"
	assert_failure 1
	assert_equal "$stderr" "iomap: line 2 of $f is not \"START-END : NAME\""
	printf '00000000-0000ffff : a\n    00001000-00001fff : b\n' >"$f"
	lib iomem-list "$f"
	assert_failure 1
	assert_equal "$stderr" "iomap: line 2 of $f is nested deeper than the line before it"
	printf '  00000000-0000ffff : a\n' >"$f"
	lib iomem-list "$f"
	assert_failure 1
	printf '10000000000000000-10000000000000000 : big\n' >"$f"
	lib iomem-list "$f"
	assert_failure 1
	assert_equal "$stderr" "iomap: line 1 of $f is not \"START-END : NAME\""
	printf 'ffffffffffffffff-ffffffffffffffff : top\n00002000-00001fff : backwards\n' >"$f"
	lib iomem-list "$f"
	assert_failure 1
	assert_equal "$stderr" "iomap: line 2 of $f is not \"START-END : NAME\""
	printf '0000000000000000ffff-0000000000000000ffff : zeros\n00000000-0000000f : \n' >"$f"
	lib iomem-list "$f"
	assert_success
	assert_output '2 entries
ffff-ffff depth 0 "zeros" parent -
0-f depth 0 "" parent -'
	lib iomem-list "$BATS_TEST_TMPDIR/none"
	assert_failure 1
	assert_equal "$stderr" "iomap: cannot read $BATS_TEST_TMPDIR/none: No such file or directory"
}

# --- uio ---------------------------------------------------------------------

@test "uio: devices and maps from sysfs, for this page size" {
	lib uio-list "$ROOT/sys"
	assert_success
	local p1=$(( (0x20 + 0x100 % PAGE + PAGE - 1) / PAGE * PAGE ))
	local p2=$(( (0x2000 + PAGE - 1) / PAGE * PAGE ))
	local p3=$(( (0x20 + 0x200 % PAGE + PAGE - 1) / PAGE * PAGE ))
	assert_output "$(printf '%s\n' \
		'uio0 num 0 name "dma"' \
		'  map0 "dma@1000000" addr 0x1001000000 size 0x10000 offset 0x0' \
		'uio1 num 1 name "timer"' \
		"  map0 \"regs\" addr 0x$(printf %x $((0x40010100 & ~(PAGE - 1)))) size 0x$(printf %x $p1) offset 0x$(printf %x $((0x40010100 & (PAGE - 1))))" \
		"  map1 \"fifo\" addr 0x40030000 size 0x$(printf %x $p2) offset 0x0" \
		'uio2 num 2 name "timer"' \
		"  map0 \"timer@200\" addr 0x$(printf %x $((0x40010200 & ~(PAGE - 1)))) size 0x$(printf %x $p3) offset 0x$(printf %x $((0x40010200 & (PAGE - 1))))")"
}

@test "uio: a device by uioN, /dev/uioN or name; a map by index or name" {
	lib uio-find "$ROOT/sys" uio1
	assert_success
	assert_output 'uio1 map0 "regs"'
	lib uio-find "$ROOT/sys" /dev/uio1 fifo
	assert_output 'uio1 map1 "fifo"'
	lib uio-find "$ROOT/sys" uio1 1
	assert_output 'uio1 map1 "fifo"'
	lib uio-find "$ROOT/sys" dma
	assert_output 'uio0 map0 "dma@1000000"'
}

@test "uio: several of one name, none, or no such map name the candidates" {
	lib uio-find "$ROOT/sys" timer
	assert_failure 2
	assert_equal "$stderr" "iomap: timer names 2 UIO devices: uio1 (timer), uio2 (timer)
iomap:   name one by uioN"
	lib uio-find "$ROOT/sys" uio9
	assert_failure 2
	assert_equal "$stderr" "iomap: uio9 matches no UIO device (as uioN, /dev/uioN or name)
iomap:   UIO devices present: uio0 (dma), uio1 (timer), uio2 (timer)"
	lib uio-find "$ROOT/sys" uio1 2
	assert_failure 2
	assert_equal "$stderr" "iomap: uio1 (timer) has no map 2 (it has map0 (regs), map1 (fifo))"
	lib uio-find "$ROOT/sys" uio1 sram
	assert_failure 2
	assert_equal "$stderr" "iomap: uio1 (timer) has no map named \"sram\" (it has map0 (regs), map1 (fifo))"
	lib uio-find "$BATS_TEST_TMPDIR" uio0
	assert_failure 2
	assert_equal "$stderr" "iomap: uio0 matches no UIO device: there are none"
}

@test "uio: a malformed sysfs number is an error naming the file" {
	cp -r "$ROOT/sys/devices/platform/40010200.timer/uio/uio2" \
		"$BATS_TEST_TMPDIR/uio2"
	mkdir -p "$BATS_TEST_TMPDIR/sys/class/uio"
	ln -s "$BATS_TEST_TMPDIR/uio2" "$BATS_TEST_TMPDIR/sys/class/uio/uio2"
	local map=$BATS_TEST_TMPDIR/uio2/maps/map0
	echo 0xzz >"$map/addr"
	lib uio-list "$BATS_TEST_TMPDIR/sys"
	assert_failure 1
	assert_equal "$stderr" "iomap: $BATS_TEST_TMPDIR/sys/class/uio/uio2/maps/map0/addr is not a hexadecimal number"
	echo 0x10000000000000000 >"$map/addr"
	lib uio-list "$BATS_TEST_TMPDIR/sys"
	assert_equal "$stderr" "iomap: $BATS_TEST_TMPDIR/sys/class/uio/uio2/maps/map0/addr is larger than 64 bits"
	echo >"$map/addr"
	lib uio-list "$BATS_TEST_TMPDIR/sys"
	assert_equal "$stderr" "iomap: $BATS_TEST_TMPDIR/sys/class/uio/uio2/maps/map0/addr holds no number"
	echo 40010000 >"$map/addr"
	rm "$map/name"
	lib uio-list "$BATS_TEST_TMPDIR/sys"
	assert_success
	assert_line '  map0 "" addr 0x40010000 size 0x'"$(printf %x $(( (0x220 + PAGE - 1) / PAGE * PAGE )))"' offset 0x200'
}
