// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer harness for the VFIO capability chain walker (src/vfio_caps.c):
 * the input is a region-info buffer, its first 4 bytes the chain's first
 * offset and the next 2 the capability looked for. It must end, stay
 * inside the buffer, and find only a header of that id.
 * fuzz-sources: src/vfio_caps.c
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vfio_caps.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A broken promise: say which, and crash so that libFuzzer keeps the input. */
static void broken(const char *what)
{
	fprintf(stderr, "fuzz_vfio_caps: %s\n", what);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t first;
	uint16_t id, got;
	unsigned char *buf;
	size_t len;
	long at;

	if (size < 6)
		return 0;
	memcpy(&first, data, 4);
	memcpy(&id, data + 4, 2);
	len = size - 6;
	/* A copy of its own, so that a read past it is caught (ASan). */
	buf = malloc(len ? len : 1);
	if (!buf)
		return 0;
	memcpy(buf, data + 6, len);
	at = vfio_cap_find(buf, len, first, id);
	if (at > 0) {
		if ((size_t)at > len || len - (size_t)at < 8)
			broken("a header found outside the buffer");
		memcpy(&got, buf + at, 2);
		if (got != id)
			broken("a header of another id found");
	}
	if (first == 0 && at != 0)
		broken("an empty chain gave an answer");
	free(buf);
	return 0;
}
