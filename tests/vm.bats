#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# iomap against a real kernel: a QEMU guest with edu, pci-testdev and
# ivshmem (tests/vm/guest). Two boots: one for behaviour, one under QEMU's
# memory_region_ops trace for the exact loads and stores each command makes.
# Assumes a little-endian guest and host (x86-64).

load helpers
load vm/lib

# Bats 1.8 cannot skip from setup_file, so each test checks for itself.
setup() {
	[ "${IOMAP_VM:-}" != skip ] || skip "guest tests skipped (IOMAP_VM=skip)"
	command -v qemu-system-x86_64 >/dev/null ||
		skip_env "QEMU is not installed (apt-get install qemu-system-x86 busybox-static cpio): guest tests skipped"
	SHM=$BATS_FILE_TMPDIR/shm
	FW=$BATS_FILE_TMPDIR/fw.bin
	if [ ! -e "$SHM" ]; then
		zero_file "$SHM" $((1 << 20))
		printf 'iomap-ivshmem-pattern\x00\x01\x02\xff' | dd of="$SHM" conv=notrunc status=none
		plant_data
	fi
}

# For load, compare, crc32 and search in the guest: 64 KiB of random bytes
# at 0x30000 and 0xcafef00d at 0x20124 and 0x20888 of the shm file; a 64 KiB
# image fw.bin, and fw2.bin, the same with byte 0x1001 changed.
plant_data() {
	head -c 64k /dev/urandom | dd of="$SHM" bs=64k seek=3 conv=notrunc status=none
	printf '\x0d\xf0\xfe\xca' | dd of="$SHM" bs=1 seek=$((0x20124)) conv=notrunc status=none
	printf '\x0d\xf0\xfe\xca' | dd of="$SHM" bs=1 seek=$((0x20888)) conv=notrunc status=none
	head -c 64k /dev/urandom > "$FW"
	cp "$FW" "$BATS_FILE_TMPDIR/fw2.bin"
	printf "\\x$(printf %02x $(( 0x$(hex_at "$FW" 0x1001 1) ^ 0xff )))" |
		dd of="$BATS_FILE_TMPDIR/fw2.bin" bs=1 seek=$((0x1001)) conv=notrunc status=none
}

# pycrc FILE [OFFSET LENGTH]: zlib's CRC-32 of the bytes, as 0x%08x.
pycrc() {
	python3 - "$@" <<-'PY'
	import sys, zlib
	data = open(sys.argv[1], 'rb').read()
	if len(sys.argv) > 2:
	    off = int(sys.argv[2], 0)
	    data = data[off:off + int(sys.argv[3], 0)]
	print('0x%08x' % zlib.crc32(data))
	PY
}

main_out() {
	echo "$BATS_FILE_TMPDIR/main.out"
}

# The behaviour boot runs once, on the first test that needs it.
boot_main() {
	[ -s "$(main_out)" ] && return 0
	# the man page's complete bring-up script, as printed
	sed -n '/^# edu.iomap/,/^\.EE/p' "$TESTS_SRCDIR/../man/iomap.1.in" |
		sed '$d; s/\\-/-/g' > "$BATS_FILE_TMPDIR/edu.iomap"
	guest_run "$(main_out)" --shm "$SHM" --add "$BATS_FILE_TMPDIR/edu.iomap:/edu.iomap" \
		--add "$FW:/fw.bin" --add "$BATS_FILE_TMPDIR/fw2.bin:/fw2.bin" - <<-'END'
	S() { echo "=== $1"; }
	R() { echo "rc=$?"; }
	# mapped PID: until PID maps a resource2 (at most 4 s), not a sleep.
	mapped() { n=0; until grep -qE 'resource2(_wc)?$' /proc/$1/maps || [ $n -ge 80 ]; do sleep 0.05; n=$((n + 1)); done; }
	EDU=$(cut -d' ' -f1 /sys/bus/pci/devices/0000:00:04.0/resource | head -1)
	S list; iomap list -d 1234:11e8; R; iomap list -d 1b36:0005; R; iomap list -d 1af4:1110; R
	S list-json; iomap list --json; R
	S edu-id; iomap -d 1234:11e8 peek 0; R
	S edu-id-devmem; iomap peek "$EDU"; R; iomap dump "$EDU+16"; R
	S edu-live; iomap -s 00:04.0 poke 4 0x12345678; R; iomap -s 00:04.0 peek 4; R
	S edu-live-devmem; iomap poke "$((EDU + 4))" 0x0f0f0f0f; R; iomap -s 00:04.0 peek 4; R
	S edu-verify; iomap -d 1234:11e8 poke --verify 4 0x12345678; R
	S edu-fact; iomap -d 1234:11e8 poke 8 5; R; iomap -d 1234:11e8 wait 0x20 0:1 --timeout=2s; R; iomap -d 1234:11e8 peek 8; R
	S edu-fact-run
	cat > /tmp/fact <<-'SCRIPT'
	# factorial of 10 on the edu device
	poke 0x08 10
	wait 0x20 0:0x1 --timeout=2s --interval=100us
	peek 0x08
	SCRIPT
	iomap -d 1234:11e8 run /tmp/fact; R
	S edu-widths
	iomap -d 1234:11e8 -w 8 peek 0; R
	iomap -d 1234:11e8 -w 16 peek 0; R
	iomap -d 1234:11e8 -w 64 peek 0; R
	iomap -d 1234:11e8 -w 64 poke 0x80 0x123456789abcdef0; R
	iomap -d 1234:11e8 -w 64 peek 0x80; R
	S ivshmem-read; iomap -d 1af4:1110 -b 2 dump 0+32; R
	S ivshmem-write
	iomap -d 1af4:1110 -b 2 fill 0x100+64 0xa5a5a5a5; R
	iomap -d 1af4:1110 -b 2 poke 0x200 0x11223344 0x55667788; R
	iomap -d 1af4:1110 -b 2 -w 8 poke 0x300 0x99; R
	iomap -d 1af4:1110 -b 2 -w 64 poke 0x308 0x0102030405060708; R
	iomap -d 1af4:1110 -b 2 -w 16 poke 0x310 0xbe00:0xff00; R
	S ivshmem-wc
	iomap -d 1af4:1110 -b 2 --wc poke 0x400 0xdeadbeef; R
	iomap -d 1af4:1110 -b 2 --wc wait 0x400 0 --timeout=5s & pid=$!
	mapped $pid
	grep -c 'resource2_wc$' /proc/$pid/maps; grep -c 'resource2$' /proc/$pid/maps
	wait $pid; R
	iomap -d 1af4:1110 -b 2 wait 0x400 0 --timeout=5s & pid=$!
	mapped $pid
	grep -c 'resource2_wc$' /proc/$pid/maps; grep -c 'resource2$' /proc/$pid/maps
	wait $pid; R
	S ivshmem-wc-bar0; iomap -d 1af4:1110 --wc peek 0; R
	S testdev-io
	iomap -d 1b36:0005 -b 1 -w 8 poke 0 0; R
	iomap -d 1b36:0005 -b 1 peek 0 3; R
	iomap -d 1b36:0005 -b 1 -w 8 dump 0x10+16; R
	iomap -d 1b36:0005 -b 1 -w 8 poke 0x83 0xfa; R
	iomap -d 1b36:0005 -b 1 -w 16 peek 12; R
	S testdev-io-64; iomap -d 1b36:0005 -b 1 -w 64 peek 0; R
	S testdev-io-file; iomap -f /sys/bus/pci/devices/0000:00:05.0/resource1 -w 8 dump 0x10+8; R
	S man-script; iomap -d 1234:11e8 run /edu.iomap; R
	S strict-devmem; iomap peek 0x1000000; R
	S strict-devmem-poke; iomap poke 0x1000000 1; R
	S data-load; iomap -d 1af4:1110 -b 2 -w 64 load --verify 0x40000 /fw.bin; R
	S data-compare
	iomap -d 1af4:1110 -b 2 compare 0x40000 /fw.bin; R
	iomap -d 1af4:1110 -b 2 -w 8 compare 0x40000 /fw2.bin; R
	S data-crc32
	iomap -d 1af4:1110 -b 2 crc32 0x30000+64k; R
	iomap -d 1af4:1110 -b 2 -w 8 crc32 0x30000+64k; R
	iomap -d 1af4:1110 -b 2 -w 64 crc32 0x40000+64k; R
	S data-search
	iomap -d 1af4:1110 -b 2 search 0x20000+4k 0xcafef00d; R
	iomap -d 1af4:1110 -b 2 -w 16 search 0x20000+4k 0xf00d; R
	iomap -d 1af4:1110 -b 2 search 0x20000+4k 0xca000000:0xff000000 --json; R
	iomap -d 1af4:1110 -b 2 search 0x20000+4k 0xdeadbeef; R
	S data-verify-edu
	printf '\001\002\003\004' > /tmp/four
	iomap -d 1234:11e8 load --verify 4 /tmp/four; R
	S data-crc32-all; iomap -d 1af4:1110 -b 2 crc32; R
	END
}

@test "guest: list shows the three devices with their ids, BAR types and sizes" {
	boot_main
	run section "$(main_out)" list
	assert_output "0000:00:04.0 1234:11e8 Unclassified device [00ff]: Vendor 1234 Device 11e8 (driver: none)
	BAR0 mem32          0xfe900000 size 0x100000 (1 MiB) mmap resource0
rc=0
0000:00:05.0 1b36:0005 Unclassified device [00ff]: Red Hat, Inc. QEMU PCI Test Device (driver: none)
	BAR0 mem32          0xfea00000 size 0x1000 (4 KiB) mmap resource0
	BAR1 io             0x0000c000 size 0x100 (256 B) pread/pwrite resource1
rc=0
0000:00:06.0 1af4:1110 RAM memory: Red Hat, Inc. Inter-VM shared memory (driver: none)
	BAR0 mem32          0xfea01000 size 0x100 (256 B) mmap resource0
	BAR2 mem64 prefetch 0xfeb00000 size 0x100000 (1 MiB) mmap resource2 wc
rc=0"
}

@test "guest: list --json is one document jq reads" {
	command -v jq || skip "jq is not installed"
	boot_main
	run section "$(main_out)" list-json
	assert_line --index 1 rc=0
	json=$(head -1 <<<"$output")
	assert_equal "$(jq -r '.[] | select(.vendor == "0x1af4") | .bars[1] | "\(.index) \(.type) \(.bits) \(.prefetchable) \(.size) \(.wc)"' <<<"$json")" "2 mem 64 true 0x100000 true"
	assert_equal "$(jq -r '.[] | select(.slot == "0000:00:05.0") | .bars[1].type' <<<"$json")" io
}

@test "guest: edu's identification register through -d and through /dev/mem" {
	boot_main
	run section "$(main_out)" edu-id
	assert_output "0x010000ed
rc=0"
	# register 0xc is not one of edu's: it reads as all ones
	run section "$(main_out)" edu-id-devmem
	assert_output "0x010000ed
rc=0
fe900000: 010000ed 00000000 00000000 ffffffff  ................
rc=0"
}

@test "guest: edu's liveness register returns the inverse of what was written" {
	boot_main
	run section "$(main_out)" edu-live
	assert_output "rc=0
0xedcba987
rc=0"
	run section "$(main_out)" edu-live-devmem
	assert_output "rc=0
0xf0f0f0f0
rc=0"
}

@test "guest: poke --verify fails on edu's liveness register, naming the word" {
	boot_main
	run section "$(main_out)" edu-verify
	assert_output "iomap: verify failed at 0x4 (word 1): wrote 0x12345678, read back 0xedcba987
rc=1"
}

@test "guest: edu's factorial unit, by hand and as a run script with wait" {
	boot_main
	run section "$(main_out)" edu-fact
	assert_output "rc=0
rc=0
0x00000078
rc=0"
	run section "$(main_out)" edu-fact-run
	assert_output "0x00375f00
rc=0"
}

@test "guest: the man page's bring-up script runs as printed" {
	boot_main
	run section "$(main_out)" man-script
	assert_output "identification:
0x010000ed
0xedcba987
factorial of 10:
0x00375f00
0x0000000012345678
rc=0"
}

@test "guest: edu refuses the widths hw/misc/edu.c does not accept" {
	boot_main
	run section "$(main_out)" edu-widths
	# 8- and 16-bit accesses never reach the device (QEMU drops them: the
	# trace test shows no access); a 64-bit read of a register below 0x80
	# gets all ones; 0x80 (DMA source) takes 64-bit accesses.
	assert_output "0x00
rc=0
0x0000
rc=0
0xffffffffffffffff
rc=0
rc=0
0x123456789abcdef0
rc=0"
}

@test "guest: ivshmem shows what the host wrote, and the guest's stores land in the host file" {
	boot_main
	run section "$(main_out)" ivshmem-read
	assert_output "00000000: 616d6f69 76692d70 656d6873 61702d6d  iomap-ivshmem-pa
00000010: 72657474 0201006e 000000ff 00000000  ttern...........
rc=0"
	assert_equal "$(hex_at "$SHM" 0x100 64)" "$(printf 'a5%.0s' {1..64})"
	assert_equal "$(hex_at "$SHM" 0xfc 4)$(hex_at "$SHM" 0x140 4)" 0000000000000000
	assert_equal "$(hex_at "$SHM" 0x200 8)" 4433221188776655
	assert_equal "$(hex_at "$SHM" 0x300 1)" 99
	assert_equal "$(hex_at "$SHM" 0x308 8)" 0807060504030201
	assert_equal "$(hex_at "$SHM" 0x310 2)" 00be
}

@test "guest: --wc maps resource2_wc instead of resource2" {
	boot_main
	run section "$(main_out)" ivshmem-wc
	assert_output "rc=0
1
0
iomap: wait at 0x400 timed out after 5s: last read 0xdeadbeef, waiting for (word & 0xffffffff) == 0x00000000
rc=3
0
1
iomap: wait at 0x400 timed out after 5s: last read 0xdeadbeef, waiting for (word & 0xffffffff) == 0x00000000
rc=3"
	assert_equal "$(hex_at "$SHM" 0x400 4)" efbeadde
	run section "$(main_out)" ivshmem-wc-bar0
	assert_output "iomap: --wc: 0000:00:06.0 BAR0 is not a prefetchable memory BAR, so it has no write-combining mapping
rc=2"
}

@test "guest: pci-testdev's I/O BAR through pread and pwrite" {
	boot_main
	run section "$(main_out)" testdev-io
	# test 0 of the port tests: header {test 3, width 1, offset 0x83,
	# data 0xfa, count}, then its name; a matching write counts one.
	assert_output "rc=0
0x00000103
0x00000083
0x000000fa
rc=0
00000010: 70 6f 72 74 69 6f 2d 6e 6f 2d 65 76 65 6e 74 66  portio-no-eventf
rc=0
rc=0
0x0001
rc=0"
	run section "$(main_out)" testdev-io-file
	assert_output "00000010: 70 6f 72 74 69 6f 2d 6e                          portio-n
rc=0"
	run section "$(main_out)" testdev-io-64
	assert_output "iomap: 0000:00:05.0 BAR1 is an I/O BAR: 64-bit access is not possible (use -w 8, 16 or 32)
rc=2"
}

@test "guest: STRICT_DEVMEM's refusal of RAM reaches the user clearly, exit 1" {
	boot_main
	run section "$(main_out)" strict-devmem
	assert_line --index 0 "iomap: cannot map /dev/mem at 0x1000000 (/dev/mem, read-only): Operation not permitted"
	assert_line --index 1 --regexp "^iomap:   0x1000000 is System RAM \(/proc/iomem: [0-9a-f]+-[0-9a-f]+\): the kernel's STRICT_DEVMEM refuses /dev/mem access to RAM$"
	assert_line --index 2 "iomap:   only device memory can be mapped; check the address (a BAR's is in \`iomap list\`)"
	assert_line --index 3 rc=1
	run section "$(main_out)" strict-devmem-poke
	assert_line --index 0 "iomap: cannot map /dev/mem at 0x1000000 (/dev/mem): Operation not permitted"
	assert_line --index 3 rc=1
}

@test "guest: load --verify puts an image into ivshmem's BAR2 byte for byte; compare agrees" {
	boot_main
	run section "$(main_out)" data-load
	assert_output rc=0
	cmp <(tail -c +$((0x40000 + 1)) "$SHM" | head -c 65536) "$FW"
	run section "$(main_out)" data-compare
	assert_output "rc=0
$(printf '0x%08x 0x%s 0x%s' $((0x41001)) "$(hex_at "$FW" 0x1001 1)" "$(hex_at "$BATS_FILE_TMPDIR/fw2.bin" 0x1001 1)")
rc=1"
}

@test "guest: crc32 of ivshmem's BAR2 is the host's zlib CRC-32 of its file, at every width" {
	boot_main
	run section "$(main_out)" data-crc32
	assert_output "$(pycrc "$SHM" 0x30000 0x10000)
rc=0
$(pycrc "$SHM" 0x30000 0x10000)
rc=0
$(pycrc "$FW")
rc=0"
	# the whole BAR, after every other write of the run
	run section "$(main_out)" data-crc32-all
	assert_output "$(pycrc "$SHM")
rc=0"
}

@test "guest: search finds the values the host planted in ivshmem's BAR2, exit 1 for none" {
	boot_main
	run section "$(main_out)" data-search
	assert_output '0x00020124: 0xcafef00d
0x00020888: 0xcafef00d
rc=0
0x00020124: 0xf00d
0x00020888: 0xf00d
rc=0
{"region":"0000:00:06.0 BAR2","width":32,"address":"0x00020000","length":4096,"value":"0xca000000","mask":"0xff000000","matches":["0x00020124","0x00020888"]}
rc=0
rc=1'
}

@test "guest: load --verify fails on edu's liveness register, which reads back inverted" {
	boot_main
	run section "$(main_out)" data-verify-edu
	assert_output "iomap: verify failed at 0x4 (word 1): wrote 0x04030201, read back 0xfbfcfdfe
iomap:   0x4 bytes were written, 0x00000004-0x00000007
rc=1"
}

# The traced boot: each scenario follows a marker, a byte read of
# pci-testdev's BAR0 at the scenario's number, so the edu lines between two
# markers are exactly that scenario's accesses.
boot_traced() {
	[ -s "$BATS_FILE_TMPDIR/trace" ] && return 0
	guest_run "$BATS_FILE_TMPDIR/traced.out" --trace "$BATS_FILE_TMPDIR/trace" - <<-'END'
	M() { iomap -d 1b36:0005 -w 8 peek "$1" >/dev/null; }
	E() { iomap -d 1234:11e8 "$@" >/dev/null; }
	M 1; E peek 0 4
	M 2; E poke 0x04 0x11111111
	M 3; E -w 32 poke 0x80 0x11111111 0x22222222
	M 4; E poke 0x04 0x0000ff00:0x0000ff00
	M 5; E fill 0x80+16 0xabababab
	M 6; E -w 64 fill 0x80+16 0
	M 7; E dump 0+16
	M 8; E -w 64 dump 0x80+16
	M 9; E -w 8 peek 0
	M 10; E -w 16 poke 0 0x1234
	M 11; E --dry-run poke 0x04 1
	printf '\001\002\003\004\005\006\007\010\011\012\013\014\015\016\017\020' > /tmp/sixteen
	M 12; E -w 64 load 0x80 /tmp/sixteen
	M 13; E -w 64 compare 0x80 /tmp/sixteen
	M 14; E crc32 0+16
	M 15; E search 0+16 0x010000ed
	M 16
	END
	# "read 0x4 4 0x..." per edu access, "mark N" per marker.
	trace_accesses "$BATS_FILE_TMPDIR/trace" edu-mmio > "$BATS_FILE_TMPDIR/accesses"
}

# accesses N: the edu accesses of scenario N.
accesses() {
	scenario "$BATS_FILE_TMPDIR/accesses" "$1"
}

@test "guest trace: peek COUNT makes COUNT 32-bit loads in ascending order, nothing else" {
	boot_traced
	run accesses 1
	# (an unassigned register answers ~0: the trace shows the device's
	# 64-bit answer, the CPU's 32-bit load keeps the low half)
	assert_output "read 0x0 4 0x10000ed
read 0x4 4 0x0
read 0x8 4 0x0
read 0xc 4 0xffffffffffffffff"
}

@test "guest trace: poke makes exactly one store per value, of the width" {
	boot_traced
	run accesses 2
	assert_output "write 0x4 4 0x11111111"
	run accesses 3
	assert_output "write 0x80 4 0x11111111
write 0x84 4 0x22222222"
}

@test "guest trace: VALUE:MASK is one load then one store" {
	boot_traced
	run accesses 4
	assert_output "read 0x4 4 0xeeeeeeee
write 0x4 4 0xeeeeffee"
}

@test "guest trace: fill makes one store per word, ascending, of the width" {
	boot_traced
	run accesses 5
	assert_output "write 0x80 4 0xabababab
write 0x84 4 0xabababab
write 0x88 4 0xabababab
write 0x8c 4 0xabababab"
	run accesses 6
	assert_output "write 0x80 8 0x0
write 0x88 8 0x0"
}

@test "guest trace: dump reads each word once, of the width" {
	boot_traced
	run accesses 7
	assert_output "read 0x0 4 0x10000ed
read 0x4 4 0x11110011
read 0x8 4 0x0
read 0xc 4 0xffffffffffffffff"
	run accesses 8
	assert_output "read 0x80 8 0x0
read 0x88 8 0x0"
}

@test "guest trace: 8- and 16-bit accesses to edu never reach it; --dry-run touches nothing" {
	boot_traced
	run accesses 9
	assert_output ''
	run accesses 10
	assert_output ''
	run accesses 11
	assert_output ''
	# and the markers themselves are all there, in order
	run grep -c '^mark' "$BATS_FILE_TMPDIR/accesses"
	assert_output 16
}

@test "guest trace: load stores, compare, crc32 and search load, one access of the width per word" {
	boot_traced
	run accesses 12
	assert_output "write 0x80 8 0x807060504030201
write 0x88 8 0x100f0e0d0c0b0a09"
	run accesses 13
	assert_output "read 0x80 8 0x807060504030201
read 0x88 8 0x100f0e0d0c0b0a09"
	run accesses 14
	assert_output "read 0x0 4 0x10000ed
read 0x4 4 0x11110011
read 0x8 4 0x0
read 0xc 4 0xffffffffffffffff"
	run accesses 15
	assert_output "read 0x0 4 0x10000ed
read 0x4 4 0x11110011
read 0x8 4 0x0
read 0xc 4 0xffffffffffffffff"
}
