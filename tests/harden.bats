#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Hostile input: every script line, argument and file ends in success or a
# clear "iomap: " message with the documented status, nothing touched on
# refusal (the hardening issue). Each test names the bug it pins.

load helpers

setup() {
	F=$BATS_TEST_TMPDIR/img
	pattern_file "$F" 4096
	S=$BATS_TEST_TMPDIR/script
	SUM=$(checksum "$F")
}

@test "a script of one unterminated quote is refused, not a double free" {
	printf "'" > "$S"
	run --separate-stderr iomap -f "$F" --dry-run run "$S"
	assert_failure 2
	assert_stderr "iomap: $S:1: unterminated quote '"
	printf 'peek 0\npoke 0 "1\n' > "$S"
	run --separate-stderr iomap -f "$F" run "$S"
	assert_failure 2
	assert_output ''
	assert_stderr "iomap: $S:2: unterminated quote \""
	# the shell reports it and goes on
	run --separate-stderr bash -c "printf \"'\\npeek 0\\n\" | '$IOMAP' -f '$F' shell"
	assert_failure 2
	assert_output 0x03020100
	assert_stderr "iomap: <stdin>:1: unterminated quote '"
}

@test "a line of 150,000 words needs memory linear in its length" {
	[ -z "${IOMAP_SANITIZED:-}" ] || skip "address space limits do not suit a sanitized build"
	# 150,000 masked values for one poke: 600 kB of text. The tokenizer
	# once allocated the rest of the line for each word (600 MB).
	python3 -c 'print("poke 0" + " 0:0" * 150000)' > "$S"
	run --separate-stderr bash -c "ulimit -v 100000; '$IOMAP' -f '$F' --dry-run run '$S'"
	assert_failure 2
	assert_stderr --partial "iomap: $S:1: 150000 32-bit words at offset 0x0 would run past the end of $F"
	# a line longer than the 16 MiB limit is refused as such
	python3 -c 'print("peek 0" + " " * (16 << 20))' > "$S"
	run --separate-stderr iomap -f "$F" run "$S"
	assert_failure 2
	assert_stderr "iomap: $S:1: a line longer than 16 MiB"
}

@test "scripts that are not text files: a directory, a closed stdin, /dev/zero" {
	run --separate-stderr iomap -f "$F" run "$BATS_TEST_TMPDIR"
	assert_failure 2
	assert_stderr "iomap: cannot read $BATS_TEST_TMPDIR: Is a directory"
	# a closed stdin is /dev/null (iomap(1), STARTING AND STOPPING): an
	# empty script, which does nothing
	run --separate-stderr bash -c "'$IOMAP' -f '$F' --trace run - <&-"
	assert_success
	assert_output ''
	assert_stderr ''
	run --separate-stderr timeout 20 "$IOMAP" -f "$F" run /dev/zero
	assert_failure 2
	assert_stderr "iomap: /dev/zero:1: a NUL byte in the line"
}

@test "a NUL byte in a line refuses the script; nothing before it runs" {
	printf 'peek 0\0poke 0 0xdeadbeef\n' > "$S"
	run --separate-stderr iomap -f "$F" run "$S"
	assert_failure 2
	assert_output ''
	assert_stderr "iomap: $S:1: a NUL byte in the line"
	assert_equal "$(checksum "$F")" "$SUM"
}

@test "wait with a timeout near the top of the clock waits, not times out at once" {
	G=$BATS_TEST_TMPDIR/flag
	zero_file "$G" 4
	# bounded: a wait that never sees the flag is ended after 120 s (124)
	timeout 120 "$IOMAP" -f "$G" --trace wait 0 1 --timeout=18446744073s \
		--interval=1ms 2> "$BATS_TEST_TMPDIR/trace" &
	pid=$!
	# once it has read the word at least once (or ended), set it
	poll_until 60 eval '[ -s "$BATS_TEST_TMPDIR/trace" ] || ! kill -0 $pid 2>/dev/null' ||
		fail "wait never read the word"
	printf '\1' | dd of="$G" conv=notrunc status=none
	# wait here, not in run's subshell: only this shell may wait for it
	local st=0
	wait "$pid" || st=$?
	assert_equal "$st" 0
	assert_equal "$(head -1 "$BATS_TEST_TMPDIR/trace")" "R32 0x00000000 -> 0x00000000"
}

@test "-f on a FIFO is refused, not a hang in open" {
	mkfifo "$BATS_TEST_TMPDIR/fifo"
	run --separate-stderr timeout 20 "$IOMAP" -f "$BATS_TEST_TMPDIR/fifo" --size=4096 peek 0
	assert_failure 2
	assert_stderr "iomap: -f $BATS_TEST_TMPDIR/fifo: not a mappable file (a FIFO)"
}

@test "control characters in arguments are shown as \\xNN, so every line starts with iomap:" {
	run --separate-stderr iomap $'peek\e[2J'
	assert_failure 2
	assert_stderr --partial "iomap: unknown command 'peek\\x1b[2J'"
	run --separate-stderr iomap $'--fr\robnicate' list
	assert_failure 2
	assert_stderr --partial "iomap: unknown option '--fr\\x0dobnicate'"
	run --separate-stderr iomap -f "$F" peek $'1\n2'
	assert_failure 2
	assert_stderr "iomap: invalid offset '1\\x0a2': trailing characters"
	printf 'peek 0 \x01\n' > "$S"
	run --separate-stderr iomap -f "$F" run "$S"
	assert_failure 2
	assert_stderr "iomap: $S:1: invalid count '\\x01': not a number"
}

@test "--help, --version and output to /dev/full fail with status 1" {
	[ -w /dev/full ] || skip "no /dev/full"
	fake_sys
	for args in --help --version -h "-f $F peek 0" "list --sysfs=$SYS"; do
		run --separate-stderr bash -c "'$IOMAP' $args > /dev/full"
		assert_failure 1
		assert_stderr --partial 'iomap: cannot write standard output: No space left on device'
	done
}

@test "-h is --help; -w h is 16 bits; width letters in either case" {
	run --separate-stderr iomap -h
	assert_success
	assert_line --index 0 'Usage: iomap [OPTION...] COMMAND [ARG...]'
	for w in h H w W 16; do
		run --separate-stderr iomap -f "$F" -w "$w" peek 2
		assert_success
		assert_output 0x0302
	done
	for w in b B; do run -0 iomap -f "$F" -w "$w" peek 3; assert_output 0x03; done
	for w in l L; do run -0 iomap -f "$F" -w "$w" peek 4; assert_output 0x07060504; done
	for w in q Q; do run -0 iomap -f "$F" -w "$w" peek 8; assert_output 0x0f0e0d0c0b0a0908; done
	printf 'width H\npeek 2\n' > "$S"
	run -0 iomap -f "$F" run "$S"
	assert_output 0x0302
}

@test "shell: help COMMAND, quit and exit, and a bad region line said at once" {
	run --separate-stderr bash -c "printf 'help peek\nhelp frob\nregion -f /nonexistent/x\nquit now\nexit\npeek 0\n' | '$IOMAP' -f '$F' shell"
	assert_failure 2
	assert_output "peek OFFSET [COUNT]
  read COUNT words (default 1) and print each as 0x + hex"
	assert_stderr "iomap: <stdin>:2: help: unknown command 'frob'
iomap: <stdin>:3: -f /nonexistent/x: No such file or directory
iomap: <stdin>:4: quit takes no arguments"
}

@test "a description that never ends (/dev/zero) is refused, not read until memory runs out" {
	[ -z "${IOMAP_SANITIZED:-}" ] || skip "address space limits do not suit a sanitized build"
	run --separate-stderr timeout 60 bash -c "ulimit -v 400000; '$IOMAP' --regs /dev/zero regs"
	assert_failure
	(( status < 128 )) || fail "iomap died of signal $((status - 128))"
	assert_stderr --regexp '^iomap: (/dev/zero is larger than 536870912 bytes|out of memory reading /dev/zero)$'
}
