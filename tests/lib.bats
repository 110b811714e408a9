#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# libiomap (libiomap(3)): its calls from a C program linked with the library
# (tests/unit/api.c), the messages compared with iomap's own, the exported
# symbols, C++, and the man page's example built against the installed
# library through pkg-config.

load helpers

setup() {
	API=${LIBIOMAP_API:-$TESTS_SRCDIR/unit/api}
	BUILD=${IOMAP_BUILDDIR:-$TESTS_SRCDIR/..}
	[ -x "$API" ] || skip "tests/unit/api is not built (make check builds it)"
}

# api_msg NAME: the message the C program printed for NAME (its output
# kept in API_OUT).
api_msg() {
	printf '%s\n' "$API_OUT" | sed -n "s/^MSG $1: //p"
}

# same_message NAME IOMAP-ARGS...: iomap's first line of error for the same
# refusal, without "iomap: ", is the library's message NAME.
same_message() {
	local name=$1 want
	shift
	want=$(api_msg "$name")
	[ -n "$want" ] || fail "the C program printed no message $name"
	local got
	got=$("$IOMAP" "$@" 2>&1 >/dev/null | head -1)
	assert_equal "${got#iomap: }" "$want"
}

# same_region_message NAME LINE: the same for a script's region line LINE.
same_region_message() {
	local want got
	want=$(api_msg "$1")
	[ -n "$want" ] || fail "the C program printed no message $1"
	got=$(printf '%s\n' "$2" | "$IOMAP" run - 2>&1 >/dev/null | head -1)
	assert_equal "${got#iomap: <stdin>:1: }" "$want"
}

@test "libiomap on a file: every call, width-exact, and the trace callback" {
	run "$API" file "$BATS_TEST_TMPDIR"
	assert_success
	assert_line PASSED
	# The name is iomap's for the same region.
	assert_line "NAME $BATS_TEST_TMPDIR/img"
	run "$IOMAP" -f "$BATS_TEST_TMPDIR/img" --json peek 0
	assert_output --partial "\"region\":\"$BATS_TEST_TMPDIR/img\""
}

@test "libiomap's timeout is iomap's (status 3, the same message)" {
	run "$API" file "$BATS_TEST_TMPDIR"
	assert_success
	out=$output
	# The file as the C program left it: 0xffff0100 at 0x200.
	run "$IOMAP" -f "$BATS_TEST_TMPDIR/img" wait 0x200 0x0b00:0x0f00 \
		--timeout=2ms --interval=500us
	assert_failure 3
	want=$(printf '%s\n' "$out" | sed -n 's/^MSG wait-timeout: //p')
	assert_equal "${output#iomap: }" \
		"${want/last read 0xffff0a00/last read 0xffff0100}"
}

@test "libiomap refuses what iomap refuses, with its message, touching nothing" {
	run "$API" refusals "$BATS_TEST_TMPDIR"
	assert_success
	assert_line PASSED
	API_OUT=$output
	img=$BATS_TEST_TMPDIR/img
	same_message unaligned -f "$img" peek 2
	same_message past-end -f "$img" peek 0x1000
	same_message write-past-end -f "$img" poke 0x1000 1
	same_message wide-value -f "$img" -w 8 poke 0 0x100
	same_message block-length -f "$img" dump 0+6
	same_message block-start -f "$img" dump 2+8
	same_message block-past-end -f "$img" dump 0xff8+16
	same_message fill-past-end -f "$img" fill 4000+256 0
	same_message crc32-past-end -f "$img" crc32 0+8192
	same_message wait-never -f "$img" wait 0 0x3:0x1
	same_message name-without-regs -f "$img" peek ctrl
	assert_line "HINT name-without-regs: a register name needs a description: give it with --regs FILE"
	same_message open-missing-file -f "$BATS_TEST_TMPDIR/missing" peek 0
	assert_line "STATUS open-missing-file: 2"
	same_message open-missing-regs -f "$img" -r "$BATS_TEST_TMPDIR/missing.regs" regs
	same_region_message open-missing-argument "region -f"
	same_region_message open-unknown-option "region --bogus"
	same_region_message open-command "region -f x peek 0"
	same_region_message open-two-regions "region -s 00:03.0 -f x"
	same_region_message open-bad-minor "region -m 0x1x"
	same_region_message open-quote "region -f 'unterminated"
}

@test "a bus error inside a window fails the call; the process lives on" {
	run "$API" sigbus "$BATS_TEST_TMPDIR"
	assert_success
	assert_line PASSED
	assert_line "MSG sigbus: bus error (SIGBUS) during a 32-bit read at $(printf '0x%x' $((PAGE + 8))) in $BATS_TEST_TMPDIR/img"
	assert_line "HINT sigbus: $BATS_TEST_TMPDIR/img is only 0 bytes long; the access is past its end"
}

@test "libiomap on a BAR of the fake sysfs tree, memory and I/O" {
	fake_sys
	run "$API" pci "$SYS"
	assert_success
	assert_line PASSED
	assert_line "NAME 0000:00:03.0 BAR0"
	API_OUT=$output
	run "$IOMAP" --sysfs="$SYS" -s 00:03.0 --json peek 0
	assert_output --partial '"region":"0000:00:03.0 BAR0"'
	same_message io-64 --sysfs="$SYS" -s 00:04.0 -b 1 -w 64 peek 0x10
	same_message no-sysfs --sysfs=/nonexistent -s 00:03.0 peek 0
}

@test "registers by name, fields, enumerations, and walking the description" {
	fake_sys
	regs=$TESTS_SRCDIR/fixtures/edu.regs
	run "$API" names "$SYS" "$regs"
	assert_success
	assert_line PASSED
	assert_line "REG edu.id 0x0 32 ro reset=0x10000ed"
	assert_line "FIELD edu.dma_cmd.dir 1:1 ram_to_edu=0 edu_to_ram=1"
	API_OUT=$output
	# As many registers as iomap regs lists.
	assert_equal "$(printf '%s\n' "$output" | grep -c '^REG ')" \
		"$("$IOMAP" -r "$regs" regs | wc -l)"
	r=(--sysfs="$SYS" -s 00:03.0 -r "$regs")
	same_message read-write-only "${r[@]}" peek irq_raise
	same_message write-read-only "${r[@]}" poke id 1
	same_message field-too-wide "${r[@]}" poke status.irq_fact 0x2
	same_message field-read-only "${r[@]}" poke status computing=1
	same_message field-unknown "${r[@]}" poke status bogus=1
	same_message field-twice "${r[@]}" poke dma_cmd run=1 run=0
	same_message enum-unknown "${r[@]}" poke dma_cmd dir=sideways
	same_message not-assignment "${r[@]}" poke dma_cmd run=1 run
	same_message name-unknown "${r[@]}" peek stauts
}

@test "libiomap.so exports exactly the calls <iomap.h> declares" {
	so=$BUILD/.libs/libiomap.so
	[ -f "$so" ] || skip "no shared libiomap (configure --disable-shared)"
	declared=$(grep -o '\biomap_[a-z0-9_]*(' \
		"$TESTS_SRCDIR/../include/iomap.h" | tr -d '(' | sort -u)
	run nm -D --defined-only "$so"
	assert_success
	# The library's own modules stay inside it.
	refute_output --regexp ' (region|mapping|regdb|operand|error)_'
	assert_equal "$(printf '%s\n' "$output" | awk '{ print $3 }' | sort)" \
		"$declared"
}

@test "a C++ program includes <iomap.h> and calls it" {
	[ -n "${CXX_FOR_TESTS:-}" ] || skip "no C++ compiler (apt-get install g++)"
	cat >"$BATS_TEST_TMPDIR/t.cc" <<'CC'
#include <iomap.h>
#include <cstdio>

int main()
{
	struct iomap_error err;
	struct iomap *m = iomap_open("-f /nonexistent", &err);

	if (!m)
		std::printf("%d %s\n", err.status, err.message);
	iomap_close(m);
	return 0;
}
CC
	run "$CXX_FOR_TESTS" -std=c++11 -Wall -Wextra -Werror -pedantic \
		-I"$TESTS_SRCDIR/../include" -c "$BATS_TEST_TMPDIR/t.cc" \
		-o "$BATS_TEST_TMPDIR/t.o"
	assert_success
	[ -f "$BUILD/.libs/libiomap.so" ] || return 0
	skip_instrumented "links a plain program with the library"
	run "$CXX_FOR_TESTS" "$BATS_TEST_TMPDIR/t.o" -L"$BUILD/.libs" -liomap \
		-o "$BATS_TEST_TMPDIR/t"
	assert_success
	LD_LIBRARY_PATH=$BUILD/.libs run "$BATS_TEST_TMPDIR/t"
	assert_output "2 -f /nonexistent: No such file or directory"
}

@test "the man page's example builds against the installed library, shared and static" {
	[ "${IOMAP_REBUILD:-}" != skip ] || skip "builds skipped (IOMAP_REBUILD=skip)"
	skip_instrumented "links a plain program with the library"
	command -v pkg-config >/dev/null || skip "no pkg-config"
	t=$BATS_TEST_TMPDIR
	root=$t/root
	make -s -C "$BUILD" install-libLTLIBRARIES install-includeHEADERS \
		install-pkgconfigDATA DESTDIR="$root" >"$t/install.log" 2>&1 ||
		fail "make install failed: $(tail -5 "$t/install.log")"
	pc=$(find "$root" -name iomap.pc)
	[ -n "$pc" ] || fail "no iomap.pc installed"
	libdir=$(dirname "$(dirname "$pc")")
	[ -f "$libdir/libiomap.a" ] || fail "no libiomap.a installed"
	ls "$libdir"/libiomap.so.0* >/dev/null || fail "no libiomap.so.0"
	sed -n '/^\.\\" example-begin/,/^\.\\" example-end/p' \
		"$TESTS_SRCDIR/../man/libiomap.3" |
		sed "/^\\./d; s/\\\\e/\\\\/g; s/\\\\-/-/g; s/\\\\(aq/'/g" \
		>"$t/peekpoke.c"
	grep -q 'iomap_open' "$t/peekpoke.c" || fail "no example in man/libiomap.3"
	export PKG_CONFIG_SYSROOT_DIR=$root
	export PKG_CONFIG_PATH=$(dirname "$pc")
	cc=${CC:-cc}
	# Shared: as the example's first line says.
	run $cc -Wall -Werror -o "$t/peekpoke" "$t/peekpoke.c" \
		$(pkg-config --cflags --libs iomap)
	assert_success
	run readelf -d "$t/peekpoke"
	assert_output --partial 'libiomap.so.0'
	printf 'ABCDEFGH' >"$t/img"
	LD_LIBRARY_PATH=$libdir run --separate-stderr "$t/peekpoke" "-f $t/img"
	assert_success
	assert_output "$t/img: 0x44434241, then 0xbbbcbdbe"
	assert_equal "$stderr" "R32 0x00000000 -> 0x44434241
W32 0x00000004 <- 0xbbbcbdbe
R32 0x00000004 -> 0xbbbcbdbe"
	# Static libiomap.a, its dependencies from pkg-config --static.
	libs=$(pkg-config --static --libs iomap)
	run $cc -Wall -Werror -o "$t/peekpoke-static" "$t/peekpoke.c" \
		$(pkg-config --cflags iomap) \
		${libs/-liomap/-Wl,-Bstatic -liomap -Wl,-Bdynamic}
	assert_success
	run readelf -d "$t/peekpoke-static"
	refute_output --partial 'libiomap'
	printf 'ABCDEFGH' >"$t/img"
	run --separate-stderr "$t/peekpoke-static" "-f $t/img"
	assert_success
	assert_output "$t/img: 0x44434241, then 0xbbbcbdbe"
	# A refusal comes back as the status and message.
	run --separate-stderr "$t/peekpoke-static" "-f $t/missing"
	assert_failure 2
	assert_equal "$stderr" "peekpoke: -f $t/missing: No such file or directory"
}
