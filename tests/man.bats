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
	render 200 | sed -n '/^OPTIONS$/,/^[A-Z]/p' | sed -n 's/^  *\(-.*[^ ]\)   *\([A-Z][A-Z (a-z,)]*\)$/\1\t\2/p'
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
		opt=${opts##*, }
		opt=${opt%%=*}
		opt=${opt%%\[*}
		# COMMANDS (compare, search): within each command's own entry
		if [[ $section == *'('*')' ]]; then
			local cmds=${section##*(} cmd
			cmds=${cmds%)}
			for cmd in ${cmds//,/ }; do
				awk -v c="$cmd" '/^       [a-z]/ { on = ($1 == c) } on' <<<"$text" |
					grep -qF -- "$opt" || fail "$opt is not described in $section ($cmd)"
			done
			continue
		fi
		grep -qF -- "$opt" <<<"$text" || fail "$opt is not described in $section"
	done < <(options_index)
}

# help_forms SECTION-START SECTION-END: each option line of --help between
# the two headers, as its forms ("-s --slot", "--wc").
help_forms() {
	iomap --help | sed -n "/^ *$1/,/^ *$2/p" | grep -E '^ +-' |
		sed -E 's/^ +//; s/  .*//; s/[=[][^ ,]*//g; s/,//g'
}

# has_word TEXT WORD: WORD stands in TEXT, not as part of a longer option.
has_word() {
	grep -qE -- "(^|[^a-z-])${2//\?/\\?}([^a-z-]|$)" <<<"$1"
}

@test "--help, the man page, iomap help and the shell's help agree" {
	local opt opts index cmd forms f found shell_help region_help man_region w
	command -v man >/dev/null || skip "man is not installed"
	# every option of the man page's OPTIONS index is one of --help's
	opts=$(iomap --help | grep -oE -- '(^|[ ,])--?[a-zA-Z?][a-z-]*' | tr -d ' ,' | sort -u)
	index=$(options_index | cut -f1 | sed 's/, /\n/g; s/[=[].*//' | sort -u)
	[ -n "$index" ] || fail "no OPTIONS index"
	assert_equal "$index" "$opts"
	# every command of --help: in the SYNOPSIS, in iomap help, and in the
	# shell's help unless scripts do not have it
	shell_help=$(printf 'help\n' | iomap -f "$IOMAP" shell)
	for cmd in $(iomap --help | sed -n '/^Commands:/,/^$/p' | grep -oE '^  [a-z][a-z0-9-]*'); do
		render 200 | grep -qE "^ +iomap (\[OPTION\.\.\.\] )?$cmd( |$)" ||
			fail "$cmd is not in the SYNOPSIS"
		run --separate-stderr iomap help "$cmd"
		assert_success
		[[ ${lines[0]} == "$cmd"* ]] || fail "iomap help $cmd: ${lines[0]}"
		iomap help | grep -qE "(^|  )$cmd( |$)" || fail "$cmd is not in iomap help"
		case $cmd in
		run|shell|devmem|vfio-bind|vfio-unbind) ;;
		*)
			has_word "$shell_help" "$cmd" || fail "$cmd is not in the shell's help"
			run --separate-stderr iomap -f "$IOMAP" shell <<<"help $cmd"
			assert_success
			[[ ${lines[0]} == "$cmd"* ]] || fail "shell help $cmd: ${lines[0]}"
			;;
		esac
	done
	# the region line takes every region option of --help, and says so in
	# the shell's help and the man page
	region_help=$(sed -n '/^  region/,/^  width/p' <<<"$shell_help")
	man_region=$(render 200 | sed -n '/^SCRIPTS$/,/^[A-Z]/p' | sed -n '/^ *region OPTIONS/,/^ *width N/p')
	[ -n "$man_region" ] || fail "no region line in the man page's SCRIPTS"
	while read -r forms; do
		for text in "$region_help" "$man_region"; do
			found=
			for f in $forms; do
				has_word "$text" "$f" && found=1
			done
			[ -n "$found" ] || fail "$forms is not among the region line's options"
		done
	done < <(help_forms Region Access:)
	# the width letters of -w, of the shell's width and of its help agree
	w=$(iomap --help | tr '\n' ' ' | grep -oE -- '--width=WIDTH +[^-]*' |
		sed 's/^--width=WIDTH//' | grep -oE '\b([0-9]+|[a-z])\b' | sort -u | tr '\n' ' ')
	assert_equal "$w" "$(iomap help width | head -1 | grep -oE '[0-9a-z]+' | grep -vx width | sort -u | tr '\n' ' ')"
	for f in $w; do
		run --separate-stderr iomap -f "$IOMAP" shell <<<"width $f"
		assert_success
		run --separate-stderr iomap -w "$f" --help
		assert_success
	done
}
