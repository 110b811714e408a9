// SPDX-License-Identifier: GPL-2.0-or-later
/* regs [PATTERN]: the registers of a --regs description; no hardware. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "format.h"
#include "regdb.h"
#include "xalloc.h"

static int regs_prepare(struct invocation *inv, struct error *e)
{
	const struct options *o = &inv->opt;

	if (!o->regs && !o->region.config)
		return error_set(e, EXIT_USAGE, "regs lists the registers of "
				 "a description: give it with --regs FILE");
	if (o->check) {
		/*
		 * A parse of its own (the cache keeps no errata), kept until
		 * the process ends like the descriptions operand_load keeps:
		 * a script prepares every line before it runs one.
		 */
		static struct regdb **checked;
		static size_t nchecked;

		if (regdb_load(o->regs, REGDB_NO_CACHE, &inv->regdb, e))
			return -1;
		checked = xreallocarray(checked, nchecked + 1,
					sizeof(*checked));
		checked[nchecked++] = inv->regdb;
		return 0;
	}
	return operand_regdb(inv, e);
}

/* regs --check: every erratum, FILE:LINE: what and how it was read. */
static int check(const struct invocation *inv)
{
	const struct regdb *db = inv->regdb;
	size_t n = regdb_problems(db), kept = regdb_problems_kept(db);

	for (size_t i = 0; i < kept; i++) {
		unsigned line;
		const char *msg = regdb_problem(db, i, &line);

		printf("%s:%u: %s\n", regdb_path(db), line, msg);
	}
	if (n > kept)
		printf("%s: %zu more problems not listed\n", regdb_path(db),
		       n - kept);
	return n ? EXIT_FAIL : EXIT_OK;
}

static void print_name(const char *name, void *arg)
{
	(void)arg;
	puts(name);
}

/* The widths of the text columns, from the registers listed. */
struct columns {
	int name, addr, field, bits;
};

static void bits_text(char *buf, size_t len, const struct regdb_field *f)
{
	if (f->hi == f->lo)
		snprintf(buf, len, "[%u]", f->hi);
	else
		snprintf(buf, len, "[%u:%u]", f->hi, f->lo);
}

static void text_reg(const struct regdb *db, const struct regdb_reg *r,
		     const struct columns *c, bool fields, long only)
{
	char reset[24];

	if (r->has_reset)
		format_value(reset, r->reset, r->width);
	else
		strcpy(reset, "-");
	printf("%-*s 0x%0*" PRIx64 " %2u %s %s%s\n", c->name,
	       format_esc(r->name),
	       c->addr, r->address, r->width * 8,
	       regdb_access_name(r->access), reset,
	       r->side_effects ? " (read has side effects)" : "");
	for (size_t j = 0; fields && j < r->nfields; j++) {
		struct regdb_field f;
		char bits[16];

		if (only >= 0 && (long)j != only)
			continue;
		regdb_field(db, r, j, &f);
		bits_text(bits, sizeof(bits), &f);
		printf("  %-*s %-*s %s", c->field, format_esc(f.name), c->bits,
		       bits,
		       regdb_access_name(f.access));
		if (regdb_wmod_name(f.wmod))
			printf(" %s", regdb_wmod_name(f.wmod));
		for (size_t k = 0; k < f.nenums; k++) {
			struct regdb_enum v;

			regdb_enum(db, &f, k, &v);
			printf(" %s=0x%" PRIx64, format_esc(v.name), v.value);
		}
		printf("%s\n", f.side_effects ? " (read has side effects)"
		       : "");
	}
}

/* A JSON string, or null for "". */
static void json_text(const char *s)
{
	if (*s)
		format_json_string(stdout, s);
	else
		fputs("null", stdout);
}

static void json_reg(const struct regdb *db, const struct regdb_reg *r,
		     bool fields, long only, bool first)
{
	printf("%s{\"name\":", first ? "" : ",");
	format_json_string(stdout, r->name);
	printf(",\"address\":\"0x%" PRIx64 "\",\"width\":%u,\"access\":\"%s\","
	       "\"side_effects\":%s,\"reset\":", r->address, r->width * 8,
	       regdb_access_name(r->access),
	       r->side_effects ? "true" : "false");
	if (r->has_reset)
		printf("\"0x%" PRIx64 "\"", r->reset);
	else
		fputs("null", stdout);
	fputs(",\"description\":", stdout);
	json_text(r->desc);
	if (fields) {
		fputs(",\"fields\":[", stdout);
		for (size_t j = 0, n = 0; j < r->nfields; j++) {
			struct regdb_field f;

			if (only >= 0 && (long)j != only)
				continue;
			regdb_field(db, r, j, &f);
			printf("%s{\"name\":", n++ ? "," : "");
			format_json_string(stdout, f.name);
			printf(",\"hi\":%u,\"lo\":%u,\"access\":\"%s\","
			       "\"side_effects\":%s,\"description\":", f.hi,
			       f.lo, regdb_access_name(f.access),
			       f.side_effects ? "true" : "false");
			json_text(f.desc);
			fputs(",\"write\":", stdout);
			if (regdb_wmod_name(f.wmod))
				printf("\"%s\"", regdb_wmod_name(f.wmod));
			else
				fputs("null", stdout);
			fputs(",\"enums\":[", stdout);
			for (size_t k = 0; k < f.nenums; k++) {
				struct regdb_enum v;

				regdb_enum(db, &f, k, &v);
				printf("%s{\"name\":", k ? "," : "");
				format_json_string(stdout, v.name);
				printf(",\"value\":\"0x%" PRIx64 "\"}",
				       v.value);
			}
			fputs("]}", stdout);
		}
		fputs("]", stdout);
	}
	fputs("}", stdout);
}

/*
 * PATTERN matched no register: a name without glob characters is looked up
 * as REG, BLOCK.REG or [BLOCK.]REG.FIELD (unknown: exit 2, with the nearest
 * names); a glob that matches nothing is an empty result (exit 1).
 */
static int by_name(const struct invocation *inv, const char *pattern,
		   struct error *e)
{
	const struct regdb *db = inv->regdb;
	struct regdb_ref ref;
	struct regdb_reg r;
	struct regdb_field f;
	struct columns c = { .addr = 8 };
	char bits[16];

	if (strpbrk(pattern, "*?[")) {
		/* An empty result is still a JSON document. */
		if (inv->opt.json)
			fputs("[]\n", stdout);
		return error_set(e, EXIT_FAIL, "no register in %s matches "
				 "'%s'", regdb_path(db), pattern);
	}
	if (regdb_lookup(db, pattern, &ref, e))
		return -1;
	regdb_reg(db, ref.reg, &r);
	c.name = (int)strlen(r.name);
	if (r.address > 0xffffffffu)
		c.addr = 16;
	if (ref.field >= 0) {
		regdb_field(db, &r, (size_t)ref.field, &f);
		bits_text(bits, sizeof(bits), &f);
		c.field = (int)strlen(f.name);
		c.bits = (int)strlen(bits);
	} else {
		for (size_t j = 0; j < r.nfields; j++) {
			regdb_field(db, &r, j, &f);
			bits_text(bits, sizeof(bits), &f);
			if ((int)strlen(f.name) > c.field)
				c.field = (int)strlen(f.name);
			if ((int)strlen(bits) > c.bits)
				c.bits = (int)strlen(bits);
		}
	}
	if (inv->opt.json) {
		fputs("[", stdout);
		json_reg(db, &r, inv->opt.fields || ref.field >= 0, ref.field,
			 true);
		fputs("]\n", stdout);
	} else {
		text_reg(db, &r, &c, inv->opt.fields || ref.field >= 0,
			 ref.field);
	}
	return 0;
}

static int regs_execute(struct invocation *inv, struct mapping *m,
			struct error *e)
{
	const struct options *o = &inv->opt;
	struct regdb *db = inv->regdb;
	const char *pattern = o->nargs ? o->args[0] : NULL;
	struct columns c = { .name = 0, .addr = 8, .field = 0, .bits = 0 };
	size_t n = regdb_count(db), matched = 0;

	(void)m;
	if (o->check)
		return check(inv);
	if (o->names) {
		regdb_complete(db, pattern ? pattern : "", print_name, NULL);
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		struct regdb_reg r;

		if (pattern && !regdb_match(db, i, pattern))
			continue;
		regdb_reg(db, i, &r);
		if ((int)strlen(r.name) > c.name)
			c.name = (int)strlen(r.name);
		if (r.address > 0xffffffffu)
			c.addr = 16;
		for (size_t j = 0; o->fields && j < r.nfields; j++) {
			struct regdb_field f;
			char bits[16];

			regdb_field(db, &r, j, &f);
			bits_text(bits, sizeof(bits), &f);
			if ((int)strlen(f.name) > c.field)
				c.field = (int)strlen(f.name);
			if ((int)strlen(bits) > c.bits)
				c.bits = (int)strlen(bits);
		}
		matched++;
	}
	if (pattern && !matched)
		return by_name(inv, pattern, e);
	if (o->json)
		fputs("[", stdout);
	for (size_t i = 0, k = 0; i < n; i++) {
		struct regdb_reg r;

		if (pattern && !regdb_match(db, i, pattern))
			continue;
		regdb_reg(db, i, &r);
		if (o->json)
			json_reg(db, &r, o->fields, -1, k++ == 0);
		else
			text_reg(db, &r, &c, o->fields, -1);
	}
	if (o->json)
		fputs("]\n", stdout);
	return 0;
}

const struct command cmd_regs = {
	.name = "regs",
	.args_doc = "[PATTERN]",
	.doc = "the registers of the --regs description matching PATTERN",
	.min_args = 0, .max_args = 1,
	.flags = CMD_JSON,
	.prepare = regs_prepare,
	.execute = regs_execute,
};
