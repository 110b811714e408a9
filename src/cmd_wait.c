// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * wait OFFSET VALUE[:MASK]: poll a word until (word & MASK) == VALUE; the
 * OFFSET may be REG, REG.FIELD or OFFSET:HI:LO (VALUE in the field's units).
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "commands.h"
#include "format.h"
#include "number.h"
#include "xalloc.h"

#define DEFAULT_TIMEOUT_NS	1000000000ull	/* 1s */
#define DEFAULT_INTERVAL_NS	1000000ull	/* 1ms */

/* VALUE[:MASK] for a named register or bits: in OP's units, shifted. */
static int wait_operand(struct invocation *inv, struct error *e)
{
	struct plan *p = &inv->plan;
	const struct operand *op = &p->op;
	char *arg = xstrdup(inv->opt.args[1]), *colon = strchr(arg, ':');
	unsigned shift = op->has_bits ? op->lo : 0;
	uint64_t mask = operand_mask(op) >> shift;
	int bad;

	if (colon)
		*colon = '\0';
	bad = operand_value(op, "value", arg, &p->pattern, e);
	if (!bad && colon)
		bad = operand_value(op, "mask", colon + 1, &mask, e);
	free(arg);
	p->pattern <<= shift;
	p->mask = mask << shift;
	return bad;
}

static int wait_prepare(struct invocation *inv, struct error *e)
{
	struct plan *p = &inv->plan;
	struct options *o = &inv->opt;

	if (operand_parse(inv, o->args[0], OPERAND_READ | OPERAND_BITS,
			  &p->op, e))
		return -1;
	p->offset = p->op.offset;
	if (p->op.named || p->op.has_bits) {
		if (wait_operand(inv, e))
			return -1;
	} else if (command_value_mask(inv, o->args[1], &p->pattern, &p->mask,
				      e)) {
		return -1;
	}
	if (p->pattern & ~p->mask)
		return error_set(e, EXIT_USAGE, "wait for '%s' can never end: "
				 "the value has bits outside the mask",
				 o->args[1]);
	if (!o->timeout_set)
		o->timeout_ns = DEFAULT_TIMEOUT_NS;
	if (!o->interval_ns)
		o->interval_ns = DEFAULT_INTERVAL_NS;
	return region_check_access(inv->region, p->offset, o->width, 1, e);
}

static int wait_execute(struct invocation *inv, struct mapping *m,
			struct error *e)
{
	const struct plan *p = &inv->plan;
	const struct options *o = &inv->opt;
	uint64_t deadline = command_deadline(o->timeout_ns), v, t;
	char got[24], want[24], mask[24], dur[32], name[2 * 1024 + 8] = "";

	if (p->op.named) {
		name[0] = ' ';
		name[1] = '(';
		operand_name(&p->op, name + 2, sizeof(name) - 3);
		strcat(name, ")");
	}

	mapping_span(m, p->offset, o->width);
	for (;;) {
		if (mapping_read(m, p->offset, o->width, &v, e))
			return -1;
		if ((v & p->mask) == p->pattern ||
		    (m->flags & MAPPING_DRY_RUN))
			return 0;
		t = command_now_ns();
		if (t >= deadline)
			break;
		if (deadline - t < o->interval_ns)
			t = deadline - t;
		else
			t = o->interval_ns;
		if (command_sleep(t))
			return error_set(e, EXIT_INTERRUPTED, "wait at 0x%"
					 PRIx64 "%s interrupted: last read "
					 "0x%0*" PRIx64,
					 region_addr(inv->region, p->offset),
					 name, (int)o->width * 2, v);
	}
	format_value(got, v, o->width);
	format_value(want, p->pattern, o->width);
	format_value(mask, p->mask, o->width);
	format_duration(dur, sizeof(dur), o->timeout_ns);
	return error_set(e, EXIT_TIMEOUT, "wait at 0x%" PRIx64 "%s timed out "
			 "after %s: last read %s, waiting for (word & %s) == "
			 "%s", region_addr(inv->region, p->offset), name, dur,
			 got, mask, want);
}

const struct command cmd_wait = {
	.name = "wait",
	.args_doc = "OFFSET VALUE[:MASK]",
	.doc = "poll a word until (word & MASK) == VALUE",
	.min_args = 2, .max_args = 2,
	.flags = CMD_REGION,
	.prepare = wait_prepare,
	.execute = wait_execute,
};
