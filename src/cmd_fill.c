// SPDX-License-Identifier: GPL-2.0-or-later
/* fill RANGE PATTERN: store one word over a range. */
#include "config.h"

#include <string.h>

#include "commands.h"

static int fill_prepare(struct invocation *inv, struct error *e)
{
	const char *range = inv->opt.args[0];
	struct operand op;

	if (inv->region->flags & REGION_CONFIG)
		return error_set(e, EXIT_USAGE, "fill is refused on %s: "
				 "write its registers one by one with poke",
				 inv->region->name);
	/* A write never covers more than was asked for in so many words. */
	if (command_range_operand(inv, range, 0, &op, e))
		return -1;
	if (!strchr(range, '+') && !op.named) {
		error_set(e, EXIT_USAGE, "fill needs START+LENGTH: '%s' gives "
			  "no length", range);
		error_hint(e, "for example fill %s+0x100 %s, or a register's "
			   "name (with --regs) for that register alone; "
			   "nothing was written", range, inv->opt.args[1]);
		return -1;
	}
	if (!strchr(range, '+'))
		inv->plan.count = 1;	/* the register alone */
	if (operand_check_span(inv, range, inv->plan.offset, inv->plan.count,
			       OPERAND_WRITE, e))
		return -1;
	return command_value(inv, "pattern", inv->opt.args[1],
			     &inv->plan.pattern, e);
}

static int fill_execute(struct invocation *inv, struct mapping *m,
			struct error *e)
{
	const struct plan *p = &inv->plan;
	unsigned width = inv->opt.width;
	uint64_t total = p->count * width, done = 0;
	struct progress prog;
	int rc = 0;

	mapping_span(m, p->offset, total);
	command_progress(inv, m, &prog, -1);
	while (done < total) {
		uint64_t n = total - done < COMMAND_CHUNK ? total - done
							  : COMMAND_CHUNK;

		rc = mapping_fill(m, p->offset + done, width, n / width,
				  p->pattern, e);
		if (rc)
			break;
		done += n;
		if (done < total) {
			rc = command_step(inv, &prog, "written", done, e);
			if (rc)
				break;
		}
	}
	mapping_fence(m);
	progress_finish(&prog);
	return rc;
}

const struct command cmd_fill = {
	.name = "fill",
	.args_doc = "RANGE PATTERN",
	.doc = "store PATTERN (one word) over the range",
	.min_args = 2, .max_args = 2,
	.flags = CMD_REGION | CMD_WRITES | CMD_PROGRESS,
	.prepare = fill_prepare,
	.execute = fill_execute,
};
