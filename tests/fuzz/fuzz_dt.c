// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer harness for the device-tree property decoders (src/dt.c), all
 * in memory: the first byte picks cell counts and a mode, the rest is
 * property bytes, decoded as a cell, a string list, reg and ranges (mode
 * 1: ranges, then reg translated through them), checking what the
 * decoders promise. fuzz_dttree.c runs the file-level code.
 * fuzz-sources: src/dt.c src/readfile.c src/error.c
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A broken promise: say which, and crash so that libFuzzer keeps the input. */
static void broken(const char *what)
{
	fprintf(stderr, "fuzz_dt: %s\n", what);
	abort();
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

static void check_strings(const uint8_t *d, size_t len)
{
	struct dt_strings s;
	struct error e;
	size_t total = 0;

	if (dt_decode_strings(d, len, &s, "fuzz", &e)) {
		if (len == 0 || d[len - 1] == '\0')
			broken("a NUL-terminated list was refused");
		return;
	}
	for (size_t i = 0; i < s.n; i++)
		total += strlen(s.v[i]) + 1;
	if (total != len)
		broken("the strings do not add up to the property");
	if (s.n && !dt_strings_has(&s, s.v[s.n - 1]))
		broken("a decoded string is not found in its list");
	dt_strings_free(&s);
}

/* reg decodes back to its bytes, entry by entry. */
static void check_reg(const uint8_t *d, size_t len, unsigned ac, unsigned sc,
		      const struct dt_range *r, size_t nr)
{
	struct dt_reg *reg;
	struct error e;
	size_t n;

	if (dt_decode_reg(d, len, ac, sc, &reg, &n, "fuzz", &e))
		return;
	if (ac < 1 || ac > 2 || sc > 2 || n == 0 || n * (ac + sc) * 4 != len)
		broken("reg accepted with the wrong shape");
	for (size_t i = 0; i < n; i++) {
		const uint8_t *p = d + i * (ac + sc) * 4;
		uint64_t addr = ac == 2 ? (uint64_t)be32(p) << 32 | be32(p + 4)
					: be32(p);
		uint64_t size = sc == 2 ? (uint64_t)be32(p + ac * 4) << 32 |
					  be32(p + ac * 4 + 4)
				: sc == 1 ? be32(p + ac * 4) : 0;
		uint64_t out;

		if (reg[i].addr != addr || reg[i].size != size)
			broken("reg decoded to other numbers");
		if (nr)
			(void)dt_translate_one(r, nr, addr, &out, "/bus", &e);
	}
	free(reg);
}

/* Each ranges entry's own child address translates (or overflows). */
static void check_ranges(const uint8_t *d, size_t len, unsigned cac,
			 unsigned pac, unsigned sc, struct dt_range **out,
			 size_t *nout)
{
	struct dt_range *r;
	struct error e;
	size_t n;

	*out = NULL;
	*nout = 0;
	if (dt_decode_ranges(d, len, cac, pac, sc, &r, &n, "fuzz", &e))
		return;
	if (n == 0 || n * (cac + pac + sc) * 4 != len)
		broken("ranges accepted with the wrong shape");
	for (size_t i = 0; i < n; i++) {
		uint64_t phys;
		size_t j;

		if (r[i].size == 0)
			continue;
		for (j = 0; j <= i; j++)
			if (r[i].child >= r[j].child &&
			    r[i].child - r[j].child < r[j].size)
				break;
		if (dt_translate_one(r, n, r[i].child, &phys, "/bus", &e) == 0) {
			if (phys != r[j].parent + (r[i].child - r[j].child))
				broken("translated through the wrong entry");
		} else if (r[j].parent <= UINT64_MAX - (r[i].child - r[j].child)) {
			broken("a translation that fits was refused");
		}
	}
	*out = r;
	*nout = n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned ac, sc, pac, mode;	/* mode: bits 6-7, 1 or not */
	struct dt_range *r;
	struct error e;
	uint32_t cell;
	size_t nr;

	if (size < 1)
		return 0;
	ac = data[0] & 3;
	sc = data[0] >> 2 & 3;
	pac = data[0] >> 4 & 3;
	mode = data[0] >> 6;
	data++;
	size--;
	if (dt_decode_u32(data, size, &cell, "fuzz", &e) == 0 &&
	    (size != 4 || cell != be32(data)))
		broken("a cell decoded wrong");
	check_strings(data, size);
	/* mode 1: the first half is ranges, the second reg on that bus */
	if (mode == 1) {
		check_ranges(data, size / 2, ac, pac, sc, &r, &nr);
		check_reg(data + size / 2, size - size / 2, ac, sc, r, nr);
	} else {
		check_ranges(data, size, ac, pac, sc, &r, &nr);
		free(r);
		check_reg(data, size, ac, sc, NULL, 0);
		r = NULL;
	}
	free(r);
	return 0;
}
