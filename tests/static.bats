#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# A static iomap (--enable-static-binary) against a libpci.a built from
# pciutils' Debian source by README's recipe; skipped without that source.

load helpers

@test "README's recipe: a static iomap with pciutils' libpci.a, same output" {
	[ "${IOMAP_REBUILD:-}" != skip ] || skip "builds of iomap skipped (IOMAP_REBUILD=skip)"
	t=$BATS_TEST_TMPDIR
	command -v dpkg-source >/dev/null || skip_env "dpkg-source is missing (apt-get install dpkg-dev)"
	(cd "$t" && apt-get source -q pciutils) >"$t/source.log" 2>&1 ||
		skip_env "pciutils' source cannot be had through apt (a deb-src line: see README): $(tail -1 "$t/source.log")"
	pci=$(echo "$t"/pciutils-*/)
	[ -d "$pci" ] || fail "apt-get source left no pciutils-*/ in $t"
	make -C "$pci" install-lib PREFIX="$t/pciutils-static" \
		IDSDIR=/usr/share/misc SHARED=no ZLIB=no DNS=no LIBKMOD=no HWDB=no \
		>"$t/pciutils.log" 2>&1 ||
		fail "building libpci.a failed: $(tail -5 "$t/pciutils.log")"
	[ -f "$t/pciutils-static/lib/libpci.a" ]
	source_copy "$t/src"
	cd "$t/src"
	PKG_CONFIG_PATH=$t/pciutils-static/lib/pkgconfig ./configure --quiet \
		--enable-static-binary --enable-werror >"$t/build.log" 2>&1 ||
		fail "configure failed: $(tail -20 "$t/build.log")"
	make -j2 iomap >>"$t/build.log" 2>&1 ||
		fail "make failed: $(tail -20 "$t/build.log")"

	run readelf -lW iomap
	assert_success
	refute_output --partial INTERP		# no dynamic loader
	run readelf -d iomap
	assert_output --partial "There is no dynamic section in this file."

	# It runs, and says what the dynamic build says.
	static=$t/src/iomap
	F=$t/img
	pattern_file "$F" 4096
	run "$static" --version
	assert_output "$("$IOMAP" --version)"
	run "$static" -f "$F" -w 64 poke 0x10 0x1122334455667788
	assert_success
	assert_equal "$(hex_at "$F" 0x10 8)" 8877665544332211
	run "$static" -f "$F" dump 0+64
	assert_output "$("$IOMAP" -f "$F" dump 0+64)"
	fake_sys
	run "$static" --sysfs="$SYS" list
	assert_success
	assert_output "$("$IOMAP" --sysfs="$SYS" list)"
}
