/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x86 accessors: volatile casts, which x86 compilers turn into one plain
 * mov of the named width (included by access.h only).
 *
 * Checked with `objdump -d --no-show-raw-insn src/iomap-mapping.o` (gcc 12,
 * -O2, x86-64): access_read8/16/32/64 become exactly one movzbl/movzwl/mov
 * /mov (32/64) load each, the write functions one movb/movw/movl/movq
 * store, and the block loops in mapping.c one load (or store) of that width
 * per word, in ascending address order, never merged into wider or split
 * into narrower accesses and never vectorised (volatile forbids both).
 * Every x86 mov with a memory operand gives a hypervisor what it needs to
 * emulate the access. tests/arch.bats checks the built iomap: no xmm, ymm
 * or zmm register and no string instruction (movs, stos, lods, cmps,
 * scas) in the functions of src/mapping.c. access_store_fence() is one
 * sfence.
 */
#ifndef IOMAP_ACCESS_X86_H
#define IOMAP_ACCESS_X86_H

#include <stdint.h>

#include "access_volatile.h"

/* Order all earlier stores before anything later (write-combining too). */
static inline void access_store_fence(void)
{
	__asm__ __volatile__("sfence" ::: "memory");
}

#endif
