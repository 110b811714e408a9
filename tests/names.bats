#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Register names wherever an offset goes (SPEC §2 bit fields, §7): peek,
# poke, wait, dump, fill and show by REG, REG.FIELD and OFFSET:HI[:LO]; the
# address rule in each kind of region; every refusal before any access;
# --trace showing the accesses of the register's width; scripts and the
# shell. On the fake sysfs tree's edu (0000:00:03.0, BAR0 1 MiB at
# 0xfea00000) with tests/fixtures/edu.regs, on --mem files and -f files.
# Words in files are little-endian (the byte-order assumption of helpers).

load helpers

EDU_REGS=$TESTS_SRCDIR/fixtures/edu.regs
MKREGS=$TESTS_SRCDIR/fixtures/mkregs

setup_file() {
	fake_sys
	FX=$BATS_FILE_TMPDIR/fx
	"$MKREGS" "$FX"
	export SYS FX
}

setup() {
	export XDG_CACHE_HOME=$BATS_TEST_TMPDIR/cache
	cd "$BATS_TEST_TMPDIR"
	BAR=$SYS/devices/0000:00:03.0/resource0
	# The edu BAR as the device starts: its identification at 0.
	zero_file "$BAR" 1M
	put "$BAR" 0 ed000001
}

# put FILE OFFSET HEX: the bytes HEX (in file order) at OFFSET of FILE.
put() {
	printf '%s' "$3" | xxd -r -p | dd of="$1" bs=1 seek=$(($2)) conv=notrunc status=none
}

# edu ARGS...: iomap on the fake edu's BAR0 with its description.
edu() {
	iomap --sysfs "$SYS" -s 00:03.0 -r "$EDU_REGS" "$@"
}

@test "peek REG and REG.FIELD: any case, the block left out or given" {
	run --separate-stderr edu peek id
	assert_success
	assert_stderr ''
	assert_output 0x010000ed
	run --separate-stderr edu peek EDU.ID
	assert_output 0x010000ed
	# fields shifted down, in as many hex digits as their bits need
	run --separate-stderr edu peek id.major
	assert_output 0x01
	run --separate-stderr edu peek edu.id.magic
	assert_output 0xed
	put "$BAR" 0x20 81000000
	run --separate-stderr edu peek status.computing
	assert_output 0x1
	run --separate-stderr edu peek status.irq_fact
	assert_output 0x1
}

@test "peek --fields: one line per field, names aligned, enumerated names" {
	put "$BAR" 0x20 80000000
	run --separate-stderr edu peek status --fields
	assert_success
	assert_output "0x00000080
  computing = 0x0
  irq_fact  = 0x1 (on)"
	run --separate-stderr edu peek --fields status.irq_fact
	assert_output "0x1
  irq_fact = 0x1 (on)"
	put "$BAR" 0x98 0600000000000000
	run --separate-stderr edu peek dma_cmd --fields
	assert_output "0x0000000000000006
  run = 0x0 (off)
  dir = 0x1 (edu_to_ram)
  irq = 0x1 (on)"
	# a write-only field of a readable register is not decoded
	printf 'block b 0\nregister r 0 16\nfield go 15 wo\nfield val 11:0 ro\n' > wo.regs
	printf '\x34\x92' > w.bin
	run --separate-stderr iomap -f w.bin -r wo.regs peek r --fields
	assert_success
	assert_output "0x9234
  go  = (write-only)
  val = 0x234"
	run --separate-stderr iomap -f w.bin peek 0 --fields
	assert_failure 2
	assert_stderr "iomap: peek --fields decodes a register: give its name (with --regs FILE)"
	# an offset where a register of that width sits is that register
	run --separate-stderr iomap -f w.bin -r wo.regs -w 16 --trace peek 0 --fields
	assert_success
	assert_output "0x9234
  go  = (write-only)
  val = 0x234"
	put "$BAR" 0x20 80010000
	run --separate-stderr edu peek 0x20 --fields
	assert_success
	assert_output "0x00000180
  computing = 0x0
  irq_fact  = 0x1 (on)"
	run --separate-stderr edu --json peek 0x20 --fields
	assert_output --partial '"register":"edu.status"'
	# none there, or not of that width: refused, nothing read
	run --separate-stderr edu --trace peek 0x28 --fields
	assert_failure 2
	assert_stderr "iomap: peek --fields decodes a register: $EDU_REGS describes none at 0x28 with 32 bits"
	run --separate-stderr edu --trace -w 64 peek 0x20 --fields
	assert_failure 2
	assert_stderr "iomap: peek --fields decodes a register: $EDU_REGS describes none at 0x20 with 64 bits"
	# a write-only register there is not read
	run --separate-stderr edu --trace peek 0x60 --fields
	assert_failure 2
	assert_stderr "iomap: register edu.irq_raise is write-only: reading it is refused"
}

@test "peek --json includes the register, the field and the decoded fields" {
	put "$BAR" 0x20 80000000
	run --separate-stderr edu --json peek status
	assert_success
	assert_output '{"region":"0000:00:03.0 BAR0","width":32,"address":"0x00000020","words":["0x00000080"],"register":"edu.status","value":"0x00000080","fields":[{"name":"computing","hi":0,"lo":0,"value":"0x0","enum":null},{"name":"irq_fact","hi":7,"lo":7,"value":"0x1","enum":"on"}]}'
	run --separate-stderr edu --json peek status.irq_fact
	assert_output '{"region":"0000:00:03.0 BAR0","width":32,"address":"0x00000020","words":["0x00000080"],"register":"edu.status","field":"irq_fact","hi":7,"lo":7,"value":"0x1","fields":[{"name":"irq_fact","hi":7,"lo":7,"value":"0x1","enum":"on"}]}'
	run jq -r '.fields[0].enum' <<<"$output"
	assert_output on
	run --separate-stderr iomap -f "$BAR" --json peek 0:31:24
	assert_output '{"region":"'"$BAR"'","width":32,"address":"0x00000000","words":["0x010000ed"],"hi":31,"lo":24,"value":"0x01"}'
}

@test "a register's size is the access width: 8, 16, 32 and 64 bits, one access each" {
	# features.regs: gpio.dir 8 bits at 0x1000, UART0.IER 16 (wo), UART0.CTRL
	# 32 at 0x10010008, UART0.WIDE 64 at 0x10010400; --mem: physical.
	truncate -s $((0x10011000)) mem
	put mem 0x1000 5a
	put mem 0x10010008 04030201
	put mem 0x10010400 0807060504030201
	run --separate-stderr iomap --mem=mem -r "$FX/features.regs" --trace peek gpio.dir
	assert_success
	assert_output 0x5a
	assert_stderr 'R8 0x00001000 -> 0x5a  gpio.dir'
	run --separate-stderr iomap --mem=mem -r "$FX/features.regs" --trace peek ctrl
	assert_output 0x01020304
	assert_stderr 'R32 0x10010008 -> 0x01020304  UART0.CTRL'
	run --separate-stderr iomap --mem=mem -r "$FX/features.regs" --trace peek wide
	assert_output 0x0102030405060708
	assert_stderr 'R64 0x10010400 -> 0x0102030405060708  UART0.WIDE'
	run --separate-stderr iomap --mem=mem -r "$FX/features.regs" --trace poke ier 0xbeef
	assert_success
	assert_stderr 'W16 0x10010010 <- 0xbeef  UART0.IER'
	assert_equal "$(hex_at mem $((0x10010010)) 4)" efbe0000
	# the same width given with -w is fine; a different one is refused
	run --separate-stderr iomap --mem=mem -r "$FX/features.regs" -w 64 peek wide
	assert_success
	assert_output 0x0102030405060708
	run --separate-stderr iomap --mem=mem -r "$FX/features.regs" -w 32 peek wide
	assert_failure 2
	assert_output ''
	assert_stderr 'iomap: -w 32 does not match UART0.WIDE, a 64-bit register: leave -w out'
}

@test "poke REG VALUE is one store of the register's width" {
	run --separate-stderr edu --trace poke factorial 10
	assert_success
	assert_output ''
	assert_stderr 'W32 0x00000008 <- 0x0000000a  edu.factorial'
	assert_equal "$(hex_at "$BAR" 8 4)" 0a000000
	run --separate-stderr edu --trace poke dma_src 0x1122334455667788
	assert_stderr 'W64 0x00000080 <- 0x1122334455667788  edu.dma_src'
	assert_equal "$(hex_at "$BAR" 0x80 8)" 8877665544332211
	# VALUE:MASK as for offsets: one read, one write
	run --separate-stderr edu --trace poke liveness 0xab00:0xff00
	assert_stderr 'R32 0x00000004 -> 0x00000000  edu.liveness
W32 0x00000004 <- 0x0000ab00  edu.liveness'
}

@test "poke REG.FIELD VALUE: one read, one write, the other bits kept; enumerated names" {
	put "$BAR" 0x98 0100000000000000
	run --separate-stderr edu --trace poke dma_cmd.dir edu_to_ram
	assert_success
	assert_stderr 'R64 0x00000098 -> 0x0000000000000001  edu.dma_cmd
W64 0x00000098 <- 0x0000000000000003  edu.dma_cmd'
	assert_equal "$(hex_at "$BAR" 0x98 8)" 0300000000000000
	run --separate-stderr edu --trace poke dma_cmd.run 0
	assert_stderr 'R64 0x00000098 -> 0x0000000000000003  edu.dma_cmd
W64 0x00000098 <- 0x0000000000000002  edu.dma_cmd'
	# enumerated names in any case
	run --separate-stderr edu poke status.irq_fact ON
	assert_success
	assert_equal "$(hex_at "$BAR" 0x20 4)" 80000000
}

@test "poke REG FIELD=VALUE...: all the fields in one read-modify-write" {
	put "$BAR" 0x98 f0000000000000ff
	run --separate-stderr edu --trace poke dma_cmd run=on dir=ram_to_edu irq=1
	assert_success
	assert_stderr 'R64 0x00000098 -> 0xff000000000000f0  edu.dma_cmd
W64 0x00000098 <- 0xff000000000000f5  edu.dma_cmd'
	assert_equal "$(hex_at "$BAR" 0x98 8)" f5000000000000ff
	# fields that cover the whole register: one store, no read
	printf 'block b 0\nregister r 0 8\nfield hi 7:4\nfield lo 3:0 off=0 on=9\n' > r.regs
	printf '\xff' > one.bin
	run --separate-stderr iomap -f one.bin -r r.regs --trace poke r lo=on hi=0x2
	assert_success
	assert_stderr 'W8 0x00000000 <- 0x29  b.r'
	assert_equal "$(hex_at one.bin 0 1)" 29
}

@test "wait REG.FIELD VALUE and wait REG VALUE:MASK; a timeout names the register" {
	put "$BAR" 0x20 80000000
	run --separate-stderr edu --trace wait status.computing 0
	assert_success
	assert_stderr 'R32 0x00000020 -> 0x00000080  edu.status'
	run --separate-stderr edu wait status.irq_fact on
	assert_success
	run --separate-stderr edu wait status 0x80:0x81
	assert_success
	run --separate-stderr edu wait status.computing 1 --timeout=0
	assert_failure 3
	assert_stderr 'iomap: wait at 0x20 (edu.status.computing) timed out after 0s: last read 0x00000080, waiting for (word & 0x00000001) == 0x00000001'
	run --separate-stderr edu wait dma_cmd.dir edu_to_ram --timeout=0
	assert_failure 3
	assert_stderr 'iomap: wait at 0x98 (edu.dma_cmd.dir) timed out after 0s: last read 0x0000000000000000, waiting for (word & 0x0000000000000002) == 0x0000000000000002'
}

@test "dump and fill take a register's name as START, at its width" {
	put "$BAR" 0x80 0102030405060708
	run --separate-stderr edu --trace dump dma_src+16
	assert_success
	assert_output '00000080: 0807060504030201 0000000000000000  ................'
	assert_stderr 'R64 0x00000080 -> 0x0807060504030201  edu.dma_src
R64 0x00000088 -> 0x0000000000000000  edu.dma_dst'
	run --separate-stderr edu --trace fill factorial+8 0x11
	assert_success
	assert_stderr 'W32 0x00000008 <- 0x00000011  edu.factorial
W32 0x0000000c <- 0x00000011'
	assert_equal "$(hex_at "$BAR" 8 8)" 1100000011000000
	# no fields in a range; a different -w is refused there too
	run --separate-stderr edu dump status.computing+4
	assert_failure 2
	assert_stderr "iomap: 'status.computing' names a field: dump takes a register here"
	run --separate-stderr edu -w 8 dump dma_src
	assert_failure 2
	assert_stderr 'iomap: -w 8 does not match edu.dma_src, a 64-bit register: leave -w out'
	run --separate-stderr edu fill id+4 0
	assert_failure 2
	assert_stderr 'iomap: register edu.id is read-only: writing it is refused'
	run --separate-stderr edu dump irq_ack+4
	assert_failure 2
	assert_stderr 'iomap: register edu.irq_ack is write-only: reading it is refused'
}

@test "load, compare and crc32 take a register's name as START, at its width" {
	printf '\x11\x12\x13\x14\x15\x16\x17\x18\x21\x22\x23\x24\x25\x26\x27\x28' > fw.bin
	run --separate-stderr edu --trace load dma_src fw.bin
	assert_success
	assert_output ''
	assert_stderr 'W64 0x00000080 <- 0x1817161514131211  edu.dma_src
W64 0x00000088 <- 0x2827262524232221  edu.dma_dst'
	assert_equal "$(hex_at "$BAR" 0x80 16)" 11121314151617182122232425262728
	run --separate-stderr edu compare dma_src fw.bin
	assert_success
	assert_output ''
	run --separate-stderr edu --trace compare DMA_SRC+8 fw.bin
	assert_success
	assert_stderr 'R64 0x00000080 -> 0x1817161514131211  edu.dma_src'
	put "$BAR" 0x88 00
	run --separate-stderr edu compare edu.dma_src fw.bin
	assert_failure 1
	assert_line --index 0 --regexp '0x00000088 .*0x2827262524232200.* 0x2827262524232221'
	# crc32 of the register's bytes, read at its width
	want=$(python3 -c 'import sys, zlib; d = open(sys.argv[1], "rb").read()[0x80:0x90]; print("0x%08x" % zlib.crc32(d))' "$BAR")
	run --separate-stderr edu --trace crc32 dma_src+16
	assert_success
	assert_output "$want"
	assert_stderr 'R64 0x00000080 -> 0x1817161514131211  edu.dma_src
R64 0x00000088 -> 0x2827262524232200  edu.dma_dst'
	# 32-bit registers: factorial's word, then the next
	put "$BAR" 8 0500000006000000
	want=$(printf '\x05\0\0\0\x06\0\0\0' | python3 -c 'import sys, zlib; print("0x%08x" % zlib.crc32(sys.stdin.buffer.read()))')
	run --separate-stderr edu crc32 factorial+8
	assert_output "$want"
}

@test "load, compare and crc32 refuse what a name forbids, before any access" {
	printf '\1\2\3\4\5\6\7\10' > fw.bin
	cp "$BAR" before
	run --separate-stderr edu load id fw.bin
	assert_failure 2
	assert_stderr 'iomap: register edu.id is read-only: writing it is refused'
	run --separate-stderr edu compare irq_ack fw.bin
	assert_failure 2
	assert_stderr 'iomap: register edu.irq_ack is write-only: reading it is refused'
	run --separate-stderr edu crc32 irq_raise+4
	assert_failure 2
	assert_stderr 'iomap: register edu.irq_raise is write-only: reading it is refused'
	run --separate-stderr edu -w 32 load dma_src fw.bin
	assert_failure 2
	assert_stderr 'iomap: -w 32 does not match edu.dma_src, a 64-bit register: leave -w out'
	run --separate-stderr edu load status.irq_fact fw.bin
	assert_failure 2
	assert_stderr "iomap: 'status.irq_fact' names a field: load takes a register here"
	run --separate-stderr edu compare 0x20:7 fw.bin
	assert_failure 2
	assert_stderr "iomap: invalid start '0x20:7': a bit field (OFFSET:HI:LO) is not accepted here"
	run --separate-stderr edu load nosuch fw.bin
	assert_failure 2
	assert_stderr --partial "iomap: no register or field 'nosuch' in $EDU_REGS"
	run --separate-stderr iomap --sysfs "$SYS" -s 00:03.0 load id fw.bin
	assert_failure 2
	assert_stderr --partial "a register name needs a description"
	cmp "$BAR" before
}

@test "search [RANGE] VALUE[:MASK]: a register's width; a field's or bits' value, shifted down" {
	put "$BAR" 0x20 8000000001000000
	put "$BAR" 0x2c 80000000
	# a register: its width, its range
	run --separate-stderr edu --trace search status+8 0x80
	assert_success
	assert_output '0x00000020: 0x00000080'
	assert_stderr 'R32 0x00000020 -> 0x00000080  edu.status
R32 0x00000024 -> 0x00000001  edu.irq_status'
	# a field: VALUE (an enumerated name too) and MASK are the field's
	run --separate-stderr edu search status.irq_fact+16 on
	assert_success
	assert_output "$(printf '0x%08x: 0x00000080\n' 0x20 0x2c)"
	run --separate-stderr edu search status.irq_fact+16 0
	assert_output "0x00000024: 0x00000001
0x00000028: 0x00000000"
	run --separate-stderr edu search status.computing+16 1:1
	assert_success
	assert_output '0x00000024: 0x00000001'
	run --separate-stderr edu search status.computing+4 1
	assert_failure 1
	assert_output ''
	# bits of a word, without a description
	run --separate-stderr iomap --sysfs "$SYS" -s 00:03.0 search 0x20:7+16 1
	assert_output "$(printf '0x%08x: 0x00000080\n' 0x20 0x2c)"
	run --separate-stderr iomap --sysfs "$SYS" -s 00:03.0 search 0x20:3:0+16 1
	assert_output '0x00000024: 0x00000001'
	run --separate-stderr edu --json search status.irq_fact+8 1
	assert_output '{"region":"0000:00:03.0 BAR0","width":32,"address":"0x00000020","length":8,"value":"0x00000080","mask":"0x00000080","matches":["0x00000020"]}'
	# refusals, before any access
	run --separate-stderr edu search status.irq_fact 2
	assert_failure 2
	assert_stderr "iomap: value '2' does not fit the 1-bit field edu.status.irq_fact"
	run --separate-stderr edu search status.irq_fact maybe
	assert_failure 2
	assert_stderr "iomap: invalid value 'maybe' for edu.status.irq_fact: neither a number nor one of its values (off or on)"
	run --separate-stderr edu search status 0x1ffffffff
	assert_failure 2
	assert_stderr "iomap: value '0x1ffffffff' does not fit the 32-bit register edu.status"
	run --separate-stderr edu search irq_ack+8 0
	assert_failure 2
	assert_stderr 'iomap: register edu.irq_ack is write-only: reading it is refused'
	run --separate-stderr edu -w 64 search status 0
	assert_failure 2
	assert_stderr 'iomap: -w 64 does not match edu.status, a 32-bit register: leave -w out'
}

@test "OFFSET:HI[:LO] without a description: bits of a word" {
	printf '\xed\x00\x00\x01\x00\x00\x00\x00' > w.bin
	run --separate-stderr iomap -f w.bin peek 0:31:24
	assert_success
	assert_output 0x01
	run --separate-stderr iomap -f w.bin peek 0:7:0
	assert_output 0xed
	run --separate-stderr iomap -f w.bin peek 0:0
	assert_output 0x1
	run --separate-stderr iomap -f w.bin -w 16 peek 0:15:4
	assert_output 0x00e
	run --separate-stderr iomap -f w.bin --trace poke 4:7 1
	assert_success
	assert_stderr 'R32 0x00000004 -> 0x00000000
W32 0x00000004 <- 0x00000080'
	run --separate-stderr iomap -f w.bin --trace poke 4:11:8 0xf
	assert_stderr 'R32 0x00000004 -> 0x00000080
W32 0x00000004 <- 0x00000f80'
	assert_equal "$(hex_at w.bin 4 4)" 800f0000
	run --separate-stderr iomap -f w.bin --trace wait 4:11:8 0xf
	assert_success
	assert_stderr 'R32 0x00000004 -> 0x00000f80'
	run --separate-stderr iomap -f w.bin wait 4:7:4 0x1 --timeout=0
	assert_failure 3
	assert_stderr 'iomap: wait at 0x4 timed out after 0s: last read 0x00000f80, waiting for (word & 0x000000f0) == 0x00000010'
}

@test "OFFSET:HI[:LO] mistakes are refused before any access" {
	printf '\xed\x00\x00\x01\x00\x00\x00\x00' > w.bin
	sum=$(checksum w.bin)
	# check BAD ARGS... MESSAGE: exit 2, that message, nothing touched
	check() {
		local msg=${*: -1}
		run --separate-stderr iomap -f w.bin --trace "${@:1:$#-1}"
		assert_failure 2
		assert_output ''
		assert_stderr "$msg"
		assert_equal "$(checksum w.bin)" "$sum"
	}
	check peek 0:32 "iomap: invalid bit field '0:32': bit 32 lies beyond the 32-bit word (a wider -w?)"
	check peek 0:3:7 "iomap: invalid bit field '0:3:7': bit 3 is below bit 7 (give HI:LO)"
	check peek 0:x "iomap: invalid bit field '0:x': not a number (give OFFSET:HI or OFFSET:HI:LO)"
	check poke 0:3:0 0x10 "iomap: value '0x10' does not fit the 4-bit field 0x0:3:0
iomap:   nothing was written"
	check poke 0:3:0 1:1 "iomap: poke 0:3:0 writes the field whole: VALUE takes no MASK
iomap:   nothing was written"
	check poke 0:3:0 1 2 "iomap: poke 0:3:0 writes one field: give one VALUE
iomap:   nothing was written"
	check peek 0:7 2 "iomap: peek 0:7 reads one bit field: it takes no COUNT"
	check wait 0:1:0 4 "iomap: value '4' does not fit the 2-bit field 0x0:1:0"
	check dump 0:7+4 "iomap: invalid range start '0:7': a bit field (OFFSET:HI:LO) is not accepted here"
	check peek 2:7 "iomap: offset 0x2 is not aligned to the 32-bit access width"
}

@test "names are refused without a description, and unknown ones with the nearest" {
	sum=$(checksum "$BAR")
	run --separate-stderr iomap --sysfs "$SYS" -s 00:03.0 peek status
	assert_failure 2
	assert_stderr "iomap: invalid offset 'status': not a number
iomap:   a register name needs a description: give it with --regs FILE"
	run --separate-stderr edu peek statsu
	assert_failure 2
	assert_stderr "iomap: no register or field 'statsu' in $EDU_REGS
iomap:   did you mean edu.status?"
	run --separate-stderr edu poke status.irq_fackt 1
	assert_failure 2
	assert_stderr "iomap: register edu.status in $EDU_REGS has no field 'irq_fackt'
iomap:   did you mean edu.status.irq_fact?"
	run --separate-stderr edu poke dma_cmd runn=1
	assert_failure 2
	assert_stderr "iomap: register edu.dma_cmd in $EDU_REGS has no field 'runn'
iomap:   did you mean edu.dma_cmd.run?
iomap:   nothing was written"
	run --separate-stderr iomap --mem=/nonexistent -r "$FX/features.svd" peek ctrl.en
	assert_failure 2
	assert_stderr "iomap: 'ctrl.en' is ambiguous in $FX/features.svd: it names 3 registers or fields
iomap:   candidates: UART0.CTRL.EN, UART1.CTRL.EN, UART2.CTRL.EN"
	assert_equal "$(checksum "$BAR")" "$sum"
}

@test "a short name of several registers means the one inside the region; several inside stay ambiguous" {
	R=$BATS_TEST_TMPDIR/root
	mkdir -p "$R/proc" "$R/dev"
	printf '40001000-40001fff : uart0\n40002000-40002fff : uart1\n40001000-40002fff : both\n' > "$R/proc/iomem"
	zero_file "$R/dev/mem" $((0x40004000))
	put "$R/dev/mem" 0x40002000 3412
	run --separate-stderr iomap --sysroot="$R" --iomem=uart1 -r "$FX/features.svd" --trace peek ctrl
	assert_success
	assert_output 0x1234
	assert_stderr 'R16 0x40002000 -> 0x1234  UART1.CTRL'
	run --separate-stderr iomap --sysroot="$R" --iomem=uart1 -r "$FX/features.svd" poke ctrl.en 1
	assert_success
	assert_equal "$(hex_at "$R/dev/mem" $((0x40002000)) 2)" 3512
	# two of the candidates inside: still ambiguous, nothing touched
	run --separate-stderr iomap --sysroot="$R" --iomem=both -r "$FX/features.svd" --trace peek ctrl
	assert_failure 2
	assert_output ''
	assert_stderr "iomap: 'ctrl' is ambiguous in $FX/features.svd: it names 3 registers or fields
iomap:   candidates: UART0.CTRL, UART1.CTRL, UART2.CTRL"
}

@test "every refusal of SPEC §7 exits 2 before any access and leaves the region unchanged" {
	put "$BAR" 0x20 80000000
	sum=$(checksum "$BAR")
	check() {
		local msg=${*: -1}
		run --separate-stderr edu --trace "${@:1:$#-1}"
		assert_failure 2
		assert_output ''
		assert_stderr "$msg"
		assert_equal "$(checksum "$BAR")" "$sum"
	}
	check poke id 1 'iomap: register edu.id is read-only: writing it is refused'
	check poke id.major 2 'iomap: field edu.id.major is read-only: writing it is refused'
	check poke status.computing 1 'iomap: field edu.status.computing is read-only: writing it is refused'
	check poke status computing=1 'iomap: field edu.status.computing is read-only: writing it is refused
iomap:   nothing was written'
	check peek irq_raise 'iomap: register edu.irq_raise is write-only: reading it is refused'
	check wait irq_ack 0 'iomap: register edu.irq_ack is write-only: reading it is refused'
	check poke status.irq_fact 2 "iomap: value '2' does not fit the 1-bit field edu.status.irq_fact
iomap:   nothing was written"
	check poke status.irq_fact maybe "iomap: invalid value 'maybe' for edu.status.irq_fact: neither a number nor one of its values (off or on)
iomap:   nothing was written"
	check poke dma_cmd dir=sideways "iomap: invalid value 'sideways' for edu.dma_cmd.dir: neither a number nor one of its values (ram_to_edu or edu_to_ram)
iomap:   nothing was written"
	check wait status.irq_fact 2 "iomap: value '2' does not fit the 1-bit field edu.status.irq_fact"
	check poke factorial 0x100000000 "iomap: value '0x100000000' does not fit the 32-bit register edu.factorial
iomap:   nothing was written"
	check poke dma_cmd run=1 RUN=0 'iomap: field run is given twice
iomap:   nothing was written'
	check poke dma_cmd run=1 5 "iomap: '5' is no FIELD=VALUE: give all values of poke dma_cmd as FIELD=VALUE, or one VALUE
iomap:   nothing was written"
	check poke factorial 1 2 'iomap: poke factorial writes one register: give one VALUE or FIELD=VALUE...
iomap:   nothing was written'
	check peek id 2 'iomap: peek id reads one register: it takes no COUNT'
	check -w 64 poke factorial 1 'iomap: -w 64 does not match edu.factorial, a 32-bit register: leave -w out'
	check peek id.major:3 "iomap: 'id.major:3' names a field: peek takes REG.FIELD or REG:HI:LO, not both"
	check peek id:40 "iomap: invalid bit field 'id:40': bit 40 lies beyond the 32-bit word"
	# a write-only register is written whole: a part would be read first
	truncate -s $((0x10011000)) mem
	msum=$(checksum mem)
	run --separate-stderr iomap --mem=mem -r "$FX/features.regs" poke ier.tx on
	assert_failure 2
	assert_stderr 'iomap: register UART0.IER is write-only: writing part of it would read it first; write it whole (poke UART0.IER VALUE)
iomap:   nothing was written'
	run --separate-stderr iomap --mem=mem -r "$FX/features.regs" poke ier 0x1:0x1
	assert_failure 2
	assert_equal "$(checksum mem)" "$msum"
}

@test "address rule: /dev/mem takes the description's address as physical" {
	truncate -s $((0x10011000)) mem
	put mem 0x1001000c 44332211
	run --separate-stderr iomap --mem=mem -r "$FX/features.regs" --trace peek uart0.ctrl.clk
	assert_success
	assert_output 0x00
	assert_stderr 'R32 0x10010008 -> 0x00000000  UART0.CTRL'
	run --separate-stderr iomap --mem=mem -r "$FX/features.regs" --trace peek data --fields
	assert_success
	assert_output '0x11223344
  BYTE = 0x44'
	assert_stderr 'R32 0x1001000c -> 0x11223344  UART0.DATA'
}

@test "address rule: with -m the address is physical and must lie inside the minor" {
	# minor 0x4000e1: 64 MiB at 0xf4000000 (SPEC §1)
	truncate -s $((0xf4001000)) mem
	put mem 0xf4000104 78563412
	printf 'block dev 0xf4000000\nregister ver 0x104\n' > m.regs
	run --separate-stderr iomap --mem=mem -m 0x4000e1 -r m.regs --trace peek ver
	assert_success
	assert_output 0x12345678
	assert_stderr 'R32 0xf4000104 -> 0x12345678  dev.ver'
	printf 'block dev 0\nregister ver 0x104\n' > low.regs
	run --separate-stderr iomap --mem=mem -m 0x4000e1 -r low.regs --trace peek ver
	assert_failure 2
	assert_stderr 'iomap: register dev.ver at 0x104 lies outside minor 0x4000e1 (0xf4000000-0xf7ffffff)'
}

@test "address rule: -f IMAGE --base=ADDR stands for ADDR: absolute names apply, addresses print physical" {
	IMG=$BATS_TEST_TMPDIR/uart1.bin
	zero_file "$IMG" 4096
	put "$IMG" 0 3412
	# without --base the description's address is an offset: outside
	run --separate-stderr iomap -f "$IMG" -r "$FX/features.svd" peek uart1.ctrl
	assert_failure 2
	run --separate-stderr iomap -f "$IMG" --base=0x40002000 -r "$FX/features.svd" --trace peek uart1.ctrl
	assert_success
	assert_output 0x1234
	assert_stderr 'R16 0x40002000 -> 0x1234  UART1.CTRL'
	run -0 iomap -f "$IMG" --base=0x40002000 -w 16 dump 0+32
	assert_output "40002000: 1234 0000 0000 0000 0000 0000 0000 0000  4...............
40002010: 0000 0000 0000 0000 0000 0000 0000 0000  ................"
	run -0 iomap -f "$IMG" --base=0x40002000 -w 16 search 0x1234
	assert_output '0x40002000: 0x1234'
	# OFFSET stays an offset into the file
	run -0 iomap -f "$IMG" --base=0x40002000 -w 16 poke 2 0xabcd
	assert_equal "$(hex_at "$IMG" 0 4)" 3412cdab
	# in a script's region line too
	printf 'region -f %s --base=0x40002000 -r %s\npeek uart1.ctrl\n' "$IMG" "$FX/features.svd" > s
	run -0 iomap run s
	assert_output 0x1234
	# refusals: not without -f, not past the end of the address space
	sum=$(checksum "$IMG")
	run --separate-stderr iomap --base=0x1000 --mem="$IMG" peek 0
	assert_failure 2
	assert_stderr --partial 'iomap: --base goes with -f'
	run --separate-stderr iomap -f "$IMG" --base=0xfffffffffffff800 --trace peek 0
	assert_failure 2
	assert_output ''
	assert_stderr "iomap: --base 0xfffffffffffff800 with the 4096 bytes of $IMG runs past the end of the address space"
	run --separate-stderr iomap -f "$IMG" --base=zz peek 0
	assert_failure 2
	assert_stderr --partial "iomap: invalid base 'zz'"
	assert_equal "$(checksum "$IMG")" "$sum"
}

@test "address rule: a PCI BAR takes its bus address or an offset; -f a resourceN too" {
	put "$BAR" 0x24 01010000
	printf 'block edu 0xfea00000\nregister irq_status 0x24 ro\nfield fact 0\nfield dma 8\n' > bus.regs
	run --separate-stderr iomap --sysfs "$SYS" -s 00:03.0 -r bus.regs --trace peek irq_status
	assert_success
	assert_output 0x00000101
	assert_stderr 'R32 0x00000024 -> 0x00000101  edu.irq_status'
	# edu.regs starts at 0: an offset as it stands
	run --separate-stderr edu --trace peek irq_status
	assert_output 0x00000101
	assert_stderr 'R32 0x00000024 -> 0x00000101  edu.irq_status'
	# the resourceN file itself knows its BAR's range
	run --separate-stderr iomap -f "$BAR" -r bus.regs --trace peek irq_status.dma
	assert_success
	assert_output 0x1
	assert_stderr 'R32 0x00000024 -> 0x00000101  edu.irq_status'
	run --separate-stderr iomap -f "$BAR" -r "$EDU_REGS" peek irq_status.dma
	assert_output 0x1
	# a saved image does not: the bus address is an offset past its end
	cp "$BAR" image.bin
	run --separate-stderr iomap -f image.bin -r bus.regs peek irq_status
	assert_failure 2
	assert_stderr 'iomap: 1 32-bit word at offset 0xfea00024 would run past the end of image.bin (size 0x100000, 1 MiB)
iomap:   irq_status is register edu.irq_status, at 0xfea00024 in bus.regs (outside the region'"'"'s physical range an address is an offset)'
	run --separate-stderr iomap -f image.bin -r "$EDU_REGS" peek irq_status
	assert_success
	assert_output 0x00000101
}

@test "--trace names the described register an access hits, at its width only" {
	put "$BAR" 0x20 80010000
	run --separate-stderr edu --trace peek 0x1c 3
	assert_success
	assert_stderr 'R32 0x0000001c -> 0x00000000
R32 0x00000020 -> 0x00000180  edu.status
R32 0x00000024 -> 0x00000000  edu.irq_status'
	# another width, or no description: the line as before
	run --separate-stderr edu --trace -w 16 peek 0x20
	assert_stderr 'R16 0x00000020 -> 0x0180'
	run --separate-stderr iomap --sysfs "$SYS" -s 00:03.0 --trace peek 0x20
	assert_stderr 'R32 0x00000020 -> 0x00000180'
	# --dry-run's lines, a read-modify-write's too
	run --separate-stderr edu --dry-run poke status.irq_fact off
	assert_stderr 'W32 0x00000020 <- 0x00000000 mask 0x00000080  edu.status'
	run --separate-stderr edu --dry-run peek 0x20
	assert_stderr 'R32 0x00000020 -> ?  edu.status'
}

@test "--trace shows exactly the register's accesses, of its width" {
	run --separate-stderr edu --trace peek dma_cmd
	assert_stderr 'R64 0x00000098 -> 0x0000000000000000  edu.dma_cmd'
	run --separate-stderr edu --trace poke irq_raise 0x1
	assert_stderr 'W32 0x00000060 <- 0x00000001  edu.irq_raise'
	run --separate-stderr edu --trace poke status.irq_fact on
	assert_stderr 'R32 0x00000020 -> 0x00000000  edu.status
W32 0x00000020 <- 0x00000080  edu.status'
	run --separate-stderr edu --dry-run poke status.irq_fact on
	assert_stderr 'W32 0x00000020 <- 0x00000080 mask 0x00000080  edu.status'
	assert_equal "$(hex_at "$BAR" 0x20 4)" 80000000
}

@test "show: every readable register decoded; write-only and side-effect reads named" {
	put "$BAR" 0x20 80000000
	put "$BAR" 0x98 0500000000000000
	run --separate-stderr edu show
	assert_success
	assert_stderr ''
	assert_output "edu.id         0x00000000 0x010000ed
  major = 0x01
  minor = 0x00
  magic = 0xed
edu.liveness   0x00000004 0x00000000
edu.factorial  0x00000008 0x00000000
edu.status     0x00000020 0x00000080
  computing = 0x0
  irq_fact  = 0x1 (on)
edu.irq_status 0x00000024 0x00000000
  fact = 0x0
  dma  = 0x0
edu.irq_raise  0x00000060 (not read: write-only)
edu.irq_ack    0x00000064 (not read: write-only)
edu.dma_src    0x00000080 0x0000000000000000
edu.dma_dst    0x00000088 0x0000000000000000
edu.dma_count  0x00000090 0x0000000000000000
edu.dma_cmd    0x00000098 0x0000000000000005
  run = 0x1 (on)
  dir = 0x0 (ram_to_edu)
  irq = 0x1 (on)"
	# one read per readable register, of its width, in address order
	run --separate-stderr edu --trace show 'dma_*'
	assert_stderr 'R64 0x00000080 -> 0x0000000000000000  edu.dma_src
R64 0x00000088 -> 0x0000000000000000  edu.dma_dst
R64 0x00000090 -> 0x0000000000000000  edu.dma_count
R64 0x00000098 -> 0x0000000000000005  edu.dma_cmd'
}

@test "show PATTERN, show NAME, show REG.FIELD, --json" {
	put "$BAR" 0x24 00010000
	run --separate-stderr edu show 'irq_*'
	assert_success
	assert_output "edu.irq_status 0x00000024 0x00000100
  fact = 0x0
  dma  = 0x1
edu.irq_raise  0x00000060 (not read: write-only)
edu.irq_ack    0x00000064 (not read: write-only)"
	run --separate-stderr edu show irq_status.dma
	assert_output "edu.irq_status 0x00000024 0x00000100
  dma = 0x1"
	run --separate-stderr edu --json show 'irq_*'
	assert_output '[{"name":"edu.irq_status","address":"0x00000024","width":32,"value":"0x00000100","skipped":null,"fields":[{"name":"fact","hi":0,"lo":0,"value":"0x0","enum":null},{"name":"dma","hi":8,"lo":8,"value":"0x1","enum":null}]},{"name":"edu.irq_raise","address":"0x00000060","width":32,"value":null,"skipped":"write-only","fields":[]},{"name":"edu.irq_ack","address":"0x00000064","width":32,"value":null,"skipped":"write-only","fields":[]}]'
	run jq -r '.[].name' <<<"$output"
	assert_output "edu.irq_status
edu.irq_raise
edu.irq_ack"
	run --separate-stderr edu show 'nothing*'
	assert_failure 1
	assert_stderr "iomap: no register in $EDU_REGS matches 'nothing*'"
	run --separate-stderr edu show stauts
	assert_failure 2
	assert_stderr "iomap: no register or field 'stauts' in $EDU_REGS
iomap:   did you mean edu.status?"
	run --separate-stderr edu -w 32 show
	assert_failure 2
	assert_stderr 'iomap: show reads each register at its own width: leave -w out'
	run --separate-stderr iomap --sysfs "$SYS" -s 00:03.0 show
	assert_failure 2
	assert_stderr 'iomap: show reads the registers of a description: give it with --regs FILE'
}

@test "show skips reads with side effects, and leaves out registers outside the region" {
	truncate -s $((0x10011000)) mem
	put mem 0x10010008 01000000
	run --separate-stderr iomap --mem=mem -r "$FX/features.regs" --trace show 'uart0.*'
	assert_success
	assert_output "UART0.CTRL 0x10010008 0x00000001
  EN   = 0x1 (on)
  MODE = 0x0
  CLK  = 0x00
UART0.DATA 0x1001000c (not read: read has side effects)
UART0.IER  0x10010010 (not read: write-only)
UART0.WIDE 0x10010400 0x0000000000000000"
	assert_stderr 'R32 0x10010008 -> 0x00000001  UART0.CTRL
R64 0x10010400 -> 0x0000000000000000  UART0.WIDE'
	# a 64 KiB file: gpio (at 0x1000) is inside, UART0 is not
	zero_file small.bin 64k
	run --separate-stderr iomap -f small.bin -r "$FX/features.regs" show
	assert_success
	assert_output "gpio.dir 0x00001000 0x00
gpio.out 0x00001001 0x00
  pin = 0x0 (low)"
	assert_stderr "iomap: 4 registers of $FX/features.regs lie outside small.bin: not shown"
	zero_file tiny.bin 4k
	run --separate-stderr iomap -f tiny.bin -r "$FX/features.regs" show
	assert_failure 2
	assert_stderr "iomap: no register of $FX/features.regs lies inside tiny.bin"
}

@test "scripts: --regs of run for every line, region --regs for the lines after it" {
	printf 'block other 0\nregister id 0\nfield low 15:0\n' > other.regs
	cat > s.iomap <<-EOF
	peek id.major
	width 16
	peek id                      # a width line yields to the register's
	region --sysfs $SYS -s 00:03.0 --regs other.regs
	peek id.low
	region
	peek id.magic
	peek --regs other.regs id.low
	EOF
	run --separate-stderr edu --trace run s.iomap
	assert_success
	assert_output "0x01
0x010000ed
0x00ed
0xed
0x00ed"
	assert_stderr 'R32 0x00000000 -> 0x010000ed  edu.id
R32 0x00000000 -> 0x010000ed  edu.id
R32 0x00000000 -> 0x010000ed  other.id
R32 0x00000000 -> 0x010000ed  edu.id
R32 0x00000000 -> 0x010000ed  other.id'
}

@test "scripts: a bad name on any line stops the script before its first access" {
	cat > s.iomap <<-'EOF'
	poke factorial 5
	poke status.irq_fact on
	peek stauts
	EOF
	sum=$(checksum "$BAR")
	run --separate-stderr edu --trace run s.iomap
	assert_failure 2
	assert_output ''
	assert_stderr "iomap: s.iomap:3: no register or field 'stauts' in $EDU_REGS
iomap:   did you mean edu.status?"
	assert_equal "$(checksum "$BAR")" "$sum"
	printf 'region --regs nosuch.regs\npeek 0\n' > s2.iomap
	run --separate-stderr edu run s2.iomap
	assert_failure 2
	assert_stderr "iomap: s2.iomap:1: cannot open nosuch.regs: No such file or directory"
}

@test "scripts: region alone returns to run's region when run was given --sysfs" {
	# A regression: --sysfs inherited by the region line made it look like
	# a region of its own, so `region` alone went to /dev/mem.
	printf 'region -f %s\npeek 0\nregion\npeek 0\n' "$BAR" > s.iomap
	run --separate-stderr iomap --sysfs "$SYS" -s 00:03.0 run s.iomap
	assert_success
	assert_output "0x010000ed
0x010000ed"
}

@test "scripts: the description is read once, however many lines use it" {
	command -v strace >/dev/null || skip "strace is not installed"
	skip_instrumented "traces system calls with strace"
	iomap -r "$EDU_REGS" regs >/dev/null	# the compiled index, once
	printf 'peek id\npeek status\nregion --regs %s\npeek factorial\nshow dma_cmd\n' "$EDU_REGS" > s.iomap
	strace -f -e trace=openat -o trace.out "$IOMAP" --sysfs "$SYS" -s 00:03.0 -r "$EDU_REGS" run s.iomap >/dev/null
	run grep -c '/iomap/[0-9a-f]*\.regdb"' trace.out
	assert_output 1
}

@test "shell: names from stdin, errors reported and the shell goes on" {
	run --separate-stderr bash -c "printf 'peek id.major\npoke status.irq_fact on\npeek stauts\npeek status --fields\n' | $(printf %q "$IOMAP") --sysfs $(printf %q "$SYS") -s 00:03.0 -r $(printf %q "$EDU_REGS") shell"
	assert_failure 2
	assert_output "0x01
0x00000080
  computing = 0x0
  irq_fact  = 0x1 (on)"
	assert_stderr "iomap: <stdin>:3: no register or field 'stauts' in $EDU_REGS
iomap:   did you mean edu.status?"
}
