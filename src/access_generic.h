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

static inline uint8_t access_read8(const volatile void *p)
{
	return *(const volatile uint8_t *)p;
}

static inline uint16_t access_read16(const volatile void *p)
{
	return *(const volatile uint16_t *)p;
}

static inline uint32_t access_read32(const volatile void *p)
{
	return *(const volatile uint32_t *)p;
}

static inline uint64_t access_read64(const volatile void *p)
{
	return *(const volatile uint64_t *)p;
}

static inline void access_write8(volatile void *p, uint8_t v)
{
	*(volatile uint8_t *)p = v;
}

static inline void access_write16(volatile void *p, uint16_t v)
{
	*(volatile uint16_t *)p = v;
}

static inline void access_write32(volatile void *p, uint32_t v)
{
	*(volatile uint32_t *)p = v;
}

static inline void access_write64(volatile void *p, uint64_t v)
{
	*(volatile uint64_t *)p = v;
}

/* Order all earlier stores before anything later. */
static inline void access_store_fence(void)
{
	__sync_synchronize();
}

#endif
