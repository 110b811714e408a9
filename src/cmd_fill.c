// SPDX-License-Identifier: GPL-2.0-or-later
/* fill RANGE PATTERN: store one word over a range. */
#include "config.h"

#include "commands.h"

static int fill_prepare(struct invocation *inv, struct error *e)
{
	if (inv->region->flags & REGION_CONFIG)
		return error_set(e, EXIT_USAGE, "fill is refused on %s: "
				 "write its registers one by one with poke",
				 inv->region->name);
	if (command_range(inv, inv->opt.args[0], e))
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
