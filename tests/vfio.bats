#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# VFIO without a kernel (SPEC §1.2): --vfio and the automatic hand-off,
# vfio-bind and vfio-unbind, and the errors that need no ioctl, on a built
# --sysroot tree (mkfakesys with set-driver and set-group; /dev/vfio and
# /proc files made by hand). The ioctls themselves are in vm-vfio.bats.

load helpers

setup() {
	ROOT=$BATS_TEST_TMPDIR/root
	mkdir -p "$ROOT/sys/bus" "$ROOT/sys/class/iommu" "$ROOT/dev" "$ROOT/proc"
	"$MKFAKESYS" "$ROOT/sys/bus/pci" >/dev/null
	PCI=$ROOT/sys/bus/pci
	DEV=$PCI/devices
}

teardown() {
	[ -z "${SEALED_PID:-}" ] || kill "$SEALED_PID" 2>/dev/null || true
	[ -z "${sock:-}" ] || tmux -S "$sock" kill-server 2>/dev/null || true
}

# vfio SLOT GROUP: SLOT bound to vfio-pci, in IOMMU group GROUP.
vfio() {
	"$MKFAKESYS" set-group "$PCI" "$1" "$2"
	"$MKFAKESYS" set-driver "$PCI" "$1" vfio-pci
}

# sysfs_state: the files vfio-bind and vfio-unbind write, and the links.
sysfs_state() {
	local d
	for d in "$DEV"/*; do
		printf '%s %s %s\n' "${d##*/}" "$(cat "$d/driver_override")" \
			"$(readlink "$d/driver" || echo -)"
	done
	for d in "$PCI"/drivers_probe "$PCI"/drivers/*/unbind; do
		printf '%s: %s\n' "${d#"$PCI"/}" "$(cat "$d")"
	done
}

# sealed_file: start the fixture; $SEALED_PATH names the sealed memfd.
sealed_file() {
	[ -x "$SEALED" ] || skip "tests/sealed is not built (make check builds it)"
	"$SEALED" > "$BATS_TEST_TMPDIR/sealed.path" &
	SEALED_PID=$!
	for _ in $(seq 50); do
		[ -s "$BATS_TEST_TMPDIR/sealed.path" ] && break
		sleep 0.02
	done
	SEALED_PATH=$(cat "$BATS_TEST_TMPDIR/sealed.path")
}

@test "--vfio goes with -s/-d, not with --wc or list" {
	run --separate-stderr iomap --sysroot="$ROOT" --vfio peek 0
	assert_failure 2
	assert_stderr --partial "iomap: --vfio goes with -s/-d"
	run --separate-stderr iomap --sysroot="$ROOT" -f "$DEV/0000:00:03.0/resource0" --vfio peek 0
	assert_failure 2
	assert_stderr --partial "iomap: --vfio goes with -s/-d"
	run --separate-stderr iomap --sysroot="$ROOT" -s 00:05.0 -b 2 --wc --vfio peek 0
	assert_failure 2
	assert_stderr --partial "iomap: --wc and --vfio do not go together: VFIO maps BARs uncached"
	run --separate-stderr iomap --sysroot="$ROOT" -s 00:03.0 --vfio list
	assert_failure 2
	assert_stderr --partial "iomap: list takes -s and -d (PCI devices), --of, --uio or --iomem"
	# a device bound to vfio-pci has no write-combining mapping either
	vfio 00:05.0 3
	run --separate-stderr iomap --sysroot="$ROOT" -s 00:05.0 -b 2 --wc peek 0
	assert_failure 2
	assert_stderr "iomap: --wc: 0000:00:05.0 is bound to vfio-pci, and VFIO maps BARs uncached (vfio-unbind it to use resource2_wc)"
}

@test "--vfio on a device not bound to vfio-pci says how to bind it, and touches nothing" {
	run --separate-stderr iomap --sysroot="$ROOT" -s 00:03.0 --vfio peek 0
	assert_failure 1
	assert_stderr "iomap: --vfio: 0000:00:03.0 is not bound to vfio-pci (driver: none)
iomap:   bind it first: \`iomap -s 0000:00:03.0 vfio-bind\`, then the same command again"
	run --separate-stderr iomap --sysroot="$ROOT" -d 8086:100e --vfio peek 0
	assert_failure 1
	assert_stderr --partial "iomap: --vfio: 0000:00:06.0 is not bound to vfio-pci (driver: e1000)"
}

@test "a device bound to vfio-pci without an IOMMU group: the IOMMU options are named" {
	"$MKFAKESYS" set-driver "$PCI" 00:03.0 vfio-pci
	for how in --vfio ''; do
		run --separate-stderr iomap --sysroot="$ROOT" -s 00:03.0 $how peek 0
		assert_failure 1
		assert_stderr "iomap: 0000:00:03.0 has no IOMMU group (no $DEV/0000:00:03.0/iommu_group), which VFIO needs
iomap:   no IOMMU is enabled ($ROOT/sys/class/iommu is empty): boot with intel_iommu=on (Intel VT-d) or amd_iommu=on (AMD-Vi), with iommu=pt to leave the host's own devices untranslated, and VT-d/AMD-Vi on in the firmware
iomap:   VFIO also wants interrupt remapping from the IOMMU (in QEMU: -device intel-iommu,intremap=on)
iomap:   without any IOMMU, only a kernel with CONFIG_VFIO_NOIOMMU and vfio.enable_unsafe_noiommu_mode=1 offers VFIO (no protection from the device's DMA)"
	done
	# an IOMMU present, no-IOMMU mode on: only the remapping hint stays
	mkdir "$ROOT/sys/class/iommu/dmar0"
	mkdir -p "$ROOT/sys/module/vfio/parameters"
	echo Y > "$ROOT/sys/module/vfio/parameters/enable_unsafe_noiommu_mode"
	run --separate-stderr iomap --sysroot="$ROOT" -s 00:03.0 peek 0
	assert_stderr "iomap: 0000:00:03.0 has no IOMMU group (no $DEV/0000:00:03.0/iommu_group), which VFIO needs
iomap:   VFIO also wants interrupt remapping from the IOMMU (in QEMU: -device intel-iommu,intremap=on)"
}

@test "a device bound to vfio-pci is reached through VFIO by itself: the group's files are opened in turn" {
	vfio 00:03.0 7
	# no /dev/vfio/7
	run --separate-stderr iomap --sysroot="$ROOT" -s 00:03.0 peek 0
	assert_failure 1
	assert_stderr "iomap: cannot open $ROOT/dev/vfio/7 (IOMMU group 7 of 0000:00:03.0): No such file or directory
iomap:   vfio-pci is bound, but there is no $ROOT/dev/vfio/7: is devtmpfs mounted on /dev?"
	# the group, but no container
	mkdir "$ROOT/dev/vfio"
	: > "$ROOT/dev/vfio/7"
	run --separate-stderr iomap --sysroot="$ROOT" -s 00:03.0 poke 0 1
	assert_failure 1
	assert_stderr "iomap: cannot open the VFIO container $ROOT/dev/vfio/vfio: No such file or directory
iomap:   the vfio module is not loaded: \`modprobe vfio-pci\`"
	# files that are not VFIO's
	: > "$ROOT/dev/vfio/vfio"
	run --separate-stderr iomap --sysroot="$ROOT" -s 00:03.0 peek 0
	assert_failure 1
	assert_stderr "iomap: $ROOT/dev/vfio/vfio is not a VFIO container (VFIO_GET_API_VERSION: Inappropriate ioctl for device)"
	# and nothing was written to the BAR's resource file
	assert_equal "$(hex_at "$DEV/0000:00:03.0/resource0" 0 4)" 00000000
}

@test "a no-IOMMU group is opened as /dev/vfio/noiommu-N" {
	vfio 00:03.0 4
	echo vfio-noiommu > "$ROOT/sys/kernel/iommu_groups/4/name"
	run --separate-stderr iomap --sysroot="$ROOT" -s 00:03.0 peek 0
	assert_failure 1
	assert_stderr --partial "iomap: cannot open $ROOT/dev/vfio/noiommu-4 (IOMMU group 4 of 0000:00:03.0): No such file or directory"
}

@test "--dry-run through VFIO opens nothing" {
	vfio 00:03.0 7
	run --separate-stderr iomap --sysroot="$ROOT" -s 00:03.0 --dry-run poke 0x10 0x1234
	assert_success
	assert_stderr "W32 0x00000010 <- 0x00001234"
}

@test "64-bit access where VFIO would split it is refused before anything is opened" {
	vfio 00:04.0 2
	run --separate-stderr iomap --sysroot="$ROOT" -s 00:04.0 -b 1 -w 64 peek 0
	assert_failure 2
	assert_stderr "iomap: 0000:00:04.0 BAR1 via VFIO is an I/O BAR: 64-bit access is not possible (use -w 8, 16 or 32)"
	# a memory BAR smaller than a page and not at a page's start:
	# vfio-pci offers no mmap of it, only read/write
	vfio 00:05.0 3
	sed -i '1s/^0x00000000febf2000 0x00000000febf20ff/0x00000000febf2100 0x00000000febf21ff/' "$DEV/0000:00:05.0/resource"
	run --separate-stderr iomap --sysroot="$ROOT" -s 00:05.0 -w 64 peek 0
	assert_failure 2
	assert_stderr "iomap: 0000:00:05.0 BAR0 via VFIO: VFIO does not let this BAR be mapped, and its read/write would split a 64-bit access in two (use -w 8, 16 or 32)"
	run -0 iomap --sysroot="$ROOT" list -s 00:05.0
	assert_output "0000:00:05.0 1af4:1110 RAM memory: Red Hat, Inc. Inter-VM shared memory (driver: vfio-pci, IOMMU group 3)
	BAR0 mem32          0xfebf2100 size 0x100 (256 B) pread/pwrite VFIO
	BAR2 mem64 prefetch 0x0000008000000000 size 0x2000000000 (128 GiB) mmap VFIO"
	# in a script too, before its first line runs
	printf 'region --sysroot=%s -s 00:05.0\npeek 0\npeek -w 64 0\n' "$ROOT" > "$BATS_TEST_TMPDIR/s"
	run --separate-stderr iomap run "$BATS_TEST_TMPDIR/s"
	assert_failure 2
	assert_output ''
	assert_stderr "iomap: $BATS_TEST_TMPDIR/s:3: 0000:00:05.0 BAR0 via VFIO: VFIO does not let this BAR be mapped, and its read/write would split a 64-bit access in two (use -w 8, 16 or 32)"
}

@test "list shows vfio-pci and the IOMMU group; --json has iommu_group" {
	vfio 00:03.0 7
	"$MKFAKESYS" set-group "$PCI" 00:06.0 8
	run -0 iomap --sysroot="$ROOT" list -s 00:03.0
	assert_output "0000:00:03.0 1234:11e8 Unclassified device [00ff]: Vendor 1234 Device 11e8 (driver: vfio-pci, IOMMU group 7)
	BAR0 mem32          0xfea00000 size 0x100000 (1 MiB) mmap VFIO"
	run -0 iomap --sysroot="$ROOT" list -s 00:06.0
	assert_line --index 0 --partial "(driver: e1000, IOMMU group 8)"
	assert_line --index 1 --partial "mmap /dev/mem (no resource0)"
	command -v jq >/dev/null || skip "jq is not installed"
	run -0 iomap --sysroot="$ROOT" list --json
	assert_equal "$(jq -r '.[] | "\(.slot) \(.driver) \(.iommu_group)"' <<<"$output" | head -5)" "0000:00:00.0 null null
0000:00:02.0 bochs-drm null
0000:00:03.0 vfio-pci 7
0000:00:04.0 null null
0000:00:05.0 null null"
}

@test "vfio-bind and vfio-unbind refuse bad input and unknown devices before changing anything" {
	mkdir "$PCI/drivers/vfio-pci"
	: > "$PCI/drivers/vfio-pci/unbind"
	"$MKFAKESYS" set-group "$PCI" 00:06.0 3
	before=$(sysfs_state)
	for cmd in vfio-bind vfio-unbind; do
		run --separate-stderr iomap --sysroot="$ROOT" $cmd
		assert_failure 2
		assert_stderr "iomap: $cmd needs the device: -s SLOT or -d ID"
		run --separate-stderr iomap --sysroot="$ROOT" -s 00:06.0 -b 0 $cmd
		assert_failure 2
		assert_stderr "iomap: $cmd works on a whole device: no -b"
		run --separate-stderr iomap --sysroot="$ROOT" -s 00:06.0 $cmd now
		assert_failure 2
		assert_stderr --partial "iomap: $cmd takes no arguments (too many arguments)"
		run --separate-stderr iomap --sysroot="$ROOT" -s 00:1f.7 $cmd
		assert_failure 2
		assert_stderr --partial "iomap: -s 00:1f.7 matches no PCI device under $PCI"
		run --separate-stderr iomap --sysroot="$ROOT" -d 8086:10d3 $cmd
		assert_failure 2
		assert_stderr --partial "iomap: -d 8086:10d3 matches 2 PCI devices: 0000:01:00.0 (8086:10d3), 0000:02:00.0 (8086:10d3)"
		run --separate-stderr iomap --sysroot="$ROOT" -s zz $cmd
		assert_failure 2
		printf '%s\n' "$cmd" > "$BATS_TEST_TMPDIR/s"
		run --separate-stderr iomap --sysroot="$ROOT" -s 00:06.0 run "$BATS_TEST_TMPDIR/s"
		assert_failure 2
		assert_stderr --partial "$cmd cannot be used in a script"
	done
	# a bridge: vfio-pci takes endpoints only (header type at 0x0e)
	printf '\x01' | dd of="$DEV/0000:00:03.0/config" bs=1 seek=14 conv=notrunc status=none
	run --separate-stderr iomap --sysroot="$ROOT" -s 00:03.0 vfio-bind
	assert_failure 2
	assert_stderr "iomap: 0000:00:03.0 is a PCI bridge (header type 1): vfio-pci takes only endpoints"
	# no IOMMU group
	run --separate-stderr iomap --sysroot="$ROOT" -s 00:02.0 vfio-bind
	assert_failure 1
	assert_stderr --partial "iomap: 0000:00:02.0 has no IOMMU group (no $DEV/0000:00:02.0/iommu_group): vfio-pci would not take it"
	assert_equal "$(sysfs_state)" "$before"
	# vfio-pci not loaded
	rm -r "$PCI/drivers/vfio-pci"
	run --separate-stderr iomap --sysroot="$ROOT" -s 00:06.0 vfio-bind
	assert_failure 1
	assert_stderr "iomap: vfio-pci is not loaded (no $PCI/drivers/vfio-pci)
iomap:   load it: \`modprobe vfio-pci\` (vfio and vfio_iommu_type1 come with it)"
	assert_equal "$(sysfs_state)" "$(grep -v '^drivers/vfio-pci/' <<<"$before")"
}

@test "vfio-bind: driver_override, unbind, drivers_probe, in that order; --dry-run only says so" {
	mkdir "$PCI/drivers/vfio-pci"
	"$MKFAKESYS" set-group "$PCI" 00:06.0 3
	before=$(sysfs_state)
	run --separate-stderr iomap --sysroot="$ROOT" -s 00:06.0 --dry-run vfio-bind
	assert_success
	assert_output e1000
	assert_stderr "echo vfio-pci > $DEV/0000:00:06.0/driver_override
echo 0000:00:06.0 > $DEV/0000:00:06.0/driver/unbind
echo 0000:00:06.0 > $PCI/drivers_probe"
	assert_equal "$(sysfs_state)" "$before"
	# A device with no driver has nothing to unbind. (The fake tree's
	# links do not change, so here vfio-pci never takes the device: the
	# override is cleared again and the device probed back.)
	run --separate-stderr iomap --sysroot="$ROOT" -s 00:06.0 --trace vfio-bind
	assert_failure 1
	assert_output ''
	assert_stderr "echo vfio-pci > $DEV/0000:00:06.0/driver_override
echo 0000:00:06.0 > $DEV/0000:00:06.0/driver/unbind
echo 0000:00:06.0 > $PCI/drivers_probe
echo > $DEV/0000:00:06.0/driver_override
iomap: vfio-pci did not take 0000:00:06.0 (driver now: e1000)
iomap:   the kernel log (dmesg) says why
iomap:   driver_override is cleared again; it was bound to e1000"
	assert_equal "$(cat "$DEV/0000:00:06.0/driver_override")" ''
	assert_equal "$(cat "$PCI/drivers/e1000/unbind")" 0000:00:06.0
	assert_equal "$(cat "$PCI/drivers_probe")" 0000:00:06.0
	"$MKFAKESYS" set-group "$PCI" 00:03.0 4
	run --separate-stderr iomap --sysroot="$ROOT" -s 00:03.0 --dry-run vfio-bind
	assert_success
	assert_output none
	assert_stderr "echo vfio-pci > $DEV/0000:00:03.0/driver_override
echo 0000:00:03.0 > $PCI/drivers_probe"
	# with an IOMMU, a device without a group yet (device tree and IORT
	# machines give it one when a driver probes it) is not refused
	mkdir "$ROOT/sys/class/iommu/smmu3.0x0000000009050000"
	run --separate-stderr iomap --sysroot="$ROOT" -s 00:04.0 --dry-run vfio-bind
	assert_success
	assert_output none
	assert_stderr "echo vfio-pci > $DEV/0000:00:04.0/driver_override
echo 0000:00:04.0 > $PCI/drivers_probe"
}

@test "vfio-bind on a bound device prints vfio-pci and names the devices that keep its group from VFIO" {
	vfio 00:06.0 3
	"$MKFAKESYS" set-group "$PCI" 01:00.0 3
	"$MKFAKESYS" set-group "$PCI" 00:00.0 3
	before=$(sysfs_state)
	run --separate-stderr iomap --sysroot="$ROOT" -s 00:06.0 vfio-bind
	assert_success
	assert_output vfio-pci
	assert_stderr "iomap: note: IOMMU group 3 also holds 0000:01:00.0 (e1000e): VFIO needs every device of a group bound to vfio-pci or to none (vfio-bind it too)"
	assert_equal "$(sysfs_state)" "$before"
}

@test "vfio-unbind: nothing to do on a device vfio-pci does not hold; else override cleared, unbind, drivers_probe" {
	before=$(sysfs_state)
	run --separate-stderr iomap --sysroot="$ROOT" -s 00:06.0 vfio-unbind
	assert_success
	assert_output e1000
	assert_stderr "iomap: note: 0000:00:06.0 is not bound to vfio-pci (driver: e1000): nothing changed"
	assert_equal "$(sysfs_state)" "$before"
	vfio 00:03.0 7
	echo vfio-pci > "$DEV/0000:00:03.0/driver_override"
	run --separate-stderr iomap --sysroot="$ROOT" -s 00:03.0 --trace vfio-unbind
	assert_success
	# (the fake tree keeps its link: as if a new_id of vfio-pci matched)
	assert_output vfio-pci
	assert_stderr "echo > $DEV/0000:00:03.0/driver_override
echo 0000:00:03.0 > $DEV/0000:00:03.0/driver/unbind
echo 0000:00:03.0 > $PCI/drivers_probe
iomap: note: vfio-pci took 0000:00:03.0 again: a new_id of vfio-pci matches it (remove it with remove_id in $PCI/drivers/vfio-pci)"
	assert_equal "$(cat "$DEV/0000:00:03.0/driver_override")" ''
	assert_equal "$(cat "$PCI/drivers/vfio-pci/unbind")" 0000:00:03.0
	assert_equal "$(cat "$PCI/drivers_probe")" 0000:00:03.0
	# only an override left (vfio-pci gone): it is cleared, nothing unbound
	"$MKFAKESYS" set-driver "$PCI" 00:03.0 -
	echo vfio-pci > "$DEV/0000:00:03.0/driver_override"
	run --separate-stderr iomap --sysroot="$ROOT" -s 00:03.0 --dry-run vfio-unbind
	assert_success
	assert_output none
	assert_stderr "echo > $DEV/0000:00:03.0/driver_override
echo 0000:00:03.0 > $PCI/drivers_probe"
}

@test "vfio-unbind refuses while a process holds the device through VFIO, naming it" {
	vfio 00:03.0 7
	mkdir -p "$ROOT/proc/4242/fd" "$ROOT/proc/77/fd"
	echo qemu-system-x86 > "$ROOT/proc/4242/comm"
	ln -s /dev/vfio/7 "$ROOT/proc/4242/fd/23"
	ln -s /dev/null "$ROOT/proc/4242/fd/0"
	ln -s /dev/vfio/8 "$ROOT/proc/77/fd/3"
	before=$(sysfs_state)
	run --separate-stderr iomap --sysroot="$ROOT" -s 00:03.0 vfio-unbind
	assert_failure 1
	assert_output ''
	assert_stderr "iomap: 0000:00:03.0 is in use through VFIO (/dev/vfio/7): process 4242 (qemu-system-x86) has it open
iomap:   stop it first: the kernel would wait for it to let go before unbinding"
	assert_equal "$(sysfs_state)" "$before"
}

@test "lockdown: a refused BAR mapping or I/O BAR write names the VFIO route for that device" {
	sealed_file
	mkdir -p "$ROOT/sys/kernel/security"
	echo 'none [integrity] confidentiality' > "$ROOT/sys/kernel/security/lockdown"
	# the kernel refuses a writable mapping of resource0, and I/O writes
	ln -sf "$SEALED_PATH" "$DEV/0000:00:03.0/resource0"
	ln -sf "$SEALED_PATH" "$DEV/0000:00:04.0/resource1"
	run --separate-stderr iomap --sysroot="$ROOT" -s 00:03.0 poke 0 1
	assert_failure 1
	assert_stderr "iomap: cannot map $DEV/0000:00:03.0/resource0 at 0x0 (0000:00:03.0 BAR0): Operation not permitted
iomap:   the kernel is locked down (integrity mode, $ROOT/sys/kernel/security/lockdown): it forbids /dev/mem, PCI BAR mappings and I/O BAR writes from user space
iomap:   VFIO is the way in under lockdown: \`iomap -s 0000:00:03.0 vfio-bind\`, then the same command again (iomap(1), LOCKED-DOWN MACHINES)
iomap:   or boot without lockdown (Secure Boot off, or lockdown=none where allowed)"
	run --separate-stderr iomap --sysroot="$ROOT" -s 00:04.0 -b 1 -w 8 poke 3 1
	assert_failure 1
	assert_stderr "iomap: 8-bit write at 0x3 of 0000:00:04.0 BAR1 failed: Operation not permitted
iomap:   the kernel is locked down (integrity mode, $ROOT/sys/kernel/security/lockdown): it forbids /dev/mem, PCI BAR mappings and I/O BAR writes from user space
iomap:   VFIO is the way in under lockdown: \`iomap -s 0000:00:04.0 vfio-bind\`, then the same command again (iomap(1), LOCKED-DOWN MACHINES)
iomap:   or boot without lockdown (Secure Boot off, or lockdown=none where allowed)"
	# the I/O BAR is still read
	run -0 iomap --sysroot="$ROOT" -s 00:04.0 -b 1 -w 8 peek 3
	assert_output 0x00
}

@test "lockdown: /dev/mem refused at an address inside a BAR names that device and BAR" {
	sealed_file
	mkdir -p "$ROOT/sys/kernel/security"
	echo 'none [integrity] confidentiality' > "$ROOT/sys/kernel/security/lockdown"
	printf '%s\n' 'fe000000-febfffff : PCI Bus 0000:00' \
		'  fea00000-feafffff : 0000:00:03.0' \
		'  febf1000-febf1fff : 0000:00:04.0' > "$ROOT/proc/iomem"
	run --separate-stderr iomap --sysroot="$ROOT" --mem="$SEALED_PATH" poke 0xfea00010 1
	assert_failure 1
	assert_stderr "iomap: cannot map $SEALED_PATH at 0xfea00000 ($SEALED_PATH): Operation not permitted
iomap:   the kernel is locked down (integrity mode, $ROOT/sys/kernel/security/lockdown): it forbids /dev/mem, PCI BAR mappings and I/O BAR writes from user space
iomap:   0xfea00010 is in BAR0 of 0000:00:03.0; VFIO is the way in under lockdown: \`iomap -s 0000:00:03.0 vfio-bind\`, then \`iomap -s 0000:00:03.0 -b 0\` with offsets into the BAR (iomap(1), LOCKED-DOWN MACHINES)
iomap:   or boot without lockdown (Secure Boot off, or lockdown=none where allowed)"
}

@test "the shell's prompt says a region is reached through VFIO" {
	command -v tmux >/dev/null || skip "tmux is not installed"
	vfio 00:03.0 7
	export HOME=$BATS_TEST_TMPDIR/home
	mkdir -p "$HOME"
	sock=$BATS_TEST_TMPDIR/tmux
	tmux -S "$sock" new-session -d -x 200 -y 40 "$IOMAP --sysroot=$ROOT shell; echo \"[exit \$?]\"; read" ||
		skip "tmux cannot start here"
	screen_has() {
		local i
		for ((i = 0; i < 1000; i++)); do
			[[ $(tmux -S "$sock" capture-pane -p -S -40) == *"$1"* ]] && return 0
			sleep 0.02
		done
		tmux -S "$sock" capture-pane -p -S -40 >&2
		return 1
	}
	screen_has "iomap $ROOT/dev/mem>"
	tmux -S "$sock" send-keys "region --sysroot=$ROOT -s 00:03.0" Enter
	screen_has "iomap 0000:00:03.0 BAR0 via VFIO>"
	tmux -S "$sock" send-keys "peek 0" Enter
	screen_has "iomap: cannot open $ROOT/dev/vfio/7 (IOMMU group 7 of 0000:00:03.0): No such file or directory"
	tmux -S "$sock" send-keys "quit" Enter
	screen_has "[exit 0]"
}
