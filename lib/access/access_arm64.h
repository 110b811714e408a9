/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * arm64 accessors: inline assembly, one ldr or str of the named width with
 * a plain base register, as Linux's __raw_read and __raw_write functions
 * (arch/arm64/include/asm/io.h) do (included by access.h only).
 *
 * A hypervisor emulates a trapped device access from the instruction
 * syndrome, which the CPU gives only for a single-register load or store
 * without writeback: a post- or pre-indexed access (`str w1, [x6], #4`,
 * what gcc 12 -O2 made of the fill loop through volatile casts), a pair
 * (ldp/stp) or a SIMD&FP register access fails under KVM with "load/store
 * instruction decoding not implemented". Volatile casts leave the choice
 * to the compiler; assembly does not: every access below is `ldrb wN,
 * [xM]`, `ldrh wN, [xM]`, `ldr wN, [xM]`, `ldr xN, [xM]` or the matching
 * strb/strh/str. Writes take "rZ", so storing 0 may use wzr/xzr.
 *
 * Checked with `aarch64-linux-gnu-objdump -d --no-show-raw-insn iomap`
 * (gcc 12, -O2, --host=aarch64-linux-gnu): mapping_read, mapping_write,
 * mapping_read_block and mapping_fill hold one of these per word, in
 * ascending address order, and tests/arch.bats fails on any writeback
 * (`], #imm` or `]!`), pair (ldp, stp, ldnp, stnp) or SIMD&FP (b/h/s/d/q/v
 * register, ld1-4, st1-4) access through a base register other than sp
 * or x29 in the functions of src/mapping.c. access_store_fence() is one
 * `dsb st`.
 */
#ifndef IOMAP_ACCESS_ARM64_H
#define IOMAP_ACCESS_ARM64_H

#include <stdint.h>

static inline uint8_t access_read8(const volatile void *p)
{
	uint8_t v;

	__asm__ __volatile__("ldrb %w0, [%1]" : "=r" (v) : "r" (p));
	return v;
}

static inline uint16_t access_read16(const volatile void *p)
{
	uint16_t v;

	__asm__ __volatile__("ldrh %w0, [%1]" : "=r" (v) : "r" (p));
	return v;
}

static inline uint32_t access_read32(const volatile void *p)
{
	uint32_t v;

	__asm__ __volatile__("ldr %w0, [%1]" : "=r" (v) : "r" (p));
	return v;
}

static inline uint64_t access_read64(const volatile void *p)
{
	uint64_t v;

	__asm__ __volatile__("ldr %x0, [%1]" : "=r" (v) : "r" (p));
	return v;
}

static inline void access_write8(volatile void *p, uint8_t v)
{
	__asm__ __volatile__("strb %w0, [%1]" : : "rZ" (v), "r" (p));
}

static inline void access_write16(volatile void *p, uint16_t v)
{
	__asm__ __volatile__("strh %w0, [%1]" : : "rZ" (v), "r" (p));
}

static inline void access_write32(volatile void *p, uint32_t v)
{
	__asm__ __volatile__("str %w0, [%1]" : : "rZ" (v), "r" (p));
}

static inline void access_write64(volatile void *p, uint64_t v)
{
	__asm__ __volatile__("str %x0, [%1]" : : "rZ" (v), "r" (p));
}

/* Order all earlier stores before anything later (write-combining too). */
static inline void access_store_fence(void)
{
	__asm__ __volatile__("dsb st" ::: "memory");
}

#endif
