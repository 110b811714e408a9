#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Board regions (SPEC §1.1) against a real x86 kernel: --iomem on the
# guest's own /proc/iomem (a PCI BAR appears there under its device's
# name), and UIO for real: uio_pci_generic from the same kernel package
# binds edu, and --uio reaches its BAR through /dev/uio0.  One boot, under
# QEMU's memory_region_ops trace, so each access is checked as in
# tests/vm.bats: a marker (a byte read of pci-testdev's BAR0 at offset N)
# before scenario N, the edu lines up to the next marker being exactly its
# accesses.  Assumes a little-endian guest (x86-64).

load helpers
load vm/lib

# Bats 1.8 cannot skip from setup_file, so each test checks for itself.
setup() {
	[ "${IOMAP_VM:-}" != skip ] || skip "guest tests skipped (IOMAP_VM=skip)"
	command -v qemu-system-x86_64 >/dev/null ||
		skip_env "QEMU is not installed (apt-get install qemu-system-x86 busybox-static cpio): guest tests skipped"
}

out() { echo "$BATS_FILE_TMPDIR/board.out"; }

# The boot, once per file: outputs board.out, board.trace, and the
# accesses of edu (edu.accesses, offsets in its 1 MiB BAR) and of
# ivshmem's register BAR (ivshmem.accesses).
boot() {
	local dir=$BATS_FILE_TMPDIR
	[ -s "$dir/edu.accesses" ] && return 0
	guest_run "$(out)" --modules uio,uio_pci_generic --trace "$dir/board.trace" - <<-'END'
	S() { echo "=== $1"; }
	R() { echo "rc=$?"; }
	M() { iomap -d 1b36:0005 -w 8 peek "$1" >/dev/null; }
	NEW_ID=/sys/bus/pci/drivers/uio_pci_generic/new_id
	S resource; head -1 /sys/bus/pci/devices/0000:00:04.0/resource
	S iomem-list; iomap list --iomem; R
	S iomem-json; iomap list --iomem --json; R
	S iomem-one; iomap list --iomem=0000:00:04.0; R
	S iomem-shared; iomap list --iomem=0000:00:06.0; R; iomap --iomem=0000:00:06.0 peek 0; R
	S iomem-id; M 1; iomap --iomem=0000:00:04.0 peek 0; R
	S iomem-trace; M 2; iomap --iomem=0000:00:04.0 --trace poke 4 0x12345678 2>&1; R
	S iomem-blank; iomap --iomem='HPET 0' peek 0 2; R
	S iomem-kernel; iomap --iomem='IOAPIC 0' peek 0; R
	S iomem-ram; iomap --iomem='Kernel code' peek 0; R
	S uio-none; iomap list --uio; R; iomap -u uio0 peek 0; R
	S uio-bind
	echo 1234 11e8 > $NEW_ID; R
	ls /sys/class/uio
	iomap list -d 1234:11e8; R
	S uio-list; iomap list --uio; R
	S uio-json; iomap list --uio --json; R
	S uio-peek; M 3; iomap --uio=uio0 peek 0 4; R
	S uio-name; M 4; iomap --uio=uio_pci_generic -b 0000:00:04.0 poke 4 0x11111111; R
	S uio-rmw; M 5; iomap -u /dev/uio0 poke 4 0x0000ff00:0x0000ff00; R
	S uio-fill; M 6; iomap -u uio0 fill 0x80+16 0xabababab; R
	M 7; iomap -u uio0 -w 64 fill 0x80+16 0; R
	S uio-dump; M 8; iomap -u uio0 dump 0+16; R
	S uio-64; M 9; iomap -u uio0 -w 64 poke 0x88 0x123456789abcdef0; R
	M 10; iomap -u uio0 -w 64 dump 0x80+16; R
	S uio-trace; M 11; iomap -u uio0 --trace peek 0 2 2>&1; R
	S uio-end; iomap -u uio0 peek 0x100000; R
	S uio-second
	echo 1af4 1110 > $NEW_ID; R
	iomap list --uio=uio_pci_generic; R
	iomap --uio=uio_pci_generic peek 0; R
	S uio-ivshmem; M 12; iomap -u uio1 poke 0 0xffff0000; R
	M 13; iomap -u uio1 peek 0; R
	M 14
	END
	trace_accesses "$dir/board.trace" edu-mmio > "$dir/edu.accesses"
	trace_accesses "$dir/board.trace" ivshmem-mmio 4096 > "$dir/ivshmem.accesses"
}

# edu N, ivshmem N: the accesses of scenario N to that device.
edu() { scenario "$BATS_FILE_TMPDIR/edu.accesses" "$1"; }
ivshmem() { scenario "$BATS_FILE_TMPDIR/ivshmem.accesses" "$1"; }

# edu's BAR0 from its sysfs resource file: "START END" in hex, no 0x.
edu_bar() {
	local start end
	read -r start end _ < <(section "$(out)" resource)
	printf '%x %x\n' "$((start))" "$((end))"
}

@test "guest --iomem: list shows the real /proc/iomem, edu's BAR under its device's name" {
	boot
	local start end
	read -r start end < <(edu_bar)
	[ "$start" = fe900000 ]	# the harness's fixed layout (tests/vm/README)
	run section "$(out)" iomem-list
	assert_line "  $start-$end 0000:00:04.0 (1 MiB)"
	assert_line '10000000-febfffff PCI Bus 0000:00 (3820 MiB)'
	assert_line 'fed00000-fed003ff HPET 0 (1 KiB)'
	assert_line rc=0
	run section "$(out)" iomem-one
	assert_output "$start-$end 0000:00:04.0 (1 MiB)
rc=0"
	# a name two BARs share (ivshmem's): list shows both, an access
	# must be told which
	run section "$(out)" iomem-shared
	assert_output "fea01000-fea010ff 0000:00:06.0 (256 B)
feb00000-febfffff 0000:00:06.0 (1 MiB)
rc=0
iomap: 2 entries of /proc/iomem are named \"0000:00:06.0\": fea01000-fea010ff, feb00000-febfffff
iomap:   reach one by its physical address through /dev/mem instead
rc=2"
}

@test "guest --iomem: list --json is one document jq reads, as many entries as the text" {
	command -v jq >/dev/null || skip "jq is not installed"
	boot
	run section "$(out)" iomem-json
	assert_line --index 1 rc=0
	local json
	json=$(head -1 <<<"$output")
	assert_equal "$(jq -r '.[] | select(.name == "0000:00:04.0") | "\(.start) \(.end) \(.size) \(.depth)"' <<<"$json")" \
		"0xfe900000 0xfe9fffff 0x100000 1"
	assert_equal "$(jq -r '.[] | select(.name == "HPET 0") | .depth' <<<"$json")" 0
	assert_equal "$(jq length <<<"$json")" "$(section "$(out)" iomem-list | grep -vc '^rc=')"
}

@test "guest --iomem: edu's registers by its device's name; --trace prints physical addresses" {
	boot
	run section "$(out)" iomem-id
	assert_output "0x010000ed
rc=0"
	run edu 1
	assert_output "read 0x0 4 0x10000ed"
	run section "$(out)" iomem-trace
	assert_output "W32 0xfe900004 <- 0x12345678
rc=0"
	run edu 2
	assert_output "write 0x4 4 0x12345678"
}

@test "guest --iomem: a name with a blank (HPET 0), a range the kernel claimed, RAM" {
	boot
	# QEMU's HPET: vendor 8086, 64-bit counter, legacy routing, three
	# timers, revision 1; a 10 ns tick (10^7 fs)
	run section "$(out)" iomem-blank
	assert_output "0x8086a201
$(printf '0x%08x' 10000000)
rc=0"
	# the IOAPIC's range is the kernel's own claim: IO_STRICT_DEVMEM
	run section "$(out)" iomem-kernel
	assert_output "iomap: cannot map /dev/mem at 0xfec00000 (iomem IOAPIC 0, read-only): Operation not permitted
iomap:   0xfec00000-0xfec003ff is \"IOAPIC 0\" (/proc/iomem), a range the kernel has claimed: with IO_STRICT_DEVMEM it refuses /dev/mem access to claimed ranges
iomap:   boot with iomem=relaxed to allow it, if nothing else drives that device
rc=1"
	run section "$(out)" iomem-ram
	assert_output "iomap: cannot map /dev/mem at 0x1000000 (iomem Kernel code, read-only): Operation not permitted
iomap:   0x1000000 is System RAM (/proc/iomem: 100000-ffdffff): the kernel's STRICT_DEVMEM refuses /dev/mem access to RAM
iomap:   only device memory can be mapped; check the address (a BAR's is in \`iomap list\`)
rc=1"
}

@test "guest UIO: uio_pci_generic from the kernel package binds edu; list --uio shows BAR0 as map0" {
	boot
	run section "$(out)" uio-none
	assert_output "rc=0
iomap: uio0 matches no UIO device: there are none
rc=2"
	run section "$(out)" uio-bind
	assert_output "rc=0
uio0
0000:00:04.0 1234:11e8 Unclassified device [00ff]: Vendor 1234 Device 11e8 (driver: uio_pci_generic)
	BAR0 mem32          0xfe900000 size 0x100000 (1 MiB) mmap resource0
rc=0"
	# map0 is BAR0, as sysfs's resource file has it
	local start end
	read -r start end < <(edu_bar)
	run section "$(out)" uio-list
	assert_output "uio0 uio_pci_generic
	map0 0000:00:04.0 0x$start size 0x$(printf '%x' $((0x$end - 0x$start + 1))) (1 MiB) offset 0x0
rc=0"
}

@test "guest UIO: list --uio --json is one document jq reads" {
	command -v jq >/dev/null || skip "jq is not installed"
	boot
	run section "$(out)" uio-json
	assert_line --index 1 rc=0
	run jq -r '.[] | "\(.device) \(.name) \(.maps[0].index) \(.maps[0].name) \(.maps[0].addr) \(.maps[0].size) \(.maps[0].offset)"' <<<"$(head -1 <<<"$output")"
	assert_output "uio0 uio_pci_generic 0 0000:00:04.0 0xfe900000 0x100000 0x0"
}

@test "guest UIO trace: peek COUNT through /dev/uio0 makes COUNT 32-bit loads, ascending" {
	boot
	run section "$(out)" uio-peek
	assert_output "0x010000ed
0xedcba987
0x00000000
0xffffffff
rc=0"
	run edu 3
	assert_output "read 0x0 4 0x10000ed
read 0x4 4 0xedcba987
read 0x8 4 0x0
read 0xc 4 0xffffffffffffffff"
}

@test "guest UIO trace: the device's name and the map's name select it; poke is one store" {
	boot
	run section "$(out)" uio-name
	assert_output rc=0
	run edu 4
	assert_output "write 0x4 4 0x11111111"
}

@test "guest UIO trace: VALUE:MASK through -u /dev/uio0 is one load then one store" {
	boot
	run section "$(out)" uio-rmw
	assert_output "rc=0"
	run edu 5
	assert_output "read 0x4 4 0xeeeeeeee
write 0x4 4 0xeeeeffee"
	# (the next dump reads back its inverse, 0x11110011)
}

@test "guest UIO trace: fill and dump make one access per word, ascending, of the width" {
	boot
	run section "$(out)" uio-fill
	assert_output "rc=0
rc=0"
	run edu 6
	assert_output "write 0x80 4 0xabababab
write 0x84 4 0xabababab
write 0x88 4 0xabababab
write 0x8c 4 0xabababab"
	run edu 7
	assert_output "write 0x80 8 0x0
write 0x88 8 0x0"
	# UIO offsets are the map's: dump prints them, not physical addresses
	run section "$(out)" uio-dump
	assert_output "00000000: 010000ed 11110011 00000000 ffffffff  ................
rc=0"
	run edu 8
	assert_output "read 0x0 4 0x10000ed
read 0x4 4 0x11110011
read 0x8 4 0x0
read 0xc 4 0xffffffffffffffff"
}

@test "guest UIO trace: 64-bit accesses are single 8-byte loads and stores" {
	boot
	run section "$(out)" uio-64
	assert_output "rc=0
00000080: 0000000000000000 123456789abcdef0  ............xV4.
rc=0"
	run edu 9
	assert_output "write 0x88 8 0x123456789abcdef0"
	run edu 10
	assert_output "read 0x80 8 0x0
read 0x88 8 0x123456789abcdef0"
}

@test "guest UIO: --trace names offsets in the map; the map's end is its BAR's" {
	boot
	run section "$(out)" uio-trace
	assert_output "R32 0x00000000 -> 0x010000ed
R32 0x00000004 -> 0x11110011
0x010000ed
0x11110011
rc=0"
	run edu 11
	assert_output "read 0x0 4 0x10000ed
read 0x4 4 0x11110011"
	run section "$(out)" uio-end
	assert_output "iomap: 1 32-bit word at offset 0x100000 would run past the end of uio0 map0 (0000:00:04.0) (size 0x100000, 1 MiB)
rc=2"
}

@test "guest UIO: a second device of the same name is listed with the first, and an access must choose" {
	boot
	run section "$(out)" uio-second
	assert_output "rc=0
uio0 uio_pci_generic
	map0 0000:00:04.0 0xfe900000 size 0x100000 (1 MiB) offset 0x0
uio1 uio_pci_generic
	map0 0000:00:06.0 0xfea01000 size 0x1000 (4 KiB) offset 0x0
rc=0
iomap: uio_pci_generic names 2 UIO devices: uio0 (uio_pci_generic), uio1 (uio_pci_generic)
iomap:   name one by uioN
rc=2"
	# ivshmem's 256-byte register BAR is a whole page in UIO
	# (uio_pci_generic rounds it up); its interrupt mask takes the store
	run section "$(out)" uio-ivshmem
	assert_output "rc=0
0xffff0000
rc=0"
	run ivshmem 12
	assert_output "write 0x0 4 0xffff0000"
	run ivshmem 13
	assert_output "read 0x0 4 0xffff0000"
	# the edu lines of the last scenarios are none, and every marker is there
	run edu 12
	assert_output ''
	run grep -c '^mark' "$BATS_FILE_TMPDIR/edu.accesses"
	assert_output 14
}
