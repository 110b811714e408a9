// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * devmem ADDRESS [WIDTH [VALUE]]: busybox's devmem, on /dev/mem: WIDTH in
 * bits (8, 16, 32, 64, or b, h, w, l), one read printed as busybox prints
 * it, or one write followed by devmem2's read-back line.
 */
#include "config.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "number.h"

/* busybox's WIDTH: bits in decimal, or a letter (l: a 64-bit long). */
static int devmem_width(const char *s, unsigned *width, struct error *e)
{
	static const struct {
		const char *name;
		unsigned bytes;
	} widths[] = {
		{ "8", 1 }, { "16", 2 }, { "32", 4 }, { "64", 8 },
		{ "b", 1 }, { "h", 2 }, { "w", 4 }, { "l", 8 },
		{ "B", 1 }, { "H", 2 }, { "W", 4 }, { "L", 8 },
	};

	for (size_t i = 0; i < sizeof(widths) / sizeof(widths[0]); i++)
		if (strcmp(s, widths[i].name) == 0) {
			*width = widths[i].bytes;
			return 0;
		}
	return error_set(e, EXIT_USAGE, "invalid devmem WIDTH '%s': give it "
			 "in bits, 8, 16, 32 or 64, or as busybox's letter, b "
			 "(8), h (16), w (32) or l (64)", s);
}

/*
 * busybox reads 010 as octal and iomap as decimal: a number with a leading
 * 0 and more digits is refused rather than read either way.
 */
static int devmem_number(const struct invocation *inv, const char *what,
			 const char *s, uint64_t *v, struct error *e)
{
	if (s[0] == '0' && isdigit((unsigned char)s[1]))
		return error_set(e, EXIT_USAGE, "devmem %s '%s' has a leading "
				 "0: busybox reads it as octal, iomap as "
				 "decimal; write it in hex (0x...) or without "
				 "the 0", what, s);
	if (strcmp(what, "value") == 0)
		return command_value(inv, what, s, v, e);
	return command_number(what, s, 0, v, e);
}

static int devmem_prepare(struct invocation *inv, struct error *e)
{
	struct options *o = &inv->opt;
	struct plan *p = &inv->plan;
	const struct region *r = inv->region;

	if (r->backend != &region_devmem || r->size != UINT64_MAX)
		return error_set(e, EXIT_USAGE, "devmem takes physical "
				 "addresses, through /dev/mem: give no region "
				 "(--mem and --sysroot may stay); for an "
				 "offset into %s use peek and poke", r->name);
	if (o->width_set)
		return error_set(e, EXIT_USAGE, "devmem takes its WIDTH as "
				 "an argument, in bits: leave -w out");
	o->width = 4;
	if (o->nargs > 1 && devmem_width(o->args[1], &o->width, e))
		return -1;
	if (devmem_number(inv, "address", o->args[0], &p->offset, e))
		return -1;
	p->count = 1;
	if (o->nargs > 2 &&
	    devmem_number(inv, "value", o->args[2], &p->pattern, e))
		return -1;
	return region_check_access(r, p->offset, o->width, 1, e);
}

static int devmem_execute(struct invocation *inv, struct mapping *m,
			  struct error *e)
{
	const struct plan *p = &inv->plan;
	unsigned width = inv->opt.width;
	uint64_t v;

	mapping_span(m, p->offset, width);
	if (inv->opt.nargs > 2) {
		if (mapping_write(m, p->offset, width, p->pattern, e))
			return -1;
		mapping_fence(m);
	}
	if (mapping_read(m, p->offset, width, &v, e))
		return -1;
	if (m->flags & MAPPING_DRY_RUN)
		return 0;
	if (inv->opt.nargs > 2)
		printf("Written 0x%" PRIX64 "; readback 0x%" PRIX64 "\n",
		       p->pattern, v);
	else
		printf("0x%0*" PRIX64 "\n", (int)width * 2, v);
	return 0;
}

const struct command cmd_devmem = {
	.name = "devmem",
	.args_doc = "ADDRESS [WIDTH [VALUE]]",
	.doc = "busybox's devmem on /dev/mem: WIDTH in bits (8, 16, 32, 64 "
	       "or b, h, w, l); a write prints devmem2's read-back line",
	.min_args = 1, .max_args = 3,
	.flags = CMD_REGION | CMD_NO_SCRIPT,
	.prepare = devmem_prepare,
	.execute = devmem_execute,
};

/* The same with a VALUE: opened and mapped for writing. */
const struct command cmd_devmem_write = {
	.name = "devmem",
	.args_doc = "ADDRESS [WIDTH [VALUE]]",
	.doc = "busybox's devmem on /dev/mem",
	.min_args = 1, .max_args = 3,
	.flags = CMD_REGION | CMD_NO_SCRIPT | CMD_WRITES,
	.prepare = devmem_prepare,
	.execute = devmem_execute,
};
