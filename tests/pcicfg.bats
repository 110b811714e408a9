#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# PCI configuration space (--config): the region, its built-in names, and
# the capability walker, on fake sysfs trees with real config files.
# Little-endian host assumed (config space is little-endian, as are the
# expected bytes).

load helpers

setup() {
	fake_sys
	# The devices of fixtures/pci: a root port, a switch's two ports, an
	# NVMe drive behind them, and three broken capability chains.
	[ -d "$SYS/devices/0000:03:00.0" ] ||
		"$MKFAKESYS" add-config "$SYS" "$TESTS_SRCDIR"/fixtures/pci/*.lspci
	CFG=$SYS/devices/0000:00:03.0/config
}

# dev SLOT ARGS...: iomap on the configuration space of the fake tree's SLOT.
dev() {
	local slot=$1
	shift
	run --separate-stderr "$IOMAP" --sysfs="$SYS" -s "$slot" --config "$@"
}

# cfg ARGS...: iomap on the fake tree's configuration space of 00:03.0.
cfg() {
	run --separate-stderr "$IOMAP" --sysfs="$SYS" -s 00:03.0 --config "$@"
}

@test "config: peek reads the header at the width asked" {
	cfg peek 0
	assert_success
	assert_output 0x11e81234
	cfg -w 16 peek 2
	assert_output 0x11e8
	cfg -w 8 peek 0x3d
	assert_output 0x01
}

@test "config: the size is the config file's (256 bytes here)" {
	cfg dump
	assert_success
	assert_line --index 0 --regexp '^00000000: 11e81234 '
	assert_line --index -1 --regexp '^000000f0: '
	cfg -w 16 peek 0xfe
	assert_success
	cfg peek 0x100
	assert_failure 2
	assert_stderr --partial "would run past the end of 0000:00:03.0 config space (size 0x100"
}

@test "config: accesses are pread/pwrite of exactly the width, at the offset" {
	command -v strace || skip "strace is not installed"
	skip_instrumented "counts system calls with strace"
	local before
	before=$(checksum "$CFG")
	run strace -e trace=pread64,pwrite64 -P "$CFG" -o "$BATS_TEST_TMPDIR/trace" \
		"$IOMAP" --sysfs="$SYS" -s 00:03.0 --config -w 16 poke 4 0x0:0x4
	assert_success
	run grep -E 'p(read|write)64\(' "$BATS_TEST_TMPDIR/trace"
	assert_line --index 0 --regexp '^pread64\([0-9]+, "\\7\\0", 2, 4\) += 2$'
	assert_line --index 1 --regexp '^pwrite64\([0-9]+, "\\3\\0", 2, 4\) += 2$'
	assert_equal "${#lines[@]}" 2
	assert_equal "$(hex_at "$CFG" 4 2)" 0300
	printf '\x07\x00' | dd of="$CFG" bs=1 seek=4 conv=notrunc status=none
	assert_equal "$(checksum "$CFG")" "$before"
}

@test "config: poke VALUE:MASK changes only the masked bits; --trace shows both accesses" {
	cfg -w 16 --trace poke 4 0x0400:0x0404
	assert_success
	assert_stderr "R16 0x00000004 -> 0x0007
W16 0x00000004 <- 0x0403"
	assert_equal "$(hex_at "$CFG" 0 8)" 3412e81103041000
	printf '\x07\x00' | dd of="$CFG" bs=1 seek=4 conv=notrunc status=none
}

@test "config: wait polls a register until it matches" {
	cfg -w 16 wait 0 0x1234 --timeout=1s
	assert_success
	cfg -w 16 wait 0 0x1235 --timeout=0
	assert_failure
}

@test "config: fill and load are refused, touching nothing" {
	local before
	before=$(checksum "$CFG")
	cfg fill 0+4 0 --trace
	assert_failure 2
	assert_stderr "iomap: fill is refused on 0000:00:03.0 config space: write its registers one by one with poke"
	printf '\0\0\0\0' > "$BATS_TEST_TMPDIR/in"
	cfg load 0 "$BATS_TEST_TMPDIR/in" --trace
	assert_failure 2
	assert_stderr "iomap: load is refused on 0000:00:03.0 config space: write its registers one by one with poke"
	assert_equal "$(checksum "$CFG")" "$before"
}

@test "config: 64-bit access is refused before any access" {
	cfg -w 64 peek 0 --trace
	assert_failure 2
	assert_stderr "iomap: 0000:00:03.0 config space is read and written 8, 16 or 32 bits at a time: 64-bit access is not possible (use -w 8, 16 or 32)"
}

@test "config: --config needs -s or -d, and takes no -b, --wc or --vfio" {
	run --separate-stderr "$IOMAP" --sysfs="$SYS" --config peek 0
	assert_failure 2
	assert_stderr --partial "iomap: --config goes with -s or -d"
	cfg -b 0 peek 0
	assert_failure 2
	assert_stderr --partial "iomap: -b goes with"
	cfg --wc peek 0
	assert_failure 2
	cfg -f "$CFG" peek 0
	assert_failure 2
	assert_stderr --partial "choose one region"
}

@test "config: -d selects the device too" {
	run --separate-stderr "$IOMAP" --sysfs="$SYS" -d 1234:11e8 --config -w 16 peek 2
	assert_success
	assert_output 0x11e8
}

@test "config: writes under lockdown are refused before the file is opened" {
	local root=$BATS_TEST_TMPDIR/root before
	mkdir -p "$root/sys/kernel/security"
	"$MKFAKESYS" "$root/sys/bus/pci" >/dev/null
	echo 'none [integrity] confidentiality' > "$root/sys/kernel/security/lockdown"
	CFG=$root/sys/bus/pci/devices/0000:00:03.0/config
	before=$(checksum "$CFG")
	run --separate-stderr "$IOMAP" --sysroot="$root" -s 00:03.0 --config -w 16 poke 4 0
	assert_failure 1
	assert_stderr --partial "iomap: the kernel is locked down (integrity mode, $root/sys/kernel/security/lockdown): it refuses writes to PCI configuration space from user space, so 0000:00:03.0 config space was not written"
	assert_equal "$(checksum "$CFG")" "$before"
	# reading is still allowed
	run --separate-stderr "$IOMAP" --sysroot="$root" -s 00:03.0 --config -w 16 peek 4
	assert_success
	assert_output 0x0007
}

@test "config: without CAP_SYS_ADMIN the kernel shows 64 bytes, and iomap says so" {
	local dev
	command -v setpriv >/dev/null || skip "setpriv (util-linux) is not installed"
	[ "$(id -u)" = 0 ] || skip "needs root to drop to nobody"
	dev=$(ls /sys/bus/pci/devices 2>/dev/null | head -1)
	[ -n "$dev" ] || skip "this machine has no PCI devices"
	skip_instrumented "runs iomap as another user"
	run --separate-stderr setpriv --reuid=nobody --regid=nogroup \
		--clear-groups --inh-caps=-all "$IOMAP" -s "$dev" --config -w 8 peek 0x3f
	assert_success
	run --separate-stderr setpriv --reuid=nobody --regid=nogroup \
		--clear-groups --inh-caps=-all "$IOMAP" -s "$dev" --config peek 0x40
	assert_failure 1
	assert_stderr "iomap: 32-bit read at 0x40 of $dev config space failed: short transfer
iomap:   without CAP_SYS_ADMIN the kernel shows only the first 64 bytes of configuration space (it read 0 bytes at 0x40): run iomap as root"
}

@test "names: peek and show by pci_regs.h name, enumerations decoded" {
	dev 03:00.0 peek PCIE.LNKSTA --fields
	assert_success
	assert_line --index 0 0x0041
	assert_line --index 1 --regexp '^  CLS += 0x1 \(2\.5GT/s\)$'
	assert_line --index 2 --regexp '^  NLW += 0x04 \(x4\)$'
	dev 03:00.0 peek PCIE.LNKCAP.SLS --json
	assert_success
	run jq -r '.fields[0].enum' <<<"$output"
	assert_output 16GT/s
	dev 03:00.0 show 'AER.COR_STATUS'
	assert_success
	assert_line --index 0 --regexp '^AER.COR_STATUS +0x00000110 0x00002041$'
	assert_line --regexp '^  RCVR += 0x1$'
	assert_line --regexp '^  BAD_TLP += 0x1$'
	dev 03:00.0 -w 8 peek HDR.COMMAND
	assert_failure 2
	assert_stderr "iomap: -w 8 does not match HDR.COMMAND, a 16-bit register: leave -w out"
}

@test "names: the type 1 header of a bridge, the type 0 of an endpoint" {
	dev 02:01.0 peek HDR.SECONDARY_BUS
	assert_success
	assert_output 0x03
	dev 02:01.0 peek HDR.SUBSYSTEM_ID
	assert_failure 2
	dev 03:00.0 peek HDR.SUBSYSTEM_ID
	assert_success
	assert_output 0xa801
	dev 03:00.0 peek HDR.SECONDARY_BUS
	assert_failure 2
}

@test "names: a repeated capability gets an index, an unknown one its ID" {
	dev 03:00.0 regs 'VSEC*.HEADER'
	assert_success
	assert_line --index 0 --regexp '^VSEC0\.HEADER +0x00000194 32 ro'
	assert_line --index 1 --regexp '^VSEC1\.HEADER +0x000001a4 32 ro'
	dev 03:00.0 peek VSEC1.HEADER.ID
	assert_output 0x0002
	dev 03:00.0 regs 'ECAP*'
	assert_output --regexp '^ECAP002A\.CAP_HDR +0x000001c0 32 ro'
}

@test "names: poke PCIE.LNKCTL.RL 1 writes that bit alone, by read-modify-write" {
	local f=$SYS/devices/0000:03:00.0/config before
	before=$(hex_at "$f" 0 4096)
	dev 03:00.0 --trace poke PCIE.LNKCTL.RL 1
	assert_success
	assert_stderr "R16 0x00000080 -> 0x0042
W16 0x00000080 <- 0x0062"
	assert_equal "$(hex_at "$f" 0x80 2)" 6200
	# put it back; nothing else moved
	dev 03:00.0 poke PCIE.LNKCTL.RL 0
	assert_equal "$(hex_at "$f" 0 4096)" "$before"
}

@test "names: an enumerated value by its name (poke PCIE.LNKCTL2.TLS 8GT/s)" {
	local f=$SYS/devices/0000:03:00.0/config
	dev 03:00.0 poke PCIE.LNKCTL2.TLS 8GT/s
	assert_success
	assert_equal "$(hex_at "$f" 0xa0 2)" 0300
	dev 03:00.0 poke PCIE.LNKCTL2.TLS 16GT/s
	assert_equal "$(hex_at "$f" 0xa0 2)" 0400
	dev 03:00.0 poke PCIE.LNKCTL2.TLS 9GT/s
	assert_failure 2
	assert_equal "$(hex_at "$f" 0xa0 2)" 0400
}

@test "names: a broken or looping capability chain is refused, not followed" {
	dev 04:00.0 peek HDR.COMMAND
	assert_failure 1
	assert_stderr "iomap: 0000:04:00.0 config space: the capability list loops: 0x51 points back to 0x40
iomap:   its registers cannot be named; offsets still work (peek -w 8 0x34, dump)"
	dev 05:00.0 regs
	assert_failure 1
	assert_stderr --partial "iomap: 0000:05:00.0 config space: the extended capability list is broken: 0x100 points to 0x010, outside 0x100-0xfff"
	dev 06:00.0 show
	assert_failure 1
	assert_stderr --partial "iomap: 0000:06:00.0 config space: the extended capability list loops: 0x140 points back to 0x100"
	# offsets still work
	dev 04:00.0 -w 8 peek 0x34
	assert_success
	assert_output 0x40
}

@test "names: -r FILE adds a vendor's registers beside the built-in ones" {
	cat > "$BATS_TEST_TMPDIR/nvme.regs" <<-EOF
	block SMART 0x194
	register VSEC_ID 0 32 ro
	field ID 15:0 ro
	EOF
	dev 03:00.0 -r "$BATS_TEST_TMPDIR/nvme.regs" peek SMART.VSEC_ID.ID
	assert_success
	assert_output 0x0001
	dev 03:00.0 -r "$BATS_TEST_TMPDIR/nvme.regs" peek PCIE.LNKSTA.NLW
	assert_success
	assert_output 0x04
	printf 'block PCIE 0x70\nregister LNKSTA 0x12 16\n' > "$BATS_TEST_TMPDIR/dup.regs"
	dev 03:00.0 -r "$BATS_TEST_TMPDIR/dup.regs" peek PCIE.LNKSTA
	assert_failure 2
	assert_stderr --partial "register PCIE.LNKSTA is described twice"
}

@test "names: regs and show need no -r on configuration space" {
	dev 00:03.0 regs 'HDR.*ID'
	assert_success
	assert_line --index 0 --regexp '^HDR\.VENDOR_ID '
	dev 00:03.0 show HDR.VENDOR_ID
	assert_success
	assert_output --regexp '^HDR\.VENDOR_ID 0x00000000 0x1234$'
	dev 00:03.0 show 'PM.CTRL'
	assert_success
	assert_line --regexp '^  STATE += 0x0 \(D0\)$'
}

