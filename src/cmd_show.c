// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * show [PATTERN]: read every readable register of the --regs description
 * that matches, and print it with its fields decoded; registers whose read
 * has side effects, and write-only ones, are named but not read.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "decode.h"
#include "format.h"
#include "interrupt.h"
#include "regdb.h"

/* What show does with one register. */
enum show_what {
	SHOW_READ,
	SHOW_WRITE_ONLY,	/* named, not read */
	SHOW_SIDE_EFFECTS,	/* named, not read */
	SHOW_OUTSIDE,		/* not in the region: left out */
};

static const char *const skip_reason[] = {
	[SHOW_WRITE_ONLY] = "write-only",
	[SHOW_SIDE_EFFECTS] = "read has side effects",
};

static bool is_glob(const char *s)
{
	return strpbrk(s, "*?[") != NULL;
}

/* Register I of the description: where it is in the region, and what to do. */
static enum show_what classify(const struct invocation *inv, size_t i,
			       struct regdb_reg *r, uint64_t *off)
{
	struct error ignored;

	regdb_reg(inv->regdb, i, r);
	if (!operand_address(inv->region, r->address, off) ||
	    region_check_access(inv->region, *off, r->width, 1, &ignored))
		return SHOW_OUTSIDE;
	if (r->access == REGDB_WO)
		return SHOW_WRITE_ONLY;
	if (r->side_effects)
		return SHOW_SIDE_EFFECTS;
	return SHOW_READ;
}

/* Whether register I is one show lists: the name looked up, or matches. */
static bool selected(const struct invocation *inv, size_t i)
{
	const char *pattern = inv->opt.nargs ? inv->opt.args[0] : NULL;

	if (inv->plan.op.named)
		return i == inv->plan.op.reg.index;
	return !pattern || regdb_match(inv->regdb, i, pattern);
}

static int show_prepare(struct invocation *inv, struct error *e)
{
	const struct options *o = &inv->opt;
	const char *pattern = o->nargs ? o->args[0] : NULL;
	size_t n, matched = 0, inside = 0;

	if (!o->regs && !o->region.config)
		return error_set(e, EXIT_USAGE, "show reads the registers of "
				 "a description: give it with --regs FILE");
	if (o->width_set)
		return error_set(e, EXIT_USAGE, "show reads each register at "
				 "its own width: leave -w out");
	if (operand_regdb(inv, e))
		return -1;
	if (pattern && strchr(pattern, ':'))
		return error_set(e, EXIT_USAGE, "show takes a register name "
				 "or a glob, not bits ('%s')", pattern);
	n = regdb_count(inv->regdb);
	for (size_t i = 0; i < n; i++) {
		struct regdb_reg r;
		uint64_t off;

		if (!selected(inv, i))
			continue;
		matched++;
		inside += classify(inv, i, &r, &off) != SHOW_OUTSIDE;
	}
	if (pattern && !matched) {
		/* A name that is no glob: REG, BLOCK.REG or REG.FIELD. */
		if (is_glob(pattern))
			return error_set(e, EXIT_FAIL, "no register in %s "
					 "matches '%s'",
					 regdb_path(inv->regdb), pattern);
		return operand_parse(inv, pattern, OPERAND_BITS,
				     &inv->plan.op, e);
	}
	if (matched && !inside)
		return error_set(e, EXIT_USAGE, "no register of %s%s%s%s lies "
				 "inside %s", regdb_path(inv->regdb),
				 pattern ? " matching '" : "",
				 pattern ? pattern : "", pattern ? "'" : "",
				 inv->region->name);
	return 0;
}

/* The widths of the columns over the registers listed. */
static void columns(const struct invocation *inv, int *name, int *digits)
{
	size_t n = regdb_count(inv->regdb);

	*name = 0;
	*digits = 8;
	for (size_t i = 0; i < n; i++) {
		struct regdb_reg r;
		uint64_t off;

		if (!selected(inv, i) ||
		    classify(inv, i, &r, &off) == SHOW_OUTSIDE)
			continue;
		if ((int)strlen(r.name) > *name)
			*name = (int)strlen(r.name);
		if (region_addr(inv->region, off) > 0xffffffffu)
			*digits = 16;
	}
}

static void print_text(const struct invocation *inv,
		       const struct regdb_reg *r, uint64_t off,
		       enum show_what what, uint64_t v, int name, int digits)
{
	char text[24];

	printf("%-*s 0x%0*" PRIx64 " ", name, format_esc(r->name), digits,
	       region_addr(inv->region, off));
	if (what != SHOW_READ) {
		printf("(not read: %s)\n", skip_reason[what]);
		return;
	}
	format_value(text, v, r->width);
	puts(text);
	decode_text(stdout, inv->regdb, r, inv->plan.op.named
		    ? inv->plan.op.field : -1, v);
}

static void print_json(const struct invocation *inv,
		       const struct regdb_reg *r, uint64_t off,
		       enum show_what what, uint64_t v, int digits, bool first)
{
	char text[24];

	printf("%s{\"name\":", first ? "" : ",");
	format_json_string(stdout, r->name);
	printf(",\"address\":\"0x%0*" PRIx64 "\",\"width\":%u,\"value\":",
	       digits, region_addr(inv->region, off), r->width * 8);
	if (what == SHOW_READ) {
		format_value(text, v, r->width);
		printf("\"%s\",\"skipped\":null", text);
	} else {
		printf("null,\"skipped\":\"%s\"", skip_reason[what]);
	}
	printf(",\"fields\":");
	decode_json(stdout, inv->regdb, r, inv->plan.op.named
		    ? inv->plan.op.field : -1, v, what == SHOW_READ);
	putchar('}');
}

static int show_execute(struct invocation *inv, struct mapping *m,
			struct error *e)
{
	size_t n = regdb_count(inv->regdb), outside = 0, k = 0;
	bool quiet = m->flags & MAPPING_DRY_RUN;
	int name, digits;

	columns(inv, &name, &digits);
	if (inv->opt.json && !quiet)
		putchar('[');
	for (size_t i = 0; i < n; i++) {
		struct regdb_reg r;
		enum show_what what;
		uint64_t off, v = 0;

		if (!selected(inv, i))
			continue;
		what = classify(inv, i, &r, &off);
		if (what == SHOW_OUTSIDE) {
			outside++;
			continue;
		}
		if (interrupted())
			return error_set(e, EXIT_INTERRUPTED, "show interrupted"
					 " before %s", r.name);
		if (what == SHOW_READ) {
			mapping_span(m, off, r.width);
			if (mapping_read(m, off, r.width, &v, e))
				return -1;
		}
		if (quiet)
			continue;
		if (inv->opt.json)
			print_json(inv, &r, off, what, v, digits, k++ == 0);
		else
			print_text(inv, &r, off, what, v, name, digits);
	}
	if (inv->opt.json && !quiet)
		puts("]");
	if (outside) {
		fflush(stdout);
		warnmsg("%zu register%s of %s lie%s outside %s: not shown",
			outside, outside == 1 ? "" : "s",
			regdb_path(inv->regdb), outside == 1 ? "s" : "",
			inv->region->name);
	}
	return 0;
}

const struct command cmd_show = {
	.name = "show",
	.args_doc = "[PATTERN]",
	.doc = "read the registers of the --regs description matching "
	       "PATTERN and decode their fields",
	.min_args = 0, .max_args = 1,
	.flags = CMD_REGION | CMD_JSON,
	.prepare = show_prepare,
	.execute = show_execute,
};
