// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer harness for the UIO sysfs number parser (src/uio.c): what
 * uio_parse_hex accepts must print back to the same number.
 * fuzz-sources: src/uio.c src/error.c
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "uio.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct error e;
	uint64_t v, again;
	char text[32];

	if (uio_parse_hex((const char *)data, size, &v, "fuzz", &e))
		return 0;
	snprintf(text, sizeof(text), "0x%" PRIx64 "\n", v);
	if (uio_parse_hex(text, strlen(text), &again, "fuzz", &e) ||
	    again != v) {
		fprintf(stderr, "fuzz_uio: 0x%" PRIx64 " does not parse back\n",
			v);
		abort();
	}
	return 0;
}
