#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# PCI configuration space and list --link against a real kernel: a q35
# guest with two pcie-root-ports, one trained down by its x-speed/x-width
# (00:10.0, 2.5GT/s x1, an nvme behind it at 01:00.0) and one left at
# QEMU's 16GT/s x32 (00:11.0, an e1000e behind it at 02:00.0, which has
# AER). One boot, traced with QEMU's pci_cfg_read/pci_cfg_write events
# (every configuration cycle, with its offset and value) and the
# memory_region_ops events (the markers, and the width of the cycle at
# the 0xcfc data port). AER errors are injected through QEMU's monitor
# (vmmon, tests/vm/README) with the guest's AER driver off (pci=noaer),
# so the status bits stay as injected.
#
# QEMU 7.2's endpoints (e1000e, nvme, virtio) all say 2.5GT/s x1 in
# LNKCAP and LNKSTA, the least a link can do, and a port's LNKSTA is the
# lesser of its x-speed/x-width and its endpoint's: no link here can train
# below what both of its ends can do. What the guest checks is the other
# half: a port that runs below its own capability (00:11.0, x1 of x32)
# because its endpoint can do no more is not flagged (lspci -vvv calls it
# "downgraded"). The DEGRADED mark itself is checked on fake trees in
# tests/pcicfg.bats.

load helpers
load vm/lib

# Bats 1.8 cannot skip from setup_file, so each test checks for itself.
setup() {
	[ "${IOMAP_VM:-}" != skip ] || skip "guest tests skipped (IOMAP_VM=skip)"
	command -v qemu-system-x86_64 >/dev/null ||
		skip_env "QEMU is not installed (apt-get install qemu-system-x86 busybox-static cpio): guest tests skipped"
}

OUT=
# The traced boot, once. Sections of the output follow "=== NAME" lines;
# each traced scenario follows a marker (a byte read of pci-testdev's BAR0
# at the scenario's number).
boot() {
	OUT=$BATS_FILE_TMPDIR/out
	[ -s "$BATS_FILE_TMPDIR/cycles" ] && return 0
	guest_run "$OUT" --machine q35 --append pci=noaer \
		--trace "$BATS_FILE_TMPDIR/trace" \
		--trace-events 'memory_region_ops_*,pci_cfg_*' \
		--qemu-arg -device --qemu-arg pcie-root-port,id=rp1,bus=pcie.0,addr=10.0,chassis=1,x-speed=2_5,x-width=1 \
		--qemu-arg -device --qemu-arg nvme,serial=iomap0,bus=rp1 \
		--qemu-arg -device --qemu-arg pcie-root-port,id=rp2,bus=pcie.0,addr=11.0,chassis=2 \
		--qemu-arg -device --qemu-arg e1000e,id=nic0,bus=rp2,romfile= - <<-'END'
	S() { echo "=== $1"; }
	R() { echo "rc=$?"; }
	M() { iomap -s 00:05.0 -w 8 peek "$1" >/dev/null; }
	vmtrace off
	S link; iomap list --link; R
	S json; iomap list --link --json; R
	S sysfs
	for d in 00:10.0 01:00.0 00:11.0 02:00.0; do
		f=/sys/bus/pci/devices/0000:$d
		echo "0000:$d $(cat $f/current_link_speed)|$(cat $f/current_link_width)|$(cat $f/max_link_speed)|$(cat $f/max_link_width)"
	done
	S peek
	for d in 00:10.0 01:00.0 00:11.0 02:00.0; do
		echo "0000:$d $(iomap -s $d --config peek PCIE.LNKSTA.CLS) $(iomap -s $d --config peek PCIE.LNKSTA.NLW)"
	done
	S peek-fields; iomap -s 00:11.0 --config peek PCIE.LNKSTA --fields; R
	S aer-before; iomap -s 02:00.0 --config show 'AER.*_STATUS'; R
	S inject
	vmmon pcie_aer_inject_error -c nic0 BAD_TLP; R
	vmmon pcie_aer_inject_error nic0 POISON_TLP; R
	S aer-link; iomap list --link; R
	S aer-json; iomap list --link --json; R
	S aer-show; iomap -s 02:00.0 --config show 'AER.*'; R
	vmtrace on
	M 1; iomap -s 00:10.0 --config poke PCIE.LNKCTL.RL 1; R
	M 2; iomap -s 00:10.0 --config peek PCIE.LNKCTL; R
	M 3; iomap -s 00:10.0 --config peek PCIE.LNKSTA; R
	M 4; iomap -s 02:00.0 --config peek AER.COR_STATUS; R
	M 5; iomap -s 02:00.0 --config peek AER.UNCOR_STATUS; R
	M 6
	vmtrace off
	END
	# "cfg read|write DEV SLOT OFFSET VALUE" per configuration cycle,
	# "data read|write SIZE VALUE" per access of the 0xcfc data port (the
	# kernel's route below offset 0x100), "mmcfg read|write SIZE OFFSET
	# VALUE" per access of the ECAM window (its route above),
	# "mark N" per marker
	awk '
		/name .pci-testdev-mmio./ {
			for (i = 1; i < NF; i++) if ($i == "addr") a = $(i + 1)
			print "mark " substr(a, length(a)) + 0
			next
		}
		/pci_cfg_(read|write)/ {
			op = $1; sub(/.*pci_cfg_/, "", op)
			print "cfg " op, $2, $3, $4, $NF
			next
		}
		/name .pcie-mmcfg-mmio./ {
			op = $1; sub(/.*memory_region_ops_/, "", op)
			for (i = 1; i < NF; i++) {
				if ($i == "addr") a = $(i + 1)
				if ($i == "size") sz = $(i + 1)
				if ($i == "value") v = $(i + 1)
			}
			print "mmcfg " op, sz, "0x" substr(a, length(a) - 2), v
			next
		}
		/name .pci-conf-data./ {
			op = $1; sub(/.*memory_region_ops_/, "", op)
			for (i = 1; i < NF; i++) {
				if ($i == "size") sz = $(i + 1)
				if ($i == "value") v = $(i + 1)
			}
			print "data " op, sz, v
		}' "$BATS_FILE_TMPDIR/trace" > "$BATS_FILE_TMPDIR/cycles"
}

cycles() {
	scenario "$BATS_FILE_TMPDIR/cycles" "$1"
}

# speed "2.5 GT/s PCIe" -> 2.5GT/s, "16.0 GT/s PCIe" -> 16GT/s (lspci's and
# iomap's spelling)
speed() {
	local s=${1%% GT/s*}
	s=${s%.0}
	echo "${s}GT/s"
}

@test "guest pcie: list --link shows the ports and their endpoints by topology, the x-speed/x-width port at 2.5GT/s x1" {
	boot
	run section "$OUT" link
	assert_output "0000:00:10.0 root port: 2.5GT/s x1 (capable 2.5GT/s x1)
  0000:01:00.0 endpoint: 2.5GT/s x1 (capable 2.5GT/s x1, upstream 2.5GT/s x1)
0000:00:11.0 root port: 2.5GT/s x1 (capable 16GT/s x32)
  0000:02:00.0 endpoint: 2.5GT/s x1 (capable 2.5GT/s x1, upstream 16GT/s x32)
rc=0"
}

@test "guest pcie: list --link's current and capable speed and width are the kernel's (sysfs current_link_* and max_link_*)" {
	boot
	local slot rest cur curw max maxw n=0
	while IFS=' ' read -r slot rest; do
		IFS='|' read -r cur curw max maxw <<<"$rest"
		run grep -E "^ *$slot " <(section "$OUT" link)
		assert_success
		assert_output --regexp ": $(speed "$cur") x$curw \(capable $(speed "$max") x$maxw[,)]"
		n=$((n + 1))
	done < <(section "$OUT" sysfs)
	assert_equal "$n" 4
	# the same in --json
	command -v jq >/dev/null || skip "jq is not installed"
	run jq -r '.[] | "\(.slot) \(.speed) x\(.width) \(.max_speed) x\(.max_width)"' <<<"$(section "$OUT" json | head -1)"
	assert_output "0000:00:10.0 2.5GT/s x1 2.5GT/s x1
0000:01:00.0 2.5GT/s x1 2.5GT/s x1
0000:00:11.0 2.5GT/s x1 16GT/s x32
0000:02:00.0 2.5GT/s x1 2.5GT/s x1"
}

@test "guest pcie: a port below its own capability because its endpoint can do no more is not flagged" {
	boot
	# 00:11.0 runs x1 of its x32 and 2.5 of its 16GT/s: the link is at
	# what its endpoint can do, so it is not degraded
	run section "$OUT" link
	refute_output --partial DEGRADED
	command -v jq >/dev/null || skip "jq is not installed"
	run jq -r '[.[] | select(.degraded)] | length' <<<"$(section "$OUT" json | head -1)"
	assert_output 0
	run jq -r '.[] | select(.slot == "0000:02:00.0") | "\(.upstream) \(.upstream_max_speed) x\(.upstream_max_width) \(.degraded)"' <<<"$(section "$OUT" json | head -1)"
	assert_output "0000:00:11.0 16GT/s x32 false"
}

@test "guest pcie: peek PCIE.LNKSTA.CLS and .NLW agree with the kernel's current_link_speed and current_link_width" {
	boot
	local slot rest cur curw n=0
	while IFS=' ' read -r slot rest; do
		IFS='|' read -r cur curw _ <<<"$rest"
		run grep "^$slot " <(section "$OUT" peek)
		assert_success
		# CLS 1 is 2.5GT/s, NLW is the width
		case $(speed "$cur") in
		2.5GT/s) assert_output "$slot 0x1 $(printf '0x%02x' "$curw")" ;;
		*) fail "unexpected speed $cur" ;;
		esac
		n=$((n + 1))
	done < <(section "$OUT" sysfs)
	assert_equal "$n" 4
	run section "$OUT" peek-fields
	assert_line --index 0 0x0011
	assert_line --index 1 "  CLS   = 0x1 (2.5GT/s)"
	assert_line --index 2 "  NLW   = 0x01 (x1)"
	assert_line rc=0
}

@test "guest pcie: an AER error injected through QEMU's monitor shows in list --link and in show 'AER.*'" {
	boot
	run section "$OUT" aer-before
	assert_output --partial "AER.UNCOR_STATUS 0x00000104 0x00000000"
	assert_output --partial "AER.COR_STATUS   0x00000110 0x00000000"
	run section "$OUT" link
	refute_output --partial AER
	run section "$OUT" inject
	assert_output "OK id: nic0 root bus: 0000:00, bus: 2 devfn: 0.0
rc=0
OK id: nic0 root bus: 0000:00, bus: 2 devfn: 0.0
rc=0"
	# the bits by name, on the e1000e's line and on no other. (QEMU 7.2's
	# injection of the uncorrectable error also zeroes the e1000e's LNKCAP,
	# at 0xec, and the header of its DSN capability, at 0x140: the guest's
	# config bytes show it, and list --link prints the device's word)
	run section "$OUT" aer-link
	assert_line "  0000:02:00.0 endpoint: 2.5GT/s x1 (capable ? x0, upstream 16GT/s x32)  AER UNCOR_STATUS.POISON_TLP COR_STATUS.BAD_TLP"
	run grep -c AER <(section "$OUT" aer-link)
	assert_output 1
	run section "$OUT" aer-show
	assert_line "AER.UNCOR_STATUS 0x00000104 0x00001000"
	assert_line "  POISON_TLP = 0x1"
	assert_line "AER.COR_STATUS   0x00000110 0x00000040"
	assert_line "  BAD_TLP   = 0x1"
	assert_line rc=0
	command -v jq >/dev/null || skip "jq is not installed"
	run jq -c '.[] | select(.slot == "0000:02:00.0") | .aer' <<<"$(section "$OUT" aer-json | head -1)"
	assert_output '["UNCOR_STATUS.POISON_TLP","COR_STATUS.BAD_TLP"]'
}

@test "guest pcie trace: the AER status iomap prints is what the device answered, one 32-bit cycle each" {
	boot
	# (iomap first reads the whole space to find the capabilities; the
	# register's own read is the last cycle of the scenario)
	run cycles 4
	assert_equal "$(grep '^cfg read' <<<"$output" | tail -1)" "cfg read e1000e 02:00.0 @0x110 0x40"
	assert_equal "$(grep '^mmcfg' <<<"$output" | tail -1)" "mmcfg read 4 0x110 0x40"
	run cycles 5
	assert_equal "$(grep '^cfg read' <<<"$output" | tail -1)" "cfg read e1000e 02:00.0 @0x104 0x1000"
	assert_equal "$(grep '^mmcfg' <<<"$output" | tail -1)" "mmcfg read 4 0x104 0x1000"
	run bash -c "tail -4 '$OUT'"
	assert_output "0x00000040
rc=0
0x00001000
rc=0"
}

@test "guest pcie trace: poke PCIE.LNKCTL.RL 1 on the root port is one 16-bit configuration write of 0x20 to LNKCTL, and nothing else is written" {
	boot
	# the PCIe capability of pcie-root-port is at 0x54: LNKCTL at 0x64
	run grep -E '^cfg write|^(data|mmcfg) write' <(cycles 1)
	assert_output "data write 2 0x20
cfg write pcie-root-port 00:10.0 @0x64 0x20"
	# the other scenarios write nothing
	local n
	for n in 2 3 4 5; do
		run grep -E '^cfg write|^(data|mmcfg) write' <(cycles "$n")
		assert_output ''
	done
	# RL reads as 0 again, and the link came back at 2.5GT/s x1
	run tail -9 "$OUT"
	assert_output "rc=0
0x0000
rc=0
0x0011
rc=0
0x00000040
rc=0
0x00001000
rc=0"
}
