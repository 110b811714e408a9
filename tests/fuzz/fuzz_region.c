// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer harness for libiomap's region string (iomap_open's parse): the
 * bytes split as a script line (words_split) and parsed as region options
 * alone (region_args_parse), then checked (region_spec_check). A refusal
 * must give a reason; an accepted -b is an index, kept as typed, or a
 * name; the check passes or fails with a reason. Nothing is resolved or
 * opened.
 * fuzz-sources: lib/core/words.c lib/region/region_args.c
 *   lib/region/region.c lib/core/number.c lib/core/error.c
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "region.h"
#include "region_args.h"
#include "words.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct region_spec spec;
	const char *regs = NULL;
	struct words *w;
	struct error e;
	char err[1024] = "";

	if (words_split((const char *)data, size, &w, err, sizeof(err))) {
		if (!err[0])
			abort();	/* a refusal without a reason */
		return 0;
	}
	err[0] = '\0';
	if (region_args_parse(w->n, w->v, &spec, &regs, err, sizeof(err))) {
		if (!err[0])
			abort();
	} else {
		if (spec.bar < -1)
			abort();
		/* -b is a number (as typed, for messages) or a name. */
		if (spec.bar >= 0 && (spec.bar_name || !spec.bar_arg))
			abort();
		e.msg[0] = '\0';
		if (region_spec_check(&spec, &e) && !e.msg[0])
			abort();
	}
	words_free(w);
	return 0;
}
