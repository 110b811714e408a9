#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# The fake sysfs tree from fixtures/mkfakesys is what it claims: the real lspci reads it as such.

bats_require_minimum_version 1.5.0
load '/usr/lib/bats/bats-support/load'
load '/usr/lib/bats/bats-assert/load'

MKFAKESYS=${TESTS_SRCDIR:-$BATS_TEST_DIRNAME}/fixtures/mkfakesys

setup_file() {
	"$MKFAKESYS" "$BATS_FILE_TMPDIR/sys"
}

# Bats 1.8 cannot skip from setup_file, so each test checks for itself.
setup() {
	command -v lspci >/dev/null || skip "lspci (pciutils) is not installed"
	SYS=$BATS_FILE_TMPDIR/sys
}

# lspci_fake [DIR=$SYS] ARGS...: the real lspci on the fake tree, output and
# stderr apart.
lspci_fake() {
	local dir=$SYS
	[[ ${1:-} == /* ]] && { dir=$1; shift; }
	run --separate-stderr lspci -A linux-sysfs -O sysfs.path="$dir" "$@"
}

# assert_quiet: lspci succeeded and said nothing on stderr about the tree.
# With -v or -k, lspci asks libkmod for module names and complains where
# /lib/modules/$(uname -r) is missing (containers); that says nothing about
# the tree, so that one line is let through.
assert_quiet() {
	assert_success
	local rest
	rest=$(grep -v '^lspci: Unable to load libkmod resources: error' <<<"$stderr" || true)
	assert_equal "$rest" ""
}

# lspci_dev SLOT: lspci -nn -vv -k for one device.
lspci_dev() {
	lspci_fake -nn -vv -k -s "$1"
	assert_quiet
}

# How long mkfakesys takes is measured in bench/latency, not here.
@test "mkfakesys refuses a non-empty or non-directory DIR" {
	"$MKFAKESYS" "$BATS_TEST_TMPDIR/quick"
	run --separate-stderr "$MKFAKESYS" "$BATS_TEST_TMPDIR/quick"
	assert_failure 2
	assert_equal "$stderr" "mkfakesys: $BATS_TEST_TMPDIR/quick exists and is not empty"
	touch "$BATS_TEST_TMPDIR/file"
	run --separate-stderr "$MKFAKESYS" "$BATS_TEST_TMPDIR/file"
	assert_failure 2
	mkdir "$BATS_TEST_TMPDIR/empty"
	run "$MKFAKESYS" "$BATS_TEST_TMPDIR/empty"
	assert_success
	assert [ -d "$BATS_TEST_TMPDIR/empty/devices/0000:00:03.0" ]
	run --separate-stderr "$MKFAKESYS"
	assert_failure 2
	assert_equal "${stderr_lines[0]}" "mkfakesys [--extra=N] DIR              build the tree; DIR must not exist or be empty;"
}

@test "mkfakesys --extra=N adds N edu devices after the eight, each with its own 1 MiB BAR0" {
	local T=$BATS_TEST_TMPDIR/extra d
	"$MKFAKESYS" --extra=33 "$T"
	run ls "$T/devices"
	assert_equal "${#lines[@]}" 41
	assert_line 0000:10:00.0
	assert_line 0000:10:1f.0
	assert_line 0000:11:00.0
	d=$T/devices/0000:11:00.0
	assert_equal "$(cat "$d/vendor" "$d/device")" "0x1234
0x11e8"
	assert_equal "$(head -1 "$d/resource")" "0x0000000082000000 0x00000000820fffff 0x0000000000040200"
	assert_equal "$(stat -c %s "$d/resource0")" 1048576
	run --separate-stderr "$MKFAKESYS" --extra=1025 "$BATS_TEST_TMPDIR/x"
	assert_failure 2
	assert_equal "$stderr" "mkfakesys: --extra=1025: give a number of devices up to 1024"
}

@test "lspci lists exactly the eight devices, without a word on stderr" {
	lspci_fake -D -n
	assert_quiet
	assert_output "0000:00:00.0 0600: 8086:1237 (rev 02)
0000:00:02.0 0300: 1234:1111 (rev 02)
0000:00:03.0 00ff: 1234:11e8 (rev 10)
0000:00:04.0 00ff: 1b36:0005
0000:00:05.0 0500: 1af4:1110 (rev 01)
0000:00:06.0 0200: 8086:100e (rev 03)
0000:01:00.0 0200: 8086:10d3
0000:02:00.0 0200: 8086:10d3"
	lspci_fake -nn -vvv -k -x -D
	assert_quiet
}

@test "00:00.0: the 440FX host bridge, no BARs, no driver" {
	lspci_dev 00:00.0
	assert_line --index 0 '00:00.0 Host bridge [0600]: Intel Corporation 440FX - 82441FX PMC [Natoma] [8086:1237] (rev 02)'
	assert_line --partial 'Control: I/O+ Mem+ BusMaster+'
	refute_line --partial 'Region'
	refute_line --partial 'Kernel driver in use'
	refute_line --partial 'Capabilities'
}

@test "00:02.0: VGA with a 16M prefetchable and a 4K BAR, bound to bochs-drm" {
	lspci_dev 00:02.0
	assert_line --index 0 --regexp '^00:02\.0 VGA compatible controller \[0300\]: .*\[1234:1111\] \(rev 02\) \(prog-if 00 \[VGA controller\]\)$'
	assert_line '	Region 0: Memory at fd000000 (32-bit, prefetchable) [size=16M]'
	assert_line '	Region 2: Memory at febf0000 (32-bit, non-prefetchable) [size=4K]'
	assert_line '	Kernel driver in use: bochs-drm'
}

@test "00:03.0: QEMU edu, 1M BAR0, a PM capability in D0, no driver" {
	lspci_dev 00:03.0
	assert_line --index 0 --regexp '^00:03\.0 Unclassified device \[00ff\]: .*\[1234:11e8\] \(rev 10\)$'
	assert_line '	Control: I/O+ Mem+ BusMaster+ SpecCycle- MemWINV- VGASnoop- ParErr- Stepping- SERR- FastB2B- DisINTx-'
	assert_line --partial '	Status: Cap+ '
	assert_line '	Interrupt: pin A routed to IRQ 10'
	assert_line '	Region 0: Memory at fea00000 (32-bit, non-prefetchable) [size=1M]'
	assert_line '	Capabilities: [40] Power Management version 3'
	assert_line --partial '		Status: D0 NoSoftRst-'
	refute_line --partial 'Region 1'
	refute_line --partial 'Kernel driver in use'
}

@test "00:04.0: pci-testdev, a 4K memory BAR and 256 I/O ports" {
	lspci_dev 00:04.0
	assert_line --index 0 '00:04.0 Unclassified device [00ff]: Red Hat, Inc. QEMU PCI Test Device [1b36:0005]'
	assert_line '	Region 0: Memory at febf1000 (32-bit, non-prefetchable) [size=4K]'
	assert_line '	Region 1: I/O ports at c000 [size=256]'
	refute_line --partial 'Kernel driver in use'
}

@test "00:05.0: ivshmem, 256-byte BAR0 and a 128G 64-bit prefetchable BAR2" {
	lspci_dev 00:05.0
	assert_line --index 0 '00:05.0 RAM memory [0500]: Red Hat, Inc. Inter-VM shared memory [1af4:1110] (rev 01)'
	assert_line '	Subsystem: Red Hat, Inc. QEMU Virtual Machine [1af4:1100]'
	assert_line '	Region 0: Memory at febf2000 (32-bit, non-prefetchable) [size=256]'
	assert_line '	Region 2: Memory at 8000000000 (64-bit, prefetchable) [size=128G]'
	refute_line --partial 'Region 3'
	refute_line --partial 'Kernel driver in use'
}

@test "00:06.0: e1000 with its BARs, bound to e1000" {
	lspci_dev 00:06.0
	assert_line --index 0 '00:06.0 Ethernet controller [0200]: Intel Corporation 82540EM Gigabit Ethernet Controller [8086:100e] (rev 03)'
	assert_line '	Region 0: Memory at febc0000 (32-bit, non-prefetchable) [size=128K]'
	assert_line '	Region 1: I/O ports at c040 [size=64]'
	assert_line '	Kernel driver in use: e1000'
}

@test "01:00.0 and 02:00.0: two 82574L bound to e1000e" {
	local slot mem io
	for slot in 01:00.0:fe800000:d000 02:00.0:fe700000:e000; do
		IFS=: read -r bus devfn mem io <<<"$slot"
		lspci_dev "$bus:$devfn"
		assert_line --index 0 "$bus:$devfn Ethernet controller [0200]: Intel Corporation 82574L Gigabit Network Connection [8086:10d3]"
		assert_line "	Region 0: Memory at $mem (32-bit, non-prefetchable) [size=128K]"
		assert_line "	Region 2: I/O ports at $io [size=32]"
		assert_line '	Kernel driver in use: e1000e'
	done
}

@test "config space agrees with the sysfs attribute files" {
	local d f
	local -a cfg
	for d in "$SYS"/devices/*; do
		f=$(<"$d/vendor")$(<"$d/device")$(<"$d/class")$(<"$d/revision")$(<"$d/subsystem_vendor")$(<"$d/subsystem_device")
		mapfile -t cfg < <(setpci -A linux-sysfs -O sysfs.path="$SYS" -s "${d##*/}" \
			VENDOR_ID DEVICE_ID CLASS_DEVICE CLASS_PROG REVISION \
			SUBSYSTEM_VENDOR_ID SUBSYSTEM_ID)
		set -- "${cfg[@]}"
		assert_equal "$f" "0x$1""0x$2""0x$3$4""0x$5""0x$6""0x$7"
		assert_equal "$(<"$d/irq")" "$((0x$(setpci -A linux-sysfs -O sysfs.path="$SYS" -s "${d##*/}" INTERRUPT_LINE)))"
		assert_equal "$(setpci -A linux-sysfs -O sysfs.path="$SYS" -s "${d##*/}" HEADER_TYPE)" 00
		assert_equal "$(stat -c %s "$d/config")" 256
		assert_equal "$(wc -l <"$d/resource")" 13
		assert_equal "$(<"$d/power_state")" D0
		assert_equal "$(<"$d/enable")" 1
	done
}

@test "resource lines carry the kernel's IORESOURCE flags" {
	local r=$SYS/devices
	assert_equal "$(sed -n 1p "$r/0000:00:02.0/resource")" "0x00000000fd000000 0x00000000fdffffff 0x0000000000042208"
	assert_equal "$(sed -n 3p "$r/0000:00:02.0/resource")" "0x00000000febf0000 0x00000000febf0fff 0x0000000000040200"
	assert_equal "$(sed -n 2p "$r/0000:00:04.0/resource")" "0x000000000000c000 0x000000000000c0ff 0x0000000000040101"
	assert_equal "$(sed -n 3p "$r/0000:00:05.0/resource")" "0x0000008000000000 0x0000009fffffffff 0x000000000014220c"
	assert_equal "$(sed -n 4p "$r/0000:00:05.0/resource")" "0x0000000000000000 0x0000000000000000 0x0000000000000000"
	assert_equal "$(setpci -A linux-sysfs -O sysfs.path="$SYS" -s 00:05.0 BASE_ADDRESS_2 BASE_ADDRESS_3 | tr '\n' ' ')" "0000000c 00000080 "
	assert_equal "$(setpci -A linux-sysfs -O sysfs.path="$SYS" -s 00:04.0 BASE_ADDRESS_1)" 0000c001
}

@test "resourceN files are sparse and BAR-sized, _wc only for prefetchable, none for e1000" {
	local r=$SYS/devices
	assert_equal "$(stat -c %s "$r/0000:00:05.0/resource2")" 137438953472
	assert_equal "$(stat -c %s "$r/0000:00:05.0/resource2_wc")" 137438953472
	assert_equal "$(stat -c %b "$r/0000:00:05.0/resource2")" 0
	assert_equal "$(stat -c %s "$r/0000:00:05.0/resource0")" 256
	assert_equal "$(stat -c %s "$r/0000:00:02.0/resource0_wc")" 16777216
	assert_equal "$(stat -c %s "$r/0000:00:02.0/resource2")" 4096
	assert_equal "$(stat -c %s "$r/0000:00:03.0/resource0")" 1048576
	assert_equal "$(stat -c %s "$r/0000:00:04.0/resource1")" 256
	assert_equal "$(stat -c %s "$r/0000:01:00.0/resource2")" 32
	assert_equal "$(stat -c %s "$r/0000:02:00.0/resource0")" 131072
	assert [ -f "$r/0000:00:04.0/resource1" ]
	run compgen -G "$r/0000:00:06.0/resource?*"
	assert_failure
	run compgen -G "$r/*/resource[0-9]_wc"
	assert_output "$r/0000:00:02.0/resource0_wc
$r/0000:00:05.0/resource2_wc"
}

@test "driver links point into DIR/drivers, which links back" {
	assert_equal "$(readlink "$SYS/devices/0000:00:06.0/driver")" ../../drivers/e1000
	assert [ -d "$SYS/devices/0000:00:06.0/driver" ]
	assert [ -f "$SYS/devices/0000:01:00.0/driver/unbind" ]
	assert [ -d "$SYS/drivers/e1000e/0000:02:00.0" ]
	assert [ ! -e "$SYS/devices/0000:00:03.0/driver" ]
	lspci_fake -D -k
	assert_quiet
	assert_equal "$(grep -c 'Kernel driver in use' <<<"$output")" 4
}

@test "set-command rewrites COMMAND in place: lspci sees Mem- and Mem+ again" {
	local t=$BATS_TEST_TMPDIR/sys
	"$MKFAKESYS" "$t"
	run "$MKFAKESYS" set-command "$t" 0000:00:03.0 0x0005
	assert_success
	lspci_fake "$t" -vv -s 00:03.0
	assert_quiet
	assert_line --partial '	Control: I/O+ Mem- BusMaster+ '
	assert_equal "$(stat -c %s "$t/devices/0000:00:03.0/config")" 256
	"$MKFAKESYS" set-command "$t" 00:04.0 0x0006
	lspci_fake "$t" -vv -s 00:04.0
	assert_line --partial '	Control: I/O- Mem+ BusMaster+ '
	"$MKFAKESYS" set-command "$t" 0000:00:03.0 0x0007
	lspci_fake "$t" -vv -s 00:03.0
	assert_line --partial '	Control: I/O+ Mem+ BusMaster+ '
	run --separate-stderr "$MKFAKESYS" set-command "$t" 0000:00:03.0 0x10000
	assert_failure 2
	run --separate-stderr "$MKFAKESYS" set-command "$t" 0000:00:09.0 0x0007
	assert_failure 2
	assert_equal "$stderr" "mkfakesys: no device 0000:00:09.0 under $t"
}

@test "set-power writes power_state and the PMCSR state lspci reports" {
	local t=$BATS_TEST_TMPDIR/sys
	"$MKFAKESYS" "$t"
	run "$MKFAKESYS" set-power "$t" 0000:00:03.0 D3hot
	assert_success
	assert_equal "$(<"$t/devices/0000:00:03.0/power_state")" D3hot
	lspci_fake "$t" -vv -s 00:03.0
	assert_quiet
	assert_line --partial '		Status: D3 NoSoftRst- PME-Enable-'
	# The capability found by walking the list, not assumed at 0x40.
	"$MKFAKESYS" set-power "$t" 01:00.0 D3hot
	lspci_fake "$t" -vv -s 01:00.0
	assert_line --partial '		Status: D3 NoSoftRst-'
	lspci_fake "$t" -vv -s 02:00.0
	assert_line --partial '		Status: D0 NoSoftRst-'
	"$MKFAKESYS" set-power "$t" 0000:00:03.0 D0
	lspci_fake "$t" -vv -s 00:03.0
	assert_line --partial '		Status: D0 NoSoftRst-'
	assert_equal "$(<"$t/devices/0000:00:03.0/power_state")" D0
	# Without a PM capability only power_state changes.
	local before
	before=$(od -An -tx1 -v "$t/devices/0000:00:04.0/config")
	"$MKFAKESYS" set-power "$t" 0000:00:04.0 D3hot
	assert_equal "$(<"$t/devices/0000:00:04.0/power_state")" D3hot
	assert_equal "$(od -An -tx1 -v "$t/devices/0000:00:04.0/config")" "$before"
	run --separate-stderr "$MKFAKESYS" set-power "$t" 0000:00:03.0 D4
	assert_failure 2
}
