#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# The guest harness's own modes (tests/vm/guest), with busybox alone: q35 +
# intel-iommu under lockdown with the vfio modules, uio_pci_generic, module
# loading and its failures, arm64 with PCI decoding left off, and the usage
# errors.  These prove what the VFIO and UIO tests of iomap will stand on.

load helpers
load vm/lib

setup() {
	[ "${IOMAP_VM:-}" != skip ] || skip "guest tests skipped (IOMAP_VM=skip)"
}

need_x86() {
	command -v qemu-system-x86_64 >/dev/null ||
		skip_env "QEMU is not installed (apt-get install qemu-system-x86 busybox-static cpio): guest tests skipped"
}

need_arm64() {
	command -v qemu-system-aarch64 >/dev/null ||
		skip_env "qemu-system-aarch64 is not installed (apt-get install qemu-system-arm): arm64 guest tests skipped"
}

# guest OUT [harness options] SCRIPT: boot, run SCRIPT (busybox alone: no
# iomap, unlike lib.bash's guest_run); skip when the harness cannot run
# here, fail (showing its log) when the script fails.
guest() {
	local out=$1 rc=0
	shift
	"$GUEST" run "$@" > "$out" 2> "$out.err" || rc=$?
	if [ "$rc" -eq 77 ]; then
		skip_env "$(tail -1 "$out.err")"
	elif [ "$rc" -ne 0 ]; then
		cat "$out.err" >&2
		echo "guest script failed with status $rc" >&2
		return 1
	fi
}

@test "harness: q35 + intel-iommu under lockdown=integrity loads vfio, groups each device, binds vfio-pci and the 8250 driver" {
	need_x86
	local out=$BATS_TEST_TMPDIR/out
	guest "$out" --iommu --append lockdown=integrity \
		--modules vfio_iommu_type1,vfio_pci \
		--qemu-arg -device --qemu-arg pci-serial,addr=07.0 - <<-'END'
	S() { echo "=== $1"; }
	S lockdown; cat /sys/kernel/security/lockdown
	S modules; cut -d' ' -f1 /proc/modules | sort
	S vfio; ls /dev/vfio; [ -c /dev/vfio/vfio ] && echo "vfio is a character device"
	S groups
	for s in 04.0 05.0 06.0 07.0; do
		basename "$(readlink /sys/bus/pci/devices/0000:00:$s/iommu_group)"
	done
	S devmem; devmem 0xfe900000 32; echo "rc=$?"
	S bind
	echo 1234 11e8 > /sys/bus/pci/drivers/vfio-pci/new_id; echo "rc=$?"
	basename "$(readlink /sys/bus/pci/devices/0000:00:04.0/driver)"
	G=$(basename "$(readlink /sys/bus/pci/devices/0000:00:04.0/iommu_group)")
	[ -c /dev/vfio/$G ] && echo "/dev/vfio/<edu's group> is a character device"
	S serial
	basename "$(readlink /sys/bus/pci/devices/0000:00:07.0/driver)"
	P=$(printf '%08X' "$(cut -d' ' -f1 /sys/bus/pci/devices/0000:00:07.0/resource | head -1)")
	grep -c "uart:16550A port:$P " /proc/tty/driver/serial
	S machine; cat /sys/bus/pci/devices/0000:00:00.0/device
	END
	run section "$out" lockdown
	assert_output "none [integrity] confidentiality"
	run section "$out" modules
	assert_output "irqbypass
vfio
vfio_iommu_type1
vfio_pci
vfio_pci_core
vfio_virqfd"
	run section "$out" vfio
	assert_output "vfio
vfio is a character device"
	# every device on the root bus has an IOMMU group of its own
	run section "$out" groups
	assert_equal "${#lines[@]}" 4
	assert_equal "$(printf '%s\n' "${lines[@]}" | sort -u | wc -l)" 4
	run section "$out" devmem
	assert_output "devmem: can't open '/dev/mem': Operation not permitted
rc=1"
	run section "$out" bind
	assert_output "rc=0
vfio-pci
/dev/vfio/<edu's group> is a character device"
	run section "$out" serial
	assert_output "serial
1"
	# q35's host bridge (i440FX's is 0x1237)
	run section "$out" machine
	assert_output 0x29c0
}

@test "harness: uio_pci_generic (put in with --copy-modules, loaded by loadmod) drives edu through new_id" {
	need_x86
	local out=$BATS_TEST_TMPDIR/out
	guest "$out" --copy-modules uio_pci_generic - <<-'END'
	S() { echo "=== $1"; }
	S before; cut -d' ' -f1 /proc/modules; [ -e /sys/bus/pci/drivers/uio_pci_generic ] || echo "no uio_pci_generic"
	S loadmod; loadmod uio_pci_generic; echo "rc=$?"; cut -d' ' -f1 /proc/modules | sort
	S again; loadmod uio-pci-generic; echo "rc=$?"
	S missing; loadmod vfio; echo "rc=$?"
	S bind
	echo 1234 11e8 > /sys/bus/pci/drivers/uio_pci_generic/new_id; echo "rc=$?"
	basename "$(readlink /sys/bus/pci/devices/0000:00:04.0/driver)"
	[ -c /dev/uio0 ] && echo "/dev/uio0 is a character device"
	cat /sys/class/uio/uio0/name /sys/class/uio/uio0/maps/map0/addr /sys/class/uio/uio0/maps/map0/size
	cut -d' ' -f1,2 /sys/bus/pci/devices/0000:00:04.0/resource | head -1
	END
	run section "$out" before
	assert_output "no uio_pci_generic"
	run section "$out" loadmod
	assert_output "rc=0
uio
uio_pci_generic"
	run section "$out" again
	assert_output "rc=0"
	run section "$out" missing
	assert_output "loadmod: module vfio was not put in (tests/vm/guest --modules or --copy-modules)
rc=1"
	run section "$out" bind
	assert_output "rc=0
uio_pci_generic
/dev/uio0 is a character device
uio_pci_generic
0x00000000fe900000
0x0000000000100000
0x00000000fe900000 0x00000000fe9fffff"
}

@test "harness: a module that will not load stops the run before the script, exit 1" {
	need_x86
	# TCG's CPU has no VMX, so kvm_intel's init fails (kvm, its dependency, loads)
	run --separate-stderr "$GUEST" run --modules kvm_intel - <<<'echo the script ran'
	[ "$status" -ne 77 ] || skip_env "${stderr##*$'\n'}"
	assert_failure 1
	assert_output ''
	assert_stderr --partial "insmod: can't insert '/lib/modules/"
	assert_stderr --partial "/kernel/arch/x86/kvm/kvm-intel.ko': Operation not supported"
	assert_stderr --partial "guest: kernel modules failed to load (see the console log above); the script did not run"
}

@test "harness: arm64 with --no-pci-enable leaves decoding off; modules load there too" {
	need_arm64
	local out=$BATS_TEST_TMPDIR/out
	guest "$out" --arch arm64 --no-pci-enable --modules uio_pci_generic - <<-'END'
	S() { echo "=== $1"; }
	# COMMAND register (config offset 4), little-endian
	cmd() { dd if=/sys/bus/pci/devices/0000:00:$1/config bs=2 skip=2 count=1 2>/dev/null | od -An -tx2 | tr -d ' '; }
	S off
	for s in 04.0 05.0 06.0; do echo "$s $(cat /sys/bus/pci/devices/0000:00:$s/enable) $(cmd $s)"; done
	devmem $(cut -d' ' -f1 /sys/bus/pci/devices/0000:00:04.0/resource | head -1) 32
	S on
	echo 1 > /sys/bus/pci/devices/0000:00:04.0/enable
	echo 1 > /sys/bus/pci/devices/0000:00:05.0/enable
	for s in 04.0 05.0; do echo "$s $(cat /sys/bus/pci/devices/0000:00:$s/enable) $(cmd $s)"; done
	devmem $(cut -d' ' -f1 /sys/bus/pci/devices/0000:00:04.0/resource | head -1) 32
	S uio
	cut -d' ' -f1 /proc/modules | sort
	echo 1234 11e8 > /sys/bus/pci/drivers/uio_pci_generic/new_id; echo "rc=$?"
	cat /sys/class/uio/uio0/maps/map0/addr
	END
	# nothing answers a BAR whose decoding is off: reads give all ones
	run section "$out" off
	assert_output "04.0 0 0000
05.0 0 0000
06.0 0 0000
0xFFFFFFFF"
	# (pci_enable_device turns on the decoding the device's BARs need)
	run section "$out" on
	assert_output "04.0 1 0002
05.0 1 0003
0x010000ED"
	run section "$out" uio
	assert_output "uio
uio_pci_generic
rc=0
0x0000000010000000"
}

@test "harness: usage errors exit 2 before anything boots" {
	run --separate-stderr "$GUEST" run --iommu --machine pc /dev/null
	assert_failure 2
	assert_stderr --partial "guest: --iommu needs --machine q35 (the intel-iommu is a q35 device)"
	run --separate-stderr "$GUEST" run --flavour 16k /dev/null
	assert_failure 2
	assert_stderr --partial "guest: --flavour 16k is an arm64 kernel (add --arch arm64)"
	run --separate-stderr "$GUEST" run --arch arm64 --iommu /dev/null
	assert_failure 2
	assert_stderr --partial "guest: --iommu is for the x86 guest (q35 + intel-iommu)"
	run --separate-stderr "$GUEST" run --arch sparc /dev/null
	assert_failure 2
	assert_stderr --partial "guest: --arch: unknown architecture 'sparc' (x86 or arm64)"
	run --separate-stderr "$GUEST" run --machine virt /dev/null
	assert_failure 2
	assert_stderr --partial "guest: --machine: unknown machine 'virt' (pc or q35)"
}

@test "harness: an unknown module name is a usage error, found before the boot" {
	need_x86
	run --separate-stderr "$GUEST" run --modules uio,no-such-module /dev/null
	[ "$status" -ne 77 ] || skip_env "${stderr##*$'\n'}"
	assert_failure 2
	assert_stderr --regexp "guest: --modules: no module 'no-such-module' in kernel 6\.[0-9.]+-[0-9]+-amd64"
}

@test "harness: an x86-64 iomap is refused for the arm64 guest, naming the cross build" {
	need_arm64
	run --separate-stderr "$GUEST" run --arch arm64 --iomap "$IOMAP" /dev/null
	[ "$status" -ne 77 ] || skip_env "${stderr##*$'\n'}"
	assert_failure 1
	assert_stderr "guest: error: $IOMAP is an x86-64 ELF file, but the arm64 guest runs aarch64 code (tests/vm/cross-iomap builds iomap for arm64)"
}
