// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer harness for the UIO sysfs number parser (src/uio.c): what
 * uio_parse_hex accepts must print back to the same number; and for
 * uio_map_window on the first 24 bytes as a map's addr, size and offset:
 * a window it accepts starts inside the first page, is not empty, does
 * not wrap, and its physical address sits at that place in its page.
 * fuzz-sources: src/uio.c src/error.c
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "uio.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void map_window(const uint8_t *data, size_t size)
{
	struct uio_device d = { .dev = "uio0" };
	struct uio_map m = { .index = 0 };
	uint64_t page = 4096, in_page, len, phys;
	struct error e;

	if (size < 24)
		return;
	memcpy(&m.addr, data, 8);
	memcpy(&m.size, data + 8, 8);
	memcpy(&m.offset, data + 16, 8);
	if (uio_map_window(&d, &m, page, &in_page, &len, &phys, &e))
		return;
	if (in_page >= page || len == 0 || in_page + len < in_page ||
	    phys + len - 1 < phys || (phys & (page - 1)) != in_page) {
		fprintf(stderr, "fuzz_uio: addr 0x%" PRIx64 " size 0x%" PRIx64
			" offset 0x%" PRIx64 " made window 0x%" PRIx64 "+0x%"
			PRIx64 " at 0x%" PRIx64 "\n", m.addr, m.size, m.offset,
			in_page, len, phys);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct error e;
	uint64_t v, again;
	char text[32];

	map_window(data, size);
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
