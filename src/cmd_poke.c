// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * poke OFFSET VALUE[:MASK]...: write consecutive words, masked or whole;
 * poke REG VALUE, REG FIELD=VALUE..., REG.FIELD VALUE, OFFSET:HI:LO VALUE:
 * one register, its fields by one read-modify-write.
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "format.h"
#include "number.h"
#include "xalloc.h"

/* VALUE[:MASK] of OP, both shifted into place in the word. */
static int operand_value_mask(const struct operand *op, const char *s,
			      uint64_t *value, uint64_t *mask,
			      struct error *e)
{
	char *arg = xstrdup(s), *colon = strchr(arg, ':');
	unsigned shift = op->has_bits ? op->lo : 0;
	uint64_t m;
	int bad;

	if (colon)
		*colon = '\0';
	bad = operand_value(op, "value", arg, value, e);
	m = operand_mask(op) >> shift;
	if (!bad && colon)
		bad = operand_value(op, "mask", colon + 1, &m, e);
	free(arg);
	*value <<= shift;
	*mask = m << shift;
	return bad;
}

/* VALUE:MASK with bits outside MASK: a typo (0x8:0x1 for 0x8:0x8). */
static int value_outside_mask(const char *s, struct error *e)
{
	return error_set(e, EXIT_USAGE, "value '%s' has bits outside its "
			 "mask: poke writes (old & ~MASK) | VALUE, so those "
			 "bits would be lost; give VALUE inside MASK", s);
}

/*
 * poke OFFSET W VALUE, W a bare 8, 16, 32 or 64: busybox's devmem habit
 * (ADDRESS WIDTH VALUE). Both readings are written out; neither is taken.
 */
static int width_habit(const struct options *o, struct error *e)
{
	static const char *const widths[] = { "8", "16", "32", "64" };
	const char *w = o->args[1];
	uint64_t v;

	if (o->nargs != 3)
		return 0;
	for (size_t i = 0; i < 4; i++) {
		if (strcmp(w, widths[i]) != 0)
			continue;
		number_parse(w, &v, 0);
		error_set(e, EXIT_USAGE, "poke %s %s %s is ambiguous: %s looks "
			  "like an access width (busybox devmem's ADDRESS "
			  "WIDTH VALUE)", o->args[0], w, o->args[2], w);
		error_hint(e, "one %s-bit word: iomap -w %s poke %s %s", w, w,
			   o->args[0], o->args[2]);
		error_hint(e, "two words, %s and %s: write the first in hex, "
			   "iomap poke %s 0x%" PRIx64 " %s", w, o->args[2],
			   o->args[0], v, o->args[2]);
		error_hint(e, "nothing was written");
		return -1;
	}
	return 0;
}

/* FIELD=VALUE...: one read-modify-write of the fields named. */
static int poke_fields(struct invocation *inv, struct error *e)
{
	struct plan *p = &inv->plan;
	struct options *o = &inv->opt;
	uint64_t value = 0, mask = 0, fields = 0;

	for (int i = 1; i < o->nargs; i++) {
		const char *eq = strchr(o->args[i], '=');
		struct operand f;
		uint64_t v;
		char *name;
		int bad;

		if (!eq)
			return error_set(e, EXIT_USAGE, "'%s' is no FIELD=VALUE:"
					 " give all values of poke %s as "
					 "FIELD=VALUE, or one VALUE",
					 o->args[i], o->args[0]);
		name = xstrndup(o->args[i], (size_t)(eq - o->args[i]));
		bad = operand_field(&p->op, name, &f, e);
		free(name);
		if (bad || operand_value(&f, "value", eq + 1, &v, e))
			return -1;
		if (f.fld.access == REGDB_RO)
			return error_set(e, EXIT_USAGE, "field %s.%s is "
					 "read-only: writing it is refused",
					 f.reg.name, f.fld.name);
		if ((mask & operand_mask(&f)) && f.field < 64 &&
		    (fields & (1ull << f.field)))
			return error_set(e, EXIT_USAGE, "field %s is given "
					 "twice", f.fld.name);
		if (mask & operand_mask(&f))
			return error_set(e, EXIT_USAGE, "field %s overlaps a "
					 "field given before it: write them "
					 "one at a time", f.fld.name);
		if (f.field < 64)
			fields |= 1ull << f.field;
		mask |= operand_mask(&f);
		value |= v << f.lo;
	}
	p->values[0] = value;
	p->masks[0] = mask;
	return 0;
}

/* poke REG ..., poke REG.FIELD VALUE, poke OFFSET:HI:LO VALUE. */
static int poke_operand(struct invocation *inv, struct error *e)
{
	struct plan *p = &inv->plan;
	struct options *o = &inv->opt;
	const struct operand *op = &p->op;
	char name[2 * 1024 + 2];

	operand_name(op, name, sizeof(name));
	p->count = 1;
	p->values = xcalloc(1, sizeof(*p->values));
	p->masks = xcalloc(1, sizeof(*p->masks));
	if (op->named && !op->has_bits && strchr(o->args[1], '=')) {
		if (poke_fields(inv, e))
			return -1;
	} else if (o->nargs > 2) {
		return error_set(e, EXIT_USAGE, "poke %s writes one %s: give "
				 "one VALUE%s", o->args[0], op->has_bits
				 ? "field" : "register", op->has_bits ? ""
				 : " or FIELD=VALUE...");
	} else if (op->has_bits && strchr(o->args[1], ':')) {
		return error_set(e, EXIT_USAGE, "poke %s writes the field "
				 "whole: VALUE takes no MASK", o->args[0]);
	} else if (operand_value_mask(op, o->args[1], &p->values[0],
				      &p->masks[0], e)) {
		return -1;
	} else if (p->values[0] & ~p->masks[0]) {
		return value_outside_mask(o->args[1], e);
	}
	/*
	 * A field that acts on a write of 1 (or 0) the user did not name is
	 * written with the value that does nothing, never written back as
	 * read: a pending write-1-to-clear event stays pending.
	 */
	if (op->named && op->db) {
		regdb_write_safe(op->db, &op->reg, &p->safe_mask,
				 &p->safe_value);
		p->safe_mask &= ~p->masks[0];
		p->safe_value &= p->safe_mask;
	}
	/* Each field's writeConstraint, for the fields written whole. */
	if (op->named && op->db)
		for (size_t j = 0; j < op->reg.nfields; j++) {
			struct regdb_field f;
			unsigned bits;
			uint64_t ones, v;

			regdb_field(op->db, &op->reg, j, &f);
			bits = f.hi - f.lo + 1;
			ones = (bits >= 64 ? UINT64_MAX
				: ((uint64_t)1 << bits) - 1) << f.lo;
			if ((p->masks[0] & ones) != ones)
				continue;
			v = (p->values[0] & ones) >> f.lo;
			if (regdb_write_allowed(op->db, &f, v))
				continue;
			if (!f.wc_range || (v >= f.wc_min && v <= f.wc_max))
				return error_set(e, EXIT_USAGE, "field %s.%s "
						 "takes only its enumerated "
						 "values (writeConstraint): "
						 "0x%" PRIx64 " is none",
						 op->reg.name, f.name, v);
			return error_set(e, EXIT_USAGE, "field %s.%s takes "
					 "0x%" PRIx64 " to 0x%" PRIx64
					 " (writeConstraint): 0x%" PRIx64
					 " is outside", op->reg.name, f.name,
					 f.wc_min, f.wc_max, v);
		}
	/* Bits short of the whole word are read first: not write-only. */
	if (op->named && p->masks[0] != command_word_mask(op->width) &&
	    op->reg.access == REGDB_WO)
		return error_set(e, EXIT_USAGE, "register %s is write-only: "
				 "writing part of it would read it first; "
				 "write it whole (poke %s VALUE)",
				 op->reg.name, op->reg.name);
	return 0;
}

static int poke_prepare(struct invocation *inv, struct error *e)
{
	struct plan *p = &inv->plan;
	struct options *o = &inv->opt;

	if (operand_parse(inv, o->args[0], OPERAND_WRITE | OPERAND_BITS,
			  &p->op, e))
		return -1;
	p->offset = p->op.offset;
	if (p->op.named || p->op.has_bits) {
		if (poke_operand(inv, e)) {
			error_hint(e, "nothing was written");
			return -1;
		}
		return 0;
	}
	if (width_habit(o, e))
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
		if (p->values[i] & ~p->masks[i]) {
			value_outside_mask(o->args[i + 1], e);
			error_hint(e, "in VALUE %" PRIu64 " of %" PRIu64
				   "; nothing was written", i + 1, p->count);
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

		if (mask != all ? mapping_rmw(m, off, width,
					      v | p->safe_value,
					      mask | p->safe_mask, &v, e)
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
