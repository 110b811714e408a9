// SPDX-License-Identifier: GPL-2.0-or-later
/* fill RANGE PATTERN: store one word over a range. */
#include "config.h"

#include "commands.h"

static int fill_prepare(struct invocation *inv, struct error *e)
{
	if (command_range(inv, inv->opt.args[0], e))
		return -1;
	return command_value(inv, "pattern", inv->opt.args[1],
			     &inv->plan.pattern, e);
}

static int fill_execute(struct invocation *inv, struct mapping *m,
			struct error *e)
{
	const struct plan *p = &inv->plan;
	int rc;

	mapping_span(m, p->offset, p->count * inv->opt.width);
	rc = mapping_fill(m, p->offset, inv->opt.width, p->count, p->pattern,
			  e);
	mapping_fence(m);
	return rc;
}

const struct command cmd_fill = {
	.name = "fill",
	.args_doc = "RANGE PATTERN",
	.doc = "store PATTERN (one word) over the range",
	.min_args = 2, .max_args = 2,
	.flags = CMD_REGION | CMD_WRITES,
	.prepare = fill_prepare,
	.execute = fill_execute,
};
