// SPDX-License-Identifier: GPL-2.0-or-later
/* poke OFFSET VALUE[:MASK]...: write consecutive words, masked or whole. */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>

#include "commands.h"
#include "format.h"
#include "number.h"
#include "xalloc.h"

static int poke_prepare(struct invocation *inv, struct error *e)
{
	struct plan *p = &inv->plan;
	struct options *o = &inv->opt;

	if (command_number("offset", o->args[0], NUMBER_SUFFIX, &p->offset, e))
		return -1;
	p->count = (uint64_t)o->nargs - 1;
	p->values = xcalloc(p->count, sizeof(*p->values));
	p->masks = xcalloc(p->count, sizeof(*p->masks));
	for (uint64_t i = 0; i < p->count; i++) {
		if (command_value_mask(inv, o->args[i + 1], &p->values[i],
				       &p->masks[i], e)) {
			error_hint(e, "in VALUE %" PRIu64 " of %" PRIu64
				   " ('%s'); nothing was written", i + 1,
				   p->count, o->args[i + 1]);
			return -1;
		}
	}
	return region_check_access(inv->region, p->offset, o->width,
				   p->count, e);
}

static int poke_execute(struct invocation *inv, struct mapping *m,
			struct error *e)
{
	const struct plan *p = &inv->plan;
	unsigned width = inv->opt.width;
	uint64_t all = command_word_mask(width);

	mapping_span(m, p->offset, p->count * width);
	for (uint64_t i = 0; i < p->count; i++) {
		uint64_t off = p->offset + i * width, v = p->values[i];
		uint64_t mask = p->masks[i], back;

		if (mask != all ? mapping_rmw(m, off, width, v, mask, &v, e)
				: mapping_write(m, off, width, v, e))
			return -1;
		if (!inv->opt.verify || (m->flags & MAPPING_DRY_RUN))
			continue;
		mapping_fence(m);
		if (mapping_read(m, off, width, &back, e))
			return -1;
		if ((back & mask) != (v & mask)) {
			char want[24], got[24];

			mapping_fence(m);
			format_value(want, v & mask, width);
			format_value(got, back & mask, width);
			return error_set(e, EXIT_FAIL, "verify failed at 0x%"
					 PRIx64 " (word %" PRIu64 "): wrote %s,"
					 " read back %s%s",
					 region_addr(inv->region, off), i + 1,
					 want, got,
					 mask != all ? " (masked bits)" : "");
		}
	}
	mapping_fence(m);
	return 0;
}

const struct command cmd_poke = {
	.name = "poke",
	.args_doc = "OFFSET VALUE[:MASK]...",
	.doc = "write the values to consecutive words; VALUE:MASK changes "
	       "only the MASK bits",
	.min_args = 2, .max_args = -1,
	.flags = CMD_REGION | CMD_WRITES,
	.prepare = poke_prepare,
	.execute = poke_execute,
};
