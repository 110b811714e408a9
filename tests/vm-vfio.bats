#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# VFIO on a locked-down kernel (SPEC §1.2), in a QEMU guest: q35 with an
# intel-iommu (intremap=on), lockdown=integrity, Debian's own vfio modules.
# Two boots: the main one, under QEMU's memory_region_ops trace for the
# exact loads and stores made through VFIO's mmap and its read/write; and
# one whose IOMMU has no interrupt remapping. A third, arm64 (virt with an
# SMMUv3 and a GICv3 ITS), is a smoke test of the same route there.
# Assumes a little-endian guest and host (x86-64).
#
# Devices: edu 00:04.0 (1 MiB memory BAR: 4- and 8-byte accesses reach it
# as made), pci-testdev 00:05.0 (the markers), pci-serial 00:07.0 (an I/O
# BAR the 8250 driver binds), e1000 00:09.0 (its I/O BAR takes 1-, 2- and
# 4-byte accesses as made; no driver binds it here).

load helpers

GUEST=$TESTS_SRCDIR/vm/guest

# guest_run OUT [harness options] SCRIPT: boot, run SCRIPT, output to OUT.
guest_run() {
	local out=$1 rc=0
	shift
	"$GUEST" run --iomap "$IOMAP" "$@" > "$out" 2> "$out.err" || rc=$?
	if [ "$rc" -eq 77 ]; then
		skip_env "$(tail -1 "$out.err")"
	elif [ "$rc" -ne 0 ]; then
		cat "$out.err" >&2
		echo "guest script failed with status $rc" >&2
		return 1
	fi
}

# Bats 1.8 cannot skip from setup_file, so each test checks for itself.
setup() {
	[ "${IOMAP_VM:-}" != skip ] || skip "guest tests skipped (IOMAP_VM=skip)"
	command -v qemu-system-x86_64 >/dev/null ||
		skip_env "QEMU is not installed (apt-get install qemu-system-x86 busybox-static cpio): guest tests skipped"
}

# section FILE NAME: the lines between "=== NAME" and the next "===".
section() {
	awk -v name="=== $2" '$0 == name { on = 1; next } /^=== / { on = 0 } on' "$1"
}

main_out() {
	echo "$BATS_FILE_TMPDIR/main.out"
}

# The main boot runs once, on the first test that needs it. Each traced
# scenario follows a marker, a byte read of pci-testdev's BAR0 (through
# VFIO too) at the scenario's number.
boot_main() {
	[ -s "$(main_out)" ] && return 0
	guest_run "$(main_out)" --iommu --append lockdown=integrity \
		--copy-modules vfio_pci,vfio_iommu_type1,i2c_i801 \
		--qemu-arg -device --qemu-arg pci-serial,addr=07.0 \
		--qemu-arg -device --qemu-arg e1000,addr=09.0,romfile= \
		--trace "$BATS_FILE_TMPDIR/trace" - <<-'END'
	S() { echo "=== $1"; }
	R() { echo "rc=$?"; }
	M() { iomap -s 00:05.0 -w 8 peek "$1" >/dev/null; }
	E() { iomap -s 00:04.0 "$@"; }
	# P CMD...: CMD's output and errors, then its status
	P() { "$@" 2>&1; echo "rc=$?"; }
	drv() {
		d=$(readlink /sys/bus/pci/devices/0000:00:$1/driver) &&
			basename "$d" || echo none
	}
	vmtrace off
	S lockdown; cat /sys/kernel/security/lockdown
	S refused-bar; E peek 0; R
	S refused-devmem; iomap peek "$(cut -d' ' -f1 /sys/bus/pci/devices/0000:00:04.0/resource | head -1)"; R
	S refused-io-write
	iomap -s 00:07.0 -b 0 -w 8 peek 7; R
	iomap -s 00:07.0 -b 0 -w 8 poke 7 0x5a; R
	S no-vfio-pci; E vfio-bind; R
	loadmod vfio_pci vfio_iommu_type1
	S not-bound; E --vfio peek 0; R
	S bind
	E vfio-bind; R
	drv 04.0; cat /sys/bus/pci/devices/0000:00:04.0/driver_override
	iomap -s 00:05.0 vfio-bind; R
	iomap -s 00:09.0 vfio-bind; R
	E vfio-bind; R
	S list; E list; R; iomap -s 00:09.0 list; R
	S list-json; iomap list --json; R
	S auto; E peek 0; R
	S explicit; E --vfio peek 0; R
	S live; E poke 4 0x12345678; R; E peek 4; R
	S dump; E dump 0+16; R
	S fill; E fill 0x80+16 0xa5a5a5a5; R; E -w 64 dump 0x80+16; R
	S wide; E -w 64 poke 0x88 0x1122334455667788; R; E -w 64 peek 0x88; R
	S script
	printf 'region --vfio -s 00:04.0\npeek 0\npoke 4 0x0f0f0f0f\npeek 4\nwidth 64\npeek 0x88\n' > /tmp/s
	iomap run /tmp/s; R
	S serial
	drv 07.0; cat /sys/bus/pci/devices/0000:00:07.0/driver_override
	iomap -s 00:07.0 vfio-bind; R
	drv 07.0
	S io-64; iomap -s 00:09.0 -b 1 -w 64 peek 0; R
	vmtrace on
	M 1; E peek 0 4 >/dev/null
	M 2; E --vfio poke 4 0x11111111
	M 3; E -w 64 poke 0x80 0x1122334455667788
	M 4; E -w 64 peek 0x80 >/dev/null
	M 5; E fill 0x80+16 0xabababab
	M 6; E -w 64 dump 0x80+16 >/dev/null
	M 7; E dump 0+16 >/dev/null
	M 8; iomap run /tmp/s >/dev/null
	M 9; iomap -s 00:09.0 -b 1 -w 8 peek 0 >/dev/null
	M 10; iomap -s 00:09.0 -b 1 -w 16 peek 2 >/dev/null
	M 11; iomap -s 00:09.0 -b 1 -w 32 poke 4 0x5a5a
	M 12; iomap -s 00:09.0 -b 1 -w 32 peek 4 2 >/dev/null
	M 13; iomap -s 00:09.0 -b 1 -w 64 peek 0 2>/dev/null
	M 14; iomap -s 00:07.0 -b 0 -w 8 poke 7 0x5a; iomap -s 00:07.0 -b 0 -w 8 peek 7 >/dev/null
	M 15; E -w 64 --dry-run poke 0x80 1 2>/dev/null
	M 16
	vmtrace off
	S scratch; iomap -s 00:07.0 -b 0 -w 8 peek 7; R
	S unbind-serial
	iomap -s 00:07.0 vfio-unbind; R
	drv 07.0; cat /sys/bus/pci/devices/0000:00:07.0/driver_override
	grep -c "port:$(printf '%08X' "$(cut -d' ' -f1 /sys/bus/pci/devices/0000:00:07.0/resource | head -1)") " /proc/tty/driver/serial
	S busy
	iomap -s 00:04.0 wait 0x20 1:1 --timeout=60s --interval=10ms 2>/tmp/holder.err & pid=$!
	i=0
	while ! ls -l /proc/$pid/fd 2>/dev/null | grep -q /dev/vfio/ && [ $i -lt 300 ]; do
		i=$((i + 1)); sleep 0.1
	done
	P E peek 0 | sed "s/process $pid /process PID /"
	P E vfio-unbind | sed "s/process $pid /process PID /"
	kill $pid; wait $pid; echo "holder rc=$?"; cat /tmp/holder.err
	S unbind
	E vfio-unbind; R
	drv 04.0; cat /sys/bus/pci/devices/0000:00:04.0/driver_override
	E vfio-unbind; R
	S viable
	loadmod i2c_i801
	drv 1f.3
	iomap -s 00:1f.2 vfio-bind; R
	iomap -s 00:1f.2 -b 5 peek 0; R
	iomap -s 00:1f.2 vfio-unbind; R
	END
	# "read 0x4 4 0x..." per access (edu, e1000-io, the pci-serial), "mark
	# N" per marker; offsets from the BAR's start.
	awk '
		function hex(s,   n, i) {
			s = tolower(s); sub(/^0x/, "", s); n = 0
			for (i = 1; i <= length(s); i++)
				n = n * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
			return n
		}
		{
			for (i = 1; i < NF; i++) {
				if ($i == "addr") a = hex($(i + 1))
				if ($i == "size") sz = $(i + 1)
				if ($i == "value") v = $(i + 1)
			}
			op = $1; sub(/memory_region_ops_/, "", op)
		}
		/name .pci-testdev-mmio./ { print "mark " a % 4096; next }
		/name .edu-mmio./ { printf "edu %s 0x%x %s %s\n", op, a % 1048576, sz, v }
		/name .e1000-io./ { printf "e1000-io %s 0x%x %s %s\n", op, a % 64, sz, v }
		/name .serial./ && a >= 49152 { printf "serial %s 0x%x %s %s\n", op, a % 8, sz, v }
		' "$BATS_FILE_TMPDIR/trace" > "$BATS_FILE_TMPDIR/accesses"
}

# accesses N: the accesses of scenario N.
accesses() {
	awk -v n="$1" '$1 == "mark" { on = ($2 == n); next } on' "$BATS_FILE_TMPDIR/accesses"
}

@test "guest vfio: under lockdown a BAR mapping, /dev/mem and an I/O BAR write are refused, naming lockdown and the VFIO route" {
	boot_main
	run section "$(main_out)" lockdown
	assert_output "none [integrity] confidentiality"
	run section "$(main_out)" refused-bar
	assert_output "iomap: cannot map /sys/bus/pci/devices/0000:00:04.0/resource0 at 0x0 (0000:00:04.0 BAR0, read-only): Operation not permitted
iomap:   the kernel is locked down (integrity mode, /sys/kernel/security/lockdown): it forbids /dev/mem, PCI BAR mappings and I/O BAR writes from user space
iomap:   VFIO is the way in under lockdown: \`iomap -s 0000:00:04.0 vfio-bind\`, then the same command again (iomap(1), LOCKED-DOWN MACHINES)
iomap:   or boot without lockdown (Secure Boot off, or lockdown=none where allowed)
rc=1"
	run section "$(main_out)" refused-devmem
	assert_output "iomap: cannot open /dev/mem for reading (/dev/mem): Operation not permitted
iomap:   the kernel is locked down (integrity mode, /sys/kernel/security/lockdown): it forbids /dev/mem, PCI BAR mappings and I/O BAR writes from user space
iomap:   VFIO is the way in to a PCI device's BARs under lockdown: \`iomap -s SLOT vfio-bind\`, then \`iomap -s SLOT\` with offsets into the BAR (iomap(1), LOCKED-DOWN MACHINES)
iomap:   or boot without lockdown (Secure Boot off, or lockdown=none where allowed)
rc=1"
	# an I/O BAR can still be read through resourceN, not written
	run section "$(main_out)" refused-io-write
	assert_output "0x00
rc=0
iomap: 8-bit write at 0x7 of 0000:00:07.0 BAR0 failed: Operation not permitted
iomap:   the kernel is locked down (integrity mode, /sys/kernel/security/lockdown): it forbids /dev/mem, PCI BAR mappings and I/O BAR writes from user space
iomap:   VFIO is the way in under lockdown: \`iomap -s 0000:00:07.0 vfio-bind\`, then the same command again (iomap(1), LOCKED-DOWN MACHINES)
iomap:   or boot without lockdown (Secure Boot off, or lockdown=none where allowed)
rc=1"
}

@test "guest vfio: vfio-bind says what to load without vfio-pci; --vfio on an unbound device says to bind it" {
	boot_main
	run section "$(main_out)" no-vfio-pci
	assert_output "iomap: vfio-pci is not loaded (no /sys/bus/pci/drivers/vfio-pci)
iomap:   load it: \`modprobe vfio-pci\` (vfio and vfio_iommu_type1 come with it)
rc=1"
	run section "$(main_out)" not-bound
	assert_output "iomap: --vfio: 0000:00:04.0 is not bound to vfio-pci (driver: none)
iomap:   bind it first: \`iomap -s 0000:00:04.0 vfio-bind\`, then the same command again
rc=1"
}

@test "guest vfio: vfio-bind prints the driver it had and binds through driver_override" {
	boot_main
	run section "$(main_out)" bind
	# a second vfio-bind finds it bound and prints vfio-pci
	assert_output "none
rc=0
vfio-pci
vfio-pci
none
rc=0
none
rc=0
vfio-pci
rc=0"
}

@test "guest vfio: list shows vfio-pci, the IOMMU group and that the BARs are reached through VFIO" {
	boot_main
	run section "$(main_out)" list
	assert_output --regexp "^0000:00:04\.0 1234:11e8 Unclassified device \[00ff\]: Vendor 1234 Device 11e8 \(driver: vfio-pci, IOMMU group [0-9]+\)
	BAR0 mem32          0x[0-9a-f]{8} size 0x100000 \(1 MiB\) mmap VFIO
rc=0
0000:00:09\.0 8086:100e Ethernet controller: Intel Corporation 82540EM Gigabit Ethernet Controller \(driver: vfio-pci, IOMMU group [0-9]+\)
	BAR0 mem32          0x[0-9a-f]{8} size 0x20000 \(128 KiB\) mmap VFIO
	BAR1 io             0x0000[0-9a-f]{4} size 0x40 \(64 B\) pread/pwrite VFIO
rc=0$"
}

@test "guest vfio: list --json gives each device's IOMMU group" {
	command -v jq || skip "jq is not installed"
	boot_main
	run section "$(main_out)" list-json
	assert_line --index 1 rc=0
	json=$(head -1 <<<"$output")
	assert_equal "$(jq -r '.[] | select(.slot == "0000:00:04.0") | "\(.driver) \(.iommu_group | type)"' <<<"$json")" "vfio-pci number"
	# every device on the root bus has a group of its own
	assert_equal "$(jq '[.[] | select(.slot | test("0000:00:0[4-9]")) | .iommu_group] | unique | length' <<<"$json")" 5
}

@test "guest vfio: edu through VFIO, automatically and with --vfio: identification, liveness, dump, fill, 64-bit" {
	boot_main
	run section "$(main_out)" auto
	assert_output "0x010000ed
rc=0"
	run section "$(main_out)" explicit
	assert_output "0x010000ed
rc=0"
	run section "$(main_out)" live
	assert_output "rc=0
0xedcba987
rc=0"
	run section "$(main_out)" dump
	assert_output "00000000: 010000ed edcba987 00000000 ffffffff  ................
rc=0"
	run section "$(main_out)" fill
	assert_output "rc=0
00000080: 00000000a5a5a5a5 00000000a5a5a5a5  ................
rc=0"
	run section "$(main_out)" wide
	assert_output "rc=0
0x1122334455667788
rc=0"
}

@test "guest vfio: a script's region --vfio line, one VFIO open for all its lines" {
	boot_main
	run section "$(main_out)" script
	assert_output "0x010000ed
0xf0f0f0f0
0x1122334455667788
rc=0"
}

@test "guest vfio: an I/O BAR through VFIO: pci-serial's scratch register, taken from the 8250 driver and given back" {
	boot_main
	run section "$(main_out)" serial
	assert_output "serial
(null)
serial
rc=0
vfio-pci"
	run section "$(main_out)" scratch
	assert_output "0x5a
rc=0"
	run section "$(main_out)" io-64
	assert_output "iomap: 0000:00:09.0 BAR1 via VFIO is an I/O BAR: 64-bit access is not possible (use -w 8, 16 or 32)
rc=2"
	# the 8250 driver has its port again, and no driver_override is left
	run section "$(main_out)" unbind-serial
	assert_output "serial
rc=0
serial
(null)
1"
}

@test "guest vfio trace: through VFIO's mmap, each word is one access of the width, ascending" {
	boot_main
	# (the script before the trace left 0x0f0f0f0f in the liveness register)
	run accesses 1
	assert_output "edu read 0x0 4 0x10000ed
edu read 0x4 4 0xf0f0f0f0
edu read 0x8 4 0x0
edu read 0xc 4 0xffffffffffffffff"
	run accesses 2
	assert_output "edu write 0x4 4 0x11111111"
	run accesses 3
	assert_output "edu write 0x80 8 0x1122334455667788"
	run accesses 4
	assert_output "edu read 0x80 8 0x1122334455667788"
	run accesses 5
	assert_output "edu write 0x80 4 0xabababab
edu write 0x84 4 0xabababab
edu write 0x88 4 0xabababab
edu write 0x8c 4 0xabababab"
	# (a 32-bit store to a 64-bit DMA register sets it whole; one to its
	# upper half is ignored)
	run accesses 6
	assert_output "edu read 0x80 8 0xabababab
edu read 0x88 8 0xabababab"
	run accesses 7
	assert_output "edu read 0x0 4 0x10000ed
edu read 0x4 4 0xeeeeeeee
edu read 0x8 4 0x0
edu read 0xc 4 0xffffffffffffffff"
	run accesses 8
	assert_output "edu read 0x0 4 0x10000ed
edu write 0x4 4 0xf0f0f0f
edu read 0x4 4 0xf0f0f0f0
edu read 0x88 8 0xabababab"
}

@test "guest vfio trace: through VFIO's read/write (an I/O BAR), each word is one access of the width; 64-bit makes none" {
	boot_main
	run accesses 9
	assert_output "e1000-io read 0x0 1 0x0"
	run accesses 10
	assert_output "e1000-io read 0x2 2 0x0"
	run accesses 11
	assert_output "e1000-io write 0x4 4 0x5a5a"
	run accesses 12
	assert_output "e1000-io read 0x4 4 0x0
e1000-io read 0x8 4 0x0"
	run accesses 13
	assert_output ''
	run accesses 14
	assert_output "serial write 0x7 1 0x5a
serial read 0x7 1 0x5a"
	run accesses 15
	assert_output ''
	run grep -c '^mark' "$BATS_FILE_TMPDIR/accesses"
	assert_output 16
}

@test "guest vfio: a device another process holds through VFIO is named, and vfio-unbind refuses to wait for it" {
	boot_main
	run section "$(main_out)" busy
	assert_output --regexp "^iomap: cannot open /dev/vfio/[0-9]+ \(IOMMU group [0-9]+ of 0000:00:04\.0\): Device or resource busy
iomap:   the device is in use: process PID \(iomap\) has it open
iomap:   VFIO lets one process at a time open a group: stop the other one first
rc=1
iomap: 0000:00:04\.0 is in use through VFIO \(/dev/vfio/[0-9]+\): process PID \(iomap\) has it open
iomap:   stop it first: the kernel would wait for it to let go before unbinding
rc=1
holder rc=143
iomap: wait at 0x20 interrupted: last read 0x[0-9a-f]{8}$"
}

@test "guest vfio: vfio-unbind gives the device back and leaves no driver_override; again it changes nothing" {
	boot_main
	run section "$(main_out)" unbind
	assert_output "none
rc=0
none
(null)
none
iomap: note: 0000:00:04.0 is not bound to vfio-pci (driver: none): nothing changed
rc=0"
}

@test "guest vfio: a group with a device bound to a host driver is not viable, and both vfio-bind and the access name it" {
	boot_main
	run section "$(main_out)" viable
	assert_output --regexp "^i801_smbus
none
iomap: note: IOMMU group ([0-9]+) also holds 0000:00:1f\.3 \(i801_smbus\): VFIO needs every device of a group bound to vfio-pci or to none \(vfio-bind it too\)
rc=0
iomap: IOMMU group \1 of 0000:00:1f\.2 is not viable
iomap:   other devices of the group are bound to host drivers: 0000:00:1f\.3 \(i801_smbus\)
iomap:   VFIO needs every device of a group bound to vfio-pci or to none: vfio-bind it too, or unbind it
rc=1
none
rc=0$"
}

@test "guest vfio: an IOMMU without interrupt remapping: VFIO_SET_IOMMU's refusal says so and names the knob" {
	local out=$BATS_TEST_TMPDIR/out
	guest_run "$out" --machine q35 --append intel_iommu=on \
		--qemu-arg -device --qemu-arg intel-iommu,intremap=off \
		--modules vfio_pci,vfio_iommu_type1 - <<-'END'
	S() { echo "=== $1"; }
	R() { echo "rc=$?"; }
	S bind; iomap -s 00:04.0 vfio-bind; R
	S refused; iomap -s 00:04.0 peek 0; R
	S unsafe
	echo 1 > /sys/module/vfio_iommu_type1/parameters/allow_unsafe_interrupts
	iomap -s 00:04.0 peek 0; R
	END
	run section "$out" bind
	assert_output "none
rc=0"
	run section "$out" refused
	assert_output --regexp "^iomap: VFIO would not set up the IOMMU for group [0-9]+ of 0000:00:04\.0 \(VFIO_SET_IOMMU\): Operation not permitted
iomap:   the IOMMU has no interrupt remapping, and vfio_iommu_type1 refuses a group without it \(allow_unsafe_interrupts is N in /sys/module/vfio_iommu_type1/parameters/allow_unsafe_interrupts\)
iomap:   turn interrupt remapping on \(VT-d/AMD-Vi with IR in the firmware; in QEMU -device intel-iommu,intremap=on\), or, trusting the device, \`echo 1 > /sys/module/vfio_iommu_type1/parameters/allow_unsafe_interrupts\`
rc=1$"
	run section "$out" unsafe
	assert_output "0x010000ed
rc=0"
}

# xiomap: the arm64 iomap (tests/vm/cross-iomap) into $XIOMAP, or skip.
xiomap() {
	local rc=0
	command -v qemu-system-aarch64 >/dev/null ||
		skip_env "qemu-system-aarch64 is not installed (apt-get install qemu-system-arm): arm64 guest tests skipped"
	XIOMAP=$("$TESTS_SRCDIR/vm/cross-iomap" --quiet 2> "$BATS_TEST_TMPDIR/cross.err") || rc=$?
	[ "$rc" -ne 77 ] || skip_env "no arm64 build of iomap: $(tail -1 "$BATS_TEST_TMPDIR/cross.err")"
	[ "$rc" -eq 0 ] || { cat "$BATS_TEST_TMPDIR/cross.err" >&2; return 1; }
}

@test "guest vfio arm64: virt with an SMMUv3: vfio-bind gives a device its group, exact widths through VFIO, vfio-unbind" {
	local out=$BATS_TEST_TMPDIR/out rc=0
	xiomap
	"$GUEST" run --arch arm64 --iomap "$XIOMAP" \
		--qemu-arg -machine --qemu-arg iommu=smmuv3,gic-version=3 \
		--modules vfio_pci,vfio_iommu_type1 \
		--trace "$BATS_TEST_TMPDIR/trace" - > "$out" 2> "$out.err" <<-'END' || rc=$?
	S() { echo "=== $1"; }
	R() { echo "rc=$?"; }
	E() { iomap -s 00:04.0 "$@"; }
	vmtrace off
	# (on a device tree machine a device gets its group when a driver
	# probes it: before vfio-pci, it has none)
	S before; ls /sys/class/iommu; [ -e /sys/bus/pci/devices/0000:00:04.0/iommu_group ] || echo "no group"
	S bind; E vfio-bind; R; E list; R
	vmtrace on
	S access
	E peek 0; R
	E poke 4 0x12345678; R; E peek 4; R
	E -w 64 poke 0x80 0x1122334455667788; R; E -w 64 peek 0x80; R
	vmtrace off
	S io; iomap -s 00:05.0 vfio-bind; R; iomap -s 00:05.0 -b 1 -w 64 peek 0; R
	S unbind; E vfio-unbind; R; cat /sys/bus/pci/devices/0000:00:04.0/driver_override
	END
	[ "$rc" -ne 77 ] || skip_env "$(tail -1 "$out.err")"
	[ "$rc" -eq 0 ] || { cat "$out.err" >&2; return 1; }
	run section "$out" before
	assert_output --regexp "^smmu3\.0x[0-9a-f]+
no group$"
	run section "$out" bind
	assert_output --regexp "^none
rc=0
0000:00:04\.0 1234:11e8 Unclassified device \[00ff\]: Vendor 1234 Device 11e8 \(driver: vfio-pci, IOMMU group [0-9]+\)
	BAR0 mem32          0x[0-9a-f]{8} size 0x100000 \(1 MiB\) mmap VFIO
rc=0$"
	run section "$out" access
	assert_output "0x010000ed
rc=0
rc=0
0xedcba987
rc=0
rc=0
0x1122334455667788
rc=0"
	run section "$out" io
	assert_output "none
rc=0
iomap: 0000:00:05.0 BAR1 via VFIO is an I/O BAR: 64-bit access is not possible (use -w 8, 16 or 32)
rc=2"
	run section "$out" unbind
	assert_output "none
rc=0
(null)"
	# one access of the width per word (ldr/str through VFIO's mmap)
	run awk '/name .edu-mmio./ {
			for (i = 1; i < NF; i++) {
				if ($i == "addr") a = $(i + 1)
				if ($i == "size") sz = $(i + 1)
				if ($i == "value") v = $(i + 1)
			}
			sub(/memory_region_ops_/, "", $1)
			printf "%s %s %s %s\n", $1, a, sz, v
		}' "$BATS_TEST_TMPDIR/trace"
	assert_output --regexp "^read 0x[0-9a-f]+00000 4 0x10000ed
write 0x[0-9a-f]+00004 4 0x12345678
read 0x[0-9a-f]+00004 4 0xedcba987
write 0x[0-9a-f]+00080 8 0x1122334455667788
read 0x[0-9a-f]+00080 8 0x1122334455667788$"
}
