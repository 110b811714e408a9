/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The only code that dereferences mapped device memory: one load or store
 * of exactly the named width per call, from the accessors of this CPU.
 *
 * Each of access_x86.h, access_arm64.h and access_generic.h defines
 * access_read8/16/32/64, access_write8/16/32/64 and access_store_fence();
 * this header picks one, as pciutils picks its i386-io-*.h, and builds the
 * width-dispatching access_read() and access_write() on top.
 * tests/arch.bats disassembles the built binary's access path (the
 * functions of src/mapping.c) and fails on an access that a hypervisor
 * could not emulate; the per-architecture headers say what it checks.
 */
#ifndef IOMAP_ACCESS_H
#define IOMAP_ACCESS_H

#include <stdint.h>

#if defined(__x86_64__) || defined(__i386__)
#include "access_x86.h"
#elif defined(__aarch64__)
#include "access_arm64.h"
#else
#include "access_generic.h"
#endif

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

#endif
