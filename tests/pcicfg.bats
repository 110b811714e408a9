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
	assert_stderr "R16 0x00000004 -> 0x0007  HDR.COMMAND
W16 0x00000004 <- 0x0403  HDR.COMMAND"
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
	assert_stderr "R16 0x00000080 -> 0x0042  PCIE.LNKCTL
W16 0x00000080 <- 0x0062  PCIE.LNKCTL"
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
	# a vendor's register of a built-in name is an erratum (iomap(1),
	# Errata): the built-in one keeps the name, the vendor's gets _2
	printf 'block PCIE 0x70\nregister LNKSTA 0x10 16\n' > "$BATS_TEST_TMPDIR/dup.regs"
	dev 03:00.0 -r "$BATS_TEST_TMPDIR/dup.regs" peek PCIE.LNKSTA
	assert_success
	assert_output 0x0041
	assert_stderr --regexp "^iomap: $BATS_TEST_TMPDIR/dup.regs: 1 problem ignored, the first at line 2: register PCIE.LNKSTA is described twice.*'regs --check' lists them$"
	dev 03:00.0 -r "$BATS_TEST_TMPDIR/dup.regs" peek PCIE.LNKSTA_2
	assert_success
	assert_output "$(dev 03:00.0 peek PCIE.LNKCTL; echo "$output")"
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

# ---------------------------------------------------------------------------
# The oracle: lspci -vvv -F reads the same dumps (fixtures/pci/*.lspci) on
# its own; every capability iomap names, and every value it decodes, must
# agree with what lspci prints.

# oracle NAME: LSPCI = lspci -vvv -F on fixtures/pci/NAME.lspci; SLOT its
# device; JSON = iomap's `show --json` of every register of that device.
oracle() {
	command -v lspci >/dev/null || skip "lspci (pciutils) is not installed"
	local dump=$TESTS_SRCDIR/fixtures/pci/$1.lspci
	SLOT=$(awk 'NR == 1 { print $1 }' "$dump")
	LSPCI=$(lspci -vvv -F "$dump" 2>/dev/null)
	JSON=$("$IOMAP" --sysfs="$SYS" -s "$SLOT" --config show --json)
}

# field REG FIELD: iomap's decoding of REG.FIELD: the value's name, else
# the value.
field() {
	jq -r --arg r "$1" --arg f "$2" '.[] | select(.name == $r) |
		.fields[] | select(.name == $f) | (.enum // .value)' <<<"$JSON"
}

# flag REG FIELD: + or -, as lspci shows a bit.
flag() {
	case $(field "$1" "$2") in
	0x1) echo + ;;
	0x0) echo - ;;
	*) echo "?" ;;
	esac
}

# lspci_flags LINE_REGEXP NAME...: NAME+ or NAME- for each, from the lspci
# line that matches (and the lines continuing it).
lspci_flags() {
	local re=$1 text
	shift
	text=$(awk -v re="$re" '$0 ~ re { on = 1; print; next }
		on && /^\t\t\t/ { print; next } { on = 0 }' <<<"$LSPCI")
	for n; do
		grep -oE "(^|[ :	])$n[+-]" <<<"$text" | head -1 | tr -d ' :\t'
	done
}

# iomap_flags REG NAME=FIELD...: NAME+ or NAME- from iomap, for each.
iomap_flags() {
	local reg=$1 p
	shift
	for p; do
		echo "${p%%=*}$(flag "$reg" "${p#*=}")"
	done
}

# The block name iomap gives a capability lspci prints as TEXT at OFFSET.
block_of() {
	case $2 in
	"Power Management"*) echo PM ;;
	"MSI: "*) echo MSI ;;
	"MSI-X: "*) echo MSIX ;;
	"Express "*) echo PCIE ;;
	"Subsystem: "*) echo SSVID ;;
	"Vendor Specific Information"*) (($1 >= 0x100)) && echo VSEC || echo VNDR ;;
	"Advanced Error Reporting") echo AER ;;
	"Device Serial Number"*) echo DSN ;;
	"Secondary PCI Express") echo SECPCI ;;
	"Latency Tolerance Reporting") echo LTR ;;
	"L1 PM Substates") echo L1SS ;;
	"Access Control Services") echo ACS ;;
	"Downstream Port Containment") echo DPC ;;
	"Extended Capability ID 0x"*) printf 'ECAP%04X\n' "0x${2##*0x}" ;;
	*) echo "?$2" ;;
	esac
}

@test "oracle: every capability iomap names is where lspci -vvv -F finds it" {
	local f off text want got
	for f in rootport switch-up switch-down nvme; do
		oracle "$f"
		want=$(sed -nE 's/^\tCapabilities: \[([0-9a-f]+)( v[0-9]+)?\] (.*)$/\1 \3/p' <<<"$LSPCI" |
			while read -r off text; do
				printf '0x%03x %s\n' "0x$off" "$(block_of "0x$off" "$text")"
			done | sort)
		got=$(jq -r '.[] | select(.name | endswith(".CAP_HDR")) |
			"\(.address) \(.name | sub("\\.CAP_HDR$"; "") | sub("[0-9]+$"; ""))"' <<<"$JSON" |
			while read -r off text; do printf '0x%03x %s\n' "$off" "$text"; done | sort)
		[ -n "$want" ] || fail "$f: lspci found no capability"
		assert_equal "$got" "$want"
	done
}

@test "oracle: link speeds, widths, ASPM, port type and payloads decoded as lspci decodes them" {
	local f re
	for f in rootport switch-up switch-down nvme; do
		oracle "$f"
		# LnkCap:	Port #1, Speed 8GT/s, Width x4, ASPM L0s L1, Exit ...
		re=$'\t\tLnkCap:\tPort #([0-9]+), Speed ([0-9.]+GT/s), Width (x[0-9]+), ASPM ([^,]+),'
		[[ $LSPCI =~ $re ]] || fail "$f: no LnkCap line"
		assert_equal "$(field PCIE.LNKCAP PN)" "$(printf '0x%02x' "${BASH_REMATCH[1]}")"
		assert_equal "$(field PCIE.LNKCAP SLS)" "${BASH_REMATCH[2]}"
		assert_equal "$(field PCIE.LNKCAP MLW)" "${BASH_REMATCH[3]}"
		local aspm=${BASH_REMATCH[4]}
		[ "$aspm" = "not supported" ] && aspm=none
		assert_equal "$(field PCIE.LNKCAP ASPMS)" "${aspm// /_}"
		# LnkSta:	Speed 2.5GT/s (downgraded), Width x4
		re=$'\t\tLnkSta:\tSpeed ([0-9.]+GT/s)[^,]*, Width (x[0-9]+)'
		[[ $LSPCI =~ $re ]] || fail "$f: no LnkSta line"
		assert_equal "$(field PCIE.LNKSTA CLS)" "${BASH_REMATCH[1]}"
		assert_equal "$(field PCIE.LNKSTA NLW)" "${BASH_REMATCH[2]}"
		# LnkCtl:	ASPM Disabled; ... or ASPM L1 Enabled; ...
		re=$'\t\tLnkCtl:\tASPM ([^;]+);'
		[[ $LSPCI =~ $re ]] || fail "$f: no LnkCtl line"
		aspm=${BASH_REMATCH[1]% Enabled}
		[ "$aspm" = Disabled ] && aspm=disabled
		assert_equal "$(field PCIE.LNKCTL ASPMC)" "${aspm// /_}"
		re=$'\t\tLnkCtl2: Target Link Speed: ([0-9.]+GT/s),'
		[[ $LSPCI =~ $re ]] || fail "$f: no LnkCtl2 line"
		assert_equal "$(field PCIE.LNKCTL2 TLS)" "${BASH_REMATCH[1]}"
		# LnkCap2: Supported Link Speeds: 2.5-16GT/s: up to that bit, no more
		re='Supported Link Speeds: 2\.5-([0-9]+)GT/s'
		[[ $LSPCI =~ $re ]] || fail "$f: no LnkCap2 speeds"
		case ${BASH_REMATCH[1]} in
		8) assert_equal "$(flag PCIE.LNKCAP2 SLS_8_0GB)$(flag PCIE.LNKCAP2 SLS_16_0GB)" "+-" ;;
		16) assert_equal "$(flag PCIE.LNKCAP2 SLS_16_0GB)$(flag PCIE.LNKCAP2 SLS_32_0GB)" "+-" ;;
		*) fail "$f: speeds up to ${BASH_REMATCH[1]}GT/s: add the case" ;;
		esac
		# Express (v2) Root Port (Slot+), MSI 00
		re=$'\tCapabilities: \\[[0-9a-f]+\\] Express \\(v([0-9])\\) ([A-Za-z ]+)(, | \\()'
		[[ $LSPCI =~ $re ]] || fail "$f: no Express line"
		assert_equal "$(field PCIE.FLAGS VERS)" "0x${BASH_REMATCH[1]}"
		local type=${BASH_REMATCH[2]}
		case $type in
		"Root Port") type=ROOT_PORT ;;
		"Upstream Port") type=UPSTREAM ;;
		"Downstream Port") type=DOWNSTREAM ;;
		Endpoint) type=ENDPOINT ;;
		esac
		assert_equal "$(field PCIE.FLAGS TYPE)" "$type"
		# DevCap:	MaxPayload 1024 bytes; DevCtl: MaxPayload 512 bytes, MaxReadReq 4096 bytes
		re=$'\t\tDevCap:\tMaxPayload ([0-9]+) bytes'
		[[ $LSPCI =~ $re ]] || fail "$f: no DevCap line"
		assert_equal "$(field PCIE.DEVCAP PAYLOAD)" "${BASH_REMATCH[1]}B"
		re=$'\t\t\tMaxPayload ([0-9]+) bytes, MaxReadReq ([0-9]+) bytes'
		[[ $LSPCI =~ $re ]] || fail "$f: no DevCtl payload line"
		assert_equal "$(field PCIE.DEVCTL PAYLOAD)" "${BASH_REMATCH[1]}B"
		assert_equal "$(field PCIE.DEVCTL READRQ)" "${BASH_REMATCH[2]}B"
		# Power Management ... Status: D0 NoSoftRst+
		re=$'\t\tStatus: (D[0-3](hot)?) NoSoftRst'
		[[ $LSPCI =~ $re ]] || fail "$f: no PM status line"
		assert_equal "$(field PM.CTRL STATE)" "${BASH_REMATCH[1]/#D3/D3hot}"
	done
}

@test "oracle: COMMAND, device status and AER bits as lspci shows them" {
	local f
	for f in rootport switch-up switch-down nvme; do
		oracle "$f"
		assert_equal "$(iomap_flags HDR.COMMAND I/O=IO Mem=MEMORY \
			BusMaster=MASTER SpecCycle=SPECIAL MemWINV=INVALIDATE \
			VGASnoop=VGA_PALETTE ParErr=PARITY Stepping=WAIT SERR=SERR \
			FastB2B=FAST_BACK DisINTx=INTX_DISABLE)" \
			"$(lspci_flags '^\tControl:' I/O Mem BusMaster SpecCycle \
			MemWINV VGASnoop ParErr Stepping SERR FastB2B DisINTx)"
		assert_equal "$(iomap_flags PCIE.DEVSTA CorrErr=CED \
			NonFatalErr=NFED FatalErr=FED UnsupReq=URD AuxPwr=AUXPD \
			TransPend=TRPND)" \
			"$(lspci_flags '^\t\tDevSta:' CorrErr NonFatalErr FatalErr \
			UnsupReq AuxPwr TransPend)"
		local unc=(DLP=DLP SDES=SURPDN TLP=POISON_TLP FCP=FCP
			CmpltTO=COMP_TIME CmpltAbrt=COMP_ABORT UnxCmplt=UNX_COMP
			RxOF=RX_OVER MalfTLP=MALF_TLP ECRC=ECRC UnsupReq=UNSUP
			ACSViol=ACSV)
		local cor=(RxErr=RCVR BadTLP=BAD_TLP BadDLLP=BAD_DLLP
			Rollover=REP_ROLL Timeout=REP_TIMER
			AdvNonFatalErr=ADV_NFAT)
		assert_equal "$(iomap_flags AER.UNCOR_STATUS "${unc[@]}")" \
			"$(lspci_flags '^\t\tUESta:' "${unc[@]%%=*}")"
		assert_equal "$(iomap_flags AER.UNCOR_MASK "${unc[@]}")" \
			"$(lspci_flags '^\t\tUEMsk:' "${unc[@]%%=*}")"
		assert_equal "$(iomap_flags AER.UNCOR_SEVER "${unc[@]}")" \
			"$(lspci_flags '^\t\tUESvrt:' "${unc[@]%%=*}")"
		assert_equal "$(iomap_flags AER.COR_STATUS "${cor[@]}")" \
			"$(lspci_flags '^\t\tCESta:' "${cor[@]%%=*}")"
		assert_equal "$(iomap_flags AER.COR_MASK "${cor[@]}")" \
			"$(lspci_flags '^\t\tCEMsk:' "${cor[@]%%=*}")"
	done
	# the NVMe drive has errors logged: the check sees set bits too
	oracle nvme
	assert_equal "$(flag AER.COR_STATUS BAD_TLP)$(flag AER.UNCOR_STATUS UNSUP)" "++"
}

@test "oracle: MSI, MSI-X, L1 PM substates, serial number and VSEC as lspci shows them" {
	local re
	oracle nvme
	assert_equal "$(iomap_flags MSI.FLAGS Enable=ENABLE Maskable=MASKBIT 64bit=64BIT)" \
		"$(lspci_flags '^\tCapabilities: \[[0-9a-f]+\] MSI:' Enable Maskable 64bit)"
	assert_equal "$(iomap_flags MSIX.FLAGS Enable=ENABLE Masked=MASKALL)" \
		"$(lspci_flags '^\tCapabilities: \[[0-9a-f]+\] MSI-X:' Enable Masked)"
	re='MSI-X: Enable[+-] Count=([0-9]+)'
	[[ $LSPCI =~ $re ]] || fail "no MSI-X count"
	assert_equal "$(($(field MSIX.FLAGS QSIZE) + 1))" "${BASH_REMATCH[1]}"
	re='Vector table: BAR=([0-9]) offset=([0-9a-f]+)'
	[[ $LSPCI =~ $re ]] || fail "no MSI-X table"
	assert_equal "$(($(field MSIX.TABLE BIR)))" "${BASH_REMATCH[1]}"
	assert_equal "$(($(field MSIX.TABLE OFFSET) * 8))" "$((0x${BASH_REMATCH[2]}))"
	assert_equal "$(iomap_flags L1SS.CAP PCI-PM_L1.2=PCIPM_L1_2 \
		PCI-PM_L1.1=PCIPM_L1_1 ASPM_L1.2=ASPM_L1_2 ASPM_L1.1=ASPM_L1_1 \
		L1_PM_Substates=L1_PM_SS)" \
		"$(lspci_flags '^\t\tL1SubCap:' PCI-PM_L1.2 PCI-PM_L1.1 ASPM_L1.2 \
		ASPM_L1.1 L1_PM_Substates)"
	assert_equal "$(iomap_flags L1SS.CTL1 PCI-PM_L1.2=PCIPM_L1_2 \
		PCI-PM_L1.1=PCIPM_L1_1 ASPM_L1.2=ASPM_L1_2 ASPM_L1.1=ASPM_L1_1)" \
		"$(lspci_flags '^\t\tL1SubCtl1:' PCI-PM_L1.2 PCI-PM_L1.1 ASPM_L1.2 \
		ASPM_L1.1)"
	# Device Serial Number 00-25-38-b1-00-00-00-01: the high dword first
	re='Device Serial Number ([0-9a-f-]+)'
	[[ $LSPCI =~ $re ]] || fail "no serial number"
	local sn=${BASH_REMATCH[1]//-/}
	assert_equal "$(jq -r '.[] | select(.name == "DSN.SERIAL_HI") | .value' <<<"$JSON")" "0x${sn:0:8}"
	assert_equal "$(jq -r '.[] | select(.name == "DSN.SERIAL_LO") | .value' <<<"$JSON")" "0x${sn:8:8}"
	# Vendor Specific Information: ID=0002 Rev=1 Len=020, at 0x1a0: VSEC1
	re=$'\\[1a0 v1\\] Vendor Specific Information: ID=([0-9a-f]+) Rev=([0-9]+) Len=([0-9a-f]+)'
	[[ $LSPCI =~ $re ]] || fail "no VSEC at 0x1a0"
	assert_equal "$(($(field VSEC1.HEADER ID)))" "$((0x${BASH_REMATCH[1]}))"
	assert_equal "$(($(field VSEC1.HEADER REV)))" "${BASH_REMATCH[2]}"
	assert_equal "$(($(field VSEC1.HEADER LEN)))" "$((0x${BASH_REMATCH[3]}))"
}

@test "oracle: lspci sees the loops iomap refuses" {
	command -v lspci >/dev/null || skip "lspci (pciutils) is not installed"
	run lspci -vvv -F "$TESTS_SRCDIR/fixtures/pci/loop.lspci"
	assert_output --partial "Capabilities: [40] <chain looped>"
	run lspci -vvv -F "$TESTS_SRCDIR/fixtures/pci/ext-loop.lspci"
	assert_output --partial "Capabilities: [100 v2] <chain looped>"
}

# ---------------------------------------------------------------------------
# list --link

@test "list --link: every PCIe port and device by topology, the degraded link marked, AER bits by name" {
	run --separate-stderr "$IOMAP" --sysfs="$SYS" list --link
	assert_success
	assert_output "0000:00:1c.0 root port: 8GT/s x4 (capable 8GT/s x4)
  0000:01:00.0 upstream port: 8GT/s x4 (capable 8GT/s x4, upstream 8GT/s x4)
    0000:02:01.0 downstream port: 2.5GT/s x4 (capable 16GT/s x4)
      0000:03:00.0 endpoint: 2.5GT/s x4 (capable 16GT/s x4, upstream 16GT/s x4)  DEGRADED  AER UNCOR_STATUS.COMP_TIME UNCOR_STATUS.UNSUP COR_STATUS.RCVR COR_STATUS.BAD_TLP COR_STATUS.ADV_NFAT"
}

@test "list --link --json: the same, one object a port, in topology order" {
	run --separate-stderr "$IOMAP" --sysfs="$SYS" list --link --json
	assert_success
	run jq -r '.[] | "\(.depth) \(.slot) \(.upstream) \(.speed) x\(.width) \(.max_speed) \(.upstream_max_speed) \(.degraded) \(.aer | join(","))"' <<<"$output"
	assert_success
	assert_output "0 0000:00:1c.0 null 8GT/s x4 8GT/s null false 
1 0000:01:00.0 0000:00:1c.0 8GT/s x4 8GT/s 8GT/s false 
2 0000:02:01.0 0000:01:00.0 2.5GT/s x4 16GT/s null false 
3 0000:03:00.0 0000:02:01.0 2.5GT/s x4 16GT/s 16GT/s true UNCOR_STATUS.COMP_TIME,UNCOR_STATUS.UNSUP,COR_STATUS.RCVR,COR_STATUS.BAD_TLP,COR_STATUS.ADV_NFAT"
}

@test "list --link: a link is marked only below what both ends can do" {
	local f=$SYS/devices/0000:03:00.0/config before
	before=$(hex_at "$f" 0x82 2)
	# LNKSTA 16GT/s x4: what both ends can do
	printf '\x44\x00' | dd of="$f" bs=1 seek=$((0x82)) conv=notrunc status=none
	run --separate-stderr "$IOMAP" --sysfs="$SYS" list --link
	assert_line --index 3 --regexp '^      0000:03:00\.0 endpoint: 16GT/s x4 \(capable 16GT/s x4, upstream 16GT/s x4\)  AER '
	# 16GT/s x2: narrower than both
	printf '\x24\x00' | dd of="$f" bs=1 seek=$((0x82)) conv=notrunc status=none
	run --separate-stderr "$IOMAP" --sysfs="$SYS" list --link
	assert_line --index 3 --regexp '^      0000:03:00\.0 endpoint: 16GT/s x2 .*  DEGRADED  AER '
	printf "\\x${before:0:2}\\x${before:2:2}" | dd of="$f" bs=1 seek=$((0x82)) conv=notrunc status=none
	# the switch's upstream port can do 8GT/s: at 8GT/s it is not degraded
	run --separate-stderr "$IOMAP" --sysfs="$SYS" list --link
	assert_line --index 1 --regexp '^  0000:01:00\.0 upstream port: 8GT/s x4 \(capable 8GT/s x4, upstream 8GT/s x4\)$'
}

@test "list --link takes no region options; --link goes with list alone" {
	run --separate-stderr "$IOMAP" --sysfs="$SYS" -s 03:00.0 list --link
	assert_failure 2
	assert_stderr "iomap: list --link shows every PCI Express link of the machine: it takes no region options (filter with grep or jq)"
	run --separate-stderr "$IOMAP" --sysfs="$SYS" -s 03:00.0 --config peek 0 --link
	assert_failure 2
	assert_stderr --partial "iomap: --link goes with list"
}
