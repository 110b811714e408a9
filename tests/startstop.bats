#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Starting and stopping lose nothing (iomap(1), EXIT STATUS): descriptors
# 0, 1 and 2 closed at start, an output or input file that is the region's
# own, and SIGINT, SIGTERM, SIGHUP or a closed pipe during a command.
# Assumes a little-endian host.

load helpers

setup() {
	F=$BATS_TEST_TMPDIR/img
	pattern_file "$F" 4096
	cp "$F" "$BATS_TEST_TMPDIR/orig"
	cd "$BATS_TEST_TMPDIR"
}

# unchanged: the region's file holds what setup wrote.
unchanged() {
	cmp "$F" "$BATS_TEST_TMPDIR/orig" || fail "the region's file was changed"
}

@test "stdout closed at start: a script's output does not land in the region's file" {
	# the poke writes back what is there, so the file must stay as it was
	printf 'peek 0\npoke 8 0x0b0a0908\npeek 4\n' > s
	run --separate-stderr bash -c '"$0" -f "$1" run s >&-' "$IOMAP" "$F"
	assert_success
	unchanged
}

@test "stderr closed at start: --trace lines do not land in the region's file" {
	run bash -c '"$0" -f "$1" poke --trace 0 0x03020100 2>&-' "$IOMAP" "$F"
	assert_success
	unchanged
}

@test "stdin closed at start: load - and compare - read nothing, not the region" {
	run --separate-stderr bash -c '"$0" -f "$1" load 0x100+16 - <&-' "$IOMAP" "$F"
	assert_failure 1
	assert_stderr "$(printf 'iomap: standard input ended after 0x0 of 0x10 bytes\niomap:   nothing was written')"
	unchanged
	# not "equal": the region is not compared with itself
	run --separate-stderr bash -c '"$0" -f "$1" compare 0+64 - <&-' "$IOMAP" "$F"
	assert_failure 1
	assert_stderr 'iomap: standard input ended after 0x0 of 0x40 bytes'
	unchanged
}

@test "dump -o onto the region's own file, directly or through a symlink, is refused and cuts nothing" {
	ln -s img lnk
	for out in img lnk "$F"; do
		run --separate-stderr iomap -f "$F" dump 0+16 -o "$out"
		assert_failure 2
		assert_output ''
		assert_stderr "iomap: -o $out is the region's own file ($F): dumping into it would destroy it; give another file"
		unchanged
	done
	# the region named through the link, the file by its name
	run --separate-stderr iomap -f lnk dump --raw -o img
	assert_failure 2
	assert_stderr "iomap: -o img is the region's own file (lnk): dumping into it would destroy it; give another file"
	unchanged
	# another file is written, and cut to what was dumped
	pattern_file other 8192
	run --separate-stderr iomap -f "$F" dump 0+16 --raw -o other
	assert_success
	assert_equal "$(stat -c %s other)" 16
	unchanged
}

@test "load and compare refuse the region's own file, by name, link or standard input" {
	ln -s img lnk
	for cmd in load compare; do
		[ $cmd = load ] && how='load from' || how='compare with'
		for in in img lnk; do
			run --separate-stderr iomap -f "$F" $cmd 0 "$in"
			assert_failure 2
			assert_output ''
			assert_stderr "iomap: $in is the region's own file ($F): $how a copy of it instead"
		done
		run --separate-stderr bash -c '"$0" -f "$1" '$cmd' 0+16 - < "$1"' "$IOMAP" "$F"
		assert_failure 2
		assert_stderr "iomap: standard input is the region's own file ($F): $how a copy of it instead"
		unchanged
	done
	# --trace shows that nothing was accessed
	run --separate-stderr iomap -f "$F" --trace load 0 lnk
	assert_failure 2
	assert_output ''
	[[ $stderr != *W32* && $stderr != *R32* ]] || fail "an access was made"
	# a copy is fine, and equal
	cp img copy
	run iomap -f "$F" compare 0 copy
	assert_success
}

# child_of PID: the process whose parent is PID (no procps in a fresh
# container: /proc read by hand).
child_of() {
	local f pid comm state ppid
	for f in /proc/[0-9]*/stat; do
		read -r pid comm state ppid _ < "$f" 2>/dev/null || continue
		[ "$ppid" = "$1" ] && { echo "$pid"; return 0; }
	done
	return 1
}

# start_bounded CMD...: run CMD in the background under timeout(1), its
# output in out and err; PID is iomap's own (timeout's child).
start_bounded() {
	timeout -k 5 60 "$@" >out 2>err &
	TPID=$!
	poll_until 20 eval 'PID=$(child_of $TPID)' || fail "iomap did not start"
}

# finish: wait for the bounded command; STATUS is its exit status.
finish() {
	STATUS=0
	wait "$TPID" || STATUS=$?
	[ "$STATUS" != 124 ] || fail "iomap did not stop: timeout(1) ended it"
}

# window_past_start FILE: iomap (PID) has mapped FILE beyond its first page.
window_past_start() {
	awk -v f="$1" '$6 == f && $3 !~ /^0+$/ { found = 1 } END { exit !found }' "/proc/$PID/maps"
}

# big_region: a sparse 1 TiB file (nothing read from disk, no page kept
# longer than a block) with the word 0xcafef00d at 0x100 and 0x1000.
big_region() {
	B=$BATS_TEST_TMPDIR/big
	truncate -s 1T "$B" 2>/dev/null || skip "this file system holds no sparse 1 TiB file"
	printf '\x0d\xf0\xfe\xca' | dd of="$B" bs=1 seek=256 conv=notrunc status=none
	printf '\x0d\xf0\xfe\xca' | dd of="$B" bs=1 seek=4096 conv=notrunc status=none
}

@test "SIGTERM and SIGHUP stop a search after its block, print the hits found, say how far, exit 128+N" {
	big_region
	for sig in TERM HUP INT; do
		start_bounded "$IOMAP" -f "$B" search 0xcafef00d
		poll_until 20 window_past_start "$B" || fail "the search never got past its first window"
		kill -s $sig "$PID"
		finish
		assert_equal "$STATUS" $((128 + $(kill -l $sig)))
		assert_equal "$(cat out)" "$(printf '0x0000000100: 0xcafef00d\n0x0000001000: 0xcafef00d')"
		run grep -E '^iomap: search interrupted after 0x[0-9a-f]+ of 0x10000000000 bytes: 0x0000000000-0x[0-9a-f]{10} searched$' err
		assert_success
	done
}

@test "SIGTERM stops a dump after its block: every line read is written, the last one whole" {
	big_region
	# -v: every line, none squeezed into '*'
	start_bounded "$IOMAP" -f "$B" dump -v -o "$BATS_TEST_TMPDIR/d"
	poll_until 20 window_past_start "$B" || fail "the dump never got past its first window"
	kill -s TERM "$PID"
	finish
	assert_equal "$STATUS" 143
	run cat err
	assert_output --regexp '^iomap: dump interrupted after 0x([0-9a-f]+) of 0x10000000000 bytes: 0x0000000000-0x[0-9a-f]{10} read$'
	done_bytes=$(sed -E 's/.* after 0x([0-9a-f]+) of .*/\1/' err)
	assert_equal "$(head -2 d)" "$(printf '0000000000: 00000000 00000000 00000000 00000000  ................\n%s' \
		'0000000010: 00000000 00000000 00000000 00000000  ................')"
	# the last line is whole and is the last 16 bytes read
	assert_equal "$(tail -c 1 d | od -An -c | tr -d ' ')" '\n'
	last=$(tail -1 d | cut -d: -f1)
	assert_equal $((16#$last + 16)) $((16#$done_bytes))
}

@test "a closed output pipe ends a dump quietly with 141, not killed by the signal" {
	big_region
	# perl tells an exit (141) from a death by SIGPIPE (which bash also shows as 141)
	run --separate-stderr timeout 60 perl -e '
		pipe(R, W) or die; my $pid = fork();
		if (!$pid) { close R; open(STDOUT, ">&W"); exec @ARGV; die }
		close W; my $line = <R>; close R; waitpid($pid, 0);
		print $? & 127 ? "signal " . ($? & 127) : "exit " . ($? >> 8), "\n"' \
		"$IOMAP" -f "$B" dump -v
	assert_success
	assert_output 'exit 141'
	assert_stderr ''
}

@test "Ctrl-C while dump -o waits for a FIFO's reader stops it, exit 130" {
	mkfifo fifo
	start_bounded "$IOMAP" -f "$F" dump 0+16 -o fifo
	poll_until 20 grep -qx wait_for_partner "/proc/$PID/wchan" || fail "iomap never waited on the FIFO"
	kill -s INT "$PID"
	finish
	assert_equal "$STATUS" 130
	assert_equal "$(cat err)" 'iomap: dump interrupted before its first access'
	assert_equal "$(cat out)" ''
}

@test "Ctrl-C while a region line loads a description stops iomap, exit 130" {
	mkfifo d.fifo
	printf 'region -f %s -r d.fifo\npeek ctrl\n' "$F" > s
	# the description comes slowly: a writer that has not finished
	exec 7<>d.fifo
	printf 'block dev 0\n' >&7
	XDG_CACHE_HOME=$BATS_TEST_TMPDIR/cache start_bounded "$IOMAP" run s
	poll_until 20 grep -qE 'pipe_read' "/proc/$PID/wchan" || fail "iomap never read the description"
	kill -s INT "$PID"
	finish
	exec 7>&-
	assert_equal "$STATUS" 130
	assert_equal "$(cat err)" 'iomap: interrupted while loading d.fifo'
}

@test "SIGTERM ends the interactive shell (Ctrl-C only drops the line), exit 143" {
	command -v tmux >/dev/null || skip "tmux is not installed"
	TMUX_SOCK=$BATS_TEST_TMPDIR/tmux
	export HOME=$BATS_TEST_TMPDIR/home
	mkdir -p "$HOME"
	# set -m: iomap in a process group of its own, as at an interactive
	# shell (libedit passes a signal on to the whole group)
	tmux -S "$TMUX_SOCK" new-session -d -x 120 -y 40 "set -m; $IOMAP -f $F shell; echo \"[exit \$?]\"; read" ||
		skip "tmux cannot start here"
	screen() { tmux -S "$TMUX_SOCK" capture-pane -p -S -40; }
	poll_until 20 eval '[[ $(screen) == *"iomap $F>"* ]]' || fail "no prompt"
	PID=$(child_of "$(tmux -S "$TMUX_SOCK" display -p '#{pane_pid}')")
	[ -n "$PID" ] || fail "no iomap in the terminal"
	tmux -S "$TMUX_SOCK" send-keys C-c
	tmux -S "$TMUX_SOCK" send-keys 'peek 4' Enter
	poll_until 20 eval '[[ $(screen) == *0x07060504* ]]' || fail "Ctrl-C ended the shell"
	kill -s TERM "$PID"
	poll_until 20 eval '[[ $(screen) == *"[exit 143]"* ]]' || fail "the shell did not end with 143: $(screen)"
	tmux -S "$TMUX_SOCK" kill-server 2>/dev/null || true
}
