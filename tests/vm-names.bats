#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Register names against a real device: an x86 QEMU guest (tests/vm/guest)
# runs the man page's bring-up script for the edu device by names only
# (tests/fixtures/edu.regs: identification, liveness, a factorial, an
# interrupt raised and acknowledged), show, the address rule with the BAR's
# bus address in the PCI and /dev/mem regions, and refusals; QEMU's
# memory_region_ops trace shows every access's offset, width and value.
# Assumes a little-endian guest and host (x86-64).

load helpers
load vm/lib

# Bats 1.8 cannot skip from setup_file, so each test checks for itself.
setup() {
	[ "${IOMAP_VM:-}" != skip ] || skip "guest tests skipped (IOMAP_VM=skip)"
	command -v qemu-system-x86_64 >/dev/null ||
		skip_env "QEMU is not installed (apt-get install qemu-system-x86 busybox-static cpio): guest tests skipped"
}

# The traced boot, once: each scenario follows a marker (a byte read of
# pci-testdev's BAR0 at the scenario's number); sections of the output
# follow "=== NAME" lines.
boot() {
	[ -s "$BATS_FILE_TMPDIR/accesses" ] && return 0
	# the man page's script, as printed
	sed -n '/^# edu\\-names\.iomap/,/^\.EE/p' "$TESTS_SRCDIR/../man/iomap.1.in" |
		sed '$d; s/\\-/-/g' > "$BATS_FILE_TMPDIR/edu-names.iomap"
	grep -q '^poke irq_ack' "$BATS_FILE_TMPDIR/edu-names.iomap"
	guest_run "$BATS_FILE_TMPDIR/out" --trace "$BATS_FILE_TMPDIR/trace" \
		--add "$TESTS_SRCDIR/fixtures/edu.regs:/edu.regs" \
		--add "$BATS_FILE_TMPDIR/edu-names.iomap:/edu-names.iomap" - <<-'END'
	M() { iomap -d 1b36:0005 -w 8 peek "$1" >/dev/null; }
	S() { echo "=== $1"; }
	R() { echo "rc=$?"; }
	E() { iomap -d 1234:11e8 -r /edu.regs "$@"; }
	BAR=$(cut -d' ' -f1 /sys/bus/pci/devices/0000:00:04.0/resource | head -1)
	printf 'block edu %s\nregister id 0 ro\nfield major 31:24\nregister irq_status 0x24 ro\n' "$BAR" > /bus.regs
	M 1; S bringup; iomap -d 1234:11e8 -r /edu.regs run /edu-names.iomap; R
	M 2; S show; E poke dma_count 0x10; R; E show; R
	M 3; S bus-pci; iomap -d 1234:11e8 -r /bus.regs peek id.major; R
	M 4; S bus-devmem; iomap -r /bus.regs peek id; R; iomap -r /bus.regs peek irq_status; R
	M 5; S refused
	E poke id 1; R; E peek irq_raise; R; E poke status.computing 1; R
	E poke status.irq_fact 2; R; E -w 64 peek status; R; E poke stauts 1; R
	M 6
	END
	trace_accesses "$BATS_FILE_TMPDIR/trace" 'edu-mmio' > "$BATS_FILE_TMPDIR/accesses"
}

accesses() {
	scenario "$BATS_FILE_TMPDIR/accesses" "$1"
}

@test "guest: the bring-up script by names computes 10! and raises and acknowledges an interrupt" {
	boot
	run section "$BATS_FILE_TMPDIR/out" bringup
	assert_output "identification:
0x010000ed
  major = 0x01
  minor = 0x00
  magic = 0xed
0xedcba987
factorial of 10:
0x00375f00
interrupt:
0x1
0x00000000
  fact = 0x0
  dma  = 0x0
rc=0"
}

@test "guest trace: the bring-up script's accesses, each of the register's width" {
	boot
	# The wait polls until bit 0 clears: its reads while the device
	# computes (0x1) come as many times as the poll catches it busy.
	run accesses 1
	assert_success
	run grep -v '^read 0x20 4 0x1$' <<<"$output"
	assert_output "read 0x0 4 0x10000ed
write 0x4 4 0x12345678
read 0x4 4 0xedcba987
read 0x20 4 0x0
write 0x20 4 0x0
write 0x8 4 0xa
read 0x20 4 0x0
read 0x8 4 0x375f00
write 0x60 4 0x1
read 0x24 4 0x1
write 0x64 4 0x1
read 0x24 4 0x0"
}

@test "guest trace: show reads each readable register once, at its width, never the write-only ones" {
	boot
	run accesses 2
	assert_output "write 0x90 8 0x10
read 0x0 4 0x10000ed
read 0x4 4 0xedcba987
read 0x8 4 0x375f00
read 0x20 4 0x0
read 0x24 4 0x0
read 0x80 8 0x0
read 0x88 8 0x0
read 0x90 8 0x10
read 0x98 8 0x0"
	run section "$BATS_FILE_TMPDIR/out" show
	assert_line --index 0 rc=0
	assert_line 'edu.irq_raise  0x00000060 (not read: write-only)'
	assert_line 'edu.dma_count  0x00000090 0x0000000000000010'
	assert_line --index 22 rc=0
}

@test "guest: a description by the BAR's bus address works in the PCI and /dev/mem regions" {
	boot
	run section "$BATS_FILE_TMPDIR/out" bus-pci
	assert_output "0x01
rc=0"
	run accesses 3
	assert_output "read 0x0 4 0x10000ed"
	run section "$BATS_FILE_TMPDIR/out" bus-devmem
	assert_output "0x010000ed
rc=0
0x00000000
rc=0"
	run accesses 4
	assert_output "read 0x0 4 0x10000ed
read 0x24 4 0x0"
}

@test "guest: refusals touch nothing" {
	boot
	run section "$BATS_FILE_TMPDIR/out" refused
	assert_output "iomap: register edu.id is read-only: writing it is refused
rc=2
iomap: register edu.irq_raise is write-only: reading it is refused
rc=2
iomap: field edu.status.computing is read-only: writing it is refused
rc=2
iomap: value '2' does not fit the 1-bit field edu.status.irq_fact
iomap:   nothing was written
rc=2
iomap: -w 64 does not match edu.status, a 32-bit register: leave -w out
rc=2
iomap: no register or field 'stauts' in /edu.regs
iomap:   did you mean edu.status?
rc=2"
	run accesses 5
	assert_output ''
	run grep -c '^mark' "$BATS_FILE_TMPDIR/accesses"
	assert_output 6
}
