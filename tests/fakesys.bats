#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# The fake sysfs tree is what it claims: the real lspci reads it as such.

load helpers

setup_file() {
	command -v lspci >/dev/null || skip "lspci (pciutils) is not installed"
}

lspci_fake() {
	run --separate-stderr lspci -A linux-sysfs -O sysfs.path="$SYS" "$@"
}

@test "lspci lists every device with its ids, names and bound driver" {
	fake_sys
	lspci_fake -nn
	assert_success
	assert_equal "${#lines[@]}" 8
	assert_line '00:03.0 Unclassified device [00ff]: Device [1234:11e8] (rev 10)'
	assert_line --partial '00:05.0 RAM memory [0500]: Red Hat, Inc. Inter-VM shared memory [1af4:1110]'
	assert_line --partial '01:00.0 Ethernet controller [0200]: Intel Corporation 82574L Gigabit Network Connection [8086:10d3]'
	assert_line --partial '02:00.0 Ethernet controller [0200]: Intel Corporation 82574L Gigabit Network Connection [8086:10d3]'
	lspci_fake -k -s 00:06.0
	assert_line --partial 'Kernel driver in use: e1000'
}

@test "lspci sees every BAR with its type and size" {
	fake_sys
	lspci_fake -v -s 00:05.0
	assert_line --partial 'Memory at febf2000 (32-bit, non-prefetchable) [size=256]'
	assert_line --partial 'Memory at 8000000000 (64-bit, prefetchable) [size=128G]'
	lspci_fake -v -s 00:04.0
	assert_line --partial 'I/O ports at c000 [size=256]'
	lspci_fake -v -s 00:02.0
	assert_line --partial 'Memory at fd000000 (32-bit, prefetchable) [size=16M]'
}

@test "resourceN files are sparse files of the BAR's size; e1000 has none" {
	fake_sys
	assert_equal "$(stat -c %s "$SYS/devices/0000:00:05.0/resource2")" 137438953472
	assert_equal "$(stat -c %s "$SYS/devices/0000:00:05.0/resource2_wc")" 137438953472
	assert_equal "$(stat -c %s "$SYS/devices/0000:00:04.0/resource1")" 256
	run ls "$SYS/devices/0000:00:06.0"
	refute_output --partial resource0
}

@test "the mutators change what lspci reports" {
	T=$BATS_TEST_TMPDIR/sys
	"$MKFAKESYS" "$T"
	"$MKFAKESYS" set-command "$T" 0000:00:03.0 0x0005
	"$MKFAKESYS" set-power "$T" 0000:00:03.0 D3hot
	run --separate-stderr lspci -A linux-sysfs -O sysfs.path="$T" -vv -s 00:03.0
	assert_line --partial 'Control: I/O+ Mem- BusMaster+'
	assert_line --partial 'Status: D3 NoSoftRst-'
	assert_equal "$(cat "$T/devices/0000:00:03.0/power_state")" D3hot
}
