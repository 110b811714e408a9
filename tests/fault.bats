#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# iomap's SIGBUS/SIGSEGV handler (lib/mapping/fault.c) reports a fault
# inside a mapped window and hands any other fault to the handler installed
# before it: a sanitizer's report, or the default action. tests/faultchain
# (built for make check only) makes the faults: the product has no way to
# fault on purpose.

load helpers

setup() {
	FAULTCHAIN=${FAULTCHAIN:-$TESTS_SRCDIR/faultchain}
	[ -x "$FAULTCHAIN" ] || skip "tests/faultchain is not built (make check builds it)"
	E=$BATS_TEST_TMPDIR/empty
	: > "$E"
}

@test "a fault inside the window is reported, not a crash" {
	run --separate-stderr "$FAULTCHAIN" inside "$E"
	assert_failure 1
	assert_output ''
	assert_stderr "iomap: bus error (SIGBUS) during a 32-bit read at 0x8 in $E
iomap:   $E is only 0 bytes long; the access is past its end"
}

@test "a fault outside the window goes to the handler installed before" {
	run --separate-stderr "$FAULTCHAIN" prior "$E"
	assert_failure 42
	assert_output ''
	assert_stderr 'prior handler: SIGSEGV'
}

@test "a fault outside the window is not hidden: default action, or the sanitizer's report" {
	if [ -n "${IOMAP_SANITIZED:-}" ]; then
		# The report to stderr, not to the logs make check fails on.
		ASAN_OPTIONS=detect_leaks=0 run --separate-stderr "$FAULTCHAIN" outside "$E"
		assert_failure 1
		assert_stderr --partial 'ERROR: AddressSanitizer: SEGV on unknown address'
	else
		run --separate-stderr "$FAULTCHAIN" outside "$E"
		assert_failure $((128 + 11))	# killed by SIGSEGV
		assert_stderr ''
	fi
	assert_output ''
}
