/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The only code that dereferences mapped device memory: one volatile load
 * or store of exactly the named width per call.
 *
 * Checked with `objdump -d --no-show-raw-insn src/iomap-mapping.o` (gcc 12,
 * -O2, x86-64): access_read8/16/32/64 become exactly one movzbl/movzwl/mov
 * /mov (32/64) load each, the write functions one movb/movw/movl/movq
 * store, and the block loops in mapping.c one load (or store) of that width
 * per word, in ascending address order, never merged into wider or split
 * into narrower accesses and never vectorised (volatile forbids both).
 * access_store_fence() is one sfence.
 */
#ifndef IOMAP_ACCESS_H
#define IOMAP_ACCESS_H

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

/* One load of WIDTH bytes (1, 2, 4 or 8). */
static inline uint64_t access_read(const volatile void *p, unsigned width)
{
	switch (width) {
	case 1: return access_read8(p);
	case 2: return access_read16(p);
	case 4: return access_read32(p);
	default: return access_read64(p);
	}
}

/* One store of WIDTH bytes (1, 2, 4 or 8). */
static inline void access_write(volatile void *p, unsigned width, uint64_t v)
{
	switch (width) {
	case 1: access_write8(p, (uint8_t)v); break;
	case 2: access_write16(p, (uint16_t)v); break;
	case 4: access_write32(p, (uint32_t)v); break;
	default: access_write64(p, v); break;
	}
}

/* Order all earlier stores before anything later (write-combining too). */
static inline void access_store_fence(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__asm__ __volatile__("sfence" ::: "memory");
#elif defined(__aarch64__)
	__asm__ __volatile__("dsb st" ::: "memory");
#else
	__sync_synchronize();
#endif
}

#endif
