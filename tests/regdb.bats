#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Register descriptions (--regs, regs): every format against the tables
# tests/fixtures/mkregs works out by hand, lookups, errors with FILE:LINE,
# the compiled index in the cache, and a build without expat.

load helpers

MKREGS=$TESTS_SRCDIR/fixtures/mkregs

setup_file() {
	FX=$BATS_FILE_TMPDIR/fx
	"$MKREGS" "$FX"
	export FX
}

setup() {
	# Never the user's own cache.
	export XDG_CACHE_HOME=$BATS_TEST_TMPDIR/cache
	cd "$BATS_TEST_TMPDIR"
}

# normalize: a regs --json table with registers and fields in name order.
normalize() {
	jq -S 'sort_by(.name) | map(if .fields then .fields |= sort_by(.name) else . end)'
}

# same_table FILE: iomap's table for FILE is the one mkregs wrote.
same_table() {
	run --separate-stderr iomap --regs "$FX/$1" regs --fields --json
	assert_success
	assert_stderr ''
	[ "$(jq length <<<"$output")" -gt 5 ]
	diff -u <(normalize < "$FX/$1.json") <(normalize <<<"$output")
}

@test "CMSIS-SVD: derivedFrom, dim arrays, clusters, inheritance, fields, enums" {
	same_table features.svd
}

@test "IP-XACT 1685-2014 (ipxact:): blocks, register files, arrays, field resets" {
	same_table features-2014.xml
}

@test "IP-XACT 1685-2009 (spirit:): the same component" {
	same_table features-2009.xml
}

@test "the text format: every kind of line" {
	same_table features.regs
}

@test "the tables themselves: the SVD's derived peripherals moved and resized" {
	# A check on the generator: these follow from the SVD by hand.
	run jq -r '.[] | select(.name == "UART1.CTRL" or .name == "UART2.CTRL" or .name == "SYS.DMA.SRC" or .name == "UART0.DMA.CH[1].STAT") | "\(.name) \(.address) \(.width) \(.access) \(.reset)"' "$FX/features.svd.json"
	assert_output "UART0.DMA.CH[1].STAT 0x40001064 32 ro 0x5
UART1.CTRL 0x40002000 16 rw 0x0
UART2.CTRL 0x40003000 32 rw 0x0
SYS.DMA.SRC 0x50000100 32 ro 0x5"
}

@test "regs prints name, address, width, access and reset in address order" {
	run --separate-stderr iomap --regs "$FX/features.regs" regs
	assert_success
	assert_output "gpio.dir   0x00001000  8 rw -
gpio.out   0x00001001  8 ro -
UART0.CTRL 0x10010008 32 rw 0x00000001
UART0.DATA 0x1001000c 32 ro - (read has side effects)
UART0.IER  0x10010010 16 wo 0x0005
UART0.WIDE 0x10010400 64 rw 0xffff000000000001"
}

@test "regs --fields adds bits, access and enumerations" {
	run --separate-stderr iomap -r "$FX/features.regs" regs --fields 'UART0.[CD]*'
	assert_success
	assert_output "UART0.CTRL 0x10010008 32 rw 0x00000001
  EN   [0]    rw off=0x0 on=0x1
  MODE [3:1]  ro
  CLK  [15:8] rw
UART0.DATA 0x1001000c 32 ro - (read has side effects)
  BYTE [7:0]  ro (read has side effects)"
}

@test "PATTERN is a glob on full names and names without the block, any case" {
	run --separate-stderr iomap --regs="$FX/features.svd" regs 'uart?.dma.ch\[1\].*'
	assert_success
	assert_output "UART0.DMA.CH[1].CFG  0x40001060 32 rw 0x00000007
UART0.DMA.CH[1].STAT 0x40001064 32 ro 0x00000005
UART1.DMA.CH[1].CFG  0x40002060 32 rw 0x00000007
UART1.DMA.CH[1].STAT 0x40002064 32 ro 0x00000005
UART2.DMA.CH[1].CFG  0x40003060 32 rw 0x00000007
UART2.DMA.CH[1].STAT 0x40003064 32 ro 0x00000005"
	run --separate-stderr iomap --regs="$FX/features.svd" regs cnt
	assert_success
	assert_output "TIMER0.CNT 0x40010000 32 ro -
TIMER1.CNT 0x40010100 32 ro -"
}

@test "a name finds one register or field: any case, BLOCK left out where unique" {
	run --separate-stderr iomap -r "$FX/features.svd" regs sys.fifo.byte
	assert_success
	assert_output "SYS.FIFO 0x50000010 32 ro - (read has side effects)
  BYTE [7:0] ro (read has side effects)"
	run --separate-stderr iomap -r "$FX/features.regs" regs ier.tx
	assert_success
	assert_output "UART0.IER 0x10010010 16 wo 0x0005
  TX [2] wo on=0x1 off=0x0"
	run --separate-stderr iomap -r "$FX/features.regs" regs --json Out.PIN
	assert_success
	assert_output '[{"name":"gpio.out","address":"0x1001","width":8,"access":"ro","side_effects":false,"reset":null,"description":null,"fields":[{"name":"pin","hi":7,"lo":4,"access":"ro","side_effects":false,"description":null,"write":null,"enums":[{"name":"low","value":"0x0"},{"name":"high","value":"0xf"}]}]}]'
}

@test "an ambiguous name is refused with its candidates (exit 2)" {
	run --separate-stderr iomap -r "$FX/features.svd" regs ctrl.en
	assert_failure 2
	assert_output ''
	assert_stderr "iomap: 'ctrl.en' is ambiguous in $FX/features.svd: it names 3 registers or fields
iomap:   candidates: UART0.CTRL.EN, UART1.CTRL.EN, UART2.CTRL.EN"
}

@test "an unknown name is refused with the nearest names (exit 2)" {
	run --separate-stderr iomap -r "$FX/features.svd" regs uart0.ctlr
	assert_failure 2
	assert_stderr "iomap: no register or field 'uart0.ctlr' in $FX/features.svd
iomap:   did you mean UART0.CTRL, UART0.CTRL2, UART1.CTRL or UART2.CTRL?"
	run --separate-stderr iomap -r "$FX/features.svd" regs uart0.ctlr.en
	assert_failure 2
	assert_stderr "iomap: no register or field 'uart0.ctlr.en' in $FX/features.svd
iomap:   did you mean UART0.CTRL.EN, UART0.CTRL2.EN, UART1.CTRL.EN or UART2.CTRL.EN?"
	run --separate-stderr iomap -r "$FX/features.svd" regs zzzzzzzz
	assert_failure 2
	assert_stderr "iomap: no register or field 'zzzzzzzz' in $FX/features.svd"
}

@test "a register without the field asked for says so, with its fields" {
	run --separate-stderr iomap -r "$FX/features.svd" regs timer1.load.f2
	assert_failure 2
	assert_stderr "iomap: register TIMER1.LOAD in $FX/features.svd has no field 'f2'
iomap:   did you mean TIMER1.LOAD.F0 or TIMER1.LOAD.F1?"
	run --separate-stderr iomap -r "$FX/features.svd" regs Uart0.Ctrl.xyzzy
	assert_failure 2
	assert_stderr "iomap: register UART0.CTRL in $FX/features.svd has no field 'xyzzy'
iomap:   its fields: EN, MODE, DIV"
	run --separate-stderr iomap -r "$FX/features.svd" regs sys.key.x
	assert_failure 2
	assert_stderr "iomap: register SYS.KEY in $FX/features.svd has no field 'x'
iomap:   it has no fields"
}

@test "a glob that matches nothing exits 1" {
	run --separate-stderr iomap -r "$FX/features.svd" regs 'nothing*'
	assert_failure 1
	assert_output ''
	assert_stderr "iomap: no register in $FX/features.svd matches 'nothing*'"
	# --json still prints a document: the empty list.
	run --separate-stderr iomap -r "$FX/features.svd" regs 'nothing*' --json
	assert_failure 1
	assert_output '[]'
	assert_stderr "iomap: no register in $FX/features.svd matches 'nothing*'"
	run jq length <<<"$output"
	assert_output 0
}

@test "--names completes full names, unique short names, and fields" {
	run --separate-stderr iomap -r "$FX/features.svd" regs --names timer1.
	assert_success
	assert_output "TIMER1.CNT
TIMER1.LOAD"
	run --separate-stderr iomap -r "$FX/features.svd" regs --names TIMER1.LOAD
	assert_success
	assert_output "TIMER1.LOAD
TIMER1.LOAD.V
TIMER1.LOAD.F0
TIMER1.LOAD.F1"
	run --separate-stderr iomap -r "$FX/features.regs" regs --names i
	assert_success
	assert_output "IER"
	run --separate-stderr iomap -r "$FX/features.regs" regs --names IER.
	assert_success
	assert_output "IER.RX
IER.TX"
	run --separate-stderr iomap -r "$FX/features.regs" regs --names
	assert_success
	assert_output "gpio.dir
gpio.out
UART0.CTRL
UART0.DATA
UART0.IER
UART0.WIDE"
	run --separate-stderr iomap -r "$FX/features.regs" regs --names nope
	assert_success
	assert_output ''
}

@test "regs needs --regs; --fields and --names go with regs" {
	run --separate-stderr iomap regs
	assert_failure 2
	assert_stderr "iomap: regs lists the registers of a description: give it with --regs FILE"
	run --separate-stderr iomap -f "$FX/features.regs" --fields dump 0
	assert_failure 2
	assert_stderr --partial "iomap: --fields goes with regs, peek and show"
	run --separate-stderr iomap -f "$FX/features.regs" --names peek 0
	assert_failure 2
	assert_stderr --partial "iomap: --names goes with regs"
	run --separate-stderr iomap -r "$FX/features.regs" regs --names --json
	assert_failure 2
	assert_stderr --partial "iomap: --names prints names only: not with --json"
	run --separate-stderr iomap -r "$BATS_TEST_TMPDIR/missing.svd" regs
	assert_failure 2
	assert_stderr "iomap: cannot open $BATS_TEST_TMPDIR/missing.svd: No such file or directory"
}

@test "regs touches no hardware: no region is opened" {
	run --separate-stderr iomap -r "$FX/features.regs" --mem=/nonexistent regs DATA
	assert_success
	assert_output "UART0.DATA 0x1001000c 32 ro - (read has side effects)"
}

# fails FILE MESSAGE: loading FILE fails with exit 2 and "iomap: FILE:MESSAGE".
fails() {
	run --separate-stderr iomap --regs "$1" regs
	assert_failure 2
	assert_output ''
	assert_stderr "iomap: $1:$2"
}

@test "text format errors name the file and line" {
	printf 'register A 0\n' > t.regs
	fails t.regs "1: register A before any block line"
	printf 'block B 0x100\n\n# c\nregister A 0x1z\n' > t.regs
	fails t.regs "4: invalid offset '0x1z': trailing characters"
	printf 'block B 0\nregister A 0 24\n' > t.regs
	fails t.regs "2: invalid width '24': use 8, 16, 32 or 64"
	printf 'block B 0\nregister A 0 xx\n' > t.regs
	fails t.regs "2: unknown word 'xx' (WIDTH, rw, ro, wo, rc or reset=VALUE may follow the offset)"
	printf 'block B 0\nregister A 0\nfield F 0:3\n' > t.regs
	fails t.regs "3: field F: bit 0 is below bit 3 (give HI:LO)"
	printf 'block B.C 0\n' > t.regs
	fails t.regs "1: invalid block name 'B.C': use letters, digits and '_'"
	printf 'frob\n' > t.regs
	fails t.regs "1: unknown line 'frob' (block, register or field)"
}

# svd BODY: a device around BODY (the peripherals' contents) in x.svd.
svd() {
	printf '<?xml version="1.0"?>\n<device>\n<peripherals>\n<peripheral>\n<name>P</name>\n<baseAddress>0x1000</baseAddress>\n<registers>\n%s\n</registers>\n</peripheral>\n</peripherals>\n</device>\n' "$1" > x.svd
}

@test "CMSIS-SVD errors name the file and line" {
	svd '<register><name>A</name><addressOffset>0</addressOffset>'
	fails x.svd "9: malformed XML: mismatched tag"
	svd '<register derivedFrom="NOPE"><name>A</name><addressOffset>0</addressOffset></register>'
	fails x.svd "8: register A: derivedFrom 'NOPE' names no register"
	svd '<register><name>A</name>
<addressOffset>0xg</addressOffset></register>'
	fails x.svd "9: invalid number '0xg' in <addressOffset>: no digits"
	svd '<register><name>A%s</name><dim>3</dim><dimIncrement>4</dimIncrement>
<dimIndex>X,Y</dimIndex><addressOffset>0</addressOffset></register>'
	fails x.svd "9: dimIndex 'X,Y' has 2 indices, dim is 3"
	svd '<register derivedFrom="B"><name>A</name><addressOffset>0</addressOffset></register>
<register derivedFrom="A"><name>B</name><addressOffset>4</addressOffset></register>'
	fails x.svd "9: register B: derivedFrom 'A' is circular"
	printf '<?xml version="1.0"?>\n<frob/>\n' > x.svd
	fails x.svd "2: the root element is <frob>, neither a CMSIS-SVD <device> nor an IP-XACT (1685-2014 or 1685-2009) <component>"
}

# ipx BODY: an IP-XACT 2014 address block around BODY in x.xml.
ipx() {
	printf '<?xml version="1.0"?>\n<ipxact:component xmlns:ipxact="http://www.accellera.org/XMLSchema/IPXACT/1685-2014">\n<ipxact:memoryMaps><ipxact:memoryMap><ipxact:name>m</ipxact:name>\n<ipxact:addressBlock><ipxact:name>B</ipxact:name><ipxact:baseAddress>0</ipxact:baseAddress>\n%s\n</ipxact:addressBlock></ipxact:memoryMap></ipxact:memoryMaps>\n</ipxact:component>\n' "$1" > x.xml
}

@test "IP-XACT errors name the file and line" {
	ipx '<ipxact:register><ipxact:name>R</ipxact:name>
<ipxact:addressOffset>MY_PARAM*4</ipxact:addressOffset><ipxact:size>32</ipxact:size></ipxact:register>'
	fails x.xml "6: invalid number 'MY_PARAM*4' in <addressOffset>: 'MY_PARAM' is no parameterId of the component"
	ipx '<ipxact:register><ipxact:name>R</ipxact:name></ipxact:register'
	fails x.xml "6: malformed XML: not well-formed (invalid token)"
}

# wraps FILE MSG: FILE is refused with MSG and nothing is compiled into the
# cache.
wraps() {
	fails "$1" "$2"
	[ ! -e "$XDG_CACHE_HOME/iomap" ] || [ -z "$(ls -A "$XDG_CACHE_HOME/iomap")" ]
}

@test "register addresses that pass 2^64 are refused, not wrapped onto another register" {
	local end='passes the end of the 64-bit address space'
	# CMSIS-SVD: base + offset, dim x dimIncrement of registers, clusters
	# and peripherals, a field's dimIncrement that is -1 modulo 2^64.
	printf '<?xml version="1.0"?>\n<device>\n<peripherals>\n<peripheral>\n<name>P</name>\n<baseAddress>0xFFFFFFFFFFFFFF00</baseAddress>\n<registers>\n<register><name>A</name><addressOffset>0x100</addressOffset></register>\n</registers>\n</peripheral>\n</peripherals>\n</device>\n' > x.svd
	wraps x.svd "8: register A: addressOffset 0x100 from 0xffffffffffffff00 $end"
	svd '<register><name>A%s</name><dim>3</dim><dimIncrement>0x8000000000000000</dimIncrement><addressOffset>0</addressOffset></register>'
	wraps x.svd "8: register A%s: element 2 at dimIncrement 0x8000000000000000 from 0x1000 $end"
	svd '<cluster><name>C%s</name><dim>2</dim><dimIncrement>0xFFFFFFFFFFFFF000</dimIncrement><addressOffset>0</addressOffset><register><name>A</name><addressOffset>0</addressOffset></register></cluster>'
	wraps x.svd "8: cluster C%s: element 1 at dimIncrement 0xFFFFFFFFFFFFF000 from 0x1000 $end"
	svd '<cluster><name>C</name><addressOffset>0xFFFFFFFFFFFFF000</addressOffset><register><name>A</name><addressOffset>0</addressOffset></register></cluster>'
	wraps x.svd "8: cluster C: addressOffset 0xFFFFFFFFFFFFF000 from 0x1000 $end"
	printf '<?xml version="1.0"?>\n<device>\n<peripherals>\n<peripheral>\n<name>P%%s</name><dim>2</dim><dimIncrement>0xFFFFFFFFFFFFF000</dimIncrement>\n<baseAddress>0x1000</baseAddress>\n<registers>\n<register><name>A</name><addressOffset>0</addressOffset></register></registers>\n</peripheral>\n</peripherals>\n</device>\n' > x.svd
	wraps x.svd "4: peripheral P%s: element 1 at dimIncrement 0xFFFFFFFFFFFFF000 from 0x1000 $end"
	svd '<register><name>A</name><addressOffset>0</addressOffset><fields>
<field><name>F%s</name><dim>2</dim><dimIncrement>0xFFFFFFFFFFFFFFFF</dimIncrement><bitOffset>4</bitOffset><bitWidth>1</bitWidth></field></fields></register>'
	wraps x.svd "9: field F1 (element 1 at dimIncrement 0xFFFFFFFFFFFFFFFF) is beyond bit 63"
	# A register whose last bytes would pass 2^64.
	svd '<register><name>A</name><addressOffset>0xFFFFFFFFFFFFEFFE</addressOffset></register>'
	wraps x.svd "8: register P.A at 0xfffffffffffffffe: its 4 bytes run past the end of the 64-bit address space"

	# IP-XACT: addressUnitBits scaling of a base and an offset, a
	# stride, a register file's range, an array without a stride.
	ipx_aub() {
		printf '<?xml version="1.0"?>\n<ipxact:component xmlns:ipxact="http://www.accellera.org/XMLSchema/IPXACT/1685-2014">\n<ipxact:memoryMaps><ipxact:memoryMap><ipxact:name>m</ipxact:name><ipxact:addressUnitBits>32</ipxact:addressUnitBits>\n<ipxact:addressBlock><ipxact:name>B</ipxact:name><ipxact:baseAddress>%s</ipxact:baseAddress>\n<ipxact:register><ipxact:name>R</ipxact:name><ipxact:addressOffset>%s</ipxact:addressOffset><ipxact:size>32</ipxact:size></ipxact:register>\n</ipxact:addressBlock></ipxact:memoryMap></ipxact:memoryMaps>\n</ipxact:component>\n' "$1" "$2" > x.xml
	}
	ipx_aub 0x4000000000000000 0
	wraps x.xml "4: addressBlock B: <baseAddress> 0x4000000000000000 (32-bit address units) $end"
	ipx_aub 0 0x4000000000000000
	wraps x.xml "5: register R: <addressOffset> 0x4000000000000000 (32-bit address units) $end"
	local R='<ipxact:register><ipxact:name>R</ipxact:name><ipxact:addressOffset>%s</ipxact:addressOffset><ipxact:size>32</ipxact:size>%s</ipxact:register>'
	# shellcheck disable=SC2059
	ipx "$(printf "$R" 0 '<ipxact:dim>4</ipxact:dim><ipxact:stride>0x8000000000000000</ipxact:stride>')"
	wraps x.xml "5: register R: <addressOffset> 0, element 2 at <stride> 0x8000000000000000 (8-bit address units) $end"
	# shellcheck disable=SC2059
	ipx "$(printf "$R" 0xFFFFFFFFFFFFFFF0 '<ipxact:dim>8</ipxact:dim>')"
	wraps x.xml "5: register R: <addressOffset> 0xFFFFFFFFFFFFFFF0, element 4 (8-bit address units) $end"
	# shellcheck disable=SC2059
	ipx '<ipxact:registerFile><ipxact:name>F</ipxact:name><ipxact:addressOffset>0</ipxact:addressOffset><ipxact:range>0x8000000000000000</ipxact:range><ipxact:dim>3</ipxact:dim>'"$(printf "$R" 0 '')"'</ipxact:registerFile>'
	wraps x.xml "5: registerFile F: <addressOffset> 0, element 2 at <range> 0x8000000000000000 (8-bit address units) $end"

	# The text format: a block's base + a register's offset, a register's
	# last bytes.
	printf 'block B 0xFFFFFFFFFFFFFFF0\nregister A 0x20\n' > t.regs
	wraps t.regs "2: register A: offset 0x20 from block B's base 0xfffffffffffffff0 $end"
	printf 'block B 0xFFFFFFFFFFFFFFF0\nregister A 0xE\n' > t.regs
	wraps t.regs "2: register B.A at 0xfffffffffffffffe: its 4 bytes run past the end of the 64-bit address space"
	# The last register that fits still loads.
	printf 'block B 0xFFFFFFFFFFFFFFF0\nregister A 0xC\n' > t.regs
	run --separate-stderr iomap --regs t.regs regs
	assert_success
	assert_output 'B.A 0xfffffffffffffffc 32 rw -'
}

# instructions FILE: the instructions a parse of FILE takes (cachegrind counts
# them: the same on every run, however loaded the machine).
instructions() {
	XDG_CACHE_HOME=$BATS_TEST_TMPDIR/nocache valgrind --tool=cachegrind \
		--cache-sim=no --cachegrind-out-file=/dev/null \
		"$IOMAP" --regs "$1" regs --names zz 2>vg.log >/dev/null
	awk '/I +refs:/ { gsub(",", "", $NF); print $NF }' vg.log
}

@test "parse cost grows linearly: many enumerated values, derivedFrom chains, paths and overrides" {
	skip_instrumented "it counts iomap's own instructions"
	command -v valgrind >/dev/null ||
		skip "valgrind is not installed (apt-get install valgrind): it counts the instructions"
	touch nocache	# a file: no cache, every run parses
	local shape small large ratio
	for shape in enums chains paths override enumpaths; do
		"$MKREGS" --cost "$shape" 1000 small.svd
		"$MKREGS" --cost "$shape" 4000 large.svd
		small=$(instructions small.svd)
		large=$(instructions large.svd)
		[ -n "$small" ] && [ -n "$large" ]
		# Four times the size: four times the work when linear, 9 to 16
		# times when quadratic (as it was).
		ratio=$(awk -v a="$large" -v b="$small" 'BEGIN { printf "%.2f", a / b }')
		echo "$shape: $small -> $large instructions, ${ratio}x"
		awk -v r="$ratio" 'BEGIN { exit !(r < 6) }'
	done
	# And the large ones load whole.
	"$MKREGS" --cost enums 100000 e.svd
	run --separate-stderr iomap --regs e.svd regs --fields --json P.R
	assert_success
	assert_equal "$(jq '.[0].fields[0].enums | length' <<<"$output")" 100000
	assert_equal "$(jq -r '.[0].fields[0].enums[99999] | "\(.name)=\(.value)"' <<<"$output")" "V99999=0x1869f"
	"$MKREGS" --cost chains 4000 c.svd
	run --separate-stderr iomap --regs c.svd regs 'P3999.*'
	assert_success
	assert_output 'P3999.R0 0x00f9f000 32 rw -'
	"$MKREGS" --cost enumpaths 4000 p.svd
	run --separate-stderr iomap --regs p.svd regs --fields P.R3999
	assert_success
	assert_line '  F [0] rw off=0x0 on=0x1'
}

@test "derivedFrom: a peripheral that names nothing, a chain longer than 16" {
	printf '<?xml version="1.0"?>\n<device>\n<peripherals>\n<peripheral derivedFrom="NOPE">\n<name>P</name>\n<baseAddress>0x1000</baseAddress>\n</peripheral>\n</peripherals>\n</device>\n' > x.svd
	fails x.svd "4: peripheral P: derivedFrom 'NOPE' names no peripheral"
	# A register's path that names nothing.
	svd '<register derivedFrom="P.NOPE"><name>A</name><addressOffset>0</addressOffset></register>'
	fails x.svd "8: register A: derivedFrom 'P.NOPE' names no register"
	# 16 elements in a chain load; 17 are refused.
	{
		printf '<?xml version="1.0"?>\n<device>\n<peripherals>\n'
		printf '<peripheral><name>P0</name><baseAddress>0</baseAddress><registers><register><name>R</name><addressOffset>0</addressOffset></register></registers></peripheral>\n'
		for ((i = 1; i <= 16; i++)); do
			printf '<peripheral derivedFrom="P%d"><name>P%d</name><baseAddress>%d</baseAddress></peripheral>\n' $((i - 1)) "$i" $((i * 4096))
		done
		printf '</peripherals>\n</device>\n'
	} > x.svd
	fails x.svd "20: peripheral P16: derivedFrom chain has more than 16 elements (iomap's limit; real descriptions derive once or twice)"
	sed -i '/P16/d' x.svd
	run --separate-stderr iomap --regs x.svd regs 'P15.*'
	assert_success
	assert_output 'P15.R 0x0000f000 32 rw -'
}

# cache_of: the one compiled index in the test's cache directory.
cache_of() {
	local f
	for f in "$XDG_CACHE_HOME"/iomap/*.regdb; do
		printf '%s\n' "$f"
	done
}

@test "the compiled index is written to the cache and read back" {
	cp "$FX/features.svd" f.svd
	run --separate-stderr iomap -r f.svd regs --fields --json
	assert_success
	expected=$output
	run cache_of
	assert_output --regexp "^$XDG_CACHE_HOME/iomap/[0-9a-f]{16}\.regdb$"
	cache=$output
	[ "$(stat -c %a "$cache")" = 600 ]
	# A second run reads the index: change a name inside it, same length.
	python3 -c 'import sys; p=sys.argv[1]; b=open(p,"rb").read(); open(p,"wb").write(b.replace(b"TIMER1.LOAD", b"TIMER1.LOAX"))' "$cache"
	run --separate-stderr iomap -r f.svd regs 'timer1.*'
	assert_success
	assert_output "TIMER1.CNT  0x40010100 32 ro -
TIMER1.LOAX 0x40010104 32 rw 0x0000000a"
	# Not when others could have written it: then it is compiled anew.
	chmod 666 "$cache"
	run --separate-stderr iomap -r f.svd regs --fields --json
	assert_success
	assert_output "$expected"
	[ "$(stat -c %a "$cache")" = 600 ]
}

@test "a stale index is not used: the description changed" {
	printf 'block B 0\nregister A 0\n' > d.regs
	run -0 iomap -r d.regs regs
	assert_output 'B.A 0x00000000 32 rw -'
	printf 'block B 0\nregister C 4\n' > d.regs
	touch -d '2001-01-01' d.regs	# even back in time, same size
	run --separate-stderr iomap -r d.regs regs
	assert_success
	assert_output 'B.C 0x00000004 32 rw -'
	run cache_of
	assert_equal "$(wc -l <<<"$output")" 1
}

@test "a corrupt index is ignored and replaced" {
	cp "$FX/features-2014.xml" f.xml
	run -0 iomap -r f.xml regs --fields --json
	expected=$output
	cache=$(cache_of)
	size=$(stat -c %s "$cache")
	for damage in truncate garbage offsets; do
		case $damage in
		truncate) truncate -s 100 "$cache" ;;
		garbage) head -c "$size" /dev/urandom > "$cache" ;;
		offsets)
			# Keep the header, scramble everything after it.
			python3 -c 'import sys; p=sys.argv[1]; b=bytearray(open(p,"rb").read()); b[200:]=bytes((i*37+11)&255 for i in range(len(b)-200)); open(p,"wb").write(bytes(b))' "$cache"
			;;
		esac
		run --separate-stderr iomap -r f.xml regs --fields --json
		assert_success
		assert_stderr ''
		assert_output "$expected"
		[ "$(stat -c %s "$cache")" = "$size" ]
	done
}

@test "an index whose names are out of order is ignored" {
	cp "$FX/features.svd" f.svd
	run -0 iomap -r f.svd regs uart1.ctrl.mode
	expected=$output
	# Reverse the name index: every offset still in range.
	python3 -c '
import struct, sys
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
n = struct.unpack_from("<I", b, 88)[0]
off = struct.unpack_from("<Q", b, 128)[0]
idx = list(struct.unpack_from("<%dI" % n, b, off))
struct.pack_into("<%dI" % n, b, off, *reversed(idx))
open(p, "wb").write(bytes(b))' "$(cache_of)"
	run --separate-stderr iomap -r f.svd regs uart1.ctrl.mode
	assert_success
	assert_output "$expected"
}

@test "without a writable cache directory it still works" {
	touch notadir
	XDG_CACHE_HOME=$PWD/notadir run --separate-stderr iomap -r "$FX/features.regs" regs DATA
	assert_success
	assert_stderr ''
	assert_output "UART0.DATA 0x1001000c 32 ro - (read has side effects)"
	# A missing home directory is not created.
	XDG_CACHE_HOME= HOME=$PWD/nohome run --separate-stderr iomap -r "$FX/features.regs" regs DATA
	assert_success
	assert_stderr ''
	[ ! -e nohome ]
	# The cache directory and its iomap directory are.
	mkdir home
	XDG_CACHE_HOME= HOME=$PWD/home run -0 iomap -r "$FX/features.regs" regs DATA
	[ "$(stat -c %a home/.cache/iomap)" = 700 ]
	ls home/.cache/iomap/*.regdb
}

@test "the edu device's description loads" {
	run --separate-stderr iomap -r "$TESTS_SRCDIR/fixtures/edu.regs" regs --fields
	assert_success
	assert_line --index 0 --regexp '^edu\.id +0x00000000 32 ro 0x010000ed$'
	assert_line --regexp '^edu\.dma_cmd +0x00000098 64 rw -$'
	assert_line --regexp '^  computing +\[0\] +ro$'
}

@test "without expat, an XML description says what to install" {
	skip_instrumented "links iomap's objects again with plain cc"
	top=${IOMAP%/*}
	# iomap's objects and libiomap's (the convenience library's non-PIC
	# ones), wherever the layout puts them, and regdb_xml.c; an iomap-X.o
	# beside a libiomap_core_la-X.o is a stale one, from before X went into
	# the library.
	mapfile -t core < <(find "$top/src" "$top/lib" -path '*/.libs' -prune \
		-o -name 'libiomap_core_la-*.o' -print 2>/dev/null)
	objs=()
	for o in "${core[@]}" $(find "$top/src" -name 'iomap-*.o'); do
		n=${o##*/}
		n=${n#libiomap_core_la-}
		[ "$n" != regdb_xml.o ] || continue
		[[ $o == */libiomap_core_la-* ]] ||
			! printf '%s\n' "${core[@]}" | grep -q "/libiomap_core_la-${n#iomap-}$" ||
			continue
		objs+=("$o")
	done
	xml=$(find "$TESTS_SRCDIR/../src" "$TESTS_SRCDIR/../lib" -name regdb_xml.c 2>/dev/null | head -1)
	[ ${#objs[@]} -gt 10 ] && [ -n "$xml" ] || skip "no object files beside $IOMAP"
	grep -q '^#define HAVE_EXPAT 1' "$top/config.h" || skip "this build has no expat already"
	mkdir noxml
	grep -v HAVE_EXPAT "$top/config.h" > noxml/config.h
	# warnings as errors, as CI builds: the no-expat code must build clean
	mapfile -t incs < <(find "$TESTS_SRCDIR/../src" "$TESTS_SRCDIR/../lib" \
		-name '*.h' -printf '-I%h\n' 2>/dev/null | sort -u)
	cc -c -Wall -Wextra -Werror -Inoxml "${incs[@]}" -o noxml/regdb_xml.o "$xml"
	cc -o noxml/iomap "${objs[@]}" noxml/regdb_xml.o \
		$(pkg-config --libs libpci zlib libedit 2>/dev/null || echo -lpci -lz)
	run --separate-stderr noxml/iomap -r "$FX/features.svd" regs
	assert_failure 2
	assert_stderr "iomap: $FX/features.svd is XML (CMSIS-SVD or IP-XACT), and this iomap was built without an XML library
iomap:   install expat's development files and build iomap again (Debian, Ubuntu: apt-get install libexpat1-dev; Fedora: dnf install expat-devel), or write the registers in iomap's text format (iomap(1), REGISTER DESCRIPTIONS)"
	run --separate-stderr noxml/iomap -r "$FX/features.regs" regs DATA
	assert_success
}
