#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# The bash completion (completions/iomap): commands, option values, PCI slots
# and ids from a fake sysfs tree, register names from --regs, and that its
# option list matches --help; and zsh's register names (completions/_iomap).

bats_require_minimum_version 1.5.0
load '/usr/lib/bats/bats-support/load'
load '/usr/lib/bats/bats-assert/load'

TESTS_SRCDIR=${TESTS_SRCDIR:-$BATS_TEST_DIRNAME}
IOMAP=${IOMAP:-$TESTS_SRCDIR/../iomap}
COMPLETION=$TESTS_SRCDIR/../completions/iomap
ZCOMPLETION=$TESTS_SRCDIR/../completions/_iomap
BASH_COMPLETION=/usr/share/bash-completion/bash_completion

# tiny_sys DIR: three devices with vendor and device files, one outside
# domain 0 (which has no short slot form).
tiny_sys() {
	local slot ids
	for ids in 0000:00:03.0=0x8086:0x100e 0000:00:1f.2=0x8086:0x2922 \
		   0001:02:00.0=0x1234:0x11e8 0000:03:00.0=0x1234:0x11e8; do
		slot=${ids%%=*}
		ids=${ids#*=}
		mkdir -p "$1/devices/$slot"
		printf '%s\n' "${ids%%:*}" > "$1/devices/$slot/vendor"
		printf '%s\n' "${ids#*:}" > "$1/devices/$slot/device"
	done
}

setup_file() {
	[ -r "$BASH_COMPLETION" ] || return 0	# each test skips (bats 1.8)
	TINY=$BATS_FILE_TMPDIR/tiny
	tiny_sys "$TINY"
	# The shared fake tree when its generator exists, else our own.
	if [ -x "$TESTS_SRCDIR/fixtures/mkfakesys" ]; then
		SYS=$BATS_FILE_TMPDIR/sys
		"$TESTS_SRCDIR/fixtures/mkfakesys" "$SYS" >/dev/null
	else
		SYS=$TINY
	fi
	export TINY SYS
}

setup() {
	[ -r "$BASH_COMPLETION" ] ||
		skip "bash-completion is not installed ($BASH_COMPLETION)"
	# shellcheck source=/dev/null
	source "$BASH_COMPLETION"
	# shellcheck source=../completions/iomap
	source "$COMPLETION"
}

# complete_line LINE: run the completion as bash would for LINE with the cursor
# at its end, splitting words at blanks and at '=' and ':' (bash's
# COMP_WORDBREAKS), and print COMPREPLY sorted, one per line.
complete_line() {
	local line=$1 rest=$1 tok
	COMP_LINE=$line
	COMP_POINT=${#line}
	COMP_WORDS=()
	while [[ $rest =~ ^[[:blank:]]*([^[:blank:]=:]+|[=:]+) ]]; do
		tok=${BASH_REMATCH[1]}
		COMP_WORDS+=("$tok")
		rest=${rest#"${BASH_REMATCH[0]}"}
	done
	[[ $line == *[[:blank:]] ]] && COMP_WORDS+=("")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_iomap_module
	printf '%s\n' "${COMPREPLY[@]}" | sort
}

# The long options that `iomap --help` lists.
help_options() {
	"$IOMAP" --help | grep -E '^ +(-[^ ], )*--[a-z]' |
		grep -oE -- '--[a-z][a-z0-9-]*' | sort -u
}

@test "the completion is registered for iomap" {
	run -0 complete -p iomap
	assert_output 'complete -F _iomap_module iomap'
}

@test "the first word completes to the commands" {
	run -0 complete_line 'iomap '
	assert_output "$(printf '%s\n' compare crc32 decode devmem dump encode fill \
		help list load peek poke regs run search shell show vfio-bind \
		vfio-unbind wait)"
}

@test "a partial command completes" {
	run -0 complete_line 'iomap p'
	assert_output "$(printf '%s\n' peek poke)"
}

@test "commands are offered after region options" {
	run -0 complete_line 'iomap -s 03:00.0 -w 16 d'
	assert_output "$(printf '%s\n' decode devmem dump)"
}

@test "-w completes the widths" {
	run -0 complete_line 'iomap -w '
	assert_output "$(printf '%s\n' 16 32 64 8 b h l q w)"
}

@test "--width= completes the widths" {
	run -0 complete_line 'iomap --width='
	assert_output "$(printf '%s\n' 16 32 64 8 b h l q w)"
}

@test "--minor-format completes pa and s300" {
	run -0 complete_line 'iomap --minor-format '
	assert_output "$(printf '%s\n' pa s300)"
	run -0 complete_line 'iomap decode --minor-format='
	assert_output "$(printf '%s\n' pa s300)"
}

@test "-b completes the BARs of the device -s or -d selects, from sysfs" {
	run -0 complete_line "iomap --sysfs=$SYS -s 00:05.0 -b "
	assert_output "$(printf '%s\n' 0 2)"
	run -0 complete_line "iomap --sysfs $SYS --slot=0000:00:04.0 --bar="
	assert_output "$(printf '%s\n' 0 1)"
	run -0 complete_line "iomap -s 2:0 --sysfs=$SYS peek 0 -b "
	assert_output "$(printf '%s\n' 0 2)"
	# two devices with these ids, both with BARs 0 and 2
	run -0 complete_line "iomap --sysfs=$SYS -d 8086:10d3 -b "
	assert_output "$(printf '%s\n' 0 2)"
	# BARs without resourceN files are BARs all the same
	run -0 complete_line "iomap --sysfs=$SYS -s 6 -b "
	assert_output "$(printf '%s\n' 0 1)"
	# a device without BARs, none selected, or no such device: nothing
	run -0 complete_line "iomap --sysfs=$SYS -s 00:00.0 -b "
	assert_output ''
	run -0 complete_line "iomap --sysfs=$SYS -b "
	assert_output ''
	run -0 complete_line "iomap --sysfs=$SYS -s 1f.7 -b "
	assert_output ''
}

@test "-s completes full and short slots from --sysfs=DIR" {
	run -0 complete_line "iomap --sysfs=$TINY -s "
	assert_output "$(printf '%s\n' 00:03.0 00:1f.2 03:00.0 \
		0000:00:03.0 0000:00:1f.2 0000:03:00.0 0001:02:00.0 | sort)"
}

@test "--slot honours --sysfs DIR given as two words" {
	run -0 complete_line "iomap --sysfs $TINY --slot 0001"
	assert_output '0001:02:00.0'
}

@test "a slot with colons completes after the last colon, as bash inserts it" {
	run -0 complete_line "iomap --sysfs=$TINY -s 0000:00:"
	assert_output "$(printf '%s\n' 03.0 1f.2)"
	run -0 complete_line "iomap --sysfs=$TINY peek 0 --slot=00:1"
	assert_output '1f.2'
}

@test "-s lists every device of the fake sysfs tree" {
	local d expected=()
	for d in "$SYS"/devices/*; do
		d=${d##*/}
		expected+=("$d")
		[[ $d == 0000:* ]] && expected+=("${d#0000:}")
	done
	[ "${#expected[@]}" -gt 0 ]
	run -0 complete_line "iomap --sysfs=$SYS -s "
	assert_output "$(printf '%s\n' "${expected[@]}" | sort)"
}

@test "-d completes VENDOR:DEVICE pairs, each once" {
	run -0 complete_line "iomap --sysfs=$TINY -d "
	assert_output "$(printf '%s\n' 1234:11e8 8086:100e 8086:2922)"
	run -0 complete_line "iomap --sysfs=$TINY --device=8086:"
	assert_output "$(printf '%s\n' 100e 2922)"
}

@test "-f completes file names and --sysfs directories only" {
	cd "$BATS_TEST_TMPDIR"
	mkdir sysdir
	touch bar2.bin
	run -0 complete_line 'iomap -f ba'
	assert_output 'bar2.bin'
	run -0 complete_line 'iomap --sysfs '
	assert_output 'sysdir'
}

@test "a leading dash completes options before the command" {
	run -0 complete_line 'iomap --mi'
	assert_output "$(printf '%s\n' --minor --minor-format)"
}

@test "nothing is offered, so nothing inserted, at a command's arguments" {
	local line
	for line in 'iomap peek ' 'iomap peek 0x10 ' 'iomap -s 00:03.0 poke 0 ' \
		    'iomap dump 0' 'iomap --trace run script ' 'iomap wait -w 8 0 '; do
		run -0 complete_line "$line"
		assert_output ''
	done
}

@test "once a command is present, options are offered after a dash" {
	run -0 complete_line 'iomap peek 0x10 -'
	assert_line --partial -- '--width'
	assert_line -- '--slot'
	refute_line -- '--verify'
	refute_line -- '--raw'
	run -0 complete_line 'iomap poke 0x10 0x1 --v'
	assert_output "$(printf '%s\n' --verify --version --vfio)"
	run -0 complete_line 'iomap dump -'
	assert_line -- '--raw'
	assert_line -- '--output'
	assert_line -- '--json'
	run -0 complete_line 'iomap wait 0x4 0x1:0x1 --'
	assert_line -- '--timeout'
	assert_line -- '--interval'
	refute_line -- '--json'
}

# regs_file: a small description in the test's directory, as d.regs.
regs_file() {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' 'block UART0 0x1000' 'register CTRL 0' 'field EN 0' \
		'field MODE 3:1' 'register DATA 4' 'block UART1 0x2000' \
		'register CTRL 0' > d.regs
	# The completion runs iomap as typed: this build, found on PATH.
	PATH=$(cd "${IOMAP%/*}" && pwd):$PATH
	export XDG_CACHE_HOME=$BATS_TEST_TMPDIR/cache
}

@test "-r and --regs complete file names" {
	regs_file
	run -0 complete_line 'iomap -r d.r'
	assert_output 'd.regs'
	run -0 complete_line 'iomap --regs=d.'
	assert_output 'd.regs'
}

@test "regs completes register names from the --regs description" {
	regs_file
	run -0 complete_line 'iomap --regs d.regs regs '
	assert_output "$(printf '%s\n' UART0.CTRL UART0.DATA UART1.CTRL)"
	run -0 complete_line 'iomap -r d.regs regs uart0.'
	assert_output "$(printf '%s\n' UART0.CTRL UART0.DATA)"
	run -0 complete_line 'iomap regs --regs=d.regs UART0.CTRL'
	assert_output "$(printf '%s\n' UART0.CTRL UART0.CTRL.EN UART0.CTRL.MODE)"
	run -0 complete_line 'iomap -rd.regs regs da'
	assert_output 'DATA'
	# the index it compiled makes the next completion quick
	ls "$XDG_CACHE_HOME"/iomap/*.regdb
}

@test "without --regs, or with a missing file, regs offers no names" {
	regs_file
	run -0 complete_line 'iomap regs '
	assert_output ''
	run -0 complete_line 'iomap -r nosuch.regs regs '
	assert_output ''
}

@test "--fields goes with regs, peek and show; --names with regs only" {
	regs_file
	run -0 complete_line 'iomap -r d.regs regs --'
	assert_line -- '--fields'
	assert_line -- '--names'
	assert_line -- '--json'
	run -0 complete_line 'iomap peek 0 --'
	assert_line -- '--fields'
	refute_line -- '--names'
	run -0 complete_line 'iomap -r d.regs show --'
	assert_line -- '--fields'
	assert_line -- '--json'
	refute_line -- '--names'
	run -0 complete_line 'iomap dump --'
	refute_line -- '--fields'
	refute_line -- '--names'
}

@test "zsh completes register and field names from --regs" {
	command -v zsh >/dev/null || skip "zsh is not installed"
	regs_file
	# The completion's functions, without its last line (which needs the
	# completion system); compadd and _wanted print what they are given.
	run -0 zsh -f -c '
		source <(sed "\$d" "$1")
		_wanted() { shift 3; "$@"; }
		compadd() {
			while [[ $1 == -* ]]; do
				case $1 in
				-a) print -l -- ${(P)2}; return ;;
				*) shift 2 ;;
				esac
			done
		}
		words=(iomap --regs d.regs regs uart0.ctrl)
		CURRENT=5 PREFIX=uart0.ctrl
		_iomap_regnames
		words=(iomap -r d.regs regs)
		CURRENT=5 PREFIX=
		_iomap_regnames
		words=(iomap regs)
		CURRENT=3 PREFIX=
		_iomap_regnames || print none' zsh "$ZCOMPLETION"
	assert_output "$(printf '%s\n' UART0.CTRL UART0.CTRL.EN UART0.CTRL.MODE \
		UART0.CTRL UART0.DATA UART1.CTRL none)"
}

@test "with --config, names complete from the device's own configuration space" {
	regs_file
	run -0 complete_line "iomap --sysfs=$SYS -s 00:03.0 --config peek PM."
	assert_output "$(printf '%s\n' PM.CAP_HDR PM.CTRL PM.DATA_REGISTER PM.PMC PM.PPB_EXTENSIONS)"
	run -0 complete_line "iomap --sysfs $SYS --config -s 0000:00:03.0 show HDR.COMMAND.M"
	assert_output "$(printf '%s\n' HDR.COMMAND.MASTER HDR.COMMAND.MEMORY)"
	run -0 complete_line "iomap --sysfs=$SYS -d 1234:11e8 --config -r d.regs regs U"
	assert_output "$(printf '%s\n' UART0.CTRL UART0.DATA UART1.CTRL)"
	# no --config: the device's BAR has no built-in names
	run -0 complete_line "iomap --sysfs=$SYS -s 00:03.0 peek PM."
	assert_output ''
}

@test "zsh: with --config, names complete from the device's configuration space" {
	command -v zsh >/dev/null || skip "zsh is not installed"
	regs_file
	run -0 zsh -f -c '
		source <(sed "\$d" "$1")
		_wanted() { shift 3; "$@"; }
		compadd() {
			while [[ $1 == -* ]]; do
				case $1 in
				-a) print -l -- ${(P)2}; return ;;
				*) shift 2 ;;
				esac
			done
		}
		words=(iomap --sysfs "$2" -s 00:03.0 --config peek PM.C)
		CURRENT=7 PREFIX=PM.C
		_iomap_regnames' zsh "$ZCOMPLETION" "$SYS"
	assert_output "$(printf '%s\n' PM.CAP_HDR PM.CTRL)"
}

@test "run completes a script file" {
	cd "$BATS_TEST_TMPDIR"
	touch bringup.iomap
	run -0 complete_line 'iomap --trace run bri'
	assert_output 'bringup.iomap'
}

@test "every long option in iomap --help is completed, and no other" {
	local opt help
	help=$(help_options)
	[ -n "$help" ]
	run -0 complete_line 'iomap --'
	for opt in $help; do
		assert_line -- "$opt"
	done
	for opt in $output; do
		grep -qxF -- "$opt" <<<"$help" ||
			fail "the completion offers $opt, which --help lacks"
	done
}

@test "the commands completed are the commands iomap --help lists" {
	local help
	help=$("$IOMAP" --help | sed -n '/^Commands:/,/^$/p' |
		sed -nE 's/^  ([a-z][a-z0-9-]*)( .*)?$/\1/p' | sort)
	[ -n "$help" ]
	run -0 complete_line 'iomap '
	assert_output "$help"
}

@test "--progress completes its modes; --max and --progress go with their commands" {
	run -0 complete_line 'iomap --progress '
	assert_output "$(printf '%s\n' always auto never)"
	run -0 complete_line 'iomap crc32 --progress=a'
	assert_output "$(printf '%s\n' always auto)"
	run -0 complete_line 'iomap search 0x5 --'
	assert_line -- '--max'
	assert_line -- '--progress'
	refute_line -- '--verify'
	run -0 complete_line 'iomap load 0 fw.bin --'
	assert_line -- '--verify'
	assert_line -- '--progress'
	assert_line -- '--json'
	refute_line -- '--max'
	run -0 complete_line 'iomap peek 0 --'
	refute_line -- '--max'
	refute_line -- '--progress'
}

@test "load and compare complete FILE after START, not START itself" {
	cd "$BATS_TEST_TMPDIR"
	touch fw.bin
	run -0 complete_line 'iomap -w 64 load --verify 0x1000 f'
	assert_output 'fw.bin'
	run -0 complete_line 'iomap compare --max 3 0 f'
	assert_output 'fw.bin'
	run -0 complete_line 'iomap load f'
	assert_output ''
}

# board SYSROOT: the board fixture (tests/fixtures/mkboard), built once.
board() {
	B=$BATS_FILE_TMPDIR/board
	[ -d "$B/sys" ] || "$TESTS_SRCDIR/fixtures/mkboard" "$B" >/dev/null
}

@test "--of completes node paths, aliases, labels and compatibles from --sysroot's tree" {
	board
	run -0 complete_line "iomap --sysroot=$B --of /soc/ser"
	assert_output "$(printf '%s\n' /soc/serial@10010000 /soc/serial@10011000)"
	run -0 complete_line "iomap --sysroot $B --of ua"
	assert_output "$(printf '%s\n' uart0 uart1)"
	run -0 complete_line "iomap --sysroot=$B --of=serial"
	assert_output "$(printf '%s\n' serial0 serial1)"
	run -0 complete_line "iomap --sysroot=$B --of acme,t"
	assert_output acme,timer
}

@test "--uio completes uioN and device names; --iomem the names of /proc/iomem" {
	board
	run -0 complete_line "iomap --sysroot=$B --uio "
	assert_output "$(printf '%s\n' dma timer uio0 uio1 uio2)"
	run -0 complete_line "iomap --sysroot=$B -u ti"
	assert_output timer
	run -0 complete_line "iomap --sysroot=$B --iomem sens"
	assert_output sensor@100
	run -0 complete_line "iomap --sysroot=$B --iomem Sys"
	assert_output 'System\ RAM'
	# the value is no command: the command is still offered after it
	run -0 complete_line "iomap --sysroot=$B --iomem sensor@100 pe"
	assert_output peek
}

@test "-b with --of or --uio completes the reg entries or maps: indices and names" {
	board
	PATH=$(cd "${IOMAP%/*}" && pwd):$PATH
	run -0 complete_line "iomap --sysroot=$B --of=/soc/bus@40000000/ethernet@2000 -b "
	assert_output "$(printf '%s\n' 0 1 ctrl stats)"
	run -0 complete_line "iomap --sysroot=$B --of /soc/bus@40000000/bus@10000/timer@100 -b f"
	assert_output fifo
	run -0 complete_line "iomap --sysroot $B -u uio1 --bar "
	assert_output "$(printf '%s\n' 0 1 fifo regs)"
	run -0 complete_line "iomap --sysroot=$B --uio=uio0 -b "
	assert_output "$(printf '%s\n' 0 dma@1000000)"
	# a node that is not there: nothing
	run -0 complete_line "iomap --sysroot=$B --of=/nothing -b "
	assert_output ''
}

@test "register names complete where a name may stand: peek, poke, wait, dump, fill, load, compare, crc32, search, show" {
	regs_file
	run -0 complete_line 'iomap -r d.regs peek uart0.'
	assert_output "$(printf '%s\n' UART0.CTRL UART0.DATA)"
	run -0 complete_line 'iomap -r d.regs -w 32 poke DA'
	assert_output 'DATA'
	run -0 complete_line 'iomap --regs=d.regs wait UART0.CTRL.'
	assert_output "$(printf '%s\n' UART0.CTRL.EN UART0.CTRL.MODE)"
	run -0 complete_line 'iomap -r d.regs dump uart1'
	assert_output 'UART1.CTRL'
	run -0 complete_line 'iomap fill -r d.regs da'
	assert_output 'DATA'
	run -0 complete_line 'iomap -r d.regs show '
	assert_output "$(printf '%s\n' UART0.CTRL UART0.DATA UART1.CTRL)"
	run -0 complete_line 'iomap -r d.regs load uart1'
	assert_output 'UART1.CTRL'
	run -0 complete_line 'iomap -r d.regs compare da'
	assert_output 'DATA'
	run -0 complete_line 'iomap -r d.regs crc32 uart0.d'
	assert_output 'UART0.DATA'
	run -0 complete_line 'iomap -r d.regs search UART0.CTRL.'
	assert_output "$(printf '%s\n' UART0.CTRL.EN UART0.CTRL.MODE)"
	# not where a value goes, nor without a description
	run -0 complete_line 'iomap -r d.regs poke DATA da'
	assert_output ''
	run -0 complete_line 'iomap -r d.regs peek DATA '
	assert_output ''
	run -0 complete_line 'iomap peek da'
	assert_output ''
}

@test "where poke's and wait's value goes: a field's enumerated names, FIELD= after poke REG" {
	regs_file
	printf '%s\n' 'block dev 0' 'register ctrl 0' 'field enable 0 off=0 on=1' \
		'field mode 3:1 slow=0 fast=1 turbo=2' 'register data 4' > e.regs
	run -0 complete_line 'iomap -r e.regs poke ctrl.mode '
	assert_output "$(printf '%s\n' fast slow turbo)"
	run -0 complete_line 'iomap -r e.regs poke ctrl.mode t'
	assert_output turbo
	run -0 complete_line 'iomap -r e.regs wait DEV.CTRL.ENABLE o'
	assert_output "$(printf '%s\n' off on)"
	run -0 complete_line 'iomap -r e.regs poke ctrl '
	assert_output "$(printf '%s\n' enable= mode=)"
	run -0 complete_line 'iomap -r e.regs poke ctrl m'
	assert_output mode=
	run -0 complete_line 'iomap -r e.regs poke ctrl enable=on mode='
	assert_output "$(printf '%s\n' fast slow turbo)"
	run -0 complete_line 'iomap -r e.regs poke ctrl mode=f'
	assert_output fast
	# no register names where a value goes
	run -0 complete_line 'iomap -r e.regs poke data '
	assert_output ''
	run -0 complete_line 'iomap -r e.regs poke ctrl.mode fast '
	assert_output ''
	run -0 complete_line 'iomap -r e.regs wait ctrl '
	assert_output ''
}

# zsh_complete LINE: type LINE, Tab, " @" and Enter into an interactive zsh
# with the completion loaded, where iomap is a function that prints its
# arguments (but lets the completion's `regs --names` run the real one);
# print what it printed (bounded wait).
zsh_complete() {
	cat > z.zsh <<-'ZSH'
	zmodload zsh/zpty
	zpty z 'TERM=dumb zsh -f -i'
	zpty -w z "PS1='> '; fpath=($1 \$fpath); autoload -Uz compinit; compinit -u -D"
	zpty -w z 'iomap() { if [[ $* == *"regs --names"* ]]; then command iomap "$@"; else print -r -- "LI""NE: $*"; fi; }'
	zpty -w -n z "$2"$'\t'$' @\n'
	all=
	for (( i = 0; i < 200; i++ )); do
	  while zpty -r -t z chunk; do all+=$chunk; done
	  if [[ $all == *$'\n'LINE:* ]]; then
	    all=${all##*$'\n'LINE: }
	    print -r -- "${${all%%$'\n'*}%$'\r'}"
	    exit 0
	  fi
	  sleep 0.05
	done
	print -r -- "timed out: $all"
	exit 1
	ZSH
	zsh -f z.zsh "$(cd "$TESTS_SRCDIR/../completions" && pwd)" "$1"
}

@test "zsh completes register names after peek, poke, wait, dump and show, not values" {
	command -v zsh >/dev/null || skip "zsh is not installed"
	regs_file
	run -0 zsh_complete 'iomap -r d.regs peek uart0.ct'
	assert_output '-r d.regs peek UART0.CTRL @'
	run -0 zsh_complete 'iomap -r d.regs show da'
	assert_output '-r d.regs show DATA @'
	run -0 zsh_complete 'iomap -r d.regs -w 32 wait uart1'
	assert_output '-r d.regs -w 32 wait UART1.CTRL @'
	run -0 zsh_complete 'iomap -r d.regs dump uart0.ctrl.e'
	assert_output '-r d.regs dump UART0.CTRL.EN @'
	run -0 zsh_complete 'iomap -r d.regs poke DATA da'
	assert_output '-r d.regs poke DATA da @'
}

# tab_in_terminal bash|zsh LINE: in a real shell in a terminal (tmux), what
# TAB after LINE inserts, then an X typed after it, as the screen shows the
# line; for zsh, the screen line below too (where zsh lists matches).
tab_in_terminal() {
	command -v tmux >/dev/null || skip "tmux is not installed"
	# a server of its own each time: one that kill-server is still taking
	# down refuses the next session ("server exited unexpectedly")
	local sh=$1 sock=iomap-completion-$BASHPID-$RANDOM screen n setup
	case $sh in
	bash)
		setup="PS1='\$ '; source $BASH_COMPLETION; source $COMPLETION; clear"
		sh="bash --norc --noprofile"
		;;
	zsh)
		command -v zsh >/dev/null || skip "zsh is not installed"
		setup="PS1='\$ '; fpath=(${COMPLETION%/*} \$fpath); autoload -Uz compinit; compinit -u -D; clear"
		sh="zsh -f"
		;;
	esac
	tmux -L "$sock" new-session -d -x 150 -y 10 "$sh" ||
		skip "tmux cannot start a session here"
	tmux -L "$sock" send-keys "$setup" Enter
	# Poll the screen (at most 20 s each), not a sleep: first for the
	# prompt alone (keys typed earlier would be echoed by the terminal),
	# then for the X at the end of the line, which shows once TAB is done
	# (not an X anywhere: a temporary directory's name may have one).
	for ((n = 0; n < 2000; n++)); do
		screen=$(tmux -L "$sock" capture-pane -p | grep -v '^$')
		[[ $screen == '$' ]] && break
		sleep 0.01
	done
	tmux -L "$sock" send-keys "$2" Tab X
	for ((n = 0; n < 2000; n++)); do
		screen=$(tmux -L "$sock" capture-pane -p | grep -v '^$')
		[[ ${screen%%$'\n'*} == *X ]] && break
		sleep 0.01
	done
	tmux -L "$sock" kill-server
	printf '%s\n' "$screen"
}

@test "in a terminal, bash's TAB at a command's argument inserts nothing" {
	run -0 tab_in_terminal bash 'iomap peek '
	assert_output '$ iomap peek X'
	run -0 tab_in_terminal bash "iomap --sysfs=$SYS -s 00:05.0 -b 2 poke "
	assert_output "\$ iomap --sysfs=$SYS -s 00:05.0 -b 2 poke X"
	# while a command name still completes
	run -0 tab_in_terminal bash 'iomap pe'
	assert_output '$ iomap peek X'
}

@test "in a terminal, zsh's TAB at a command's argument inserts nothing, and -b lists the BARs" {
	run -0 tab_in_terminal zsh 'iomap peek '
	assert_output '$ iomap peek X'
	run -0 tab_in_terminal zsh 'iomap pe'
	assert_output '$ iomap peek X'
	run -0 tab_in_terminal zsh "iomap --sysfs=$SYS -s 00:05.0 -b "
	assert_output "\$ iomap --sysfs=$SYS -s 00:05.0 -b X
0  2"
}

@test "devmem's WIDTH completes to busybox's widths in bits" {
	run -0 complete_line 'iomap devmem 0x1000 '
	assert_output "$(printf '%s\n' 16 32 64 8)"
	run -0 complete_line 'iomap devmem 0x1000 3'
	assert_output 32
}

@test "help's COMMAND completes to the commands and the shell's words" {
	run -0 complete_line 'iomap help s'
	assert_output "$(printf '%s\n' search shell show sleep)"
	run -0 complete_line 'iomap help w'
	assert_output "$(printf '%s\n' wait width)"
}
