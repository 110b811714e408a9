// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer harness for iomap(7) minor numbers (src/minor.c): minor_decode
 * in both formats, and the round trips decode -> encode -> decode and
 * encode -> decode, which must give back the same region.
 * fuzz-sources: src/minor.c
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "minor.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The next N bytes of the input, little-endian (zeros past its end). */
static uint64_t take(const uint8_t **d, size_t *size, unsigned n)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < n && *size; i++, (*d)++, (*size)--)
		v |= (uint64_t)**d << (8 * i);
	return v;
}

static void broken(const char *what, enum minor_format f, uint64_t a,
		   uint64_t b)
{
	fprintf(stderr, "fuzz_minor: %s: %s 0x%" PRIx64 " 0x%" PRIx64 "\n",
		minor_format_name(f), what, a, b);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint64_t minor = take(&data, &size, 4);		/* 32 bits: some too many */
	uint64_t base = take(&data, &size, 8), len = take(&data, &size, 8);

	for (int f = MINOR_PA; f <= MINOR_S300; f++) {
		uint64_t b, s, m, b2, s2;

		if (!minor_decode(minor, f, &b, &s)) {
			if (minor > MINOR_MAX || s == 0 || b + s - 1 < b ||
			    b + s - 1 > 0xffffffffu)
				broken("decoded a region it should refuse",
				       f, minor, 0);
			if (minor_encode(b, s, f, &m))
				broken("cannot encode a decoded region", f, b, s);
			if (minor_decode(m, f, &b2, &s2) || b2 != b || s2 != s)
				broken("decode(encode(region)) differs", f, b, s);
		}
		if (!minor_encode(base, len, f, &m)) {
			if (m > MINOR_MAX)
				broken("encoded more than 24 bits", f, base, len);
			if (minor_decode(m, f, &b, &s) || b != base || s != len)
				broken("decode(encode(region)) differs", f, base,
				       len);
		}
	}
	return 0;
}
