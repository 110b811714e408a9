/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Accessors as volatile casts: one load or store of the named width per
 * call, never merged, split or dropped by the compiler. Shared by
 * access_x86.h and access_generic.h (included by them only).
 */
#ifndef IOMAP_ACCESS_VOLATILE_H
#define IOMAP_ACCESS_VOLATILE_H

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

#endif
