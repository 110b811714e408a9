# SPDX-License-Identifier: GPL-2.0-or-later
# Shared set-up for iomap's bats suites: paths, fixtures and small checks.
# The byte-order assertions in these suites assume a little-endian host.

bats_require_minimum_version 1.5.0
load '/usr/lib/bats/bats-support/load'
load '/usr/lib/bats/bats-assert/load'

TESTS_SRCDIR=${TESTS_SRCDIR:-$BATS_TEST_DIRNAME}
IOMAP=${IOMAP:-$TESTS_SRCDIR/../iomap}
MKFAKESYS=$TESTS_SRCDIR/fixtures/mkfakesys
# The running kernel's page size: windows and bus errors past a file's end
# follow it (4 KiB here, 16 or 64 KiB on some arm64 kernels).
PAGE=$(getconf PAGESIZE)
SEALED=${SEALED:-$TESTS_SRCDIR/sealed}
IOMAP_MAN=${IOMAP_MAN:-${IOMAP%/*}/man/iomap.1}

iomap() {
	"$IOMAP" "$@"
}

# skip_env WHY: skip a test of the guest tier, the static or the arm64 build
# that this machine cannot run (a download failed, a package is missing).
# Under CI=true that is a failure with the reason: CI machines can run all
# three, so a skip there means something broke (.ci/run).
skip_env() {
	[ "${CI:-}" != true ] || fail "$1 (CI=true: this test must run here)"
	skip "$1"
}

# skip_instrumented WHY: skip a test that cannot run when iomap is built with
# sanitizers (IOMAP_SANITIZED) or runs under valgrind (IOMAP_VALGRIND), such
# as setuid copies and strace counts; WHY says what it needs.
skip_instrumented() {
	[ -z "${IOMAP_SANITIZED:-}" ] ||
		skip "$1: not with a sanitized iomap (IOMAP_SANITIZED)"
	[ -z "${IOMAP_VALGRIND:-}" ] ||
		skip "$1: not with iomap under valgrind (IOMAP_VALGRIND)"
}

# poll_until SECONDS CMD...: run CMD every 10 ms until it succeeds; status 1
# if it has not within SECONDS. A bound on waiting, not a timing assertion:
# on a loaded machine the condition comes later, and the test still passes.
poll_until() {
	local end=$((SECONDS + $1))
	shift
	until "$@"; do
		((SECONDS < end)) || return 1
		sleep 0.01
	done
}

# pattern_file PATH SIZE: byte i holds i & 0xff.
pattern_file() {
	local block
	block=$(printf '%02x' $(seq 0 255) | sed 's/../\\x&/g')
	: > "$1"
	local n=$(( ($2 + 255) / 256 ))
	for ((i = 0; i < n; i++)); do printf "$block"; done > "$1"
	truncate -s "$2" "$1"
}

# zero_file PATH SIZE: a sparse file of zeros.
zero_file() {
	rm -f "$1"
	truncate -s "$2" "$1"
}

# hex_at PATH OFFSET LEN: the bytes as one lowercase hex string.
hex_at() {
	od -An -tx1 -v -j "$2" -N "$3" "$1" | tr -d ' \n'
}

# fake_sys: build the fake PCI sysfs tree once per test file into $SYS.
fake_sys() {
	SYS=$BATS_FILE_TMPDIR/sys
	[ -d "$SYS/devices" ] || "$MKFAKESYS" "$SYS" >/dev/null
}

# source_copy DIR: what `./configure && make iomap` needs, copied into DIR
# with timestamps kept (so make does not run automake again): a separate
# build even when the tree is configured in place.
source_copy() {
	local top=$TESTS_SRCDIR/..
	[ -x "$top/configure" ] || skip "no configure script (run autoreconf -fi)"
	mkdir -p "$1/src" "$1/man"
	cp -p "$top/configure" "$top/configure.ac" "$top/Makefile.am" \
		"$top/Makefile.in" "$top/aclocal.m4" "$top/config.h.in" \
		"$top/iomap.pc.in" "$1"
	cp -pr "$top/build-aux" "$1"
	[ ! -d "$top/m4" ] || cp -pr "$top/m4" "$1"	# not in a tarball
	# The sources of the tool, the library and its header, and no build
	# product of a tree configured in place.
	(cd "$top" && find src lib include -name '*.[ch]' -print0 2>/dev/null |
		xargs -0 tar cf -) | (cd "$1" && tar xpf -)
	cp -p "$top/man/iomap.1.in" "$top/man/libiomap.3" "$1/man"
	chmod -R u+w "$1"	# distcheck's sources are read-only
}

# checksum PATH
checksum() {
	sha256sum "$1" | cut -d' ' -f1
}

# assert_stderr [--partial|--regexp] TEXT: bats-assert's, for versions without it
# (Debian 12 ships bats-assert 2.0, which predates assert_stderr).
if ! declare -F assert_stderr >/dev/null; then
	assert_stderr() {
		if [[ $1 == --regexp ]]; then
			[[ $stderr =~ $2 ]] && return 0
			batslib_print_kv_single_or_multi 8 regexp "$2" \
				stderr "$stderr" |
				batslib_decorate 'stderr does not match' | fail
		elif [[ $1 == --partial ]]; then
			[[ $stderr == *"$2"* ]] && return 0
			batslib_print_kv_single_or_multi 8 substring "$2" \
				stderr "$stderr" |
				batslib_decorate 'stderr does not contain substring' |
				fail
		else
			[[ $stderr == "$1" ]] && return 0
			batslib_print_kv_single_or_multi 8 expected "$1" \
				actual "$stderr" |
				batslib_decorate 'stderr differs' | fail
		fi
	}
fi
