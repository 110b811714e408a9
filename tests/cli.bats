#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# The command line: help, version, usage errors and privilege checks.

load helpers

setup() {
	F=$BATS_TEST_TMPDIR/img
	pattern_file "$F" 4096
}

@test "--help shows the usage line, every command and exits 0" {
	run --separate-stderr iomap --help
	assert_success
	assert_line --index 0 'Usage: iomap [OPTION...] COMMAND [ARG...]'
	for cmd in peek poke dump fill load compare crc32 search wait list decode encode regs show run shell; do
		assert_output --regexp "
  $cmd "
	done
	assert_output --partial 'Exit status: 0 success, 1 failure, 2 bad usage, 3 a wait timed out,
130 interrupted by Ctrl-C, 128+N by signal N (SIGTERM 143, SIGHUP 129),
141 the output pipe was closed.'
}

@test "--version and --usage" {
	run --separate-stderr iomap --version
	assert_success
	assert_output --regexp '^iomap [0-9]+\.[0-9]+\.[0-9]+$'
	run --separate-stderr iomap --usage
	assert_success
	assert_output --partial 'Usage: iomap [-v?hV] [-b N] [-d ID]'
}

@test "usage errors exit 2 with a hint" {
	run --separate-stderr iomap
	assert_failure 2
	assert_stderr "iomap: no command given
Try \`iomap --help' or \`iomap --usage' for more information."
	run --separate-stderr iomap frob
	assert_failure 2
	assert_stderr --partial "iomap: unknown command 'frob'"
	run --separate-stderr iomap -f "$F" peek
	assert_failure 2
	assert_stderr --partial 'iomap: peek takes OFFSET [COUNT] (too few arguments)'
	run --separate-stderr iomap -f "$F" peek 0 1 2
	assert_stderr --partial 'iomap: peek takes OFFSET [COUNT] (too many arguments)'
	run --separate-stderr iomap list extra
	assert_failure 2
	assert_stderr --partial 'iomap: list takes no arguments (too many arguments)'
	run --separate-stderr iomap --frobnicate list
	assert_failure 2
	assert_stderr "iomap: unknown option '--frobnicate'
Try \`iomap --help' or \`iomap --usage' for more information."
}

@test "bad option values are usage errors" {
	run --separate-stderr iomap -f "$F" -w 24 peek 0
	assert_failure 2
	assert_stderr --partial "iomap: invalid width '24': use 8, 16, 32, 64 or b, w (16), h (16), l, q"
	run --separate-stderr iomap -s 0 -b 6 peek 0
	assert_failure 2
	assert_stderr --partial "iomap: invalid BAR '6': BARs are 0 to 5"
	run --separate-stderr iomap --minor-format=700 decode 1
	assert_failure 2
	assert_stderr --partial "iomap: invalid minor format '700': use pa or s300"
	run --separate-stderr iomap -m 0xzz peek 0
	assert_failure 2
	assert_stderr --partial "iomap: invalid minor '0xzz': no digits after the prefix"
	run --separate-stderr iomap -f "$F" --size=-1 peek 0
	assert_failure 2
	assert_stderr --partial "iomap: invalid size '-1': negative numbers are not allowed"
}

@test "options that do not fit together are refused" {
	run --separate-stderr iomap -s 03:00.0 -f "$F" peek 0
	assert_failure 2
	assert_stderr --partial 'iomap: choose one region: -s/-d, -m, -f, --of, --uio or --iomem (-s/-d and -f were given)'
	run --separate-stderr iomap -m 0x4000e1 -f "$F" peek 0
	assert_stderr --partial 'iomap: choose one region: -s/-d, -m, -f, --of, --uio or --iomem (-m and -f were given)'
	run --separate-stderr iomap -b 2 -f "$F" peek 0
	assert_stderr --partial 'iomap: -b goes with -s/-d, --of or --uio'
	run --separate-stderr iomap --wc -f "$F" peek 0
	assert_stderr --partial 'iomap: --wc goes with -s/-d'
	run --separate-stderr iomap --size 4k peek 0
	assert_stderr --partial 'iomap: --size goes with -f'
	run --separate-stderr iomap -f "$F" --verify peek 0
	assert_stderr --partial 'iomap: --verify goes with poke'
	run --separate-stderr iomap -f "$F" --raw peek 0
	assert_stderr --partial 'iomap: --raw goes with dump'
	run --separate-stderr iomap -f "$F" -o x peek 0
	assert_stderr --partial 'iomap: -o goes with dump'
	run --separate-stderr iomap -f "$F" list
	assert_stderr 'iomap: list takes -s and -d (PCI devices), --of, --uio or --iomem'
}

# A copy of iomap that an unprivileged user can run, set up by MODE.
privileged_copy() {
	DIR=$(mktemp -d /tmp/iomap-priv.XXXXXX)
	chmod 755 "$DIR"
	cp "$IOMAP" "$DIR/iomap"
	chmod 755 "$DIR/iomap"
	cp "$F" "$DIR/img"
	chmod 644 "$DIR/img"
}

teardown() {
	[ -z "${DIR:-}" ] || rm -rf "$DIR"
}

@test "iomap refuses to run setuid or setgid" {
	[ "$(id -u)" = 0 ] || skip "needs root to make a setuid copy"
	skip_instrumented "runs a setuid copy (the loader ignores LD_* and ASan will not run setuid)"
	privileged_copy
	chmod u+s "$DIR/iomap"
	run --separate-stderr setpriv --reuid=nobody --regid=nogroup --clear-groups "$DIR/iomap" -f "$DIR/img" peek 0
	assert_failure 1
	assert_output ''
	assert_stderr 'iomap: refusing to run setuid or setgid: run it as root instead'
	chmod u-s,g+s "$DIR/iomap"
	run --separate-stderr setpriv --reuid=nobody --regid=nogroup --clear-groups "$DIR/iomap" -f "$DIR/img" peek 0
	assert_failure 1
	assert_stderr 'iomap: refusing to run setuid or setgid: run it as root instead'
	chmod g-s "$DIR/iomap"
	run --separate-stderr setpriv --reuid=nobody --regid=nogroup --clear-groups "$DIR/iomap" -f "$DIR/img" peek 0
	assert_success
	assert_output 0x03020100
}

# Each option is checked for its effect, not only the warning: what the
# privileged copy then does is what it does with no option at all, and the
# file or tree named is not used.
@test "under AT_SECURE (file capabilities) --sysfs, --mem and --sysroot are ignored with a warning" {
	[ "$(id -u)" = 0 ] || skip "needs root to set file capabilities"
	skip_instrumented "runs a copy with file capabilities (AT_SECURE: the loader ignores LD_*)"
	command -v setcap || skip "setcap (libcap2-bin) is not installed"
	privileged_copy
	setcap cap_dac_read_search+ep "$DIR/iomap" || skip "this file system takes no file capabilities"
	nobody() {
		setpriv --reuid=nobody --regid=nogroup --clear-groups --inh-caps=-all "$DIR/iomap" "$@"
	}
	"$MKFAKESYS" "$DIR/sys" >/dev/null
	"$TESTS_SRCDIR/fixtures/mkuio" "$DIR/root" >/dev/null
	# --mem: not the image (0x03020100) but the default /dev/mem, which
	# this capability does not open for mapping
	run --separate-stderr nobody --sysfs="$DIR/sys" --mem="$DIR/img" peek 0
	assert_failure
	assert_output ''
	assert_stderr --partial 'iomap: warning: running with AT_SECURE: ignoring --sysfs and --mem'
	assert_stderr --partial '/dev/mem'
	[[ $stderr != *"$DIR"* ]] || fail "the message names $DIR: $stderr"
	# --sysfs: the list is the running system's, not the fake tree's
	expected=$(nobody list -s 00:03.0 2>/dev/null || true)
	run --separate-stderr nobody --sysfs="$DIR/sys" list -s 00:03.0
	assert_stderr --partial 'iomap: warning: running with AT_SECURE: ignoring --sysfs'
	assert_output "$expected"
	refute_output --partial 1234:11e8
	# --sysroot: not the fake UIO tree (whose uio1 reads 0x10000100)
	run --separate-stderr nobody --sysroot="$DIR/root" --uio=uio1 peek 0
	assert_failure
	assert_output ''
	assert_stderr --partial 'iomap: warning: running with AT_SECURE: ignoring --sysroot'
	[[ $stderr != *"$DIR"* ]] || fail "the message names $DIR: $stderr"
	# without the capability the same lines read the image and the trees
	setcap -r "$DIR/iomap"
	run --separate-stderr nobody --mem="$DIR/img" peek 0
	assert_success
	assert_output 0x03020100
	run -0 nobody --sysfs="$DIR/sys" list -s 00:03.0
	assert_output --partial 1234:11e8
	run -0 nobody --sysroot="$DIR/root" --uio=uio1 peek 0
	assert_output 0x10000100
}

@test "the man page's SYNOPSIS is --help's usage line, and it documents every option" {
	command -v man >/dev/null || skip "man is not installed"
	MAN=$IOMAP_MAN
	synopsis=$(MANWIDTH=200 man -l "$MAN" 2>/dev/null | sed -n '/^SYNOPSIS/{n;p;q}' | sed 's/^ *//')
	usage=$(iomap --help | head -1 | sed 's/^Usage: //')
	assert_equal "$synopsis" "$usage"
	for opt in $(iomap --help | grep -oE -- '--[a-z-]+' | sort -u); do
		grep -qF -- "${opt//-/\\-}" "$MAN" || fail "$opt is not in the man page"
	done
	for cmd in peek poke dump fill load compare crc32 search wait list decode encode regs show run shell; do
		MANWIDTH=200 man -l "$MAN" 2>/dev/null | grep -qE "^ +iomap \[OPTION\.\.\.\] $cmd( |$)" ||
			fail "$cmd is not in the SYNOPSIS"
	done
}

@test "the man page's .TH carries configure's version" {
	run sed -n 's/^\.TH IOMAP 1 "[^"]*" "\([^"]*\)".*/\1/p' "$IOMAP_MAN"
	assert_output "$(iomap --version)"
}

@test "under AT_SECURE a script's region line or a line's own --mem is ignored too" {
	[ "$(id -u)" = 0 ] || skip "needs root to set file capabilities"
	command -v setcap || skip "setcap (libcap2-bin) is not installed"
	[ -z "${IOMAP_SANITIZED:-}" ] || skip "a sanitized build cannot run with file capabilities"
	privileged_copy
	setcap cap_dac_override+ep "$DIR/iomap" || skip "this file system takes no file capabilities"
	# a root-only file that the unprivileged caller must not reach
	printf 'ROOTONLY' > "$DIR/secret"
	chmod 600 "$DIR/secret"
	printf 'region --mem=%s\npoke 0 0x41414141\n' "$DIR/secret" > "$DIR/s1"
	printf 'poke --mem=%s 0 0x41414141\n' "$DIR/secret" > "$DIR/s2"
	chmod 644 "$DIR/s1" "$DIR/s2"
	for s in s1 s2; do
		run --separate-stderr setpriv --reuid=nobody --regid=nogroup --clear-groups --inh-caps=-all "$DIR/iomap" run "$DIR/$s"
		assert_failure
		assert_stderr --partial 'iomap: warning: running with AT_SECURE: ignoring --mem'
		assert_equal "$(cat "$DIR/secret")" ROOTONLY
	done
}
