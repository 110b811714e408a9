#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Long work (SPEC §3): the progress line, in a real terminal (tmux) and not
# elsewhere, and Ctrl-C (a real SIGINT) stopping dump, fill, load, compare,
# crc32 and search with exit status 130 and how far they got. Big regions
# are sparse files that take minutes to read; each test stops them early.
# Assumes a little-endian host.

load helpers

setup() {
	BIG=$BATS_TEST_TMPDIR/big
	zero_file "$BIG" 64G
	TMUX_BASE=iomap-test-$$-$BATS_TEST_NUMBER
	TMUX_N=0
}

teardown() {
	[ -z "${PID:-}" ] || kill -KILL "$PID" 2>/dev/null || true
	while ((TMUX_N > 0)); do
		tmux -L "$TMUX_BASE-$TMUX_N" kill-server 2>/dev/null || true
		TMUX_N=$((TMUX_N - 1))
	done
}

# poll CMD...: until CMD succeeds, for at most a minute.
poll() {
	local i
	for ((i = 0; i < 600; i++)); do
		"$@" && return 0
		sleep 0.1
	done
	echo "poll: gave up waiting for: $*" >&2
	return 1
}

# start CMD...: run iomap CMD in the background, stdout and stderr to files.
start() {
	"$IOMAP" "$@" > "$BATS_TEST_TMPDIR/out" 2> "$BATS_TEST_TMPDIR/err" &
	PID=$!
}

# mapped PATH: the process has a window of PATH mapped (its accesses began).
mapped() {
	grep -qF " $1" "/proc/$PID/maps" 2>/dev/null
}

# past_delay: the progress delay is over for iomap processes started
# before this call. The clock is the product's own, not a sleep: a
# witness crc32 started now with --progress=always has drawn its second
# line (a second and a redraw after its start).
past_delay() {
	local w=$BATS_TEST_TMPDIR/witness wpid
	"$IOMAP" -f "$BIG" --progress=always crc32 > /dev/null 2> "$w" &
	wpid=$!
	drew_twice() { [ "$(grep -o 'iomap: crc32: ' "$w" | wc -l)" -ge 2 ]; }
	poll drew_twice || { kill -INT "$wpid"; return 1; }
	kill -INT "$wpid"
	wait "$wpid" || true
}

# stop: send SIGINT and collect the exit status in $rc.
stop() {
	kill -INT "$PID"
	rc=0
	wait "$PID" || rc=$?
	PID=
}

# check_interrupted CMD TOTAL WHAT: stderr is CMD's message for an
# interruption of TOTAL bytes, consistent in itself; sets $done and $last.
check_interrupted() {
	local re="^iomap: $1 interrupted after 0x([0-9a-f]+) of $2 bytes: 0x0+-0x([0-9a-f]+) $3\$"
	run cat "$BATS_TEST_TMPDIR/err"
	assert_output --regexp "$re"
	[[ $output =~ $re ]]
	done=$((16#${BASH_REMATCH[1]}))
	last=$((16#${BASH_REMATCH[2]}))
	assert_equal "$last" $((done - 1))
	# it stops between blocks of 16 KiB
	assert_equal $((done % 16384)) 0
}

@test "Ctrl-C stops crc32, dump, search and compare between blocks, exit 130" {
	zero_file "$BATS_TEST_TMPDIR/big2" 64G
	for cmd in "crc32" "dump --raw" "search 1" "compare 0 $BATS_TEST_TMPDIR/big2"; do
		# shellcheck disable=SC2086
		start -f "$BIG" $cmd
		poll mapped "$BIG"
		stop
		assert_equal "$rc" 130
		check_interrupted "${cmd%% *}" 0x1000000000 \
			"$( [ "${cmd%% *}" = compare ] && echo compared ||
			    { [ "${cmd%% *}" = search ] && echo searched || echo read; })"
		[ "${cmd%% *}" != dump ] || assert_equal "$(stat -c %s "$BATS_TEST_TMPDIR/out")" "$done"
		[ "${cmd%% *}" = dump ] || assert_equal "$(cat "$BATS_TEST_TMPDIR/out")" ''
	done
}

@test "Ctrl-C stops fill after a block, fenced: the pattern up to where it says, nothing after" {
	start -f "$BIG" -w 64 fill 0+64G 0xa5a5a5a5a5a5a5a5
	poll mapped "$BIG"
	stop
	assert_equal "$rc" 130
	check_interrupted fill 0x1000000000 written
	assert_equal "$(hex_at "$BIG" $((last - 7)) 8)" a5a5a5a5a5a5a5a5
	assert_equal "$(hex_at "$BIG" $((last + 1)) 8)" 0000000000000000
}

@test "Ctrl-C while load waits for its input: what was stored is reported" {
	F=$BATS_TEST_TMPDIR/img
	zero_file "$F" 1M
	mkfifo "$BATS_TEST_TMPDIR/fifo"
	# hold the FIFO open for writing, and put 64 KiB of 0x5a in it
	exec {fd}<> "$BATS_TEST_TMPDIR/fifo"
	head -c 64k /dev/zero | tr '\0' Z >&$fd
	start -f "$F" load 0+1M "$BATS_TEST_TMPDIR/fifo"
	# the 64 KiB arrive; then load waits in read() for more
	stored() { [ "$(hex_at "$F" 0xfffc 4)" = 5a5a5a5a ]; }
	poll stored
	stop
	exec {fd}>&-
	assert_equal "$rc" 130
	check_interrupted load 0x100000 written
	assert_equal "$done" 65536
	assert_equal "$(hex_at "$F" 0x10000 4)" 00000000
}

@test "--progress=always draws on any stderr and erases the line; auto and never do not off a terminal" {
	start -f "$BIG" --progress=always crc32
	poll grep -q 'iomap: crc32: .* of 64.0 GiB (' "$BATS_TEST_TMPDIR/err"
	stop
	assert_equal "$rc" 130
	# \r, the line, ESC [ K; ...; \r ESC [ K erases it before the message
	run cat "$BATS_TEST_TMPDIR/err"
	assert_output --regexp $'^\riomap: crc32: [0-9.]+ ([KMGT]i)?B of 64\\.0 GiB \\([0-9]+%\\), [0-9.]+ ([KMGT]i)?B/s, [0-9hms]+ left\e\\[K'
	assert_output --regexp $'\r\e\\[Kiomap: crc32 interrupted after 0x[0-9a-f]+ of 0x1000000000 bytes: [^\r\e]*$'
	for mode in auto never; do
		start -f "$BIG" --progress=$mode crc32
		poll mapped "$BIG"
		past_delay
		stop
		assert_equal "$rc" 130
		check_interrupted crc32 0x1000000000 read
	done
}

@test "--progress refuses other values and goes with long work only" {
	run --separate-stderr iomap -f "$BIG" --progress=sometimes crc32 0+4
	assert_failure 2
	assert_stderr --partial "iomap: invalid progress mode 'sometimes': use auto, always or never"
	run --separate-stderr iomap -f "$BIG" --progress=never peek 0
	assert_failure 2
	assert_stderr --partial "iomap: --progress goes with dump, fill, load, compare, crc32, search, run and shell"
	printf 'crc32 0+4\n' > "$BATS_TEST_TMPDIR/s"
	run --separate-stderr iomap -f "$BIG" --progress=never run "$BATS_TEST_TMPDIR/s"
	assert_success
	assert_output 0x2144df1c
}

# tmux_start ARGS...: run iomap ARGS in a fresh 100x10 terminal (TMUX_X
# columns, if set), then print
# rc=STATUS and stay (bash goes on when its child handled SIGINT, sh does
# not); $PID is iomap's process.
tmux_start() {
	command -v tmux >/dev/null || skip "tmux is not installed"
	local a cmd="bash '$BATS_TEST_TMPDIR/run.sh' '$IOMAP'"
	printf '"$@"\necho "rc=$?"\nexec sleep 3600\n' > "$BATS_TEST_TMPDIR/run.sh"
	for a in "$@"; do
		cmd+=" '$a'"
	done
	: > "$BATS_TEST_TMPDIR/screen.log"
	# a server of its own each time: one just killed may still be going
	[ "$TMUX_N" -eq 0 ] || tmux -L "$TMUX_SOCK" kill-server
	TMUX_N=$((TMUX_N + 1))
	TMUX_SOCK=$TMUX_BASE-$TMUX_N
	tmux -L "$TMUX_SOCK" -f /dev/null new-session -d -x "${TMUX_X:-100}" -y 10 "$cmd"
	tmux -L "$TMUX_SOCK" pipe-pane -o "cat >> '$BATS_TEST_TMPDIR/screen.log'"
	SH_PID=$(tmux -L "$TMUX_SOCK" display -p '#{pane_pid}')
	poll child_of "$SH_PID"
	PID=$(ps -o pid= --ppid "$SH_PID" | tr -d ' ')
}

child_of() {
	[ -n "$(ps -o pid= --ppid "$1")" ]
}

screen() {
	tmux -L "$TMUX_SOCK" capture-pane -p
}

# screen_has REGEXP
screen_has() {
	screen | grep -qE "$1"
}

# tmux_status: iomap's exit status, once it ended.
tmux_status() {
	poll screen_has '^rc=[0-9]+$'
	PID=
	screen | sed -n 's/^rc=//p'
}

@test "tmux: a progress line after a second, then Ctrl-C erases it and says how far" {
	tmux_start -f "$BIG" crc32
	poll screen_has '^iomap: crc32: .* of 64\.0 GiB \([0-9]+%\), .*/s, .* left'
	tmux -L "$TMUX_SOCK" send-keys C-c
	run tmux_status
	assert_output 130
	run screen
	assert_line --index 0 --regexp '^(\^C)?iomap: crc32 interrupted after 0x[0-9a-f]+ of 0x1000000000 bytes: 0x000000000-0x[0-9a-f]+ read$'
	refute_output --partial 'iomap: crc32:'
}

@test "tmux: load's line is erased when it ends; none with --progress=never" {
	F=$BATS_TEST_TMPDIR/img
	zero_file "$F" 4M
	mkfifo "$BATS_TEST_TMPDIR/fifo"
	tmux_start -f "$F" load 0+4M "$BATS_TEST_TMPDIR/fifo"
	exec {fd}<> "$BATS_TEST_TMPDIR/fifo"
	# feed it slowly until the line shows, then the rest at once
	local sent=0
	while ! screen_has '^iomap: load: .* of 4\.0 MiB'; do
		((sent < (4 << 20) - 16384)) || fail "no progress line while loading"
		head -c 16k /dev/zero | tr '\0' Z >&$fd
		sent=$((sent + 16384))
		sleep 0.05
	done
	head -c $(((4 << 20) - sent)) /dev/zero | tr '\0' Z >&$fd
	exec {fd}>&-
	run tmux_status
	assert_output 0
	run screen
	refute_output --partial 'iomap: load:'
	assert_equal "$(hex_at "$F" $(((4 << 20) - 4)) 4)" 5a5a5a5a
	tmux_start -f "$BIG" --progress=never crc32
	past_delay
	tmux -L "$TMUX_SOCK" send-keys C-c
	run tmux_status
	assert_output 130
	run grep -c 'iomap: crc32:' "$BATS_TEST_TMPDIR/screen.log"
	assert_output 0
}

@test "tmux: a dump to the terminal shows no progress line; dump -o FILE does" {
	tmux_start -f "$BIG" dump
	# the dump reaches the terminal (polled: pipe-pane's log lags behind
	# the screen on a loaded machine), and runs past the progress delay
	poll grep -q '^000000[0-9a-f]*: 00000000 00000000 00000000 00000000' "$BATS_TEST_TMPDIR/screen.log"
	past_delay
	tmux -L "$TMUX_SOCK" send-keys C-c
	run tmux_status
	assert_output 130
	run grep -c 'iomap: dump:' "$BATS_TEST_TMPDIR/screen.log"
	assert_output 0
	tmux_start -f "$BIG" dump -o /dev/null
	poll screen_has '^iomap: dump: .* of 64\.0 GiB'
	tmux -L "$TMUX_SOCK" send-keys C-c
	run tmux_status
	assert_output 130
}

@test "tmux: search and compare, which print little, show the line at their own terminal" {
	tmux_start -f "$BIG" search 0x1
	poll screen_has '^iomap: search: .* of 64\.0 GiB \([0-9]+%\)'
	tmux -L "$TMUX_SOCK" send-keys C-c
	run tmux_status
	assert_output 130
	run screen
	refute_output --partial 'iomap: search:'
	zero_file "$BATS_TEST_TMPDIR/other" 64G
	tmux_start -f "$BIG" compare 0 "$BATS_TEST_TMPDIR/other"
	poll screen_has '^iomap: compare: .* of 64\.0 GiB \([0-9]+%\)'
	tmux -L "$TMUX_SOCK" send-keys C-c
	run tmux_status
	assert_output 130
	run screen
	refute_output --partial 'iomap: compare:'
}

@test "tmux: on a narrow terminal the line is cut to fit, so it never wraps" {
	TMUX_X=30
	tmux_start -f "$BIG" crc32
	poll screen_has '^iomap: crc32: '
	run screen
	# 27 columns: room for the terminal's ^C echo after it; a blank
	# where the cut falls is dropped (tmux would not show it anyway)
	assert_line --index 0 --regexp '^iomap: crc32: .{11,12}[^ ]$'
	assert_line --index 1 ''
	tmux -L "$TMUX_SOCK" send-keys C-c
	run tmux_status
	assert_output 130
	run screen
	refute_output --partial 'iomap: crc32:'
}
