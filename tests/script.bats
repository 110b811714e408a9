#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Bring-up scripting on regular files: run, wait, shell, --json, --trace,
# --dry-run and --lock (SPEC §5). Assumes a little-endian host.

load helpers

setup() {
	F=$BATS_TEST_TMPDIR/img
	pattern_file "$F" 4096
	S=$BATS_TEST_TMPDIR/script
}

@test "run: one command per line, comments, blank lines, width lines" {
	cat > "$S" <<-'END'
	# bring-up of a pretend block
	poke 0x10 0xcafef00d   # a trailing comment

	width 16
	poke 0x20 0x2222
	peek 0x20 2
	echo "step 2" done
	peek -w 8 0x21
	poke -w 64 0x40 0x0102030405060708
	dump 0x10+16
	END
	run --separate-stderr iomap -f "$F" run "$S"
	assert_success
	assert_output "0x2222
0x2322
step 2 done
0x22
00000010: f00d cafe 1514 1716 1918 1b1a 1d1c 1f1e  ................"
	assert_equal "$(hex_at "$F" 0x40 8)" 0807060504030201
}

@test "run reads the script from stdin with -" {
	run --separate-stderr bash -c "printf 'poke 0 7\npeek 0\n' | '$IOMAP' -f '$F' run -"
	assert_success
	assert_output 0x00000007
}

@test "run skips a UTF-8 byte-order mark at the start of the script" {
	printf '\xef\xbb\xbfpoke 0 7\npeek 0\n' > "$S"
	run --separate-stderr iomap -f "$F" run "$S"
	assert_success
	assert_output 0x00000007
	assert_stderr ''
	# Only the first line may start with one: elsewhere it is text.
	printf 'peek 0\n\xef\xbb\xbfpeek 0\n' > "$S"
	sum=$(checksum "$F")
	run --separate-stderr iomap -f "$F" run "$S"
	assert_failure 2
	assert_output ''
	assert_stderr --partial "iomap: $S:2: unknown command '"
	assert_equal "$(checksum "$F")" "$sum"
}

@test "region lines switch the region; a line's own options last one line" {
	G=$BATS_TEST_TMPDIR/other
	zero_file "$G" 4096
	mem=$BATS_TEST_TMPDIR/mem
	zero_file "$mem" $((0xf4000000 + 4096))
	cat > "$S" <<-END
	poke 0 0x11111111
	region -f $G
	poke 0 0x22222222
	peek -f $F 0
	peek 0
	region --mem $mem -m 0x4000e1
	poke 0x10 0x33333333
	dump 0x10+4
	END
	run --separate-stderr iomap -f "$F" run "$S"
	assert_success
	assert_output "0x11111111
0x22222222
f4000010: 33333333                             3333"
	assert_equal "$(hex_at "$G" 0 4)" 22222222
	assert_equal "$(hex_at "$mem" $((0xf4000010)) 4)" 33333333
}

@test "run parses the whole file before the first access; errors name file and line" {
	sum=$(checksum "$F")
	cat > "$S" <<-'END'
	poke 0 0x11111111
	fill 0+64 0
	peek 0x3
	poke 0 1
	END
	run --separate-stderr iomap -f "$F" run "$S"
	assert_failure 2
	assert_output ''
	assert_stderr "iomap: $S:3: offset 0x3 is not aligned to the 32-bit access width"
	for bad in "frob 1" "poke 0 zz" "peek 0x2000" "width 12" "poke --frobnicate 0 1" \
		"poke -w" "region -s 1 -f x" "run x" "wait 0 3:1" 'echo "open' "sleep 1parsec"; do
		printf 'poke 0 1\n%s\n' "$bad" > "$S"
		run --separate-stderr iomap -f "$F" run "$S"
		assert_failure 2
		assert_stderr --regexp "^iomap: $S:2: "
	done
	assert_equal "$(checksum "$F")" "$sum"
}

@test "a region line that selects nothing is that line's error (exit 2), before any access" {
	sum=$(checksum "$F")
	fake_sys
	for bad in "-f $BATS_TEST_TMPDIR/missing" "--sysfs=$SYS -s 00:09.0" "--iomem=nothing --sysroot=$BATS_TEST_TMPDIR"; do
		printf 'poke 0 1\n# a comment\nregion %s\n\npeek 0\n' "$bad" > "$S"
		run --separate-stderr iomap -f "$F" run "$S"
		assert_failure 2
		assert_output ''
		assert_stderr --regexp "^iomap: $S:3: "
	done
	assert_equal "$(checksum "$F")" "$sum"
	# the shell goes on with the region it had
	run --separate-stderr bash -c "printf 'region -f $BATS_TEST_TMPDIR/missing\npeek 4\n' | '$IOMAP' -f '$F' shell"
	assert_failure 2
	assert_output 0x07060504
	assert_stderr "iomap: <stdin>:1: -f $BATS_TEST_TMPDIR/missing: No such file or directory"
}

@test "run's messages say what was wrong with a line" {
	printf 'frob 1\n' > "$S"
	run --separate-stderr iomap -f "$F" run "$S"
	assert_failure 2
	assert_stderr "iomap: $S:1: unknown command 'frob'"
	printf 'poke --frobnicate 0 1\n' > "$S"
	run --separate-stderr iomap -f "$F" run "$S"
	assert_failure 2
	assert_stderr "iomap: $S:1: unknown option '--frobnicate'"
	printf 'poke 0 1 -w\n' > "$S"
	run --separate-stderr iomap -f "$F" run "$S"
	assert_failure 2
	assert_stderr "iomap: $S:1: option '-w' needs an argument"
	printf 'region -f x y\n' > "$S"
	run --separate-stderr iomap -f "$F" run "$S"
	assert_failure 2
	assert_stderr "iomap: $S:1: region takes [REGION OPTION...] [-r FILE] (too many arguments)"
	printf 'run x\n' > "$S"
	run --separate-stderr iomap -f "$F" run "$S"
	assert_failure 2
	assert_stderr "iomap: $S:1: run cannot be used in a script"
	run --separate-stderr iomap -f "$F" run "$BATS_TEST_TMPDIR/missing"
	assert_failure 2
	assert_stderr "iomap: cannot read $BATS_TEST_TMPDIR/missing: No such file or directory"
	run --separate-stderr iomap -f "$F" sleep 1
	assert_failure 2
	assert_stderr --partial "iomap: unknown command 'sleep'"
}

@test "a failing line stops the run with its status, after the lines before it" {
	printf 'poke 0 0xaaaaaaaa\nwait 0 0:0xff --timeout=20ms\npoke 0 0xbbbbbbbb\n' > "$S"
	run --separate-stderr iomap -f "$F" run "$S"
	assert_failure 3
	assert_stderr "iomap: $S:2: wait at 0x0 timed out after 20ms: last read 0xaaaaaaaa, waiting for (word & 0x000000ff) == 0x00000000"
	assert_equal "$(hex_at "$F" 0 4)" aaaaaaaa
}

@test "a bus error inside a run names the script line; the shell goes on after one" {
	pattern_file "$F" "$PAGE"	# SIGBUS comes from the page past the end
	past=$(printf 0x%x "$PAGE")
	printf 'peek 0\n\npeek %s\npeek 4\n' "$past" > "$S"
	run --separate-stderr iomap -f "$F" --size $((2 * PAGE)) run "$S"
	assert_failure 1
	assert_output 0x03020100
	assert_stderr "iomap: $S:3: bus error (SIGBUS) during a 32-bit read at $past in $F
iomap:   $F is only $PAGE bytes long; the access is past its end"
	run --separate-stderr bash -c "printf 'peek $past\npeek 4\n' | '$IOMAP' -f '$F' --size $((2 * PAGE)) shell"
	assert_failure 1
	assert_output 0x07060504
	assert_stderr --partial "iomap: <stdin>:1: bus error (SIGBUS) during a 32-bit read at $past in $F"
}

@test "wait returns at once when the condition holds, exit 3 with the last value when not" {
	run --separate-stderr iomap -f "$F" wait 0x10 0x13121110
	assert_success
	assert_output ''
	run --separate-stderr iomap -f "$F" wait 0x10 0x1100:0xff00
	assert_success
	run --separate-stderr iomap -f "$F" wait 0x10 0 --timeout=200ms --interval=10ms
	assert_failure 3
	assert_output ''
	assert_stderr "iomap: wait at 0x10 timed out after 200ms: last read 0x13121110, waiting for (word & 0xffffffff) == 0x00000000"
	# It polled until its timeout, not gave up after one read: the last
	# read is at or after the deadline, so there are at least two (no
	# clock is read here; a loaded machine is slow).
	run --separate-stderr iomap -f "$F" --trace wait 0x10 0 --timeout=200ms --interval=10ms
	assert_failure 3
	[ "${#stderr_lines[@]}" -ge 3 ] || fail "one read, then gave up: $stderr"
	assert_equal "$(grep -v '^R32 0x00000010 -> 0x13121110$' <<<"$stderr")" "iomap: wait at 0x10 timed out after 200ms: last read 0x13121110, waiting for (word & 0xffffffff) == 0x00000000"
}

@test "wait --timeout=0 reads once" {
	run --separate-stderr iomap -f "$F" wait 0x10 0x13121110 --timeout=0
	assert_success
	run --separate-stderr iomap -f "$F" wait 0x10 0 --timeout=0
	assert_failure 3
	assert_stderr "iomap: wait at 0x10 timed out after 0s: last read 0x13121110, waiting for (word & 0xffffffff) == 0x00000000"
}

@test "wait sees a change made while it polls" {
	local trace=$BATS_TEST_TMPDIR/trace rc=0
	"$IOMAP" -f "$F" --trace wait 0x10 0x80000000:0x80000000 --timeout=120s 2>"$trace" &
	# Change the word once wait has read it (its trace shows the read).
	poll_until 60 grep -q . "$trace" || fail "wait never read the word"
	iomap -f "$F" poke 0x10 0x80000000
	wait $! || rc=$?
	assert_equal "$rc" 0
	assert_equal "$(head -1 "$trace")" 'R32 0x00000010 -> 0x13121110'
	assert_equal "$(tail -1 "$trace")" 'R32 0x00000010 -> 0x80000000'
}

@test "wait refuses conditions that can never hold, and bad durations" {
	run --separate-stderr iomap -f "$F" wait 0 3:1
	assert_failure 2
	assert_stderr "iomap: wait for '3:1' can never end: the value has bits outside the mask"
	run --separate-stderr iomap -f "$F" wait 0 1 --timeout=5parsecs
	assert_failure 2
	assert_stderr --partial "iomap: invalid timeout '5parsecs': unknown unit (use ns, us, ms, s or m)"
	run --separate-stderr iomap -f "$F" wait 0 1 --interval=0
	assert_failure 2
	assert_stderr --partial "iomap: invalid interval '0': it must be more than 0"
	run --separate-stderr iomap -f "$F" peek 0 --timeout=1s
	assert_failure 2
	assert_stderr --partial "iomap: --timeout goes with wait"
}

@test "--json documents for peek, dump, decode and their refusal elsewhere" {
	command -v jq || skip "jq is not installed"
	run --separate-stderr iomap -f "$F" -w 16 peek --json 0x10 2
	assert_success
	assert_equal "$(jq -c . <<<"$output")" '{"region":"'"$F"'","width":16,"address":"0x00000010","words":["0x1110","0x1312"]}'
	run -0 --separate-stderr iomap -f "$F" dump --json 0x20+8
	assert_equal "$(jq -r '.words | join(" ")' <<<"$output")" "0x23222120 0x27262524"
	assert_equal "$(jq -r '.length' <<<"$output")" 8
	run -0 --separate-stderr iomap -f "$F" dump --json
	assert_equal "$(jq '.words | length' <<<"$output")" 1024
	run -0 --separate-stderr iomap decode --json 0x4000e1
	assert_equal "$(jq -r '.base + " " + .size + " " + .end' <<<"$output")" "0xf4000000 0x04000000 0xf7ffffff"
	run --separate-stderr iomap -f "$F" poke --json 0 1
	assert_failure 2
	assert_stderr --partial "iomap: --json goes with peek, dump, list, decode, regs, show, load, compare, crc32 and search"
}

@test "--trace prints every access, addresses as dump prints them" {
	run --separate-stderr iomap -f "$F" --trace poke 0x10 0xab:0xff 0x12345678
	assert_success
	assert_stderr "R32 0x00000010 -> 0x13121110
W32 0x00000010 <- 0x131211ab
W32 0x00000014 <- 0x12345678"
	mem=$BATS_TEST_TMPDIR/mem
	zero_file "$mem" $((0xf4000000 + 4096))
	run -0 --separate-stderr iomap --mem="$mem" -m 0x4000e1 -w 16 --trace peek 0x8 2
	assert_stderr "R16 0xf4000008 -> 0x0000
R16 0xf400000a -> 0x0000"
	run -0 --separate-stderr iomap -f "$F" -w 8 --trace fill 0+2 0x5a
	assert_stderr "W8 0x00000000 <- 0x5a
W8 0x00000001 <- 0x5a"
}

@test "--dry-run traces the writes and opens nothing" {
	sum=$(checksum "$F")
	run --separate-stderr iomap -f "$F" --dry-run poke 0x10 0xab:0xff 7
	assert_success
	assert_output ''
	assert_stderr "W32 0x00000010 <- 0x000000ab mask 0x000000ff
W32 0x00000014 <- 0x00000007"
	assert_equal "$(checksum "$F")" "$sum"
	command -v strace || skip "strace is not installed"
	skip_instrumented "counts system calls with strace"
	strace -e trace=openat -o "$BATS_TEST_TMPDIR/trace" "$IOMAP" -f "$F" --dry-run fill 0+16 0 2>/dev/null
	run grep -c "\"$F\"" "$BATS_TEST_TMPDIR/trace"
	assert_output 0
}

@test "shell: the script language from stdin, errors reported and skipped" {
	run --separate-stderr bash -c "printf 'poke 0 5\npeek 0\nfrob\npeek 1\nhelp\nwidth 8\npeek 0\nquit\npeek 0\n' | '$IOMAP' -f '$F' shell"
	assert_failure 2
	assert_line --index 0 0x00000005
	assert_line --index 1 --partial 'Commands, with options as on the command line:'
	assert_line --index 14 0x05
	assert_stderr "iomap: <stdin>:3: unknown command 'frob'
iomap: <stdin>:4: offset 0x1 is not aligned to the 32-bit access width"
}

@test "shell: prompt shows the region, with line editing on a terminal" {
	run script -qec "printf 'peek 0\nquit\n' | true; $IOMAP -f $F shell" /dev/null <<<'peek 0
quit'
	assert_output --partial "iomap $F> "
	assert_output --partial 0x03020100
}

# The lock load: 8 processes, process k setting bit k of each of 1000 words
# with VALUE:MASK pokes. --trace widens each read-modify-write's window (a
# write to stderr between the load and the store), and all processes start
# together on a flag, so without --lock updates get lost (see the closing
# note of the scripting issue); with it, none may be.
lock_scripts() {
	GO=$BATS_TEST_TMPDIR/go
	zero_file "$GO" 4
	for k in 0 1 2 3 4 5 6 7; do
		{
			echo "wait -f $GO 0 1 --timeout=30s --interval=200us"
			printf 'poke 0'
			for ((i = 0; i < 1000; i++)); do
				printf ' 0x%x:0x%x' $((1 << k)) $((1 << k))
			done
			echo
		} > "$BATS_TEST_TMPDIR/s$k"
	done
}

@test "--lock over a run: 8 processes setting bits by read-modify-write lose no update" {
	zero_file "$F" 4000
	lock_scripts
	local pids=() k rc
	for k in 0 1 2 3 4 5 6 7; do
		"$IOMAP" -f "$F" --trace --lock run "$BATS_TEST_TMPDIR/s$k" 2>"$BATS_TEST_TMPDIR/t$k" &
		pids+=($!)
	done
	# Raise the flag once a process polls it (its trace shows the reads).
	poll_until 60 eval 'cat "$BATS_TEST_TMPDIR"/t[0-7] | grep -q .' ||
		fail "no process started polling the flag"
	iomap -f "$GO" poke 0 1
	# every run's own status, not only the last one's
	for k in 0 1 2 3 4 5 6 7; do
		rc=0
		wait "${pids[k]}" || rc=$?
		assert_equal "run $k: $rc" "run $k: 0"
	done
	run od -An -tx4 -v -w4 "$F"
	assert_equal "${#lines[@]}" 1000
	assert_equal "$(sort -u <<<"$output" | tr -d ' ')" 000000ff
}

# The test holds the flock a --lock poke takes around its read-modify-write:
# the poke must wait in flock(2) (/proc/locks shows it blocked) without
# having read or written, and once the lock is let go it reads what the
# holder wrote meanwhile and keeps it. A poke that did not lock would have
# written at once and had its bit overwritten by the holder's store.
@test "--lock on single pokes: each read-modify-write waits for the lock, then keeps the holder's write" {
	[ -r /proc/locks ] || skip "no /proc/locks to see the poke wait"
	command -v flock >/dev/null || skip "flock (util-linux) is not installed"
	local fd pid rc=0 out=$BATS_TEST_TMPDIR/out
	zero_file "$F" 4
	exec {fd}>>"$F"
	flock -x "$fd"
	"$IOMAP" -f "$F" --lock poke 0 0x1:0x1 >"$out" 2>&1 {fd}>&- &
	pid=$!
	poll_until 60 eval 'grep -q -- "-> FLOCK .* $pid " /proc/locks || ! kill -0 $pid 2>/dev/null'
	run grep -c -- "-> FLOCK .* $pid " /proc/locks
	assert_output 1
	assert_equal "$(hex_at "$F" 0 4)" 00000000
	# the holder's own store (iomap without --lock takes no lock)
	iomap -f "$F" poke 0 0x100
	flock -u "$fd"
	exec {fd}>&-
	wait "$pid" || rc=$?
	assert_equal "$rc" 0
	assert_equal "$(cat "$out")" ""
	assert_equal "$(hex_at "$F" 0 4)" 01010000
}

# Two processes set their own bit of each of 256 words by read-modify-write,
# in lockstep: each waits for the other's bit in a word before it goes on to
# the next, so both read-modify-write the same word at nearly the same
# time, 256 times. Unlocked, a store of a stale word drops the other's bit:
# that process's partner then waits for it in vain, and both fail.
@test "--lock on single pokes: two processes setting bits of the same words in lockstep lose no update" {
	local pids=() k w rc
	zero_file "$F" 1024
	for k in 0 1; do
		for ((w = 0; w < 256; w++)); do
			echo "poke --lock $((4 * w)) $((1 << k)):$((1 << k))"
			echo "wait $((4 * w)) 3:3 --timeout=10s --interval=20us"
		done > "$BATS_TEST_TMPDIR/s$k"
	done
	for k in 0 1; do
		"$IOMAP" -f "$F" --trace run "$BATS_TEST_TMPDIR/s$k" 2>"$BATS_TEST_TMPDIR/t$k" &
		pids+=($!)
	done
	for k in 0 1; do
		rc=0
		wait "${pids[k]}" || rc=$?
		assert_equal "process $k: $rc" "process $k: 0"
	done
	run od -An -tx4 -v -w4 "$F"
	assert_equal "${#lines[@]}" 256
	assert_equal "$(sort -u <<<"$output" | tr -d ' ')" 00000003
}

@test "--lock holds an exclusive flock on the backing file" {
	command -v flock || skip "flock (util-linux) is not installed"
	local go=$BATS_TEST_TMPDIR/go rc=0
	zero_file "$go" 4
	printf 'poke 0 1\nwait -f %s 0 1 --timeout=120s\npoke 0 2\n' "$go" > "$S"
	"$IOMAP" -f "$F" --lock run "$S" 2>"$BATS_TEST_TMPDIR/err" &
	# Once the first poke has landed the run holds the lock, until the
	# flag lets it go on.
	poll_until 60 eval '[ "$(hex_at "$F" 0 4)" = 01000000 ]' ||
		fail "the run never made its first poke"
	run flock --nonblock "$F" true
	assert_failure
	iomap -f "$go" poke 0 1
	wait $! || rc=$?
	assert_equal "$(cat "$BATS_TEST_TMPDIR/err")" ""
	assert_equal "$rc" 0
	assert_equal "$(hex_at "$F" 0 4)" 02000000
	run flock --nonblock "$F" true
	assert_success
}

# peak_kib CMD...: the peak resident memory of CMD in KiB (getrusage).
peak_kib() {
	python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$@"
}

@test "a region line costs no more memory than any other line" {
	skip_instrumented "it measures iomap's own peak memory"
	G=$BATS_TEST_TMPDIR/other
	zero_file "$G" 4096
	# 40,000 lines: region lines that alternate between two files, a peek
	# after each; beside 40,000 peeks of one region.
	awk -v f="$F" -v g="$G" 'BEGIN { for (i = 0; i < 20000; i++)
		printf "region -f %s\npeek 0\n", i % 2 ? g : f }' > "$S"
	awk -v f="$F" 'BEGIN { printf "region -f %s\n", f
		for (i = 1; i < 40000; i++) print "peek 0" }' > "$BATS_TEST_TMPDIR/peeks"
	run --separate-stderr iomap run "$S"
	assert_success
	assert_equal "${#lines[@]}" 20000
	assert_equal "${lines[0]}" "$(iomap -f "$F" peek 0)"
	assert_equal "${lines[1]}" 0x00000000
	assert_equal "${lines[19998]}" "${lines[0]}"
	assert_equal "${lines[19999]}" 0x00000000
	local alternating peeks
	alternating=$(peak_kib "$IOMAP" run "$S")
	peeks=$(peak_kib "$IOMAP" run "$BATS_TEST_TMPDIR/peeks")
	echo "peak: $alternating KiB alternating, $peeks KiB peeks"
	# Each region line used to resolve its region anew (17 KiB a line:
	# 340 MiB here); now one that names a region met before costs nothing.
	[ "$alternating" -le $((peeks + 8192)) ]
}
