#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Why the kernel said no (SPEC §4): staged with real refusals. A memfd
# sealed against writing makes the kernel refuse a writable mapping with
# EPERM, as /dev/mem does; a built tree under --sysroot stands fake
# /proc/iomem, lockdown and /proc/self/status files in for the real ones,
# so none of this needs root or a mount namespace.

load helpers

setup() {
	fake_sys
	DEV=$SYS/devices
}

teardown() {
	[ -z "${SEALED_PID:-}" ] || kill "$SEALED_PID" 2>/dev/null || true
}

# sealed_file: start the fixture; $SEALED_PATH names the sealed memfd.
sealed_file() {
	[ -x "$SEALED" ] || skip "tests/sealed is not built (make check builds it)"
	"$SEALED" > "$BATS_TEST_TMPDIR/sealed.path" &
	SEALED_PID=$!
	poll_until 60 test -s "$BATS_TEST_TMPDIR/sealed.path" ||
		fail "tests/sealed did not start"
	SEALED_PATH=$(cat "$BATS_TEST_TMPDIR/sealed.path")
}

# sysroot IOMEM LOCKDOWN: a tree with those files as /proc/iomem and
# /sys/kernel/security/lockdown ("" leaves one out); its path in $ROOT.
sysroot() {
	ROOT=$BATS_TEST_TMPDIR/root
	mkdir -p "$ROOT/proc" "$ROOT/sys/kernel/security"
	[ -z "$1" ] || cp "$1" "$ROOT/proc/iomem"
	[ -z "$2" ] || cp "$2" "$ROOT/sys/kernel/security/lockdown"
}

IOMEM_TEXT='00000000-00000fff : Reserved
00100000-bfffffff : System RAM
  01000000-01ffffff : Kernel code
fe000000-febfffff : PCI Bus 0000:00
  fe800000-fe81ffff : 0000:01:00.0
    fe800000-fe81ffff : e1000e
  fea00000-feafffff : 0000:00:03.0
fed00000-fed003ff : HPET 0'

@test "all ones from a device with memory decoding off: a note on COMMAND" {
	R0=$DEV/0000:00:03.0/resource0
	iomap --sysfs="$SYS" -s 00:03.0 fill 0+16 0xffffffff
	"$MKFAKESYS" set-command "$SYS" 0000:00:03.0 0x0005
	run --separate-stderr iomap --sysfs="$SYS" -s 00:03.0 peek 0
	assert_success
	assert_output 0xffffffff
	assert_stderr "iomap: note: every word read was all ones, and 0000:00:03.0 has memory decoding off (COMMAND=0x0005): enable it with \`setpci -s 0000:00:03.0 COMMAND=0x2:0x2\`"
	run --separate-stderr iomap --sysfs="$SYS" -s 00:03.0 dump 0+16
	assert_success
	assert_stderr --partial "has memory decoding off (COMMAND=0x0005)"
	# a word that is not all ones says nothing
	run --separate-stderr iomap --sysfs="$SYS" -s 00:03.0 peek 0x20
	assert_output 0x00000000
	assert_stderr ''
	"$MKFAKESYS" set-command "$SYS" 0000:00:03.0 0x0007
	run --separate-stderr iomap --sysfs="$SYS" -s 00:03.0 peek 0
	assert_stderr ''
}

@test "all ones from a device in D3hot: a note on the power state" {
	iomap --sysfs="$SYS" -s 00:03.0 fill 0+16 0xffffffff
	"$MKFAKESYS" set-power "$SYS" 0000:00:03.0 D3hot
	run --separate-stderr iomap --sysfs="$SYS" -s 00:03.0 peek 0 4
	assert_success
	assert_stderr "iomap: note: every word read was all ones, and 0000:00:03.0 is in power state D3hot, where it does not answer: wake it (echo on > $DEV/0000:00:03.0/power/control)"
	# without a power_state file the PM capability's PMCSR says it
	rm "$DEV/0000:00:03.0/power_state"
	run --separate-stderr iomap --sysfs="$SYS" -s 00:03.0 peek 0
	assert_stderr --partial "is in power state D3, where it does not answer"
	"$MKFAKESYS" set-power "$SYS" 0000:00:03.0 D0
}

@test "all ones from an I/O BAR with I/O decoding off" {
	iomap --sysfs="$SYS" -s 00:04.0 -b 1 poke 0 0xffffffff
	"$MKFAKESYS" set-command "$SYS" 0000:00:04.0 0x0006
	run --separate-stderr iomap --sysfs="$SYS" -s 00:04.0 -b 1 peek 0
	assert_stderr --partial "has I/O decoding off (COMMAND=0x0006): enable it with \`setpci -s 0000:00:04.0 COMMAND=0x1:0x1\`"
	"$MKFAKESYS" set-command "$SYS" 0000:00:04.0 0x0007
}

@test "no /dev/mem at all: the kernel has it off" {
	[ ! -e /dev/mem ] || skip "this machine has a /dev/mem"
	run --separate-stderr iomap peek 0x1000
	assert_failure 1
	assert_stderr "iomap: cannot open /dev/mem for reading (/dev/mem): No such file or directory
iomap:   this kernel has no /dev/mem (CONFIG_DEVMEM off); map a PCI BAR with -s or -d instead"
}

@test "STRICT_DEVMEM: an address in System RAM is named as such" {
	sealed_file
	printf '%s\n' "$IOMEM_TEXT" > "$BATS_TEST_TMPDIR/iomem"
	sysroot "$BATS_TEST_TMPDIR/iomem" ""
	run --separate-stderr iomap --sysroot="$ROOT" --mem="$SEALED_PATH" poke 0x1000000 1
	assert_failure 1
	assert_stderr "iomap: cannot map $SEALED_PATH at 0x1000000 ($SEALED_PATH): Operation not permitted
iomap:   0x1000000 is System RAM ($ROOT/proc/iomem: 100000-bfffffff): the kernel's STRICT_DEVMEM refuses /dev/mem access to RAM
iomap:   only device memory can be mapped; check the address (a BAR's is in \`iomap list\`)"
}

@test "STRICT_DEVMEM: RAM under nested Kernel entries (riscv) is still System RAM" {
	sealed_file
	printf '%s\n' '80000000-bfffffff : System RAM' \
		'  80200000-80ffffff : Kernel image' \
		'    80200000-807fffff : Kernel code' >"$BATS_TEST_TMPDIR/iomem"
	sysroot "$BATS_TEST_TMPDIR/iomem" ""
	run --separate-stderr iomap --sysroot="$ROOT" --mem="$SEALED_PATH" poke 0x80300000 1
	assert_failure 1
	assert_stderr --partial "iomap:   0x80300000 is System RAM ($ROOT/proc/iomem: 80000000-bfffffff): the kernel's STRICT_DEVMEM refuses"
}

@test "IO_STRICT_DEVMEM: a range a driver holds is named with the driver and how to unbind it" {
	sealed_file
	printf '%s\n' "$IOMEM_TEXT" > "$BATS_TEST_TMPDIR/iomem"
	sysroot "$BATS_TEST_TMPDIR/iomem" ""
	run --separate-stderr iomap --sysroot="$ROOT" --sysfs="$SYS" --mem="$SEALED_PATH" poke 0xfe800010 1
	assert_failure 1
	assert_stderr "iomap: cannot map $SEALED_PATH at 0xfe800000 ($SEALED_PATH): Operation not permitted
iomap:   0xfe800000-0xfe81ffff is held by the driver \"e1000e\" ($ROOT/proc/iomem, inside 0000:01:00.0)
iomap:   with IO_STRICT_DEVMEM the kernel refuses ranges a driver has claimed: unbind it (echo 0000:01:00.0 > $SYS/devices/0000:01:00.0/driver/unbind) or boot with iomem=relaxed"
	# a range nobody holds gets no guess
	run --separate-stderr iomap --sysroot="$ROOT" --mem="$SEALED_PATH" poke 0xfea00000 1
	assert_failure 1
	assert_stderr "iomap: cannot map $SEALED_PATH at 0xfea00000 ($SEALED_PATH): Operation not permitted"
}

# amba_sysroot: an arm64 virt machine's claims, as its 6.1 kernel shows
# them: the console's driver claims as "DEVICE NODE", the RTC's in its
# driver's name, and the kernel's own IOAPIC-like claim has no driver.
amba_sysroot() {
	printf '%s\n' '09000000-09000fff : pl011@9000000' \
		'  09000000-09000fff : 9000000.pl011 pl011@9000000' \
		'09010000-09010fff : pl031@9010000' \
		'  09010000-09010fff : rtc-pl031' \
		'09040000-09040fff : pl999@9040000' \
		'  09040000-09040fff : mystery' \
		'40000000-4fffffff : System RAM' \
		'fec00000-fec003ff : IOAPIC 0' > "$BATS_TEST_TMPDIR/iomem"
	sysroot "$BATS_TEST_TMPDIR/iomem" ""
	local amba=$ROOT/sys/bus/amba dev
	mkdir -p "$amba/devices" "$amba/drivers/uart-pl011" "$amba/drivers/rtc-pl031" \
		"$ROOT/sys/bus/platform/devices"
	for dev in 9000000.pl011:uart-pl011 9010000.pl031:rtc-pl031; do
		mkdir -p "$ROOT/sys/devices/platform/${dev%:*}"
		ln -s "../../../devices/platform/${dev%:*}" "$amba/devices/${dev%:*}"
		ln -s "../../../bus/amba/drivers/${dev#*:}" "$ROOT/sys/devices/platform/${dev%:*}/driver"
		ln -s "../../../../devices/platform/${dev%:*}" "$amba/drivers/${dev#*:}/${dev%:*}"
	done
}

@test "IO_STRICT_DEVMEM: a platform driver's claim names the driver, its device and the unbind path" {
	sealed_file
	amba_sysroot
	run --separate-stderr iomap --sysroot="$ROOT" --mem="$SEALED_PATH" poke 0x9000fe0 1
	assert_failure 1
	assert_stderr "iomap: cannot map $SEALED_PATH at 0x9000000 ($SEALED_PATH): Operation not permitted
iomap:   0x9000000-0x9000fff is held by the driver \"uart-pl011\" of 9000000.pl011 ($ROOT/proc/iomem: \"9000000.pl011 pl011@9000000\", inside pl011@9000000)
iomap:   with IO_STRICT_DEVMEM the kernel refuses ranges a driver has claimed: unbind it (echo 9000000.pl011 > $ROOT/sys/bus/amba/devices/9000000.pl011/driver/unbind) or boot with iomem=relaxed"
	# a claim in the driver's name: the device is the one named after
	# the range's start
	run --separate-stderr iomap --sysroot="$ROOT" --mem="$SEALED_PATH" poke 0x9010fe0 1
	assert_failure 1
	assert_stderr "iomap: cannot map $SEALED_PATH at 0x9010000 ($SEALED_PATH): Operation not permitted
iomap:   0x9010000-0x9010fff is held by the driver \"rtc-pl031\" of 9010000.pl031 ($ROOT/proc/iomem, inside pl031@9010000)
iomap:   with IO_STRICT_DEVMEM the kernel refuses ranges a driver has claimed: unbind it (echo 9010000.pl031 > $ROOT/sys/bus/amba/devices/9010000.pl031/driver/unbind) or boot with iomem=relaxed"
	# no such driver in sysfs: the claim's name, as before
	run --separate-stderr iomap --sysroot="$ROOT" --mem="$SEALED_PATH" poke 0x9040000 1
	assert_failure 1
	assert_stderr "iomap: cannot map $SEALED_PATH at 0x9040000 ($SEALED_PATH): Operation not permitted
iomap:   0x9040000-0x9040fff is held by the driver \"mystery\" ($ROOT/proc/iomem, inside pl999@9040000)
iomap:   with IO_STRICT_DEVMEM the kernel refuses ranges a driver has claimed: unbind that driver from its device, or boot with iomem=relaxed"
}

@test "IO_STRICT_DEVMEM: a top-level range the kernel claimed for itself is named" {
	sealed_file
	amba_sysroot
	run --separate-stderr iomap --sysroot="$ROOT" --mem="$SEALED_PATH" poke 0xfec00000 1
	assert_failure 1
	assert_stderr "iomap: cannot map $SEALED_PATH at 0xfec00000 ($SEALED_PATH): Operation not permitted
iomap:   0xfec00000-0xfec003ff is \"IOAPIC 0\" ($ROOT/proc/iomem), a range the kernel has claimed: with IO_STRICT_DEVMEM it refuses /dev/mem access to claimed ranges
iomap:   boot with iomem=relaxed to allow it, if nothing else drives that device"
}

@test "a BAR whose device has a driver bound: the driver is named" {
	sealed_file
	ln -sf "$SEALED_PATH" "$DEV/0000:01:00.0/resource0"
	run --separate-stderr iomap --sysfs="$SYS" -s 01:00.0 poke 0 1
	rm "$DEV/0000:01:00.0/resource0"
	truncate -s 128k "$DEV/0000:01:00.0/resource0"
	assert_failure 1
	assert_stderr "iomap: cannot map $DEV/0000:01:00.0/resource0 at 0x0 (0000:01:00.0 BAR0): Operation not permitted
iomap:   0000:01:00.0 is bound to the driver \"e1000e\", which may hold the BAR exclusively
iomap:   unbind it (echo 0000:01:00.0 > $DEV/0000:01:00.0/driver/unbind) or boot with iomem=relaxed"
}

@test "kernel lockdown is named before any other cause" {
	sealed_file
	printf '%s\n' "$IOMEM_TEXT" > "$BATS_TEST_TMPDIR/iomem"
	echo 'none [integrity] confidentiality' > "$BATS_TEST_TMPDIR/lockdown"
	sysroot "$BATS_TEST_TMPDIR/iomem" "$BATS_TEST_TMPDIR/lockdown"
	run --separate-stderr iomap --sysroot="$ROOT" --mem="$SEALED_PATH" poke 0x1000000 1
	assert_failure 1
	assert_stderr "iomap: cannot map $SEALED_PATH at 0x1000000 ($SEALED_PATH): Operation not permitted
iomap:   the kernel is locked down (integrity mode, $ROOT/sys/kernel/security/lockdown): it forbids /dev/mem, PCI BAR mappings and I/O BAR writes from user space
iomap:   VFIO is the way in to a PCI device's BARs under lockdown: \`iomap -s SLOT vfio-bind\`, then \`iomap -s SLOT\` with offsets into the BAR (iomap(1), LOCKED-DOWN MACHINES)
iomap:   or boot without lockdown (Secure Boot off, or lockdown=none where allowed)"
	echo '[none] integrity confidentiality' > "$ROOT/sys/kernel/security/lockdown"
	run --separate-stderr iomap --sysroot="$ROOT" --mem="$SEALED_PATH" poke 0x1000000 1
	assert_stderr --partial "is System RAM"
}

@test "a missing CAP_SYS_RAWIO is named" {
	command -v setpriv || skip "setpriv (util-linux) is not installed"
	sealed_file
	run --separate-stderr setpriv --bounding-set=-sys_rawio --inh-caps=-sys_rawio "$IOMAP" --mem="$SEALED_PATH" poke 0x1000000 1
	assert_failure 1
	assert_stderr "iomap: cannot map $SEALED_PATH at 0x1000000 ($SEALED_PATH): Operation not permitted
iomap:   the process lacks CAP_SYS_RAWIO, which /dev/mem requires: run iomap as root with full capabilities"
}

@test "a missing CAP_SYS_RAWIO is named, read from the tree's /proc/self/status" {
	sealed_file
	sysroot "" ""
	mkdir -p "$ROOT/proc/self"
	# every capability but CAP_SYS_RAWIO (bit 17)
	printf 'Name:\tiomap\nCapEff:\t%016x\n' $(( 0x1ffffffffff & ~(1 << 17) )) > "$ROOT/proc/self/status"
	run --separate-stderr iomap --sysroot="$ROOT" --mem="$SEALED_PATH" poke 0x1000000 1
	assert_failure 1
	assert_stderr "iomap: cannot map $SEALED_PATH at 0x1000000 ($SEALED_PATH): Operation not permitted
iomap:   the process lacks CAP_SYS_RAWIO, which /dev/mem requires: run iomap as root with full capabilities"
	printf 'Name:\tiomap\nCapEff:\t%016x\n' $(( 0x1ffffffffff )) > "$ROOT/proc/self/status"
	run --separate-stderr iomap --sysroot="$ROOT" --mem="$SEALED_PATH" poke 0x1000000 1
	assert_stderr "iomap: cannot map $SEALED_PATH at 0x1000000 ($SEALED_PATH): Operation not permitted"
}

@test "--sysroot: /dev/mem is looked up under it" {
	sysroot "" ""
	mkdir -p "$ROOT/dev"
	pattern_file "$ROOT/dev/mem" 8192
	run --separate-stderr iomap --sysroot="$ROOT" peek 0x1004
	assert_success
	assert_output 0x07060504
	rm "$ROOT/dev/mem"
	run --separate-stderr iomap --sysroot="$ROOT" peek 0x1004
	assert_failure 1
	assert_stderr "iomap: cannot open $ROOT/dev/mem for reading ($ROOT/dev/mem): No such file or directory
iomap:   this kernel has no /dev/mem (CONFIG_DEVMEM off); map a PCI BAR with -s or -d instead"
}

@test "--mem naming a missing file is called a wrong path, not a kernel without /dev/mem" {
	run --separate-stderr iomap --mem="$BATS_TEST_TMPDIR/typo" peek 0x1000
	assert_failure 1
	assert_output ''
	assert_stderr "iomap: cannot open $BATS_TEST_TMPDIR/typo for reading ($BATS_TEST_TMPDIR/typo): No such file or directory
iomap:   --mem names $BATS_TEST_TMPDIR/typo, which does not exist: check the path"
	run --separate-stderr iomap --mem="$BATS_TEST_TMPDIR/typo" -m 0x4000e1 poke 0 1
	assert_failure 1
	assert_stderr --partial "iomap:   --mem names $BATS_TEST_TMPDIR/typo, which does not exist: check the path"
	[ ! -e "$BATS_TEST_TMPDIR/typo" ]
}

@test "a file mode that shuts the user out is named" {
	[ "$(id -u)" = 0 ] || skip "needs root to switch users"
	D=$(mktemp -d /tmp/iomap-mode.XXXXXX)
	chmod 755 "$D"
	pattern_file "$D/img" 4096
	chmod 600 "$D/img"
	run --separate-stderr setpriv --reuid=nobody --regid=nogroup --clear-groups "$IOMAP" -f "$D/img" peek 0
	rm -rf "$D"
	assert_failure 1
	assert_stderr "iomap: cannot open $D/img for reading ($D/img): Permission denied
iomap:   permission denied by the file's mode: run iomap as root"
}
