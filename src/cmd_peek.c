// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * peek OFFSET [COUNT]: read words and print each on a line; peek REG,
 * REG.FIELD or OFFSET:HI:LO: one word, its bits shifted down, decoded.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "decode.h"
#include "diagnose.h"
#include "format.h"
#include "number.h"

#define CHUNK_WORDS 4096

static int peek_prepare(struct invocation *inv, struct error *e)
{
	struct plan *p = &inv->plan;
	struct options *o = &inv->opt;

	if (operand_parse(inv, o->args[0], OPERAND_READ | OPERAND_BITS,
			  &p->op, e))
		return -1;
	p->offset = p->op.offset;
	p->count = 1;
	/* peek 0x8 --fields: the register described at 0x8, if one is. */
	if (o->fields && o->nargs == 1 &&
	    operand_resolve_offset(inv, &p->op, OPERAND_READ, e))
		return -1;
	if (o->fields && !p->op.named && inv->regdb && !p->op.has_bits)
		return error_set(e, EXIT_USAGE, "peek --fields decodes a "
				 "register: %s describes none at %s with %u "
				 "bits", regdb_path(inv->regdb), o->args[0],
				 o->width * 8);
	if (o->fields && !p->op.named)
		return error_set(e, EXIT_USAGE, "peek --fields decodes a "
				 "register: give its name (with --regs FILE)");
	if (o->nargs > 1 && (p->op.named || p->op.has_bits))
		return error_set(e, EXIT_USAGE, "peek %s reads one %s: it "
				 "takes no COUNT", o->args[0],
				 p->op.named ? "register" : "bit field");
	if (o->nargs > 1) {
		if (command_number("count", o->args[1], NUMBER_SUFFIX,
				   &p->count, e))
			return -1;
		if (p->count == 0)
			return error_set(e, EXIT_USAGE, "count must be at "
					 "least 1");
	}
	if (region_check_access(inv->region, p->offset, o->width, p->count,
				e))
		return -1;
	if (p->count > 1) {
		/* peek ADDR 32 (devmem's WIDTH) must not pop a FIFO. */
		char span[256];

		snprintf(span, sizeof(span), "%s %s", o->args[0], o->args[1]);
		return operand_check_span(inv, span, p->offset, p->count,
					  OPERAND_READ, e);
	}
	return 0;
}

/* peek REG, REG.FIELD, OFFSET:HI:LO: one word, decoded. */
static int peek_operand(struct invocation *inv, struct mapping *m,
			struct error *e)
{
	const struct operand *op = &inv->plan.op;
	unsigned width = inv->opt.width;
	char word[24], value[24];
	uint64_t v;

	mapping_span(m, op->offset, width);
	if (mapping_read(m, op->offset, width, &v, e))
		return -1;
	if (m->flags & MAPPING_DRY_RUN)
		return 0;
	format_value(word, v, width);
	operand_format(value, operand_get(op, v), operand_bits(op));
	if (inv->opt.json) {
		printf("{\"region\":");
		format_json_string(stdout, inv->region->name);
		printf(",\"width\":%u,\"address\":\"0x%08" PRIx64
		       "\",\"words\":[\"%s\"]", width * 8,
		       region_addr(inv->region, op->offset), word);
		if (op->named) {
			printf(",\"register\":");
			format_json_string(stdout, op->reg.name);
		}
		if (op->field >= 0) {
			printf(",\"field\":");
			format_json_string(stdout, op->fld.name);
		}
		if (op->has_bits)
			printf(",\"hi\":%u,\"lo\":%u", op->hi, op->lo);
		printf(",\"value\":\"%s\"", op->has_bits ? value : word);
		if (op->named) {
			printf(",\"fields\":");
			decode_json(stdout, op->db, &op->reg, op->field, v,
				    true);
		}
		printf("}\n");
	} else {
		puts(op->has_bits ? value : word);
		if (inv->opt.fields)
			decode_text(stdout, op->db, &op->reg, op->field, v);
	}
	if (v == command_word_mask(width))
		note_all_ones(inv->region);
	return 0;
}

static bool all_ones(const uint8_t *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (b[i] != 0xff)
			return false;
	return true;
}

static int peek_execute(struct invocation *inv, struct mapping *m,
			struct error *e)
{
	unsigned width = inv->opt.width;
	uint64_t off = inv->plan.offset, left = inv->plan.count;
	uint64_t buf[CHUNK_WORDS];
	bool ones = true;

	if (inv->plan.op.named || inv->plan.op.has_bits)
		return peek_operand(inv, m, e);
	mapping_span(m, off, left * width);
	if (inv->opt.json) {
		printf("{\"region\":");
		format_json_string(stdout, inv->region->name);
		printf(",\"width\":%u,\"address\":\"0x%08" PRIx64
		       "\",\"words\":[", width * 8,
		       region_addr(inv->region, off));
	}
	while (left) {
		size_t n = left < CHUNK_WORDS ? (size_t)left : CHUNK_WORDS;
		char text[24];

		if (mapping_read_block(m, off, width, n, buf, e))
			return -1;
		ones = ones && all_ones((const uint8_t *)buf, n * width);
		for (size_t i = 0; i < n; i++) {
			uint64_t v = 0;

			memcpy(&v, (const char *)buf + i * width, width);
			format_value(text, v, width);
			if (m->flags & MAPPING_DRY_RUN)
				continue;
			if (inv->opt.json)
				printf("%s\"%s\"", off + i * width ==
				       inv->plan.offset ? "" : ",", text);
			else
				puts(text);
		}
		off += n * width;
		left -= n;
	}
	if (inv->opt.json)
		printf("]}\n");
	if (ones && !(m->flags & MAPPING_DRY_RUN))
		note_all_ones(inv->region);
	return 0;
}

const struct command cmd_peek = {
	.name = "peek",
	.args_doc = "OFFSET [COUNT]",
	.doc = "read COUNT words (default 1) and print each as 0x + hex",
	.min_args = 1, .max_args = 2,
	.flags = CMD_REGION | CMD_JSON,
	.prepare = peek_prepare,
	.execute = peek_execute,
};
