#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# iomap on arm64: a QEMU virt guest (Debian's arm64 kernel, edu, pci-testdev,
# ivshmem; tests/vm/guest --arch arm64) runs a cross-built iomap
# (tests/vm/cross-iomap).  One traced boot proves the same edu access
# sequence as tests/vm.bats's x86 one, runs the behaviour scenario, then the
# board regions on the real kernel's device tree (the virt machine's pl031
# RTC, pl061 GPIO, pl011 console and fw-cfg), its /proc/iomem and UIO
# through uio_pci_generic; a second boot does it all again under the
# 16 KiB-page kernel, and a third, with iomem=relaxed, reads the ranges
# drivers hold.

load helpers
load vm/lib

# Bats 1.8 cannot skip from setup_file, so each test checks for itself.
setup() {
	[ "${IOMAP_VM:-}" != skip ] || skip "guest tests skipped (IOMAP_VM=skip)"
	command -v qemu-system-aarch64 >/dev/null ||
		skip_env "qemu-system-aarch64 is not installed (apt-get install qemu-system-arm): arm64 guest tests skipped"
	XIOMAP_FILE=$BATS_FILE_TMPDIR/xiomap
	if [ ! -e "$XIOMAP_FILE" ]; then
		local rc=0
		"$TESTS_SRCDIR/vm/cross-iomap" --quiet > "$XIOMAP_FILE" 2> "$XIOMAP_FILE.err" || rc=$?
		[ "$rc" -eq 0 ] || { echo "$rc" > "$XIOMAP_FILE.rc"; : > "$XIOMAP_FILE"; }
	fi
	if [ -e "$XIOMAP_FILE.rc" ]; then
		if [ "$(cat "$XIOMAP_FILE.rc")" -eq 77 ]; then
			skip_env "no arm64 build of iomap: $(tail -1 "$XIOMAP_FILE.err")"
		fi
		cat "$XIOMAP_FILE.err" >&2
		echo "tests/vm/cross-iomap failed" >&2
		return 1
	fi
	GUEST_IOMAP=$(cat "$XIOMAP_FILE")
	GUEST_ARGS=(--arch arm64)
}

# The guest script: first the traced scenarios, on fresh devices (each
# follows a marker, a byte read of pci-testdev's BAR0 at the scenario's
# number, so the edu lines between two markers are exactly that scenario's
# accesses), then, untraced, the behaviour sections.
write_script() {
	cat > "$1" <<-'END'
	M() { iomap -d 1b36:0005 -w 8 peek "$1" >/dev/null; }
	E() { iomap -d 1234:11e8 "$@" >/dev/null 2>>/tmp/trace.err; echo "rc=$?" >>/tmp/trace.err; }
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
	M 12
	vmtrace off
	S() { echo "=== $1"; }
	R() { echo "rc=$?"; }
	# maps PID: wait (bounded) until PID has mapped a resource2 file
	maps() {
		i=0
		while ! grep -q 'resource2' /proc/$1/maps 2>/dev/null && [ $i -lt 300 ]; do
			i=$((i + 1)); sleep 0.1
		done
	}
	S trace-errors; cat /tmp/trace.err
	EDU=$(cut -d' ' -f1 /sys/bus/pci/devices/0000:00:04.0/resource | head -1)
	S list; iomap list -d 1234:11e8; R; iomap list -d 1b36:0005; R; iomap list -d 1af4:1110; R
	S edu-id; iomap -d 1234:11e8 peek 0; R
	S edu-id-devmem; iomap peek "$EDU"; R; iomap dump "$EDU+16"; R
	S edu-live; iomap -s 00:04.0 poke 4 0x12345678; R; iomap -s 00:04.0 peek 4; R
	S edu-live-devmem; iomap poke "$((EDU + 4))" 0x0f0f0f0f; R; iomap -s 00:04.0 peek 4; R
	S edu-verify; iomap -d 1234:11e8 poke --verify 4 0x12345678; R
	S edu-fact; iomap -d 1234:11e8 poke 8 5; R; iomap -d 1234:11e8 wait 0x20 0:1 --timeout=2s; R; iomap -d 1234:11e8 peek 8; R
	S edu-widths
	iomap -d 1234:11e8 -w 8 peek 0; R
	iomap -d 1234:11e8 -w 16 poke 0 0x1234; R
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
	iomap -d 1af4:1110 -b 2 --wc wait 0x400 0 --timeout=2s & pid=$!
	maps $pid
	grep -c 'resource2_wc$' /proc/$pid/maps; grep -c 'resource2$' /proc/$pid/maps
	wait $pid; R
	S testdev-io
	iomap -d 1b36:0005 -b 1 -w 8 poke 0 0; R
	iomap -d 1b36:0005 -b 1 peek 0 3; R
	iomap -d 1b36:0005 -b 1 -w 8 dump 0x10+16; R
	S testdev-io-64; iomap -d 1b36:0005 -b 1 -w 64 peek 0; R
	S man-script; iomap -d 1234:11e8 run /edu.iomap; R
	S strict-devmem; iomap peek 0x41000000; R
	S strict-devmem-poke; iomap poke 0x41000000 1; R
	# Board regions: the device tree's PrimeCells and fw-cfg, /proc/iomem
	S of-list; iomap list --of; R
	S of-json; iomap list --of --json; R
	S of-ambiguous; iomap --of=arm,primecell peek 0xfe0; R
	S of-held
	iomap --of=/pl031@9010000 peek 0xfe0 4; R
	iomap --of=arm,pl061 peek 0xfe0; R
	iomap --of=arm,pl011 peek 0xfe0; R
	S iomem-held
	iomap --iomem=pl011@9000000 peek 0xfe0; R
	iomap --iomem=rtc-pl031 peek 0xfe0; R
	S of-ram; iomap --of=/memory@40000000 peek 0x1000000; R
	S of-unbind
	# what iomap's message says to do, done: the RTC and the GPIO
	# controller can do without their drivers (the console cannot)
	for node in /pl031@9010000 /pl061@9030000; do
		cmd=$(iomap --of=$node peek 0 2>&1 |
			sed -n 's/.*unbind it (\(echo .*\)) or boot with iomem=relaxed$/\1/p')
		echo "$cmd"; eval "$cmd"; R
	done
	vmtrace on
	S pl031; M 13; iomap --of=/pl031@9010000 peek 0xfe0 4; R
	M 14; iomap --of=arm,pl031 dump 0xfe0+16; R
	S pl061; M 15; iomap --of=arm,pl061 peek 0xfe0 4; R
	M 16; iomap --of=/pl061@9030000 poke 0x400 0xf0:0xf0; R
	M 17; iomap --of=/pl061@9030000 peek 0x400; R
	M 18; iomap --of=/pl061@9030000 poke 0x400 0; R
	S fw-cfg
	# select key 0 (the signature) with a 16-bit store to the selector,
	# read it a byte at a time from the data register; then key 1
	# (FW_CFG_ID): the selector is big-endian, so 0x0100 it is
	printf 'poke -w 16 8 0\npeek -w 8 0\npeek -w 8 0\npeek -w 8 0\npeek -w 8 0\n' > /tmp/fwcfg
	M 19; iomap --of=qemu,fw-cfg-mmio run /tmp/fwcfg; R
	M 20; iomap --of=/fw-cfg@9020000 -w 16 poke 8 0x0100; R
	M 21; iomap --of=/fw-cfg@9020000 peek 0; R
	# UIO: edu and ivshmem bound to uio_pci_generic
	NEW_ID=/sys/bus/pci/drivers/uio_pci_generic/new_id
	S uio-bind; echo 1234 11e8 > $NEW_ID; R; ls /sys/class/uio
	S uio-edu; M 22; iomap --uio=uio_pci_generic poke 4 0x0f0f0f0f; R
	M 23; iomap -u /dev/uio0 peek 0 2; R
	M 24; iomap -u uio0 -w 64 poke 0x80 0 0x123456789abcdef0; R
	M 25; iomap -u uio0 -w 64 dump 0x80+16; R
	S uio-ivshmem; echo 1af4 1110 > $NEW_ID; R
	M 26; iomap -u uio1 poke 0 0xffff0000; R
	M 27; iomap -u uio1 --trace peek 0 2>&1; R
	M 28
	vmtrace off
	S uio-list; iomap list --uio; R
	S pagesize; awk '/^KernelPageSize/ { print $2, $3; exit }' /proc/self/smaps
	END
}

# boot NAME [harness options]: the boot (once per file) of the whole script,
# traced; outputs NAME.out, NAME.trace, NAME.shm, and the accesses of edu
# (NAME.accesses), of the board devices (NAME.board: pl031, pl061 and
# fw-cfg, offsets in their 4 KiB windows) and of ivshmem's registers
# (NAME.ivshmem).
boot() {
	local name=$1 dir=$BATS_FILE_TMPDIR
	shift
	[ -s "$dir/$name.accesses" ] && return 0
	zero_file "$dir/$name.shm" $((1 << 20))
	printf 'iomap-ivshmem-pattern\x00\x01\x02\xff' | dd of="$dir/$name.shm" conv=notrunc status=none
	# the man page's complete bring-up script, as printed
	sed -n '/^# edu.iomap/,/^\.EE/p' "$TESTS_SRCDIR/../man/iomap.1.in" |
		sed '$d; s/\\-/-/g' > "$dir/edu.iomap"
	write_script "$dir/script"
	guest_run "$dir/$name.out" "$@" --modules uio,uio_pci_generic \
		--shm "$dir/$name.shm" --trace "$dir/$name.trace" \
		--add "$dir/edu.iomap:/edu.iomap" "$dir/script"
	trace_accesses "$dir/$name.trace" 'pl031|pl061|fwcfg\.(ctl|data)' 4096 > "$dir/$name.board"
	trace_accesses "$dir/$name.trace" ivshmem-mmio 4096 > "$dir/$name.ivshmem"
	# "read 0x4 4 0x..." per edu access, "mark N" per marker.
	trace_accesses "$dir/$name.trace" edu-mmio > "$dir/$name.accesses"
}

out() { echo "$BATS_FILE_TMPDIR/main.out"; }

# accesses N: the edu accesses of scenario N in the main boot; board N and
# ivshmem N those of the board devices and of ivshmem.
accesses() {
	scenario "$BATS_FILE_TMPDIR/main.accesses" "$1"
}
board() {
	scenario "$BATS_FILE_TMPDIR/main.board" "$1"
}
ivshmem() {
	scenario "$BATS_FILE_TMPDIR/main.ivshmem" "$1"
}

# without FILE SECTION...: FILE without those sections.
without() {
	local file=$1
	shift
	awk -v drop=" $* " '/^=== / { off = index(drop, " " substr($0, 5) " ") > 0 } !off' "$file"
}

@test "arm64 guest trace: peek COUNT makes COUNT 32-bit loads in ascending order, nothing else" {
	boot main
	run accesses 1
	assert_output "read 0x0 4 0x10000ed
read 0x4 4 0x0
read 0x8 4 0x0
read 0xc 4 0xffffffffffffffff"
}

@test "arm64 guest trace: poke makes exactly one store per value, of the width" {
	boot main
	run accesses 2
	assert_output "write 0x4 4 0x11111111"
	run accesses 3
	assert_output "write 0x80 4 0x11111111
write 0x84 4 0x22222222"
}

@test "arm64 guest trace: VALUE:MASK is one load then one store" {
	boot main
	run accesses 4
	assert_output "read 0x4 4 0xeeeeeeee
write 0x4 4 0xeeeeffee"
}

@test "arm64 guest trace: fill makes one store per word, ascending, of the width" {
	boot main
	run accesses 5
	assert_output "write 0x80 4 0xabababab
write 0x84 4 0xabababab
write 0x88 4 0xabababab
write 0x8c 4 0xabababab"
	run accesses 6
	assert_output "write 0x80 8 0x0
write 0x88 8 0x0"
}

@test "arm64 guest trace: dump reads each word once, of the width" {
	boot main
	run accesses 7
	assert_output "read 0x0 4 0x10000ed
read 0x4 4 0x11110011
read 0x8 4 0x0
read 0xc 4 0xffffffffffffffff"
	run accesses 8
	assert_output "read 0x80 8 0x0
read 0x88 8 0x0"
}

@test "arm64 guest trace: 8- and 16-bit accesses to edu end in SIGBUS, reported; --dry-run only says what it would do" {
	boot main
	run accesses 9
	assert_output ''
	run accesses 10
	assert_output ''
	run accesses 11
	assert_output ''
	run grep -c '^mark' "$BATS_FILE_TMPDIR/main.accesses"
	assert_output 28
	# on arm64 edu's refusal is an external abort: SIGBUS, exit 1
	run section "$(out)" trace-errors
	assert_output "rc=0
rc=0
rc=0
rc=0
rc=0
rc=0
rc=0
rc=0
iomap: bus error (SIGBUS) during a 8-bit read at 0x0 in 0000:00:04.0 BAR0
iomap:   nothing answered at that address: check that the device decodes it and is out of reset
rc=1
iomap: bus error (SIGBUS) during a 16-bit write at 0x0 in 0000:00:04.0 BAR0
iomap:   nothing answered at that address: check that the device decodes it and is out of reset
rc=1
W32 0x00000004 <- 0x00000001
rc=0"
}

@test "arm64 guest: list shows the three devices with the BARs Linux assigned" {
	boot main
	run section "$(out)" list
	assert_output "0000:00:04.0 1234:11e8 Unclassified device [00ff]: Vendor 1234 Device 11e8 (driver: none)
	BAR0 mem32          0x10000000 size 0x100000 (1 MiB) mmap resource0
rc=0
0000:00:05.0 1b36:0005 Unclassified device [00ff]: Red Hat, Inc. QEMU PCI Test Device (driver: none)
	BAR0 mem32          0x10100000 size 0x1000 (4 KiB) mmap resource0
	BAR1 io             0x00001000 size 0x100 (256 B) pread/pwrite resource1
rc=0
0000:00:06.0 1af4:1110 RAM memory: Red Hat, Inc. Inter-VM shared memory (driver: none)
	BAR0 mem32          0x10101000 size 0x100 (256 B) mmap resource0
	BAR2 mem64 prefetch 0x0000008000000000 size 0x100000 (1 MiB) mmap resource2 wc
rc=0"
}

@test "arm64 guest: edu's registers through -d, -s and /dev/mem" {
	boot main
	run section "$(out)" edu-id
	assert_output "0x010000ed
rc=0"
	# register 4 still holds the inverse of the trace scenarios' last store
	run section "$(out)" edu-id-devmem
	assert_output "0x010000ed
rc=0
10000000: 010000ed 11110011 00000000 ffffffff  ................
rc=0"
	run section "$(out)" edu-live
	assert_output "rc=0
0xedcba987
rc=0"
	run section "$(out)" edu-live-devmem
	assert_output "rc=0
0xf0f0f0f0
rc=0"
	run section "$(out)" edu-verify
	assert_output "iomap: verify failed at 0x4 (word 1): wrote 0x12345678, read back 0xedcba987
rc=1"
}

@test "arm64 guest: edu's factorial unit and the man page's bring-up script" {
	boot main
	run section "$(out)" edu-fact
	assert_output "rc=0
rc=0
0x00000078
rc=0"
	run section "$(out)" man-script
	assert_output "identification:
0x010000ed
0xedcba987
factorial of 10:
0x00375f00
0x0000000012345678
rc=0"
}

@test "arm64 guest: edu's 8- and 16-bit refusals are SIGBUS; 64-bit accesses work" {
	boot main
	run section "$(out)" edu-widths
	assert_output "iomap: bus error (SIGBUS) during a 8-bit read at 0x0 in 0000:00:04.0 BAR0
iomap:   nothing answered at that address: check that the device decodes it and is out of reset
rc=1
iomap: bus error (SIGBUS) during a 16-bit write at 0x0 in 0000:00:04.0 BAR0
iomap:   nothing answered at that address: check that the device decodes it and is out of reset
rc=1
0xffffffffffffffff
rc=0
rc=0
0x123456789abcdef0
rc=0"
}

@test "arm64 guest: ivshmem shows what the host wrote, and the guest's stores land in the host file" {
	boot main
	local shm=$BATS_FILE_TMPDIR/main.shm
	run section "$(out)" ivshmem-read
	assert_output "00000000: 616d6f69 76692d70 656d6873 61702d6d  iomap-ivshmem-pa
00000010: 72657474 0201006e 000000ff 00000000  ttern...........
rc=0"
	assert_equal "$(hex_at "$shm" 0x100 64)" "$(printf 'a5%.0s' {1..64})"
	assert_equal "$(hex_at "$shm" 0xfc 4)$(hex_at "$shm" 0x140 4)" 0000000000000000
	assert_equal "$(hex_at "$shm" 0x200 8)" 4433221188776655
	assert_equal "$(hex_at "$shm" 0x300 1)" 99
	assert_equal "$(hex_at "$shm" 0x308 8)" 0807060504030201
	assert_equal "$(hex_at "$shm" 0x310 2)" 00be
	run section "$(out)" ivshmem-wc
	assert_output "rc=0
1
0
iomap: wait at 0x400 timed out after 2s: last read 0xdeadbeef, waiting for (word & 0xffffffff) == 0x00000000
rc=3"
	assert_equal "$(hex_at "$shm" 0x400 4)" efbeadde
}

@test "arm64 guest: pci-testdev's I/O BAR through pread and pwrite" {
	boot main
	run section "$(out)" testdev-io
	assert_output "rc=0
0x00000103
0x00000083
0x000000fa
rc=0
00000010: 70 6f 72 74 69 6f 2d 6e 6f 2d 65 76 65 6e 74 66  portio-no-eventf
rc=0"
	run section "$(out)" testdev-io-64
	assert_output "iomap: 0000:00:05.0 BAR1 is an I/O BAR: 64-bit access is not possible (use -w 8, 16 or 32)
rc=2"
}

@test "arm64 guest: STRICT_DEVMEM's refusal of RAM (at 0x40000000 here) reaches the user clearly, exit 1" {
	boot main
	run section "$(out)" strict-devmem
	assert_line --index 0 "iomap: cannot map /dev/mem at 0x41000000 (/dev/mem, read-only): Operation not permitted"
	assert_line --index 1 "iomap:   0x41000000 is System RAM (/proc/iomem: 40000000-4fffffff): the kernel's STRICT_DEVMEM refuses /dev/mem access to RAM"
	assert_line --index 2 "iomap:   only device memory can be mapped; check the address (a BAR's is in \`iomap list\`)"
	assert_line --index 3 rc=1
	run section "$(out)" strict-devmem-poke
	assert_line --index 0 "iomap: cannot map /dev/mem at 0x41000000 (/dev/mem): Operation not permitted"
	assert_line --index 3 rc=1
	run section "$(out)" pagesize
	assert_output "4 kB"
}

@test "arm64 guest --of: list shows the virt machine's nodes with compatibles, drivers and windows" {
	boot main
	run section "$(out)" of-list
	assert_line '/pl011@9000000 arm,pl011 arm,primecell (driver: uart-pl011)'
	assert_line '/pl031@9010000 arm,pl031 arm,primecell (driver: rtc-pl031)'
	assert_line '/pl061@9030000 arm,pl061 arm,primecell (driver: pl061_gpio)'
	assert_line '/fw-cfg@9020000 qemu,fw-cfg-mmio (driver: none)'
	assert_line '/pcie@10000000 pci-host-ecam-generic (driver: pci-host-generic)'
	# the ECAM window, above 4 GiB (highmem): two address cells at the root
	assert_line $'\treg0 0x4010000000 size 0x10000000 (256 MiB)'
	assert_line $'\treg0 0x09020000 size 0x18 (24 B)'
	assert_line rc=0
	# each PrimeCell's window follows its node line
	run grep -A1 '^/pl0' <(section "$(out)" of-list)
	assert_output "/pl011@9000000 arm,pl011 arm,primecell (driver: uart-pl011)
	reg0 0x09000000 size 0x1000 (4 KiB)
/pl031@9010000 arm,pl031 arm,primecell (driver: rtc-pl031)
	reg0 0x09010000 size 0x1000 (4 KiB)
/pl061@9030000 arm,pl061 arm,primecell (driver: pl061_gpio)
	reg0 0x09030000 size 0x1000 (4 KiB)"
}

@test "arm64 guest --of: list --json is one document jq reads" {
	command -v jq >/dev/null || skip "jq is not installed"
	boot main
	run section "$(out)" of-json
	assert_line --index 1 rc=0
	run jq -r '.[] | select(.path == "/pl031@9010000") | "\(.compatible | join(",")) \(.status) \(.driver) \(.reg[0].base) \(.reg[0].size)"' <<<"$(head -1 <<<"$output")"
	assert_output "arm,pl031,arm,primecell okay rtc-pl031 0x9010000 0x1000"
}

@test "arm64 guest --of: a compatible three nodes share is refused, naming them" {
	boot main
	run section "$(out)" of-ambiguous
	assert_output "iomap: \"arm,primecell\" matches 3 device-tree nodes by compatible: /pl011@9000000, /pl031@9010000, /pl061@9030000
iomap:   name one by its path
rc=2"
}

@test "arm64 guest --of: IO_STRICT_DEVMEM refuses what drivers hold, naming driver, device and the way out" {
	boot main
	run section "$(out)" of-held
	assert_output "iomap: cannot map /dev/mem at 0x9010000 (/pl031@9010000 reg0, read-only): Operation not permitted
iomap:   /pl031@9010000 is bound to the driver \"rtc-pl031\" (device 9010000.pl031), which holds its range: with IO_STRICT_DEVMEM the kernel refuses ranges a driver has claimed
iomap:   unbind it (echo 9010000.pl031 > /sys/bus/amba/devices/9010000.pl031/driver/unbind) or boot with iomem=relaxed
rc=1
iomap: cannot map /dev/mem at 0x9030000 (/pl061@9030000 reg0, read-only): Operation not permitted
iomap:   /pl061@9030000 is bound to the driver \"pl061_gpio\" (device 9030000.pl061), which holds its range: with IO_STRICT_DEVMEM the kernel refuses ranges a driver has claimed
iomap:   unbind it (echo 9030000.pl061 > /sys/bus/amba/devices/9030000.pl061/driver/unbind) or boot with iomem=relaxed
rc=1
iomap: cannot map /dev/mem at 0x9000000 (/pl011@9000000 reg0, read-only): Operation not permitted
iomap:   /pl011@9000000 is bound to the driver \"uart-pl011\" (device 9000000.pl011), which holds its range: with IO_STRICT_DEVMEM the kernel refuses ranges a driver has claimed
iomap:   unbind it (echo 9000000.pl011 > /sys/bus/amba/devices/9000000.pl011/driver/unbind) or boot with iomem=relaxed
rc=1"
	# the same through --iomem: the claim "9000000.pl011 pl011@9000000"
	# is the console's device, not a driver; "rtc-pl031" is a driver
	run section "$(out)" iomem-held
	assert_output "iomap: cannot map /dev/mem at 0x9000000 (iomem pl011@9000000, read-only): Operation not permitted
iomap:   0x9000000-0x9000fff is held by the driver \"uart-pl011\" of 9000000.pl011 (/proc/iomem: \"9000000.pl011 pl011@9000000\", inside pl011@9000000)
iomap:   with IO_STRICT_DEVMEM the kernel refuses ranges a driver has claimed: unbind it (echo 9000000.pl011 > /sys/bus/amba/devices/9000000.pl011/driver/unbind) or boot with iomem=relaxed
rc=1
iomap: cannot map /dev/mem at 0x9010000 (iomem rtc-pl031, read-only): Operation not permitted
iomap:   0x9010000-0x9010fff is held by the driver \"rtc-pl031\" of 9010000.pl031 (/proc/iomem, inside pl031@9010000)
iomap:   with IO_STRICT_DEVMEM the kernel refuses ranges a driver has claimed: unbind it (echo 9010000.pl031 > /sys/bus/amba/devices/9010000.pl031/driver/unbind) or boot with iomem=relaxed
rc=1"
	# and the memory node is RAM: STRICT_DEVMEM
	run section "$(out)" of-ram
	assert_output "iomap: cannot map /dev/mem at 0x41000000 (/memory@40000000 reg0, read-only): Operation not permitted
iomap:   0x41000000 is System RAM (/proc/iomem: 40000000-4fffffff): the kernel's STRICT_DEVMEM refuses /dev/mem access to RAM
iomap:   only device memory can be mapped; check the address (a BAR's is in \`iomap list\`)
rc=1"
}

@test "arm64 guest --of: the unbind command iomap gives works; pl031's PeriphID is one 32-bit read per register" {
	boot main
	run section "$(out)" of-unbind
	assert_output "echo 9010000.pl031 > /sys/bus/amba/devices/9010000.pl031/driver/unbind
rc=0
echo 9030000.pl061 > /sys/bus/amba/devices/9030000.pl061/driver/unbind
rc=0"
	# PL031 PeriphID0-3 (hw/rtc/pl031.c): 0x31 0x10 0x14 0x00, by path
	# and by compatible; dump prints physical addresses
	run section "$(out)" pl031
	assert_output "0x00000031
0x00000010
0x00000014
0x00000000
rc=0
09010fe0: 00000031 00000010 00000014 00000000  1...............
rc=0"
	run board 13
	assert_output "read 0xfe0 4 0x31
read 0xfe4 4 0x10
read 0xfe8 4 0x14
read 0xfec 4 0x0"
	run board 14
	assert_output "read 0xfe0 4 0x31
read 0xfe4 4 0x10
read 0xfe8 4 0x14
read 0xfec 4 0x0"
}

@test "arm64 guest --of: pl061's PeriphID, and GPIODIR read-modify-written" {
	boot main
	# PL061 PeriphID0-3 (hw/gpio/pl061.c): 0x61 0x10 0x04 0x00
	run section "$(out)" pl061
	assert_output "0x00000061
0x00000010
0x00000004
0x00000000
rc=0
rc=0
0x000000f0
rc=0
rc=0"
	run board 15
	assert_output "read 0xfe0 4 0x61
read 0xfe4 4 0x10
read 0xfe8 4 0x4
read 0xfec 4 0x0"
	run board 16
	assert_output "read 0x400 4 0x0
write 0x400 4 0xf0"
	run board 17
	assert_output "read 0x400 4 0xf0"
	run board 18
	assert_output "write 0x400 4 0x0"
}

@test "arm64 guest --of: fw-cfg's selector takes one 16-bit store, its data register byte reads of \"QEMU\"" {
	boot main
	run section "$(out)" fw-cfg
	assert_output "$(printf '0x%02x\n' "'Q" "'E" "'M" "'U")
rc=0
rc=0
0x00000003
rc=0"
	# (the trace's value is the device's: fw-cfg is big-endian)
	run board 19
	assert_output "write 0x8 2 0x0
read 0x0 1 0x51
read 0x0 1 0x45
read 0x0 1 0x4d
read 0x0 1 0x55"
	# iomap stores 0x0100 little-endian; the device sees key 1
	run board 20
	assert_output "write 0x8 2 0x1"
	# FW_CFG_ID, bytes 03 00 00 00 (traditional and DMA interfaces)
	run board 21
	assert_output "read 0x0 4 0x3000000"
}

@test "arm64 guest UIO: uio_pci_generic binds edu and ivshmem; each access through /dev/uioN as the trace shows" {
	boot main
	run section "$(out)" uio-bind
	assert_output "rc=0
uio0"
	run section "$(out)" uio-edu
	assert_output "rc=0
0x010000ed
0xf0f0f0f0
rc=0
rc=0
00000080: 0000000000000000 123456789abcdef0  ............xV4.
rc=0"
	run accesses 22
	assert_output "write 0x4 4 0xf0f0f0f"
	run accesses 23
	assert_output "read 0x0 4 0x10000ed
read 0x4 4 0xf0f0f0f0"
	run accesses 24
	assert_output "write 0x80 8 0x0
write 0x88 8 0x123456789abcdef0"
	run accesses 25
	assert_output "read 0x80 8 0x0
read 0x88 8 0x123456789abcdef0"
	# ivshmem's register BAR; --trace prints offsets in the map
	run section "$(out)" uio-ivshmem
	assert_output "rc=0
rc=0
R32 0x00000000 -> 0xffff0000
0xffff0000
rc=0"
	run ivshmem 26
	assert_output "write 0x0 4 0xffff0000"
	run ivshmem 27
	assert_output "read 0x0 4 0xffff0000"
	run section "$(out)" uio-list
	assert_output "uio0 uio_pci_generic
	map0 0000:00:04.0 0x10000000 size 0x100000 (1 MiB) offset 0x0
uio1 uio_pci_generic
	map0 0000:00:06.0 0x10101000 size 0x1000 (4 KiB) offset 0x0
rc=0"
}

@test "arm64 guest, 16 KiB-page kernel: the same accesses, output and shared memory as with 4 KiB pages" {
	boot main
	boot k16 --flavour 16k
	run section "$BATS_FILE_TMPDIR/k16.out" pagesize
	assert_output "16 kB"
	# everything but the page size and the UIO maps is the same
	run diff <(without "$(out)" pagesize uio-list) <(without "$BATS_FILE_TMPDIR/k16.out" pagesize uio-list)
	assert_success
	for f in accesses board ivshmem shm; do
		run cmp "$BATS_FILE_TMPDIR/main.$f" "$BATS_FILE_TMPDIR/k16.$f"
		assert_success
	done
	# ivshmem's 256-byte BAR at 0x10101000 shares a 16 KiB page with
	# pci-testdev's: uio_pci_generic makes its map the page, the registers
	# 0x1000 in, and iomap's accesses above landed on them all the same
	run section "$BATS_FILE_TMPDIR/k16.out" uio-list
	assert_output "uio0 uio_pci_generic
	map0 0000:00:04.0 0x10000000 size 0x100000 (1 MiB) offset 0x0
uio1 uio_pci_generic
	map0 0000:00:06.0 0x10100000 size 0x4000 (16 KiB) offset 0x1000
rc=0"
}

# The third boot, with iomem=relaxed: IO_STRICT_DEVMEM's check is off, so
# the ranges drivers hold (the console's, the RTC's) can be read while
# they are bound; RAM stays refused (STRICT_DEVMEM).  Traced.
boot_relaxed() {
	local dir=$BATS_FILE_TMPDIR
	[ -s "$dir/relaxed.pl011" ] && return 0
	guest_run "$dir/relaxed.out" --append iomem=relaxed --trace "$dir/relaxed.trace" - <<-'END'
	S() { echo "=== $1"; }
	R() { echo "rc=$?"; }
	M() { iomap -d 1b36:0005 -w 8 peek "$1" >/dev/null; }
	S cmdline; grep -o 'iomem=relaxed' /proc/cmdline
	S drivers
	for d in 9000000.pl011 9010000.pl031; do basename "$(readlink /sys/bus/amba/devices/$d/driver)"; done
	S pl011; M 1; iomap --of=arm,pl011 peek 0xfe0 4; R
	M 2; iomap --iomem=pl011@9000000 peek 0xfe0; R
	S pl031; M 3; iomap --of=/pl031@9010000 peek 0xfe0 4; R
	M 4
	S ram; iomap peek 0x41000000; R
	END
	trace_accesses "$dir/relaxed.trace" pl031 4096 > "$dir/relaxed.pl031"
	# the console's own traffic is at its data and flag registers: keep
	# the PeriphID reads (0xfe0-0xfec), and the markers
	trace_accesses "$dir/relaxed.trace" pl011 4096 |
		awk '$1 == "mark" || $2 ~ /^0xf[e-f][0-9a-f]$/' > "$dir/relaxed.pl011"
}

@test "arm64 guest, iomem=relaxed: the console's pl011 is read while its driver holds it, one 32-bit read per register" {
	boot_relaxed
	local dir=$BATS_FILE_TMPDIR
	run section "$dir/relaxed.out" cmdline
	assert_output iomem=relaxed
	run section "$dir/relaxed.out" drivers
	assert_output "uart-pl011
rtc-pl031"
	# PL011 PeriphID0-3 (hw/char/pl011.c): 0x11 0x10 0x14 0x00
	run section "$dir/relaxed.out" pl011
	assert_output "0x00000011
0x00000010
0x00000014
0x00000000
rc=0
0x00000011
rc=0"
	run scenario "$dir/relaxed.pl011" 1
	assert_output "read 0xfe0 4 0x11
read 0xfe4 4 0x10
read 0xfe8 4 0x14
read 0xfec 4 0x0"
	run scenario "$dir/relaxed.pl011" 2
	assert_output "read 0xfe0 4 0x11"
	run section "$dir/relaxed.out" pl031
	assert_output "0x00000031
0x00000010
0x00000014
0x00000000
rc=0"
	run scenario "$dir/relaxed.pl031" 3
	assert_output "read 0xfe0 4 0x31
read 0xfe4 4 0x10
read 0xfe8 4 0x14
read 0xfec 4 0x0"
}

@test "arm64 guest, iomem=relaxed: RAM is still refused (STRICT_DEVMEM is not IO_STRICT_DEVMEM)" {
	boot_relaxed
	run section "$BATS_FILE_TMPDIR/relaxed.out" ram
	assert_output "iomap: cannot map /dev/mem at 0x41000000 (/dev/mem, read-only): Operation not permitted
iomap:   0x41000000 is System RAM (/proc/iomem: 40000000-4fffffff): the kernel's STRICT_DEVMEM refuses /dev/mem access to RAM
iomap:   only device memory can be mapped; check the address (a BAR's is in \`iomap list\`)
rc=1"
}
