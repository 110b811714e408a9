// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer harness for the number parser (src/number.c): number_parse with
 * and without NUMBER_SUFFIX, number_parse_duration and number_fits, on the
 * input as one string, with the properties the parser promises.
 * fuzz-sources: src/number.c
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "number.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SENTINEL 0x5a5a5a5a5a5a5a5aull

/* A broken promise: say which, and crash so that libFuzzer keeps the input. */
static void broken(const char *what, const char *s)
{
	fprintf(stderr, "fuzz_number: %s for \"%s\"\n", what, s);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), again[32];
	uint64_t v = SENTINEL, vs = SENTINEL, ns = SENTINEL, back;
	const char *why, *why_s, *why_d;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';

	why = number_parse(s, &v, 0);
	why_s = number_parse(s, &vs, NUMBER_SUFFIX);
	why_d = number_parse_duration(s, &ns);

	/* A refusal gives a reason and leaves the output alone. */
	if ((why && (!*why || v != SENTINEL)) ||
	    (why_s && (!*why_s || vs != SENTINEL)) ||
	    (why_d && (!*why_d || ns != SENTINEL)))
		broken("a refusal without a reason, or with the output set", s);
	/* A plain number means the same where suffixes are allowed. */
	if (!why && (why_s || vs != v))
		broken("NUMBER_SUFFIX changed a plain number", s);
	if (!why) {
		/* What was read prints and reads back the same. */
		snprintf(again, sizeof(again), "0x%" PRIx64, v);
		if (number_parse(again, &back, 0) || back != v)
			broken("hexadecimal does not read back", s);
		snprintf(again, sizeof(again), "%" PRIu64, v);
		if (number_parse(again, &back, 0) || back != v)
			broken("decimal does not read back", s);
	}
	/* number_fits agrees with a shift, for every width. */
	if (!why_s) {
		for (unsigned w = 1; w <= 8; w *= 2) {
			int fits = w == 8 || vs >> (w * 8) == 0;

			if (number_fits(vs, w) != fits)
				broken("number_fits is wrong", s);
		}
	}
	/* A bare duration is milliseconds. */
	if (!why_d && !why && ns != v * 1000000)
		broken("a bare duration is not in milliseconds", s);
	/*
	 * A decimal fraction adds less than one unit to its whole part:
	 * "W.Fu" lies in [W u, (W + 1) u).
	 */
	if (!why_d && strchr(s, '.') && size < 64) {
		char whole[96];
		const char *dot = strchr(s, '.');
		size_t k = strspn(dot + 1, "0123456789");
		uint64_t lo = SENTINEL, hi = SENTINEL;	/* W u, and 1 u */

		snprintf(whole, sizeof(whole), "%.*s%s", (int)(dot - s), s,
			 dot + 1 + k);
		if (number_parse_duration(whole, &lo) || lo > ns)
			broken("a fraction is less than its whole part", s);
		snprintf(whole, sizeof(whole), "1%s", dot + 1 + k);
		if (number_parse_duration(whole, &hi) || ns - lo >= hi)
			broken("a fraction reaches the next unit", s);
	}
	free(s);
	return 0;
}
