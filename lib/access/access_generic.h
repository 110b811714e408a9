/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Accessors for CPUs without their own header: volatile casts and a full
 * barrier (included by access.h only; configure warns when it is used).
 *
 * Nothing here was checked against a disassembly: volatile keeps one
 * access of the named width per call on the compilers we know, but a
 * compiler may still pick addressing modes a hypervisor cannot emulate
 * (see access_arm64.h). A new architecture deserves its own header, with
 * inline assembly like Linux's __raw_read and __raw_write for it, and a
 * case in tests/arch.bats.
 */
#ifndef IOMAP_ACCESS_GENERIC_H
#define IOMAP_ACCESS_GENERIC_H

#include <stdint.h>

#include "access_volatile.h"

/* Order all earlier stores before anything later. */
static inline void access_store_fence(void)
{
	__sync_synchronize();
}

#endif
