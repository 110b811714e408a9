#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Regions on the fake sysfs tree (SPEC §1): -s, -d, -b, --wc, I/O BARs,
# the /dev/mem fallback, big BARs, and list. Assumes a little-endian host.

load helpers

setup() {
	fake_sys
	DEV=$SYS/devices
}

@test "-s and -d select a device through libpci's filters and map its BAR" {
	run --separate-stderr iomap --sysfs="$SYS" -s 00:03.0 poke 0x10 0x11223344
	assert_success
	assert_equal "$(hex_at "$DEV/0000:00:03.0/resource0" 0x10 4)" 44332211
	for sel in "-s 00:03.0" "-s 0000:00:03.0" "-s 03" "-d 1234:11e8" "-d 1234:11e8:00ff" "-d :11e8"; do
		run --separate-stderr iomap --sysfs="$SYS" $sel peek 0x10
		assert_success
		assert_output 0x11223344
	done
}

@test "a selector matching several devices is refused, naming them" {
	run --separate-stderr iomap --sysfs="$SYS" -d 8086:10d3 peek 0
	assert_failure 2
	assert_output ''
	assert_stderr "iomap: -d 8086:10d3 matches 2 PCI devices: 0000:01:00.0 (8086:10d3), 0000:02:00.0 (8086:10d3)
iomap:   narrow it down with -s DOMAIN:BUS:DEV.FN"
	run --separate-stderr iomap --sysfs="$SYS" -d 1234: peek 0
	assert_failure 2
	assert_stderr --partial "iomap: -d 1234: matches 2 PCI devices: 0000:00:02.0 (1234:1111), 0000:00:03.0 (1234:11e8)"
	run --separate-stderr iomap --sysfs="$SYS" -s 02:00.0 -d 8086:10d3 peek 0
	assert_success
}

@test "a selector matching nothing is refused, naming what is there" {
	run --separate-stderr iomap --sysfs="$SYS" -d 8086:9999 peek 0
	assert_failure 2
	assert_stderr "iomap: -d 8086:9999 matches no PCI device under $SYS
iomap:   devices present: 0000:00:00.0 (8086:1237), 0000:00:02.0 (1234:1111), 0000:00:03.0 (1234:11e8), 0000:00:04.0 (1b36:0005), 0000:00:05.0 (1af4:1110), 0000:00:06.0 (8086:100e), 0000:01:00.0 (8086:10d3), 0000:02:00.0 (8086:10d3)"
	mkdir -p "$BATS_TEST_TMPDIR/empty/devices"
	run --separate-stderr iomap --sysfs="$BATS_TEST_TMPDIR/empty" -s 1:0 peek 0
	assert_failure 2
	assert_stderr "iomap: -s 1:0 matches no PCI device under $BATS_TEST_TMPDIR/empty
iomap:   no PCI devices are present there"
	run --separate-stderr iomap --sysfs="$BATS_TEST_TMPDIR/nonexistent" -s 1:0 peek 0
	assert_failure 1
	assert_stderr "iomap: cannot read PCI devices in $BATS_TEST_TMPDIR/nonexistent: No such file or directory"
}

@test "malformed selectors get libpci's own message" {
	run --separate-stderr iomap --sysfs="$SYS" -s 1:2:3:4 peek 0
	assert_failure 2
	assert_stderr --regexp "^iomap: -s 1:2:3:4: "
	run --separate-stderr iomap --sysfs="$SYS" -d 12345:1 peek 0
	assert_failure 2
	assert_stderr --regexp "^iomap: -d 12345:1: "
}

@test "-b picks a BAR; the default is the lowest memory BAR" {
	run --separate-stderr iomap --sysfs="$SYS" -s 00:02.0 -b 2 poke 0 0xaabbccdd
	assert_success
	assert_equal "$(hex_at "$DEV/0000:00:02.0/resource2" 0 4)" ddccbbaa
	assert_equal "$(hex_at "$DEV/0000:00:02.0/resource0" 0 4)" 00000000
	run -0 --separate-stderr iomap --sysfs="$SYS" -s 00:02.0 poke 0 0x01020304
	assert_equal "$(hex_at "$DEV/0000:00:02.0/resource0" 0 4)" 04030201
	# pci-testdev: BAR0 is memory, BAR1 I/O; the default is BAR0
	run -0 --separate-stderr iomap --sysfs="$SYS" -s 00:04.0 poke 0 7
	assert_equal "$(hex_at "$DEV/0000:00:04.0/resource0" 0 4)" 07000000
	assert_equal "$(hex_at "$DEV/0000:00:04.0/resource1" 0 4)" 00000000
}

@test "-b naming a BAR the device lacks, or a device with no memory BAR" {
	run --separate-stderr iomap --sysfs="$SYS" -s 00:03.0 -b 3 peek 0
	assert_failure 2
	assert_stderr "iomap: 0000:00:03.0 has no BAR3 (it has BAR0)"
	run --separate-stderr iomap --sysfs="$SYS" -s 00:05.0 -b 3 peek 0
	assert_failure 2
	assert_stderr "iomap: 0000:00:05.0 has no BAR3 (it has BAR0, BAR2)"
	run --separate-stderr iomap --sysfs="$SYS" -s 00:00.0 peek 0
	assert_failure 2
	assert_stderr "iomap: 0000:00:00.0 has no memory BAR"
}

@test "I/O BARs are read and written with pread/pwrite of exactly the width" {
	command -v strace || skip "strace is not installed"
	skip_instrumented "counts system calls with strace"
	R1=$DEV/0000:00:04.0/resource1
	printf '\x10\x11\x12\x13\x14\x15\x16\x17' | dd of="$R1" conv=notrunc status=none
	run --separate-stderr strace -e trace=pread64,pwrite64,mmap -o "$BATS_TEST_TMPDIR/trace" "$IOMAP" --sysfs="$SYS" -s 00:04.0 -b 1 -w 16 peek 2 2
	assert_success
	assert_output "0x1312
0x1514"
	run grep -cE 'pread64\([0-9]+, "[^"]*", 2, [24]\) += 2' "$BATS_TEST_TMPDIR/trace"
	assert_output 2
	run grep -c "resource1" "$BATS_TEST_TMPDIR/trace"
	assert_output 0
	strace -e trace=pwrite64 -o "$BATS_TEST_TMPDIR/trace" "$IOMAP" --sysfs="$SYS" -s 00:04.0 -b 1 -w 8 poke 0x20 0xab 0xcd
	run grep -cE 'pwrite64\([0-9]+, "[^"]*", 1, 3[23]\) += 1' "$BATS_TEST_TMPDIR/trace"
	assert_output 2
	assert_equal "$(hex_at "$R1" 0x20 2)" abcd
	run --separate-stderr iomap --sysfs="$SYS" -s 00:04.0 -b 1 poke 0x40 0xdead0000:0xffff0000
	assert_success
	assert_equal "$(hex_at "$R1" 0x40 4)" 0000adde
	run -0 --separate-stderr iomap --sysfs="$SYS" -s 00:04.0 -b 1 dump 0x10+8
	assert_output "00000010: 00000000 00000000                    ........"
}

@test "-f on an I/O BAR's resourceN file reads it with pread too" {
	command -v strace || skip "strace is not installed"
	skip_instrumented "counts system calls with strace"
	R1=$DEV/0000:00:04.0/resource1
	printf '\x21\x43\x65\x87' | dd of="$R1" bs=1 seek=8 conv=notrunc status=none
	run --separate-stderr strace -e trace=pread64,mmap -o "$BATS_TEST_TMPDIR/trace" "$IOMAP" -f "$R1" peek 8
	assert_success
	assert_output 0x87654321
	run grep -cE 'pread64\([0-9]+, "[^"]*", 4, 8\) += 4' "$BATS_TEST_TMPDIR/trace"
	assert_output 1
	run --separate-stderr iomap -f "$R1" -w 64 peek 0
	assert_failure 2
	assert_stderr "iomap: $R1 is an I/O BAR: 64-bit access is not possible (use -w 8, 16 or 32)"
	# a memory BAR's resourceN given with -f is mapped as usual
	run --separate-stderr iomap -f "$DEV/0000:00:04.0/resource0" -w 64 peek 0
	assert_success
}

@test "64-bit access to an I/O BAR is refused before anything is opened" {
	run --separate-stderr iomap --sysfs="$SYS" -s 00:04.0 -b 1 -w 64 peek 0
	assert_failure 2
	assert_stderr "iomap: 0000:00:04.0 BAR1 is an I/O BAR: 64-bit access is not possible (use -w 8, 16 or 32)"
}

@test "a memory BAR without resourceN is reached through /dev/mem at its address" {
	mem=$BATS_TEST_TMPDIR/mem
	zero_file "$mem" $((0xfebc0000 + 0x20000))
	run --separate-stderr iomap --sysfs="$SYS" --mem="$mem" -s 00:06.0 poke 0x10 0xcafef00d
	assert_success
	assert_equal "$(hex_at "$mem" $((0xfebc0010)) 4)" 0df0feca
	# addresses printed are still offsets into the BAR
	run -0 --separate-stderr iomap --sysfs="$SYS" --mem="$mem" -s 00:06.0 dump 0x10+4
	assert_output "00000010: cafef00d                             ...."
	# and the size check is the BAR's
	run --separate-stderr iomap --sysfs="$SYS" --mem="$mem" -s 00:06.0 peek 128k
	assert_failure 2
	assert_stderr "iomap: 1 32-bit word at offset 0x20000 would run past the end of 0000:00:06.0 BAR0 (size 0x20000, 128 KiB)"
}

@test "an I/O BAR without resourceN cannot be reached, and says why" {
	run --separate-stderr iomap --sysfs="$SYS" -s 00:06.0 -b 1 peek 0
	assert_failure 1
	assert_stderr "iomap: 0000:00:06.0 BAR1 is an I/O BAR and $DEV/0000:00:06.0/resource1 does not exist
iomap:   I/O BARs can only be reached through resourceN; the kernel did not offer one for this device"
}

@test "--wc maps resourceN_wc, and only for prefetchable memory BARs" {
	command -v strace || skip "strace is not installed"
	skip_instrumented "counts system calls with strace"
	strace -e trace=openat -o "$BATS_TEST_TMPDIR/trace" "$IOMAP" --sysfs="$SYS" -s 00:05.0 -b 2 --wc poke 0 0x5a5a5a5a
	run grep -c 'resource2_wc", O_RDWR' "$BATS_TEST_TMPDIR/trace"
	assert_output 1
	assert_equal "$(hex_at "$DEV/0000:00:05.0/resource2_wc" 0 4)" 5a5a5a5a
	assert_equal "$(hex_at "$DEV/0000:00:05.0/resource2" 0 4)" 00000000
	run --separate-stderr iomap --sysfs="$SYS" -s 00:03.0 --wc peek 0
	assert_failure 2
	assert_stderr "iomap: --wc: 0000:00:03.0 BAR0 is not a prefetchable memory BAR, so it has no write-combining mapping"
	rm "$DEV/0000:00:02.0/resource0_wc"
	run --separate-stderr iomap --sysfs="$SYS" -s 00:02.0 --wc peek 0
	assert_failure 1
	assert_stderr "iomap: --wc: $DEV/0000:00:02.0/resource0_wc does not exist"
	truncate -s 16M "$DEV/0000:00:02.0/resource0_wc"
}

@test "a BAR that does not start on a page is mapped from its page, at its offset in it" {
	command -v strace || skip "strace is not installed"
	skip_instrumented "traces mmap with strace"
	sys=$BATS_TEST_TMPDIR/sys
	"$MKFAKESYS" "$sys" >/dev/null
	d=$sys/devices/0000:00:05.0
	# BAR0 moved to 0x100 past a 64 KiB boundary: inside a page of any size
	base=$((0xfebe0100)) off=$((0xfebe0100 % PAGE))
	read -r _ _ flags < <(head -1 "$d/resource")
	sed -i "1s/.*/$(printf '0x%016x 0x%016x %s' $base $((base + 255)) "$flags")/" "$d/resource"
	# sysfs maps resource0 from the page that holds the BAR's start
	truncate -s $((off + 256)) "$d/resource0"
	run --separate-stderr strace -e trace=mmap -o "$BATS_TEST_TMPDIR/trace" "$IOMAP" --sysfs="$sys" -s 00:05.0 poke 0x10 0x11223344
	assert_success
	run grep 'MAP_SHARED' "$BATS_TEST_TMPDIR/trace"
	assert_output --regexp "^mmap\(NULL, $PAGE, PROT_READ\|PROT_WRITE, MAP_SHARED, [0-9]+, 0\)"
	assert_equal "$(hex_at "$d/resource0" $((off + 0x10)) 4)" 44332211
	run -0 --separate-stderr iomap --sysfs="$sys" -s 00:05.0 peek 0x10
	assert_output 0x11223344
}

@test "a 128 GiB BAR: only the touched page is mapped, at the top too" {
	command -v strace || skip "strace is not installed"
	skip_instrumented "counts system calls with strace"
	R2=$DEV/0000:00:05.0/resource2
	run --separate-stderr strace -e trace=mmap -o "$BATS_TEST_TMPDIR/trace" "$IOMAP" --sysfs="$SYS" -s 00:05.0 -b 2 -w 64 poke 0x1ffffffff8 0x0123456789abcdef
	assert_success
	run grep 'MAP_SHARED' "$BATS_TEST_TMPDIR/trace"
	assert_output --regexp "^mmap\(NULL, $PAGE, PROT_READ\|PROT_WRITE, MAP_SHARED, [0-9]+, $(printf 0x%x $(((128 << 30) - PAGE)))\)"
	assert_equal "$(hex_at "$R2" $((0x1ffffffff8)) 8)" efcdab8967452301
	run --separate-stderr iomap --sysfs="$SYS" -s 00:05.0 -b 2 -w 64 peek 127G+0xffffff8
	assert_failure 2
	run -0 --separate-stderr iomap --sysfs="$SYS" -s 00:05.0 -b 2 -w 64 peek 0x1ffffffff8
	assert_output 0x0123456789abcdef
	run --separate-stderr iomap --sysfs="$SYS" -s 00:05.0 -b 2 -w 64 peek 128G
	assert_failure 2
	assert_stderr "iomap: 1 64-bit word at offset 0x2000000000 would run past the end of 0000:00:05.0 BAR2 (size 0x2000000000, 128 GiB)"
}

@test "list: every device with names, driver and BARs" {
	run --separate-stderr iomap --sysfs="$SYS" list
	assert_success
	assert_output "0000:00:00.0 8086:1237 Host bridge: Intel Corporation 440FX - 82441FX PMC [Natoma] (driver: none)
0000:00:02.0 1234:1111 VGA compatible controller: Vendor 1234 Device 1111 (driver: bochs-drm)
	BAR0 mem32 prefetch 0xfd000000 size 0x1000000 (16 MiB) mmap resource0 wc
	BAR2 mem32          0xfebf0000 size 0x1000 (4 KiB) mmap resource2
0000:00:03.0 1234:11e8 Unclassified device [00ff]: Vendor 1234 Device 11e8 (driver: none)
	BAR0 mem32          0xfea00000 size 0x100000 (1 MiB) mmap resource0
0000:00:04.0 1b36:0005 Unclassified device [00ff]: Red Hat, Inc. QEMU PCI Test Device (driver: none)
	BAR0 mem32          0xfebf1000 size 0x1000 (4 KiB) mmap resource0
	BAR1 io             0x0000c000 size 0x100 (256 B) pread/pwrite resource1
0000:00:05.0 1af4:1110 RAM memory: Red Hat, Inc. Inter-VM shared memory (driver: none)
	BAR0 mem32          0xfebf2000 size 0x100 (256 B) mmap resource0
	BAR2 mem64 prefetch 0x0000008000000000 size 0x2000000000 (128 GiB) mmap resource2 wc
0000:00:06.0 8086:100e Ethernet controller: Intel Corporation 82540EM Gigabit Ethernet Controller (driver: e1000)
	BAR0 mem32          0xfebc0000 size 0x20000 (128 KiB) mmap /dev/mem (no resource0)
	BAR1 io             0x0000c040 size 0x40 (64 B) no access (no resource1)
0000:01:00.0 8086:10d3 Ethernet controller: Intel Corporation 82574L Gigabit Network Connection (driver: e1000e)
	BAR0 mem32          0xfe800000 size 0x20000 (128 KiB) mmap resource0
	BAR2 io             0x0000d000 size 0x20 (32 B) pread/pwrite resource2
0000:02:00.0 8086:10d3 Ethernet controller: Intel Corporation 82574L Gigabit Network Connection (driver: e1000e)
	BAR0 mem32          0xfe700000 size 0x20000 (128 KiB) mmap resource0
	BAR2 io             0x0000e000 size 0x20 (32 B) pread/pwrite resource2"
}

@test "list -s/-d filters; a filter matching nothing is an error naming what exists" {
	run --separate-stderr iomap --sysfs="$SYS" list -d 8086:10d3
	assert_success
	assert_equal "$(grep -c '^0000' <<<"$output")" 2
	run -0 --separate-stderr iomap --sysfs="$SYS" list -s 00:03.0
	assert_line --index 0 --partial '0000:00:03.0 1234:11e8'
	assert_equal "${#lines[@]}" 2
	run --separate-stderr iomap --sysfs="$SYS" list -d 1:2
	assert_failure 2
	assert_stderr --partial "iomap: -d 1:2 matches no PCI device under $SYS"
}

@test "list --json" {
	command -v jq || skip "jq is not installed"
	run --separate-stderr iomap --sysfs="$SYS" list --json
	assert_success
	assert_equal "$(jq length <<<"$output")" 8
	assert_equal "$(jq -r '.[] | select(.slot == "0000:00:06.0") | "\(.driver) \(.bars[0].resource) \(.bars[1].type) \(.bars[1].bits)"' <<<"$output")" "e1000 false io null"
	assert_equal "$(jq -r '.[] | select(.slot == "0000:00:05.0") | .bars[1] | "\(.base) \(.size) \(.bits) \(.prefetchable) \(.wc)"' <<<"$output")" "0x8000000000 0x2000000000 64 true true"
	assert_equal "$(jq -r '.[0].driver' <<<"$output")" null
}

@test "an exact slot is looked up directly: no other device is read, no pci.ids" {
	command -v strace >/dev/null || skip "strace is not installed"
	[ -z "${IOMAP_SANITIZED:-}" ] || skip "strace of a sanitized build sees the sanitizer's files"
	for slot in 00:03.0 0000:00:03.0; do
		strace -f -e trace=open,openat,stat,newfstatat,access -o "$BATS_TEST_TMPDIR/trace" \
			"$IOMAP" --sysfs="$SYS" -s "$slot" peek 0 >/dev/null
		run grep -E 'devices/0000:0[0-9]:0[0-9]\.[0-9]' "$BATS_TEST_TMPDIR/trace"
		refute_output --partial 0000:00:04.0
		refute_output --partial 0000:01:00.0
		assert_output --partial 0000:00:03.0/resource0
		run grep -E 'pci\.ids|pciids|passwd' "$BATS_TEST_TMPDIR/trace"
		assert_output ''
	done
	# a slot that is not exact scans, and finds the same device: what it
	# writes lands in 00:03.0's BAR, and both read it back
	res=$SYS/devices/0000:00:03.0/resource0
	old=$(hex_at "$res" 16 4)
	run -0 iomap --sysfs="$SYS" -s 03 poke 0x10 0x5a5aa5a5
	assert_equal "$(hex_at "$res" 16 4)" a5a55a5a
	run -0 iomap --sysfs="$SYS" -s 03 peek 0x10
	assert_output 0x5a5aa5a5
	run -0 iomap --sysfs="$SYS" -s 00:03.0 peek 0x10
	assert_output 0x5a5aa5a5
	printf "$(sed 's/../\\x&/g' <<<"$old")" |
		dd of="$res" bs=1 seek=16 conv=notrunc status=none
	assert_equal "$(hex_at "$res" 16 4)" "$old"
	# an exact slot that does not exist names the devices present
	run --separate-stderr iomap --sysfs="$SYS" -s 00:1f.7 peek 0
	assert_failure 2
	assert_stderr --partial "iomap: -s 00:1f.7 matches no PCI device under $SYS"
}

@test "--pci-ids: list's names from that file, numbers where it has none" {
	printf '1234  Test Vendor\n\t11e8  Test Device\n' > "$BATS_TEST_TMPDIR/ids"
	run -0 iomap --sysfs="$SYS" --pci-ids="$BATS_TEST_TMPDIR/ids" list -s 00:03.0
	assert_line --index 0 '0000:00:03.0 1234:11e8 Class 00ff: Test Vendor Test Device (driver: none)'
	: > "$BATS_TEST_TMPDIR/empty"
	run -0 iomap --sysfs="$SYS" --pci-ids="$BATS_TEST_TMPDIR/empty" list -s 00:06.0
	assert_line --index 0 '0000:00:06.0 8086:100e Class 0200: Vendor 8086 Device 100e (driver: e1000)'
	run --separate-stderr iomap --sysfs="$SYS" --pci-ids="$BATS_TEST_TMPDIR/missing" list
	assert_failure 2
	assert_stderr "iomap: --pci-ids $BATS_TEST_TMPDIR/missing: No such file or directory"
}

@test "list escapes control characters in pci.ids names; --json stays valid UTF-8" {
	printf '1234  Evil\033[31mCorp\n\t11e8  e\007du\xff\n' > "$BATS_TEST_TMPDIR/ids"
	run -0 iomap --sysfs="$SYS" --pci-ids="$BATS_TEST_TMPDIR/ids" list -s 00:03.0
	assert_line --index 0 '0000:00:03.0 1234:11e8 Class 00ff: Evil\x1b[31mCorp e\x07du\xff (driver: none)'
	run -0 iomap --sysfs="$SYS" --pci-ids="$BATS_TEST_TMPDIR/ids" list -s 00:03.0 --json
	run jq -c '.[0] | [.vendor_name, .device_name]' <<<"$output"
	assert_output '["Evil\u001b[31mCorp","e\u0007du�"]'
}

@test "libpci's message that ends in a newline is printed without it" {
	printf '1234  Test Vendor\n\tzzzz not an id\n' > "$BATS_TEST_TMPDIR/ids"
	run --separate-stderr iomap --sysfs="$SYS" --pci-ids="$BATS_TEST_TMPDIR/ids" list -s 00:03.0
	assert_failure 1
	assert_stderr "iomap: libpci: Parse error at $BATS_TEST_TMPDIR/ids, line 2"
}

@test "a file name that is not UTF-8 is escaped in messages and U+FFFD in --json" {
	F=$BATS_TEST_TMPDIR/$'img-\xff\x1b'
	zero_file "$F" 4096
	run -0 iomap -f "$F" peek 0 --json
	run jq -r .region <<<"$output"
	assert_output "$BATS_TEST_TMPDIR/img-�"$'\x1b'
	run --separate-stderr iomap -f "$F" peek 0x1000
	assert_failure 2
	assert_stderr --partial "the end of $BATS_TEST_TMPDIR/img-\\xff\\x1b (size 0x1000"
}

@test "--sysroot: PCI devices are looked up under DIR/sys/bus/pci" {
	ROOT=$BATS_TEST_TMPDIR/root
	mkdir -p "$ROOT/sys/bus"
	cp -a "$SYS" "$ROOT/sys/bus/pci"
	run -0 iomap --sysroot="$ROOT" list -s 00:03.0 --json
	assert_output --partial '"slot":"0000:00:03.0"'
	run -0 iomap --sysroot="$ROOT" -s 00:03.0 poke 0x20 0xabcd
	assert_equal "$(hex_at "$ROOT/sys/bus/pci/devices/0000:00:03.0/resource0" 0x20 4)" cdab0000
	# --sysfs still names the PCI tree itself
	run -0 iomap --sysroot=/nonexistent --sysfs="$ROOT/sys/bus/pci" -s 00:03.0 peek 0x20
	assert_output 0x0000abcd
}

@test "a sysfs tree libpci cannot parse is an error of its line: the shell goes on" {
	sys=$BATS_TEST_TMPDIR/sys
	"$MKFAKESYS" "$sys" >/dev/null
	d=$sys/devices/0000:00:05.0
	echo garbage > "$d/resource"
	# one command: libpci's message, status 1
	run --separate-stderr iomap --sysfs="$sys" -s 00:05.0 peek 0
	assert_failure 1
	assert_stderr "iomap: libpci: Syntax error in $d/resource"
	# the whole-tree scan (-d) hits it too; libpci's sysfs scan then leaks
	# the device it was reading (not yet on its list: iomap cannot free it)
	ASAN_OPTIONS=${ASAN_OPTIONS:-}:detect_leaks=0 \
		run --separate-stderr iomap --sysfs="$sys" -d 1af4:1110 peek 0
	assert_failure 1
	assert_stderr "iomap: libpci: Syntax error in $d/resource"
	# libpci once exit()ed inside the shell: the lines after still run
	F=$BATS_TEST_TMPDIR/img
	pattern_file "$F" 4096
	# (a failed region line leaves the region as it was; it is the
	# line's own error, a bad line: status 2)
	run --separate-stderr bash -c "printf 'region -s 00:05.0\npeek 4\n' | '$IOMAP' --sysfs='$sys' -f '$F' shell"
	assert_failure 2
	assert_output 0x07060504
	assert_stderr "iomap: <stdin>:1: libpci: Syntax error in $d/resource"
}
