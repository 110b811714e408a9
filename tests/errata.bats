#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Register descriptions as vendors ship them (iomap(1), REGISTER
# DESCRIPTIONS): each erratum class in a small file written here, read the
# documented way and reported once (one summary line, none from the cache);
# regs --check lists them; what has no meaning is still refused; write
# semantics (modifiedWriteValues) kept and respected by a read-modify-write.
# Words in files are little-endian (the byte-order assumption of helpers).

load helpers

setup() {
	export XDG_CACHE_HOME=$BATS_TEST_TMPDIR/cache
	cd "$BATS_TEST_TMPDIR"
}

# svd BODY: a device around BODY (peripheral P's registers) in x.svd; the
# registers start at line 8.
svd() {
	printf '<?xml version="1.0"?>\n<device>\n<peripherals>\n<peripheral>\n<name>P</name>\n<baseAddress>0</baseAddress>\n<registers>\n%s\n</registers>\n</peripheral>\n</peripherals>\n</device>\n' "$1" > x.svd
}

# reg NAME OFFSET [MORE]: a register element on one line.
reg() {
	printf '<register><name>%s</name><addressOffset>%s</addressOffset>%s</register>' "$1" "$2" "${3-}"
}

# check FILE LINES...: regs --check lists exactly LINES and exits 1.
check() {
	local f=$1
	shift
	run --separate-stderr iomap --regs "$f" regs --check
	assert_failure 1
	assert_stderr ''
	assert_output "$(printf '%s\n' "$@")"
}

@test "an erratum is summed up once on stderr, never again from the cache" {
	svd "$(reg A 0 '<size>1</size>')
$(reg A 4)"
	run --separate-stderr iomap --regs x.svd regs
	assert_success
	assert_output "P.A   0x00000000  8 rw -
P.A_2 0x00000004 32 rw -"
	assert_stderr "iomap: x.svd: 2 problems ignored, the first at line 8: size 1 read as bytes (8 bits); 'regs --check' lists them"
	# the compiled index keeps the table, and says nothing again
	[ -n "$(ls -A "$XDG_CACHE_HOME/iomap")" ]
	run --separate-stderr iomap --regs x.svd regs
	assert_success
	assert_output "P.A   0x00000000  8 rw -
P.A_2 0x00000004 32 rw -"
	assert_stderr ''
	# one erratum: singular; and once per process, however many lines use it
	svd "$(reg A 0 '<size>2</size>')"
	printf 'peek A\npeek A\n' > s.iomap
	printf '\x34\x12' > w.bin
	run --separate-stderr iomap -f w.bin --regs x.svd run s.iomap
	assert_success
	assert_output "0x1234
0x1234"
	assert_stderr "iomap: x.svd: 1 problem ignored, the first at line 8: size 2 read as bytes (16 bits); 'regs --check' lists them"
}

@test "regs --check lists every erratum with FILE:LINE and exits 1, cache or not" {
	svd "$(reg A 0 '<size>4</size><resetValue>0x1</resetValue>')
$(reg B 4 '<access>Read-Only</access>')"
	check x.svd "x.svd:8: size 4 read as bytes (32 bits)" \
		"x.svd:9: access 'Read-Only' read as 'read-only'"
	# after a run that compiled the index, --check still parses the file
	run --separate-stderr iomap --regs x.svd regs
	assert_success
	check x.svd "x.svd:8: size 4 read as bytes (32 bits)" \
		"x.svd:9: access 'Read-Only' read as 'read-only'"
	# none: exit 0, nothing printed
	svd "$(reg A 0)"
	run --separate-stderr iomap --regs x.svd regs --check
	assert_success
	assert_output ''
	assert_stderr ''
	# --check goes with regs, alone
	run --separate-stderr iomap --regs x.svd -f x.svd peek 0 --check
	assert_failure 2
	assert_stderr --partial "iomap: --check goes with regs"
	run --separate-stderr iomap --regs x.svd regs --check --fields
	assert_failure 2
	assert_stderr --partial "iomap: regs --check lists the errata of the whole file: not with --fields"
	run --separate-stderr iomap --regs x.svd regs --check 'P.*'
	assert_failure 2
	assert_stderr --partial "not with a PATTERN"
}

@test "<size> of 1, 2 or 4 is bytes: 8, 16 and 32 bits, one access of that width" {
	svd "$(reg B 0 '<size>1</size>')
$(reg H 2 '<size>2</size>')
$(reg W 4 '<size>4</size>')
$(reg Q 8 '<size>64</size>')"
	run --separate-stderr iomap --regs x.svd regs
	assert_success
	assert_output "P.B 0x00000000  8 rw -
P.H 0x00000002 16 rw -
P.W 0x00000004 32 rw -
P.Q 0x00000008 64 rw -"
	printf '\x11\x22\x33\x44\x55\x66\x77\x88' > w.bin
	run --separate-stderr iomap -f w.bin -r x.svd --trace peek P.H
	assert_output 0x4433
	assert_stderr --partial 'R16 0x00000002 -> 0x4433'
	# any other size that is not bits is still refused
	svd "$(reg B 0 '<size>3</size>')"
	run --separate-stderr iomap --regs x.svd regs
	assert_failure 2
	assert_stderr "iomap: x.svd:8: size 3 is not 8, 16, 32 or 64 bits"
}

@test "an enumerated value too wide for its field, or named like 16-bit, is dropped" {
	svd "$(reg A 0 '<fields><field><name>F</name><bitRange>[0:0]</bitRange>
<enumeratedValues>
<enumeratedValue><name>OFF</name><value>0</value></enumeratedValue>
<enumeratedValue><name>SEE</name><value>0xa</value></enumeratedValue>
<enumeratedValue><name>16-bit</name><value>1</value></enumeratedValue>
<enumeratedValue><name>off</name><value>1</value></enumeratedValue>
<enumeratedValue><name>ON</name><value>1</value></enumeratedValue>
</enumeratedValues></field></fields>')"
	run --separate-stderr iomap --regs x.svd regs --fields
	assert_success
	assert_output "P.A 0x00000000 32 rw -
  F [0] rw OFF=0x0 ON=0x1"
	check x.svd "x.svd:11: value SEE=0xa does not fit the 1-bit field F: dropped" \
		"x.svd:12: field F: enumerated value name '16-bit' cannot be a name: dropped" \
		"x.svd:13: field F has two values named off: the second is dropped"
	# a dropped value is no name: poke by it is refused, nothing written
	printf '\0\0\0\0' > w.bin
	run --separate-stderr iomap -f w.bin -r x.svd --trace poke A.F SEE
	assert_failure 2
	assert_stderr "iomap: invalid value 'SEE' for P.A.F: neither a number nor one of its values (OFF or ON)
iomap:   nothing was written"
	assert_equal "$(hex_at w.bin 0 4)" 00000000
}

@test "a reset value too wide for its register is dropped" {
	svd "$(reg A 0 '<size>8</size><resetValue>0x1ff</resetValue>')
$(reg B 4 '<size>8</size><resetValue>0xff</resetValue>')"
	run --separate-stderr iomap --regs x.svd regs
	assert_success
	assert_output "P.A 0x00000000  8 rw -
P.B 0x00000004  8 rw 0xff"
	check x.svd "x.svd:8: register P.A: reset value 0x1ff does not fit 8 bits: dropped"
	# the same in the text format
	printf 'block B 0\nregister A 0 8 reset=0x100\n' > t.regs
	check t.regs "t.regs:2: register B.A: reset value 0x100 does not fit 8 bits: dropped"
}

@test "access values in any case; an unknown one (write) is ignored, the inherited access stays" {
	svd "$(reg A 0 '<access>read-writeonce</access>')
$(reg B 4 '<access>READ-ONLY</access>')
$(reg C 8 '<access>write</access>')
<register><name>D</name><addressOffset>12</addressOffset><access>read-only</access><fields>
<field><name>F</name><bitRange>[3:0]</bitRange><access>write</access></field></fields></register>"
	run --separate-stderr iomap --regs x.svd regs --fields
	assert_success
	assert_output "P.A 0x00000000 32 rw -
P.B 0x00000004 32 ro -
P.C 0x00000008 32 rw -
P.D 0x0000000c 32 ro -
  F [3:0] ro"
	check x.svd "x.svd:8: access 'read-writeonce' read as 'read-writeOnce'" \
		"x.svd:9: access 'READ-ONLY' read as 'read-only'" \
		"x.svd:10: unknown access 'write' ignored: the access inherited (else read-write) stays" \
		"x.svd:12: unknown access 'write' ignored: the access inherited (else read-write) stays"
	# READ-ONLY means read-only: a write is refused, nothing written
	printf '\0\0\0\0\0\0\0\0' > w.bin
	run --separate-stderr iomap -f w.bin -r x.svd --trace poke P.B 1
	assert_failure 2
	assert_stderr "iomap: register P.B is read-only: writing it is refused"
	assert_equal "$(hex_at w.bin 4 4)" 00000000
}

@test "a second field of a name is NAME_LO; overlapping fields are both kept" {
	svd "$(reg A 0 '<fields>
<field><name>RESERVED</name><bitRange>[3:0]</bitRange></field>
<field><name>Reserved</name><bitRange>[15:8]</bitRange></field>
<field><name>LOW</name><bitRange>[7:4]</bitRange></field>
<field><name>NIB</name><bitRange>[5:4]</bitRange></field>
<field><name>reserved</name><bitRange>[8:8]</bitRange><enumeratedValues><enumeratedValue><name>Z</name><value>1</value></enumeratedValue></enumeratedValues></field>
</fields>')"
	run --separate-stderr iomap --regs x.svd regs --fields
	assert_success
	# the third, whose NAME_LO is taken, is dropped with its values
	assert_output "P.A 0x00000000 32 rw -
  RESERVED   [3:0]  rw
  Reserved_8 [15:8] rw
  LOW        [7:4]  rw
  NIB        [5:4]  rw"
	check x.svd "x.svd:10: register P.A has two fields named Reserved (lines 9 and 10): the second is Reserved_8" \
		"x.svd:12: field NIB [5:4] of P.A overlaps field LOW [7:4] (line 11): both kept" \
		"x.svd:13: register P.A has two fields named reserved (lines 9 and 13), and reserved_8 is taken: the second is dropped"
	printf '\x21\x43\0\0' > w.bin
	run --separate-stderr iomap -f w.bin -r x.svd peek A.reserved_8
	assert_success
	assert_output 0x43
	run --separate-stderr iomap -f w.bin -r x.svd peek A.NIB
	assert_output 0x2
	# two overlapping fields in one write are still refused, nothing written
	run --separate-stderr iomap -f w.bin -r x.svd --trace poke A LOW=1 NIB=1
	assert_failure 2
	assert_stderr "iomap: field NIB overlaps a field given before it: write them one at a time
iomap:   nothing was written"
	assert_equal "$(hex_at w.bin 0 4)" 21430000
}

@test "a second register of a name is NAME_2 (then NAME_3), reachable by that name" {
	svd "$(reg A 0)
$(reg A 4)
$(reg a 8)"
	run --separate-stderr iomap --regs x.svd regs
	assert_success
	assert_output "P.A   0x00000000 32 rw -
P.A_2 0x00000004 32 rw -
P.a_3 0x00000008 32 rw -"
	check x.svd "x.svd:9: register P.A is described twice (lines 8 and 9): the second is P.A_2" \
		"x.svd:10: register P.a is described twice (lines 8 and 10): the second is P.a_3"
	printf '\1\0\0\0\2\0\0\0\3\0\0\0' > w.bin
	run --separate-stderr iomap -f w.bin -r x.svd peek P.A_2
	assert_output 0x00000002
	run --separate-stderr iomap -f w.bin -r x.svd peek A_3
	assert_output 0x00000003
	# IP-XACT and the text format read it the same way
	printf 'block B 0\nregister A 0\nregister a 4\nfield F 7:4\nfield G 4:0\n' > t.regs
	check t.regs "t.regs:3: register B.a is described twice (lines 2 and 3): the second is B.a_2" \
		"t.regs:5: field G [4:0] of B.a_2 overlaps field F [7:4] (line 4): both kept"
}

@test "what has no meaning is still refused with FILE:LINE, and nothing is cached" {
	svd "$(reg A 0)
<register><name>B</name></register>"
	run --separate-stderr iomap --regs x.svd regs
	assert_failure 2
	assert_output ''
	assert_stderr "iomap: x.svd:9: register B has no addressOffset"
	svd "<register derivedFrom=\"B\"><name>A</name><addressOffset>0</addressOffset></register>
<register derivedFrom=\"A\"><name>B</name><addressOffset>4</addressOffset></register>"
	run --separate-stderr iomap --regs x.svd regs --check
	assert_failure 2
	assert_output ''
	assert_stderr "iomap: x.svd:9: register B: derivedFrom 'A' is circular"
	[ ! -e "$XDG_CACHE_HOME/iomap" ] || [ -z "$(ls -A "$XDG_CACHE_HOME/iomap")" ]
}

# w1c: STATUS at 0 in x.svd: PEND oneToClear, NPEND zeroToClear, EN and MODE
# without their own (the register's oneToToggle applies).
w1c() {
	svd "<register><name>STATUS</name><addressOffset>0</addressOffset><fields>
<field><name>PEND</name><bitRange>[0:0]</bitRange><modifiedWriteValues>oneToClear</modifiedWriteValues></field>
<field><name>EN</name><bitRange>[1:1]</bitRange></field>
<field><name>NPEND</name><bitRange>[2:2]</bitRange><modifiedWriteValues>zeroToClear</modifiedWriteValues></field>
<field><name>MODE</name><bitRange>[7:4]</bitRange></field>
</fields><modifiedWriteValues>oneToToggle</modifiedWriteValues></register>"
}

@test "modifiedWriteValues is kept per field and shown by regs --fields" {
	w1c
	run --separate-stderr iomap --regs x.svd regs --fields
	assert_success
	assert_stderr ''
	# the register's applies to the fields without their own
	assert_output "P.STATUS 0x00000000 32 rw -
  PEND  [0]   rw oneToClear
  EN    [1]   rw oneToToggle
  NPEND [2]   rw zeroToClear
  MODE  [7:4] rw oneToToggle"
	run --separate-stderr iomap --regs x.svd regs --fields --json
	assert_equal "$(jq -c '[.[0].fields[].write]' <<<"$output")" \
		'["oneToClear","oneToToggle","zeroToClear","oneToToggle"]'
}

@test "a read-modify-write never writes back a 1 into a write-1-to-clear field it was not told to" {
	svd "<register><name>STATUS</name><addressOffset>0</addressOffset><fields>
<field><name>PEND</name><bitRange>[0:0]</bitRange><modifiedWriteValues>oneToClear</modifiedWriteValues></field>
<field><name>EN</name><bitRange>[1:1]</bitRange></field>
<field><name>NPEND</name><bitRange>[2:2]</bitRange><modifiedWriteValues>zeroToClear</modifiedWriteValues></field>
<field><name>MODE</name><bitRange>[7:4]</bitRange></field>
</fields></register>"
	# PEND is pending (1), NPEND is pending (0): a write of EN leaves both
	printf '\x01\x00\x00\x00' > w.bin
	run --separate-stderr iomap -f w.bin -r x.svd --trace poke STATUS.EN 1
	assert_success
	assert_stderr 'R32 0x00000000 -> 0x00000001  P.STATUS
W32 0x00000000 <- 0x00000006  P.STATUS'
	assert_equal "$(hex_at w.bin 0 4)" 06000000
	printf '\x01\x00\x00\x00' > w.bin
	run --separate-stderr iomap -f w.bin -r x.svd --trace poke STATUS EN=1 MODE=3
	assert_success
	assert_stderr 'R32 0x00000000 -> 0x00000001  P.STATUS
W32 0x00000000 <- 0x00000036  P.STATUS'
	assert_equal "$(hex_at w.bin 0 4)" 36000000
	printf '\x01\x00\x00\x00' > w.bin
	run --separate-stderr iomap -f w.bin -r x.svd --trace poke STATUS 0x2:0x2
	assert_stderr 'R32 0x00000000 -> 0x00000001  P.STATUS
W32 0x00000000 <- 0x00000006  P.STATUS'
	# named, it is written as given
	printf '\x05\x00\x00\x00' > w.bin
	run --separate-stderr iomap -f w.bin -r x.svd --trace poke STATUS PEND=1
	assert_stderr 'R32 0x00000000 -> 0x00000005  P.STATUS
W32 0x00000000 <- 0x00000005  P.STATUS'
	# the whole register: one store of what was given, nothing read
	run --separate-stderr iomap -f w.bin -r x.svd --trace poke STATUS 0x3
	assert_stderr 'W32 0x00000000 <- 0x00000003  P.STATUS'
	# --verify checks the bits written as asked, not the field left alone
	printf '\x01\x00\x00\x00' > w.bin
	run --separate-stderr iomap -f w.bin -r x.svd --verify poke STATUS.MODE 2
	assert_success
	assert_equal "$(hex_at w.bin 0 4)" 24000000
}

@test "alternateGroup views are NAME_GROUP; views of one address all listed, in file order" {
	svd "$(reg CTRL 4 '<alternateGroup>ALT</alternateGroup>')
$(reg CTRL 4)
$(reg MODE 4 '<alternateRegister>CTRL</alternateRegister>')"
	run --separate-stderr iomap --regs x.svd regs
	assert_success
	assert_stderr ''
	assert_output "P.CTRL_ALT 0x00000004 32 rw -
P.CTRL     0x00000004 32 rw -
P.MODE     0x00000004 32 rw -"
	printf '\0\0\0\0\x78\x56\x34\x12' > w.bin
	for n in ctrl_alt P.CTRL mode; do
		run --separate-stderr iomap -f w.bin -r x.svd peek "$n"
		assert_output 0x12345678
	done
	# alternatePeripheral: a second peripheral at the same base
	printf '<?xml version="1.0"?>\n<device><peripherals>\n<peripheral><name>T0</name><baseAddress>0</baseAddress><registers>%s</registers></peripheral>\n<peripheral><name>T0_PWM</name><alternatePeripheral>T0</alternatePeripheral><baseAddress>0</baseAddress><registers>%s</registers></peripheral>\n</peripherals></device>\n' "$(reg CNT 0)" "$(reg DUTY 0)" > p.svd
	run --separate-stderr iomap --regs p.svd regs
	assert_success
	assert_stderr ''
	assert_output "T0.CNT      0x00000000 32 rw -
T0_PWM.DUTY 0x00000000 32 rw -"
}

@test "writeConstraint: a write outside the range or the enumerated values is refused, nothing written" {
	svd "<register><name>CFG</name><addressOffset>0</addressOffset><fields>
<field><name>DIV</name><bitRange>[3:0]</bitRange><writeConstraint><range><minimum>1</minimum><maximum>9</maximum></range></writeConstraint></field>
<field><name>SEL</name><bitRange>[7:4]</bitRange><writeConstraint><useEnumeratedValues>true</useEnumeratedValues></writeConstraint>
<enumeratedValues><enumeratedValue><name>A</name><value>1</value></enumeratedValue><enumeratedValue><name>B</name><value>2</value></enumeratedValue></enumeratedValues></field>
</fields></register>"
	printf '\x11\0\0\0' > w.bin
	sum=$(checksum w.bin)
	refused() {
		local msg=${*: -1}
		run --separate-stderr iomap -f w.bin -r x.svd --trace "${@:1:$#-1}"
		assert_failure 2
		assert_output ''
		assert_stderr "$msg
iomap:   nothing was written"
		assert_equal "$(checksum w.bin)" "$sum"
	}
	refused poke CFG.DIV 0 'iomap: field P.CFG.DIV takes 0x1 to 0x9 (writeConstraint): 0x0 is outside'
	refused poke CFG DIV=10 'iomap: field P.CFG.DIV takes 0x1 to 0x9 (writeConstraint): 0xa is outside'
	refused poke CFG.SEL 3 'iomap: field P.CFG.SEL takes only its enumerated values (writeConstraint): 0x3 is none'
	refused poke CFG 0x30 'iomap: field P.CFG.DIV takes 0x1 to 0x9 (writeConstraint): 0x0 is outside'
	# inside: written
	run --separate-stderr iomap -f w.bin -r x.svd --trace poke CFG DIV=9 SEL=B
	assert_success
	assert_stderr 'R32 0x00000000 -> 0x00000011  P.CFG
W32 0x00000000 <- 0x00000029  P.CFG'
	assert_equal "$(hex_at w.bin 0 4)" 29000000
}

# ipx BODY: an IP-XACT 2014 address block around BODY in x.xml.
ipx() {
	printf '<?xml version="1.0"?>\n<ipxact:component xmlns:ipxact="http://www.accellera.org/XMLSchema/IPXACT/1685-2014">\n<ipxact:memoryMaps><ipxact:memoryMap><ipxact:name>m</ipxact:name>\n<ipxact:addressBlock><ipxact:name>B</ipxact:name><ipxact:baseAddress>0</ipxact:baseAddress>\n%s\n</ipxact:addressBlock></ipxact:memoryMap></ipxact:memoryMaps>\n</ipxact:component>\n' "$1" > x.xml
}

@test "IP-XACT: modifiedWriteValue, writeValueConstraint, access in any case, the same errata" {
	ipx '<ipxact:register><ipxact:name>S</ipxact:name><ipxact:addressOffset>0</ipxact:addressOffset><ipxact:size>32</ipxact:size>
<ipxact:field><ipxact:name>IRQ</ipxact:name><ipxact:bitOffset>0</ipxact:bitOffset><ipxact:bitWidth>1</ipxact:bitWidth><ipxact:access>Read-Write</ipxact:access><ipxact:modifiedWriteValue>oneToClear</ipxact:modifiedWriteValue><ipxact:testable>false</ipxact:testable></ipxact:field>
<ipxact:field><ipxact:name>LVL</ipxact:name><ipxact:bitOffset>4</ipxact:bitOffset><ipxact:bitWidth>4</ipxact:bitWidth><ipxact:writeValueConstraint><ipxact:minimum>0</ipxact:minimum><ipxact:maximum>3</ipxact:maximum></ipxact:writeValueConstraint>
<ipxact:resets><ipxact:reset><ipxact:value>0x1f</ipxact:value></ipxact:reset></ipxact:resets></ipxact:field>
</ipxact:register>
<ipxact:register><ipxact:name>S</ipxact:name><ipxact:addressOffset>4</ipxact:addressOffset><ipxact:size>32</ipxact:size></ipxact:register>'
	run --separate-stderr iomap --regs x.xml regs --fields
	assert_success
	assert_output "B.S   0x00000000 32 rw -
  IRQ [0]   rw oneToClear
  LVL [7:4] rw
B.S_2 0x00000004 32 rw -"
	check x.xml "x.xml:6: access 'Read-Write' read as 'read-write'" \
		"x.xml:7: field LVL: reset value 0x1f does not fit 4 bits: dropped" \
		"x.xml:10: register B.S is described twice (lines 5 and 10): the second is B.S_2"
	printf '\x01\0\0\0\0\0\0\0' > w.bin
	run --separate-stderr iomap -f w.bin -r x.xml --trace poke S.LVL 2
	assert_success
	assert_stderr 'R32 0x00000000 -> 0x00000001  B.S
W32 0x00000000 <- 0x00000020  B.S'
	run --separate-stderr iomap -f w.bin -r x.xml --trace poke S.LVL 4
	assert_failure 2
	assert_stderr 'iomap: field B.S.LVL takes 0x0 to 0x3 (writeConstraint): 0x4 is outside
iomap:   nothing was written'
	assert_equal "$(hex_at w.bin 0 4)" 20000000
}

# ipxp PARAMS BODY: x.xml with the component's PARAMS (parameter elements)
# and BODY in its address block, whose baseAddress is BASE (default 0).
ipxp() {
	printf '<?xml version="1.0"?>\n<ipxact:component xmlns:ipxact="http://www.accellera.org/XMLSchema/IPXACT/1685-2014">\n<ipxact:memoryMaps><ipxact:memoryMap><ipxact:name>m</ipxact:name>\n<ipxact:addressBlock><ipxact:name>B</ipxact:name><ipxact:baseAddress>%s</ipxact:baseAddress>\n%s\n</ipxact:addressBlock></ipxact:memoryMap></ipxact:memoryMaps>\n<ipxact:parameters>\n%s\n</ipxact:parameters>\n</ipxact:component>\n' "${BASE:-0}" "$2" "$1" > x.xml
}

# par ID VALUE: a parameter element.
par() {
	printf '<ipxact:parameter parameterId="%s"><ipxact:name>%s</ipxact:name><ipxact:value>%s</ipxact:value></ipxact:parameter>' "$1" "$1" "$2"
}

@test "IP-XACT 2014: every number may be an expression of parameters, resolved in dependency order" {
	# uuid_w is used before it is defined, and through another parameter
	BASE="uuid_base*2+'h10" ipxp "$(par uuid_base "uuid_w &lt;&lt; 8")
$(par uuid_w "\$clog2(uuid_words)*8")
$(par uuid_words 17)" \
	'<ipxact:register><ipxact:name>R</ipxact:name><ipxact:dim>0</ipxact:dim><ipxact:addressOffset>uuid_w/8 + $pow(2, 3)</ipxact:addressOffset><ipxact:size>uuid_w</ipxact:size>
<ipxact:field><ipxact:name>F</ipxact:name><ipxact:bitOffset>uuid_w > 16 ? 8 : 0</ipxact:bitOffset><ipxact:bitWidth>32'"'"'h4</ipxact:bitWidth></ipxact:field></ipxact:register>
<ipxact:register><ipxact:name>A</ipxact:name><ipxact:dim>(1 + 1) * 2</ipxact:dim><ipxact:addressOffset>'"'"'h0F00</ipxact:addressOffset><ipxact:size>8 % 5 == 3 ? 8 : 16</ipxact:size></ipxact:register>'
	# uuid_words 17 -> $clog2 5 -> uuid_w 40: R's size, which is no
	# register size: what an expression gives is checked as a number is
	run --separate-stderr iomap --regs x.xml regs
	assert_failure 2
	assert_stderr "iomap: x.xml:5: size 40 is not 8, 16, 32 or 64 bits"
	BASE="uuid_base*2+'h10" ipxp "$(par uuid_base "uuid_w &lt;&lt; 8")
$(par uuid_w "\$clog2(uuid_words)*8")
$(par uuid_words 9)" \
	'<ipxact:register><ipxact:name>R</ipxact:name><ipxact:dim>0</ipxact:dim><ipxact:addressOffset>uuid_w/8 + $pow(2, 3)</ipxact:addressOffset><ipxact:size>uuid_w</ipxact:size>
<ipxact:field><ipxact:name>F</ipxact:name><ipxact:bitOffset>uuid_w > 16 ? 8 : 0</ipxact:bitOffset><ipxact:bitWidth>32'"'"'h4</ipxact:bitWidth></ipxact:field></ipxact:register>
<ipxact:register><ipxact:name>A</ipxact:name><ipxact:dim>(1 + 1) * 2</ipxact:dim><ipxact:addressOffset>'"'"'h0F00</ipxact:addressOffset><ipxact:size>8 % 5 == 3 ? 8 : 16</ipxact:size></ipxact:register>'
	# uuid_words 9 -> $clog2 4 -> uuid_w 32 -> uuid_base 0x2000;
	# base 0x4010; R (dim 0: no array) at +32/8+8, 0x401c, 32 bits, F [11:8];
	# A: 4 elements of 8 bits from +0xf00
	run --separate-stderr iomap --regs x.xml regs --fields
	assert_success
	assert_stderr ''
	assert_output "B.R    0x0000401c 32 rw -
  F [11:8] rw
B.A[0] 0x00004f10  8 rw -
B.A[1] 0x00004f11  8 rw -
B.A[2] 0x00004f12  8 rw -
B.A[3] 0x00004f13  8 rw -"
}

@test "IP-XACT 2014: a parameter cycle, an unknown name, a bad expression are refused with FILE:LINE" {
	BASE=uuid_a ipxp "$(par uuid_a "uuid_b+1")
$(par uuid_b "uuid_a*2")" ''
	run --separate-stderr iomap --regs x.xml regs
	assert_failure 2
	assert_output ''
	assert_stderr "iomap: x.xml:4: invalid number 'uuid_a' in <baseAddress>: parameter uuid_a (line 8) refers back to itself (a cycle)"
	BASE=uuid_nope ipxp "$(par uuid_a 1)" ''
	run --separate-stderr iomap --regs x.xml regs
	assert_failure 2
	assert_stderr "iomap: x.xml:4: invalid number 'uuid_nope' in <baseAddress>: 'uuid_nope' is no parameterId of the component"
	BASE='(1+' ipxp "$(par uuid_a 1)" ''
	run --separate-stderr iomap --regs x.xml regs
	assert_failure 2
	assert_stderr "iomap: x.xml:4: invalid number '(1+' in <baseAddress>: an expression that ends too soon"
	BASE='4/(uuid_a-1)' ipxp "$(par uuid_a 1)" ''
	run --separate-stderr iomap --regs x.xml regs
	assert_failure 2
	assert_stderr "iomap: x.xml:4: invalid number '4/(uuid_a-1)' in <baseAddress>: division by zero"
	[ ! -e "$XDG_CACHE_HOME/iomap" ] || [ -z "$(ls -A "$XDG_CACHE_HOME/iomap")" ]
}

@test "IP-XACT: a CPU's addressSpace and its localMemoryMap read like a memory map" {
	printf '<?xml version="1.0"?>\n<ipxact:component xmlns:ipxact="http://www.accellera.org/XMLSchema/IPXACT/1685-2014">\n<ipxact:addressSpaces><ipxact:addressSpace><ipxact:name>cpu</ipxact:name><ipxact:range>4G</ipxact:range><ipxact:width>32</ipxact:width>\n<ipxact:localMemoryMap><ipxact:name>local</ipxact:name>\n<ipxact:addressBlock><ipxact:name>TCM</ipxact:name><ipxact:baseAddress>0x100</ipxact:baseAddress><ipxact:range>16</ipxact:range><ipxact:width>32</ipxact:width>\n<ipxact:register><ipxact:name>CTL</ipxact:name><ipxact:addressOffset>4</ipxact:addressOffset><ipxact:size>32</ipxact:size></ipxact:register>\n</ipxact:addressBlock></ipxact:localMemoryMap><ipxact:addressUnitBits>16</ipxact:addressUnitBits></ipxact:addressSpace></ipxact:addressSpaces>\n</ipxact:component>\n' > cpu.xml
	run --separate-stderr iomap --regs cpu.xml regs
	assert_success
	assert_stderr ''
	# 16-bit address units: base 0x100 units, offset 4 units
	assert_output "TCM.CTL 0x00000208 32 rw -"
}

@test "a field beyond its register is dropped with its values; the register stays" {
	svd "<register><name>A</name><size>16</size><addressOffset>0</addressOffset><fields>
<field><name>F</name><bitOffset>12</bitOffset><bitWidth>8</bitWidth><enumeratedValues><enumeratedValue><name>X</name><value>1</value></enumeratedValue></enumeratedValues></field>
<field><name>G</name><bitRange>[3:0]</bitRange></field></fields></register>"
	run --separate-stderr iomap --regs x.svd regs --fields
	assert_success
	assert_output "P.A 0x00000000 16 rw -
  G [3:0] rw"
	check x.svd "x.svd:9: field F [19:12] lies beyond the 16-bit register P.A: dropped"
	printf 'block B 0\nregister A 0 16\nfield F 16 on=1\nfield G 0\n' > t.regs
	check t.regs "t.regs:3: field F [16] lies beyond the 16-bit register B.A: dropped"
	run --separate-stderr iomap -f x.svd -r t.regs peek A.F
	assert_failure 2
	assert_stderr --partial "iomap: register B.A in t.regs has no field 'F'"
}

@test "derivedFrom may name an element of an array (P100PFS of P10%sPFS)" {
	svd "<register><name>P10%sPFS</name><dim>2</dim><dimIncrement>4</dimIncrement><addressOffset>0</addressOffset><size>8</size><resetValue>0x10</resetValue><fields><field><name>PODR</name><bitRange>[0:0]</bitRange></field></fields></register>
<register derivedFrom=\"P100PFS\"><name>P30%sPFS</name><dim>2</dim><dimIncrement>4</dimIncrement><dimIndex>1-2</dimIndex><addressOffset>0x10</addressOffset></register>
<register derivedFrom=\"P101PFS\"><name>Q</name><addressOffset>0x20</addressOffset></register>"
	run --separate-stderr iomap --regs x.svd regs --fields
	assert_success
	assert_stderr ''
	assert_output "P.P100PFS 0x00000000  8 rw 0x10
  PODR [0] rw
P.P101PFS 0x00000004  8 rw 0x10
  PODR [0] rw
P.P301PFS 0x00000010  8 rw 0x10
  PODR [0] rw
P.P302PFS 0x00000014  8 rw 0x10
  PODR [0] rw
P.Q       0x00000020  8 rw 0x10
  PODR [0] rw"
	# a name that is no element of any array is still refused
	svd "$(reg P10%sPFS 0 '<dim>2</dim><dimIncrement>4</dimIncrement>')
<register derivedFrom=\"P10PFSX\"><name>Q</name><addressOffset>0x20</addressOffset></register>"
	run --separate-stderr iomap --regs x.svd regs
	assert_failure 2
	assert_stderr "iomap: x.svd:9: register Q: derivedFrom 'P10PFSX' names no register"
}

@test "regs --check in a script lists the errata; the summary line comes once for the other lines" {
	svd "$(reg A 0 '<size>2</size>')"
	printf '\x34\x12' > w.bin
	printf 'regs --check\n' > check.iomap
	run --separate-stderr iomap -f w.bin --regs x.svd run check.iomap
	assert_failure 1
	assert_output "x.svd:8: size 2 read as bytes (16 bits)"
	printf 'peek A\nregs --check\npeek A\n' > s.iomap
	run --separate-stderr iomap -f w.bin --regs x.svd run s.iomap
	assert_failure 1
	assert_output "0x1234
x.svd:8: size 2 read as bytes (16 bits)"
	assert_stderr "iomap: x.svd: 1 problem ignored, the first at line 8: size 2 read as bytes (16 bits); 'regs --check' lists them"
}
