// SPDX-License-Identifier: GPL-2.0-or-later
/* search [RANGE] VALUE[:MASK]: the words that match, with their addresses. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "diagnose.h"
#include "format.h"
#include "xalloc.h"

/*
 * VALUE[:MASK] of what OP names: a word, a register (a value may not be
 * wider), or bits of one (a field, or OFFSET:HI[:LO]: its value and mask,
 * shifted down, or an enumerated name), into the word's pattern and mask.
 */
static int value_mask(const struct operand *op, const char *s,
		      uint64_t *value, uint64_t *mask, struct error *e)
{
	char *arg = xstrdup(s), *colon = strchr(arg, ':');
	int bad;

	if (colon)
		*colon = '\0';
	bad = operand_value(op, "value", arg, value, e);
	*mask = operand_mask(op) >> op->lo;
	if (!bad && colon)
		bad = operand_value(op, "mask", colon + 1, mask, e);
	free(arg);
	*value <<= op->lo;
	*mask <<= op->lo;
	return bad;
}

static int search_prepare(struct invocation *inv, struct error *e)
{
	const struct options *o = &inv->opt;
	struct plan *p = &inv->plan;
	const char *value = o->args[o->nargs - 1];
	struct operand op;

	/* The RANGE first: a register's name there sets the width. */
	if (command_range_or_region_operand(inv, o->nargs > 1 ? o->args[0]
					    : NULL, OPERAND_BITS, &op, e))
		return -1;
	if (value_mask(&op, value, &p->pattern, &p->mask, e))
		return -1;
	if (p->pattern & ~p->mask)
		return error_set(e, EXIT_USAGE, "search for '%s' can never "
				 "match: the value has bits outside the mask",
				 value);
	return 0;
}

/* What a search has found so far, and where it prints it. */
struct found {
	struct out out;
	const struct invocation *inv;
	unsigned digits;	/* of the addresses printed */
	uint64_t count;
	bool stop;		/* --max reached */
};

/* A hit: "ADDRESS: VALUE" as text, the address alone in --json. */
static void found_word(struct found *f, uint64_t off, uint64_t word)
{
	const struct options *o = &f->inv->opt;
	char line[64], value[24];
	int n;

	f->count++;
	if (!o->max_set || f->count <= o->max) {
		uint64_t addr = region_addr(f->inv->region, off);

		if (o->json) {
			n = snprintf(line, sizeof(line), "%s\"0x%0*" PRIx64
				     "\"", f->count > 1 ? "," : "",
				     (int)f->digits, addr);
		} else {
			format_value(value, word, o->width);
			n = snprintf(line, sizeof(line), "0x%0*" PRIx64
				     ": %s\n", (int)f->digits, addr, value);
		}
		/* A progress line may be on the terminal this goes to. */
		if (f->out.len + (size_t)n > f->out.cap)
			progress_cancel();
		out_write(&f->out, line, (size_t)n);
	}
	f->stop = o->max_set && f->count >= o->max;
}

/* The hot loop: compare each word of one width, call found_word on a hit. */
#define SCAN(type)							\
	do {								\
		const type *w = (const type *)(const void *)buf;	\
		type v = (type)value, mk = (type)mask;			\
		for (size_t i = 0; i < n / sizeof(type); i++)		\
			if ((type)(w[i] & mk) == v) {			\
				found_word(f, off + i * sizeof(type), w[i]); \
				if (f->stop)				\
					return;				\
			}						\
	} while (0)

static void scan(struct found *f, const uint8_t *buf, size_t n, uint64_t off,
		 unsigned width, uint64_t value, uint64_t mask)
{
	switch (width) {
	case 1: SCAN(uint8_t); break;
	case 2: SCAN(uint16_t); break;
	case 4: SCAN(uint32_t); break;
	default: SCAN(uint64_t); break;
	}
}

static void json_head(struct found *f)
{
	const struct invocation *inv = f->inv;
	unsigned width = inv->opt.width;
	char *text = NULL, v[24], mk[24];
	size_t len = 0;
	FILE *mf = open_memstream(&text, &len);

	if (!mf)
		return;
	format_value(v, inv->plan.pattern, width);
	format_value(mk, inv->plan.mask, width);
	fprintf(mf, "{\"region\":");
	format_json_string(mf, inv->region->name);
	fprintf(mf, ",\"width\":%u,\"address\":\"0x%0*" PRIx64 "\","
		"\"length\":%" PRIu64 ",\"value\":\"%s\",\"mask\":\"%s\","
		"\"matches\":[", width * 8, (int)f->digits,
		region_addr(inv->region, inv->plan.offset),
		inv->plan.count * width, v, mk);
	fclose(mf);
	out_write(&f->out, text, len);
	free(text);
}

static int search_execute(struct invocation *inv, struct mapping *m,
			  struct error *e)
{
	const struct plan *p = &inv->plan;
	unsigned width = inv->opt.width;
	uint64_t off = p->offset, total = p->count * width, done = 0;
	bool dry = m->flags & MAPPING_DRY_RUN, ones = true;
	uint8_t *buf = malloc(COMMAND_CHUNK);
	struct progress prog;
	struct found f = {
		.inv = inv,
		.digits = format_addr_digits(region_addr(inv->region,
							 off + total - 1)),
	};
	int rc = 0;

	if (!buf)
		return error_set(e, EXIT_FAIL, "out of memory");
	out_init(&f.out, STDOUT_FILENO);
	mapping_span(m, off, total);
	/* It prints little: the progress line shows at its terminal too. */
	command_progress(inv, m, &prog, -1);
	if (inv->opt.json && !dry)
		json_head(&f);
	while (done < total && !f.stop) {
		size_t n = total - done < COMMAND_CHUNK ? (size_t)(total - done)
							: COMMAND_CHUNK;

		rc = mapping_read_block(m, off + done, width, n / width, buf, e);
		if (rc)
			break;
		for (size_t i = 0; ones && i < n; i++)
			ones = buf[i] == 0xff;
		if (!dry)
			scan(&f, buf, n, off + done, width, p->pattern,
			     p->mask);
		done += n;
		if (done < total && !f.stop) {
			rc = command_step(inv, &prog, "searched", done, e);
			if (rc)
				break;
		}
	}
	progress_finish(&prog);
	free(buf);
	if (inv->opt.json && !dry && rc == 0)
		out_write(&f.out, "]}\n", 3);
	if (out_finish(&f.out) && rc == 0)
		rc = error_set(e, EXIT_FAIL, "cannot write standard output: "
			       "%s", strerror(errno));
	if (rc || dry)
		return rc;
	if (ones && done == total)
		note_all_ones(inv->region);
	return f.count ? 0 : 1;
}

const struct command cmd_search = {
	.name = "search",
	.args_doc = "[RANGE] VALUE[:MASK]",
	.doc = "the words where (word & MASK) == VALUE, as ADDRESS: VALUE",
	.min_args = 1, .max_args = 2,
	.flags = CMD_REGION | CMD_JSON | CMD_PROGRESS,
	.prepare = search_prepare,
	.execute = search_execute,
};
