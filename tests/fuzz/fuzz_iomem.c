// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer harness for the /proc/iomem parser (src/iomem.c): the input is
 * the file's text; what parses must keep the parser's promises (ranges in
 * order, parents one level up and holding their children's start lines,
 * names found again by name and by address).
 * fuzz-sources: src/iomem.c src/readfile.c src/error.c
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iomem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A broken promise: say which, and crash so that libFuzzer keeps the input. */
static void broken(const char *what)
{
	fprintf(stderr, "fuzz_iomem: %s\n", what);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct iomem m;
	struct error e;
	bool zeroed = true;

	if (iomem_parse((const char *)data, size, &m, "fuzz", &e))
		return 0;
	for (size_t i = 0; i < m.n; i++) {
		const struct iomem_entry *v = &m.v[i];
		long hit;

		if (v->start > v->end)
			broken("an entry ends before it starts");
		if (strchr(v->name, '\n'))
			broken("a name holds a newline");
		if ((v->depth == 0) != (v->parent < 0) ||
		    (v->parent >= 0 && ((size_t)v->parent >= i ||
					m.v[v->parent].depth + 1 != v->depth)))
			broken("a parent is not the line one level up");
		if (iomem_next(&m, v->name, 0) > (long)i ||
		    iomem_next(&m, v->name, i) != (long)i)
			broken("a name is not found again");
		zeroed = zeroed && v->start == 0 && v->end == 0;
		hit = iomem_holding(&m, v->start);
		if (!m.zeroed && (hit < 0 || m.v[hit].start > v->start ||
				  m.v[hit].end < v->start))
			broken("no entry holds an entry's own start");
		if (iomem_find_one(&m, v->name, "fuzz", &e) >= 0 &&
		    strcmp(m.v[iomem_find_one(&m, v->name, "fuzz", &e)].name,
			   v->name) != 0)
			broken("found an entry of another name");
	}
	if (m.zeroed != (m.n > 0 && zeroed))
		broken("zeroed says otherwise");
	(void)iomem_holding(&m, 0);
	(void)iomem_holding(&m, UINT64_MAX);
	iomem_free(&m);
	return 0;
}
