#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Privilege: a copy of iomap with file capabilities (cap_sys_rawio and
# cap_dac_override, as a lab group gets it, iomap(1) PRIVILEGE) run as
# nobody opens every file the caller names with the caller's own rights: no
# byte of a root-only file reaches the output or a message, and no
# root-owned file or directory is written.

load helpers

setup() {
	[ "$(id -u)" = 0 ] || skip "needs root to set file capabilities"
	skip_instrumented "runs a copy with file capabilities (AT_SECURE: the loader ignores LD_*)"
	command -v setcap >/dev/null || skip "setcap (libcap2-bin) is not installed"
	command -v setpriv >/dev/null || skip "setpriv (util-linux) is not installed"
	id nobody >/dev/null 2>&1 || skip "there is no user nobody"
	DIR=$(mktemp -d /tmp/iomap-priv.XXXXXX)
	chmod 755 "$DIR"
	cp "$IOMAP" "$DIR/iomap"
	chmod 755 "$DIR/iomap"
	setcap cap_sys_rawio,cap_dac_override+ep "$DIR/iomap" ||
		skip "this file system takes no file capabilities"
	# root's: readable by nobody only through the capability
	printf 'SECRET-LINE-1\nSECRET-LINE-2\n' > "$DIR/secret"
	chmod 600 "$DIR/secret"
	printf 'ROOT-OWNED\n' > "$DIR/victim"
	chmod 644 "$DIR/victim"
	mkdir -m 700 "$DIR/private"
	# what nobody may read and write: the region
	pattern_file "$DIR/img" 4096
	chmod 666 "$DIR/img"
	GROUP=$(id -gn nobody)
}

teardown() {
	[ -z "${TMUX_SOCK:-}" ] || tmux -S "$TMUX_SOCK" kill-server 2>/dev/null || true
	[ -z "${DIR:-}" ] || rm -rf "$DIR"
}

# as_nobody ARG...: the copy with file capabilities, run as nobody.
as_nobody() {
	setpriv --reuid=nobody --regid="$GROUP" --clear-groups --inh-caps=-all "$DIR/iomap" "$@"
}

# no_secret: neither output nor message holds a byte of the secret.
no_secret() {
	[[ $output != *SECRET* && $stderr != *SECRET* ]] ||
		fail "the root-only file reached the output or a message"
	# nor its bytes as numbers: "SECR" is 0x52434553 little-endian
	[[ $output != *52434553* && $output != *53454352* ]] ||
		fail "the root-only file's bytes reached the output"
}

@test "privilege: the set-up: nobody cannot read the secret, the copy has the capabilities" {
	run getcap "$DIR/iomap"
	assert_output --partial cap_dac_override
	assert_output --partial cap_sys_rawio
	run setpriv --reuid=nobody --regid="$GROUP" --clear-groups --inh-caps=-all cat "$DIR/secret"
	assert_failure
	run --separate-stderr as_nobody -f "$DIR/img" peek 0
	assert_success
	assert_output 0x03020100
}

@test "privilege: -f of a root-only file is opened with the caller's rights, for peek, dump and poke" {
	run --separate-stderr as_nobody -f "$DIR/secret" peek 0
	assert_failure 1
	assert_output ''
	assert_stderr --partial "iomap: cannot open $DIR/secret for reading"
	assert_stderr --partial 'Permission denied'
	assert_stderr --partial 'iomap:   iomap runs with file capabilities: a file named with -f is opened with your own rights'
	no_secret
	run --separate-stderr as_nobody -f "$DIR/secret" dump 0+16
	assert_failure 1
	no_secret
	run --separate-stderr as_nobody -f "$DIR/victim" poke 0 0x41414141
	assert_failure 1
	assert_stderr --partial "iomap: cannot open $DIR/victim for writing"
	assert_equal "$(cat "$DIR/victim")" ROOT-OWNED
}

@test "privilege: -r of a root-only description is not read, and its lines are not quoted" {
	run --separate-stderr as_nobody -f "$DIR/img" -r "$DIR/secret" regs
	assert_failure 2
	assert_output ''
	assert_stderr "iomap: cannot open $DIR/secret: Permission denied"
	no_secret
}

@test "privilege: -r beside --config's built-in names is not read either" {
	# --sysfs is ignored here, so this needs a PCI device in the real /sys
	dev=$(ls /sys/bus/pci/devices 2>/dev/null | head -1)
	[ -n "$dev" ] || skip "no PCI device in /sys"
	run --separate-stderr as_nobody -s "$dev" --config -r "$DIR/secret" regs
	assert_failure 2
	assert_output ''
	assert_stderr "iomap: cannot open $DIR/secret: Permission denied"
	no_secret
	# the built-in names alone are there for nobody too
	run --separate-stderr as_nobody -s "$dev" --config regs HDR.VENDOR_ID
	assert_success
	assert_output --partial HDR.VENDOR_ID
}

@test "privilege: run of a root-only script is not read, and its lines are not quoted" {
	run --separate-stderr as_nobody -f "$DIR/img" run "$DIR/secret"
	assert_failure 2
	assert_output ''
	assert_stderr "iomap: cannot read $DIR/secret: Permission denied"
	no_secret
	# a script line's -f is the caller's too
	printf 'region -f %s\npeek 0\n' "$DIR/secret" > "$DIR/s"
	chmod 644 "$DIR/s"
	run --separate-stderr as_nobody run "$DIR/s"
	assert_failure 1
	assert_stderr --partial 'Permission denied'
	no_secret
}

@test "privilege: load and compare do not read a root-only FILE" {
	run --separate-stderr as_nobody -f "$DIR/img" load 0 "$DIR/secret"
	assert_failure 2
	assert_stderr "iomap: cannot open $DIR/secret: Permission denied"
	assert_equal "$(hex_at "$DIR/img" 0 8)" 0001020304050607
	run --separate-stderr as_nobody -f "$DIR/img" compare 0 "$DIR/secret"
	assert_failure 2
	assert_output ''
	assert_stderr "iomap: cannot open $DIR/secret: Permission denied"
	no_secret
}

@test "privilege: -o neither overwrites a root-owned file nor creates one in a root-only directory" {
	run --separate-stderr as_nobody -f "$DIR/img" dump 0+16 -o "$DIR/victim"
	assert_failure 1
	assert_stderr "iomap: cannot create $DIR/victim: Permission denied"
	assert_equal "$(cat "$DIR/victim")" ROOT-OWNED
	run --separate-stderr as_nobody -f "$DIR/img" dump 0+16 -o "$DIR/private/new"
	assert_failure 1
	assert_stderr "iomap: cannot create $DIR/private/new: Permission denied"
	run ls -A "$DIR/private"
	assert_output ''
	# a file nobody may write is written, and owned by nobody
	mkdir -m 777 "$DIR/open"
	run --separate-stderr as_nobody -f "$DIR/img" dump 0+16 --raw -o "$DIR/open/new"
	assert_success
	assert_equal "$(hex_at "$DIR/open/new" 0 4)" 00010203
	assert_equal "$(stat -c %U "$DIR/open/new")" nobody
}

@test "privilege: the compiled description cache is made with the caller's rights" {
	printf 'block dev 0\nregister ctrl 0\n' > "$DIR/d.regs"
	chmod 644 "$DIR/d.regs"
	XDG_CACHE_HOME=$DIR/private/cache run --separate-stderr as_nobody -f "$DIR/img" -r "$DIR/d.regs" peek ctrl
	assert_success
	assert_output 0x03020100
	run ls -A "$DIR/private"
	assert_output ''
	# where nobody may write, the cache is made, and is nobody's
	mkdir -m 777 "$DIR/open"
	XDG_CACHE_HOME=$DIR/open/cache run --separate-stderr as_nobody -f "$DIR/img" -r "$DIR/d.regs" peek ctrl
	assert_success
	run stat -c %U "$DIR/open/cache" "$DIR/open/cache/iomap"
	assert_output "$(printf 'nobody\nnobody')"
}

@test "privilege: --pci-ids of a root-only file is refused" {
	run --separate-stderr as_nobody --pci-ids="$DIR/secret" -s 0:0.0 peek 0
	assert_failure 2
	assert_stderr "iomap: --pci-ids $DIR/secret: Permission denied"
	no_secret
	# a file the caller may read gives its names (libpci reads it through
	# the descriptor opened as the caller); --sysfs is ignored here, so
	# this needs a PCI device in the real /sys
	dev=$(ls /sys/bus/pci/devices 2>/dev/null | head -1)
	[ -n "$dev" ] || skip "no PCI device in /sys to name"
	v=$(cat "/sys/bus/pci/devices/$dev/vendor")
	d=$(cat "/sys/bus/pci/devices/$dev/device")
	printf '%s  Lab Vendor\n\t%s  Lab Device\n' "${v#0x}" "${d#0x}" > "$DIR/ids"
	chmod 644 "$DIR/ids"
	run --separate-stderr as_nobody --pci-ids="$DIR/ids" list -s "$dev"
	assert_success
	assert_line --index 0 --partial 'Lab Vendor Lab Device'
}

@test "privilege: the shell's history neither shows nor clobbers a root-only file it links to" {
	grep -q 'HAVE_LIBEDIT 1' "${IOMAP%/*}/config.h" 2>/dev/null ||
		skip "this build has no libedit (no history)"
	command -v tmux >/dev/null || skip "tmux is not installed"
	mkdir -m 755 "$DIR/home"
	chown nobody "$DIR/home"
	ln -s "$DIR/secret" "$DIR/home/.iomap_history"
	TMUX_SOCK=$DIR/tmux
	tmux -S "$TMUX_SOCK" new-session -d -x 120 -y 40 \
		"HOME=$DIR/home setpriv --reuid=nobody --regid=$GROUP --clear-groups --inh-caps=-all $DIR/iomap -f $DIR/img shell; echo \"[exit \$?]\"; read" ||
		skip "tmux cannot start here"
	screen() { tmux -S "$TMUX_SOCK" capture-pane -p -S -40; }
	poll_until 20 eval '[[ $(screen) == *"iomap $DIR/img>"* ]]'
	# Up would recall the history's last line
	tmux -S "$TMUX_SOCK" send-keys Up
	tmux -S "$TMUX_SOCK" send-keys Enter
	tmux -S "$TMUX_SOCK" send-keys 'peek 4' Enter
	poll_until 20 eval '[[ $(screen) == *0x07060504* ]]'
	tmux -S "$TMUX_SOCK" send-keys 'quit' Enter
	poll_until 20 eval '[[ $(screen) == *"[exit 0]"* ]]'
	[[ $(screen) != *SECRET* ]] || fail "the shell showed the root-only file"
	assert_equal "$(cat "$DIR/secret")" "$(printf 'SECRET-LINE-1\nSECRET-LINE-2')"
}
