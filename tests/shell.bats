#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# The interactive shell in a real terminal (tmux), and Ctrl-C (SIGINT) in
# shell and run: a line dropped at the prompt, a command stopped after its
# current access, exit 130 from a script. Assumes a little-endian host.

load helpers

setup() {
	F=$BATS_TEST_TMPDIR/img
	pattern_file "$F" 4096
	S=$BATS_TEST_TMPDIR/script
	export HOME=$BATS_TEST_TMPDIR/home
	mkdir -p "$HOME"
	TMUX_SOCK=$BATS_TEST_TMPDIR/tmux
}

teardown() {
	tmux -S "$TMUX_SOCK" kill-server 2>/dev/null || true
}

# term CMD...: run CMD in a detached 120x40 tmux terminal.
term() {
	command -v tmux >/dev/null || skip "tmux is not installed"
	tmux -S "$TMUX_SOCK" new-session -d -x 120 -y 40 "$*; echo \"[exit \$?]\"; read" ||
		skip "tmux cannot start here"
}

screen() {
	tmux -S "$TMUX_SOCK" capture-pane -p -S -40
}

keys() {
	tmux -S "$TMUX_SOCK" send-keys "$@"
}

# until_screen TEXT: poll the terminal (at most 20 s) until it shows TEXT.
until_screen() {
	local i
	for ((i = 0; i < 1000; i++)); do
		[[ $(screen) == *"$1"* ]] && return 0
		sleep 0.02
	done
	echo "the terminal never showed '$1':" >&2
	screen >&2
	return 1
}

@test "Ctrl-C at the prompt drops the line and prompts again" {
	term "$IOMAP" -f "$F" shell
	until_screen "iomap $F>"
	keys 'poke 0 0xdeadbeef'
	keys C-c
	until_screen "$(printf 'iomap %s> poke 0 0xdeadbeef\niomap %s>' "$F" "$F")"
	keys 'peek 0' Enter
	until_screen 0x03020100
	keys 'quit' Enter
	until_screen '[exit 0]'
	# the poke was dropped, not run
	assert_equal "$(hex_at "$F" 0 4)" 00010203
}

@test "Ctrl-C during a wait in the shell stops it, says so, and prompts again" {
	term "$IOMAP" -f "$F" shell
	until_screen "iomap $F>"
	keys 'wait 0 0x5 --timeout=600s --trace' Enter
	until_screen 'R32 0x00000000 -> 0x03020100'
	keys C-c
	until_screen 'iomap: wait at 0x0 interrupted: last read 0x03020100'
	until_screen "$(printf 'interrupted: last read 0x03020100\niomap %s>' "$F")"
	keys 'sleep 600s' Enter
	until_screen "> sleep 600s"
	keys C-c
	until_screen 'iomap: interrupted'
	keys 'peek 4' Enter
	until_screen 0x07060504
	keys C-d
	until_screen '[exit 0]'
}

@test "Tab completes command names; history is kept in ~/.iomap_history" {
	grep -q 'HAVE_LIBEDIT 1' "${IOMAP%/*}/config.h" 2>/dev/null ||
		skip "this build has no libedit (no line editing)"
	term "$IOMAP" -f "$F" shell
	until_screen "iomap $F>"
	keys 'pe' Tab
	until_screen "> peek"
	# the completion ends with a blank, as readline's does
	keys '4' Enter
	until_screen 0x07060504
	keys 'quit' Enter
	until_screen '[exit 0]'
	[ -s "$HOME/.iomap_history" ]
	# a new shell recalls the lines of the last one
	tmux -S "$TMUX_SOCK" kill-server
	term "$IOMAP" -f "$F" shell
	until_screen "iomap $F>"
	keys Up Up
	until_screen "> peek 4"
	keys Enter
	until_screen "$(printf 'peek 4\n0x07060504')"
}

@test "Tab completes register and field names from the description" {
	grep -q 'HAVE_LIBEDIT 1' "${IOMAP%/*}/config.h" 2>/dev/null ||
		skip "this build has no libedit (no line editing)"
	export XDG_CACHE_HOME=$BATS_TEST_TMPDIR/cache
	printf 'block dev 0\nregister ctrl 0\nfield enable 0 off=0 on=1\nregister status 4\n' > "$BATS_TEST_TMPDIR/d.regs"
	term "$IOMAP" -f "$F" -r "$BATS_TEST_TMPDIR/d.regs" shell
	until_screen "iomap $F>"
	keys 'peek sta' Tab
	until_screen "> peek status"
	keys Enter
	until_screen 0x07060504
	keys 'poke ctrl.en' Tab
	until_screen "> poke ctrl.enable"
	keys 'on' Enter
	keys 'peek ctrl' Enter
	until_screen 0x03020101
	keys 'quit' Enter
	until_screen '[exit 0]'
}

@test "Tab completes a PCI device's configuration-space names with --config" {
	grep -q 'HAVE_LIBEDIT 1' "${IOMAP%/*}/config.h" 2>/dev/null ||
		skip "this build has no libedit (no line editing)"
	local sys=$BATS_TEST_TMPDIR/sys
	"$MKFAKESYS" "$sys" >/dev/null
	"$MKFAKESYS" add-config "$sys" "$TESTS_SRCDIR/fixtures/pci/nvme.lspci"
	term "$IOMAP" --sysfs="$sys" -s 03:00.0 --config shell
	until_screen "iomap 0000:03:00.0 config space>"
	keys 'peek PCIE.LNKSTA.CL' Tab
	until_screen "> peek PCIE.LNKSTA.CLS"
	keys Enter
	until_screen "$(printf 'PCIE.LNKSTA.CLS\n0x1')"
}

@test "Tab where poke's value goes: a field's enumerated names, FIELD= and its names" {
	grep -q 'HAVE_LIBEDIT 1' "${IOMAP%/*}/config.h" 2>/dev/null ||
		skip "this build has no libedit (no line editing)"
	export XDG_CACHE_HOME=$BATS_TEST_TMPDIR/cache
	printf 'block dev 0\nregister ctrl 0\nfield enable 0 off=0 on=1\nfield mode 3:1 slow=0 fast=1 turbo=2\nregister status 4\n' > "$BATS_TEST_TMPDIR/d.regs"
	term "$IOMAP" -f "$F" -r "$BATS_TEST_TMPDIR/d.regs" shell
	until_screen "iomap $F>"
	keys 'poke ctrl.mode t' Tab
	until_screen "> poke ctrl.mode turbo"
	keys Enter
	keys 'peek ctrl' Enter
	until_screen 0x03020104
	keys 'poke ctrl m' Tab
	until_screen "> poke ctrl mode="
	keys 'f' Tab
	until_screen "> poke ctrl mode=fast"
	keys 'en' Tab
	until_screen "> poke ctrl mode=fast enable="
	keys 'of' Tab
	until_screen "> poke ctrl mode=fast enable=off"
	keys Enter
	keys 'peek ctrl' Enter
	until_screen 0x03020102
	keys 'quit' Enter
	until_screen '[exit 0]'
}

@test "run: Ctrl-C (SIGINT) stops after the current access and exits 130" {
	printf 'echo started\nsleep 600s\npoke 0 0xdeadbeef\n' > "$S"
	"$IOMAP" -f "$F" run "$S" > "$BATS_TEST_TMPDIR/out" 2> "$BATS_TEST_TMPDIR/err" &
	pid=$!
	for ((i = 0; i < 1000; i++)); do
		[ -s "$BATS_TEST_TMPDIR/out" ] && break
		sleep 0.02
	done
	kill -INT "$pid"
	status=0
	wait "$pid" || status=$?
	assert_equal "$status" 130
	assert_equal "$(cat "$BATS_TEST_TMPDIR/err")" "iomap: $S:2: interrupted"
	assert_equal "$(hex_at "$F" 0 4)" 00010203
}

@test "a single wait stopped by SIGINT exits 130 with the last value read" {
	zero_file "$F" 4
	"$IOMAP" -f "$F" --trace wait 0 1 --timeout=600s 2> "$BATS_TEST_TMPDIR/err" &
	pid=$!
	for ((i = 0; i < 1000; i++)); do
		[ -s "$BATS_TEST_TMPDIR/err" ] && break
		sleep 0.02
	done
	kill -INT "$pid"
	status=0
	wait "$pid" || status=$?
	assert_equal "$status" 130
	run tail -1 "$BATS_TEST_TMPDIR/err"
	assert_output 'iomap: wait at 0x0 interrupted: last read 0x00000000'
}
