# SPDX-License-Identifier: GPL-2.0-or-later
# Shared by the guest suites (tests/vm*.bats): booting a guest, cutting its
# output into sections, and reading QEMU's memory_region_ops trace.

GUEST=$TESTS_SRCDIR/vm/guest
# A bound on each boot, not a timing: a TCG guest on a loaded machine (two
# CPUs, both busy) took more than the harness's default 120 s.
export IOMAP_VM_TIMEOUT=${IOMAP_VM_TIMEOUT:-900}

# guest_run OUT [harness options] SCRIPT: boot, run SCRIPT, output to OUT
# (stderr to OUT.err). The iomap put in is $GUEST_IOMAP (default $IOMAP);
# $GUEST_ARGS (an array) comes first, e.g. (--arch arm64). A harness that
# cannot run here (77) skips the test with its reason (skip_env: under
# CI=true, fails with it).
guest_run() {
	local out=$1 rc=0
	shift
	"$GUEST" run "${GUEST_ARGS[@]}" --iomap "${GUEST_IOMAP:-$IOMAP}" "$@" \
		> "$out" 2> "$out.err" || rc=$?
	if [ "$rc" -eq 77 ]; then
		skip_env "$(tail -1 "$out.err")"
	elif [ "$rc" -ne 0 ]; then
		cat "$out.err" >&2
		echo "guest script failed with status $rc" >&2
		return 1
	fi
}

# section FILE NAME: the lines between "=== NAME" and the next "===".
section() {
	awk -v name="=== $2" '$0 == name { on = 1; next } /^=== / { on = 0 } on' "$1"
}

# trace_accesses TRACE NAMES [MOD]: QEMU's trace as one line per access to
# a memory region whose name matches the (whole) regular expression NAMES,
# "OP OFFSET SIZE VALUE", and "mark N" for each marker, a read of
# pci-testdev's BAR0 at offset N. OFFSET is the address modulo MOD
# (default 1 MiB, edu's BAR size; 4096 for a board device's 4 KiB window),
# so it is the offset in a window of that size aligned to it. VALUE is as
# the device model saw it (a big-endian device's value is byte-swapped).
trace_accesses() {
	awk -v names="$2" -v mod="${3:-1048576}" '
		function hex(s,   n, i) {
			s = tolower(s); sub(/^0x/, "", s); n = 0
			for (i = 1; i <= length(s); i++)
				n = n * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
			return n
		}
		/name .pci-testdev-mmio./ {
			for (i = 1; i < NF; i++) if ($i == "addr") a = hex($(i + 1))
			print "mark " a % 4096
			next
		}
		{
			name = ""
			for (i = 1; i < NF; i++) if ($i == "name") name = $(i + 1)
			gsub(/^'"'"'|'"'"'$/, "", name)
			if (name == "" || name !~ ("^(" names ")$")) next
			op = $1; sub(/.*memory_region_ops_/, "", op)
			for (i = 1; i < NF; i++) {
				if ($i == "addr") a = hex($(i + 1))
				if ($i == "size") sz = $(i + 1)
				if ($i == "value") v = $(i + 1)
			}
			printf "%s 0x%x %s %s\n", op, a % mod, sz, v
		}' "$1"
}

# scenario FILE N: the accesses of scenario N, between its marker and the
# next.
scenario() {
	awk -v n="$2" '$1 == "mark" { on = ($2 == n); next } on' "$1"
}
