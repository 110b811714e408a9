#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# The man page as a reader sees it: option and path names are never broken
# by hyphenation (a pager's search for them must find them), and the OPTIONS
# index names every option of --help and the section that describes it.

load helpers

setup() {
	command -v man >/dev/null || skip "man is not installed (apt-get install man-db)"
	[ -f "$IOMAP_MAN" ] || skip "$IOMAP_MAN is not built (configure makes it)"
}

# render WIDTH: the page as man shows it at that width, in UTF-8 (where a
# hyphenation break shows as U+2010).
render() {
	LC_ALL=C.UTF-8 MANWIDTH=$1 man -l "$IOMAP_MAN" 2>/dev/null
}

# hyphenated WIDTH: each word broken by hyphenation at a line end, rejoined.
hyphenated() {
	render "$1" | awk '
	held != "" { n = split($0, b, /[ \t]+/); i = 1
		while (i <= n && b[i] == "") i++
		print held b[i]; held = "" }
	/\xe2\x80\x90$/ { n = split($0, a, /[ \t]+/)
		held = substr(a[n], 1, length(a[n]) - 3) }'
}

@test "no option, path or resourceN is hyphenated at a line end, at widths 40 to 120" {
	local w words=() bad
	for ((w = 40; w <= 120; w += 4)); do
		mapfile -t -O "${#words[@]}" words < <(hyphenated "$w")
	done
	# English words may be; at least some are, or the check sees nothing.
	[ "${#words[@]}" -gt 0 ] || fail "no hyphenation found at all: the check is blind"
	bad=$(printf '%s\n' "${words[@]}" |
		grep -E '^[(["]*-|/|resource|_|=' | sort -u || true)
	assert_equal "$bad" ""
}

# The OPTIONS index as "OPTION...<TAB>SECTION" lines.
options_index() {
	render 200 | sed -n '/^OPTIONS$/,/^[A-Z]/p' | sed -n 's/^  *\(-.*[^ ]\)   *\([A-Z][A-Z (a-z)]*\)$/\1\t\2/p'
}

@test "the OPTIONS index lists every option of --help once, with its section" {
	local opt index
	index=$(options_index)
	[ -n "$index" ] || fail "no OPTIONS index"
	for opt in $(iomap --help | grep -oE -- '(^|[ ,])--?[a-zA-Z?][a-z-]*' | tr -d ' ,' | sort -u); do
		[ "$(cut -f1 <<<"$index" | grep -cE -- "(^|, )${opt//\?/\\?}(=|\\[|,|$)")" -eq 1 ] ||
			fail "$opt is not in the OPTIONS index exactly once"
	done
}

@test "each option is described in the section the index names" {
	local line opts section heading text opt
	while IFS=$'\t' read -r opts section; do
		heading=${section%% (*}
		text=$(render 200 | awk -v h="$heading" '/^[A-Z]/ { on = ($0 == h) } on')
		[ -n "$text" ] || fail "no section $heading"
		# COMMANDS (dump): within the command's own entry
		if [[ $section == *'('*')' ]]; then
			local cmd=${section##*(}
			cmd=${cmd%)}
			text=$(awk -v c="$cmd" '/^       [a-z]/ { on = ($1 == c) } on' <<<"$text")
		fi
		opt=${opts##*, }
		opt=${opt%%=*}
		opt=${opt%%\[*}
		grep -qF -- "$opt" <<<"$text" || fail "$opt is not described in $section"
	done < <(options_index)
}
