#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# The access path of the built iomap, native and cross-built for aarch64:
# no access a hypervisor cannot emulate (src/access_*.h, check-access-path).

load helpers

CHECK=$TESTS_SRCDIR/check-access-path

# needs_cross: skip unless the aarch64 cross toolchain and libraries are here.
needs_cross() {
	local t
	for t in aarch64-linux-gnu-gcc aarch64-linux-gnu-objdump \
		 aarch64-linux-gnu-as; do
		command -v "$t" >/dev/null ||
			skip_env "$t is missing (apt-get install gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu)"
	done
}

# cross_iomap: REPLY = an iomap built with --host=aarch64-linux-gnu
# --enable-werror: $IOMAP_AARCH64 if set, else built here from a copy of
# the source tree (the tree itself may be configured in place).
cross_iomap() {
	if [ -n "${IOMAP_AARCH64:-}" ]; then
		REPLY=$IOMAP_AARCH64
		return
	fi
	[ "${IOMAP_REBUILD:-}" != skip ] || skip "builds of iomap skipped (IOMAP_REBUILD=skip)"
	command -v aarch64-linux-gnu-pkg-config >/dev/null &&
		aarch64-linux-gnu-pkg-config --exists libpci ||
		skip_env "no arm64 libpci (dpkg --add-architecture arm64; apt-get install pkgconf:arm64 libpci-dev:arm64 libedit-dev:arm64)"
	local src=$BATS_TEST_TMPDIR/src
	source_copy "$src"
	(cd "$src" && ./configure --quiet --host=aarch64-linux-gnu \
		--enable-werror && make -j2 iomap) >"$BATS_TEST_TMPDIR/build.log" 2>&1 ||
		fail "the aarch64 cross build failed: $(tail -20 "$BATS_TEST_TMPDIR/build.log")"
	REPLY=$src/iomap
}

# aarch64_asm FILE BAD, x86_asm FILE BAD: the four functions the check
# requires, with accesses of every width; BAD goes into mapping_fill.
aarch64_asm() {
	cat > "$1" <<-END
	.text
	.globl mapping_read, mapping_write, mapping_read_block, mapping_fill
	mapping_read:
		stp x29, x30, [sp, #-32]!
		mov x29, sp
		ldr w2, [x0, #12]
		ldrb w1, [x3]
		ldrh w1, [x3]
		ldr w1, [x3]
		ldr x1, [x3]
		str x1, [x2]
		ldp x29, x30, [sp], #32
		ret
	mapping_write:
		strb w1, [x3]
		strh w1, [x3]
		str wzr, [x3]
		str x1, [x3]
		ret
	mapping_read_block:
		ldr w1, [x6]
		str w1, [x25, x0, lsl #2]
		ret
	mapping_fill:
		str x19, [sp, #16]
		$2
		ret
	END
}

x86_asm() {
	cat > "$1" <<-END
	.text
	.globl mapping_read, mapping_write, mapping_read_block, mapping_fill
	mapping_read:
		push %rbx
		movzbl (%rdi), %eax
		movzwl (%rdi), %eax
		mov (%rdi), %eax
		mov (%rdi), %rax
		pop %rbx
		ret
	mapping_write:
		mov %sil, (%rdi)
		mov %si, (%rdi)
		mov %esi, (%rdi)
		mov %rsi, (%rdi)
		ret
	mapping_read_block:
		mov (%rax,%rcx,4), %edx
		ret
	mapping_fill:
		movl \$0, 8(%rsp)
		$2
		ret
	END
}

@test "the host build's access path: one plain load or store per word" {
	command -v objdump || skip "objdump (binutils) is not installed"
	# ASan poisons a stack frame's shadow with vector stores: those are the
	# instrumentation's, not accesses of the region; the plain build is
	# the one checked
	skip_instrumented "the access path is checked in the plain build"
	case $(uname -m) in
	x86_64) arch=x86-64 ;;
	aarch64) arch=aarch64 ;;
	*) skip "no check for $(uname -m): its accessors are lib/access/access_generic.h" ;;
	esac
	run "$CHECK" objdump "$IOMAP"
	assert_success
	assert_output --regexp "^$IOMAP \($arch\): [0-9]+ memory accesses in [4-7] functions of the access path, none with"
}

@test "the aarch64 cross build's access path has no writeback, pair or SIMD access" {
	needs_cross
	cross_iomap
	run "$CHECK" aarch64-linux-gnu-objdump "$REPLY"
	assert_success
	assert_output --regexp "\(aarch64\): [0-9]+ memory accesses in [4-7] functions of the access path, none with"
	# and the inline assembly is there: plain base register, every width
	run aarch64-linux-gnu-objdump -d --no-show-raw-insn "$REPLY"
	for insn in 'ldrb	w[0-9]+, \[x[0-9]+\]' 'ldrh	w[0-9]+, \[x[0-9]+\]' \
		    'strb	w[0-9]+, \[x[0-9]+\]' 'str	x[0-9]+, \[x[0-9]+\]' \
		    'dsb	st'; do
		assert_output --regexp "$insn"
	done
}

@test "the check fails on writeback, pair and SIMD accesses (aarch64)" {
	needs_cross
	s=$BATS_TEST_TMPDIR/path.s o=$BATS_TEST_TMPDIR/path.o
	# what the check must let pass: the stack, offsets, register offsets
	aarch64_asm "$s" 'stp x29, x30, [sp, #-16]!
		ldr w0, [x0, #4120]
		ldrb w1, [x0, x3]'
	aarch64-linux-gnu-as -o "$o" "$s"
	run "$CHECK" aarch64-linux-gnu-objdump "$o"
	assert_success
	while IFS='|' read -r insn why; do
		aarch64_asm "$s" "$insn"
		aarch64-linux-gnu-as -o "$o" "$s"
		run "$CHECK" aarch64-linux-gnu-objdump "$o"
		assert_failure 1
		assert_output --regexp "^$why: $o <mapping_fill> [0-9a-f]+: "
		assert_equal "${#lines[@]}" 1
	done <<-'END'
	str w1, [x6], #4|writeback
	strb w1, [x6], #1|writeback
	ldr x1, [x6, #8]!|writeback
	stp w1, w2, [x6]|pair
	ldp x1, x2, [x6, #16]|pair
	stnp x1, x2, [x6]|pair
	str q0, [x6]|SIMD&FP register
	ldr d0, [x6]|SIMD&FP register
	st1 {v0.16b}, [x6]|SIMD&FP register
	ld1 {v0.4s}, [x6]|SIMD&FP register
	END
}

@test "the check fails on vector and string instructions (x86-64)" {
	[ "$(uname -m)" = x86_64 ] || skip "not an x86-64 host"
	command -v as || skip "as (binutils) is not installed"
	s=$BATS_TEST_TMPDIR/path.s o=$BATS_TEST_TMPDIR/path.o
	x86_asm "$s" 'mov %eax, (%rdi)'
	as -o "$o" "$s"
	run "$CHECK" objdump "$o"
	assert_success
	while IFS='|' read -r insn why; do
		x86_asm "$s" "$insn"
		as -o "$o" "$s"
		run "$CHECK" objdump "$o"
		assert_failure 1
		assert_output --regexp "^$why: $o <mapping_fill> [0-9a-f]+: "
		assert_equal "${#lines[@]}" 1
	done <<-'END'
	movdqu %xmm0, (%rdi)|vector register
	vmovdqu %ymm0, (%rdi)|vector register
	rep stosl|string instruction
	movsq|string instruction
	END
}

@test "the check refuses a binary without the access path" {
	command -v objdump || skip "objdump (binutils) is not installed"
	run "$CHECK" objdump "$SEALED"
	assert_failure 2
	assert_output "$SEALED has no function mapping_read: is it stripped, or was the access path renamed?"
}
