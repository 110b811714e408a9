// SPDX-License-Identifier: GPL-2.0-or-later
/* One parser for what stands where an offset goes: numbers, bits, names. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "habits.h"
#include "number.h"
#include "operand.h"
#include "xalloc.h"

int operand_check_regs(const char *path, struct error *e)
{
	if (path && access(path, R_OK) != 0)
		return error_set(e, EXIT_USAGE, "cannot open %s: %s", path,
				 strerror(errno));
	return 0;
}

bool operand_address(const struct region *r, uint64_t address, uint64_t *off)
{
	bool inside = r->size != UINT64_MAX && address >= r->phys &&
		      address - r->phys < r->size;

	if (r->backend == &region_devmem) {
		if (r->size == UINT64_MAX) {
			*off = address;		/* /dev/mem: physical */
			return true;
		}
		*off = address - r->phys;	/* -m: physical, inside */
		return inside;
	}
	*off = inside ? address - r->phys : address;
	return true;
}

/* The registers of one description by their offset in one region. */
struct reg_at {
	uint64_t off;
	unsigned width;
	size_t reg;
};

static struct {
	const struct regdb *db;
	const struct region *r;
	struct reg_at *v;
	size_t n;
} at_index;

static int reg_at_cmp(const void *a, const void *b)
{
	const struct reg_at *x = a, *y = b;

	if (x->off != y->off)
		return x->off < y->off ? -1 : 1;
	if (x->width != y->width)
		return x->width < y->width ? -1 : 1;
	return x->reg < y->reg ? -1 : x->reg > y->reg;
}

long operand_reg_at(const struct regdb *db, const struct region *r,
		    uint64_t off, unsigned width)
{
	size_t lo = 0, hi;

	if (at_index.db != db || at_index.r != r) {
		size_t n = regdb_count(db);

		free(at_index.v);
		at_index.v = xreallocarray(NULL, n ? n : 1,
					   sizeof(*at_index.v));
		at_index.n = 0;
		for (size_t i = 0; i < n; i++) {
			struct regdb_reg g;
			uint64_t o;

			regdb_reg(db, i, &g);
			if (!operand_address(r, g.address, &o))
				continue;
			at_index.v[at_index.n++] = (struct reg_at){
				.off = o, .width = g.width, .reg = i,
			};
		}
		qsort(at_index.v, at_index.n, sizeof(*at_index.v),
		      reg_at_cmp);
		at_index.db = db;
		at_index.r = r;
	}
	/* The first entry at (OFF, WIDTH) or after it. */
	hi = at_index.n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct reg_at *m = &at_index.v[mid];

		if (m->off < off || (m->off == off && m->width < width))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == at_index.n || at_index.v[lo].off != off ||
	    at_index.v[lo].width != width)
		return -1;
	/* Two registers at one place (alternates): name neither. */
	if (lo + 1 < at_index.n && at_index.v[lo + 1].off == off &&
	    at_index.v[lo + 1].width == width)
		return -1;
	return (long)at_index.v[lo].reg;
}

unsigned operand_bits(const struct operand *op)
{
	return op->has_bits ? op->hi - op->lo + 1 : op->width * 8;
}

uint64_t operand_mask(const struct operand *op)
{
	unsigned bits = operand_bits(op);
	uint64_t ones = bits >= 64 ? UINT64_MAX : ((uint64_t)1 << bits) - 1;

	return op->has_bits ? ones << op->lo : ones;
}

uint64_t operand_get(const struct operand *op, uint64_t word)
{
	return (word & operand_mask(op)) >> (op->has_bits ? op->lo : 0);
}

size_t operand_format(char *buf, uint64_t v, unsigned bits)
{
	int digits = (int)(bits + 3) / 4;

	return (size_t)sprintf(buf, "0x%0*" PRIx64, digits ? digits : 1, v);
}

void operand_name(const struct operand *op, char *buf, size_t len)
{
	if (op->named && op->field >= 0)
		snprintf(buf, len, "%s.%s", op->reg.name, op->fld.name);
	else if (op->named && op->has_bits)
		snprintf(buf, len, "%s:%u:%u", op->reg.name, op->hi, op->lo);
	else if (op->named)
		snprintf(buf, len, "%s", op->reg.name);
	else if (op->has_bits)
		snprintf(buf, len, "0x%" PRIx64 ":%u:%u", op->offset, op->hi,
			 op->lo);
	else
		snprintf(buf, len, "0x%" PRIx64, op->offset);
}

/* HI[:LO] after the word's colon: bits of a WIDTH-byte word. */
static int parse_bits(const char *s, const char *bits, struct operand *op,
		      struct error *e)
{
	const char *colon = strchr(bits, ':');
	char *hi = xstrndup(bits, colon ? (size_t)(colon - bits)
					: strlen(bits));
	uint64_t h, l;
	const char *why = number_parse(hi, &h, 0);

	free(hi);
	if (!why && colon)
		why = number_parse(colon + 1, &l, 0);
	else
		l = h;
	if (why)
		return error_set(e, EXIT_USAGE, "invalid bit field '%s': %s "
				 "(give OFFSET:HI or OFFSET:HI:LO)", s, why);
	if (h < l)
		return error_set(e, EXIT_USAGE, "invalid bit field '%s': bit "
				 "%" PRIu64 " is below bit %" PRIu64 " (give "
				 "HI:LO)", s, h, l);
	if (h >= op->width * 8u)
		return error_set(e, EXIT_USAGE, "invalid bit field '%s': bit "
				 "%" PRIu64 " lies beyond the %u-bit word%s", s,
				 h, op->width * 8, op->named ? "" : " (a "
				 "wider -w?)");
	op->has_bits = true;
	op->hi = (unsigned)h;
	op->lo = (unsigned)l;
	return 0;
}

/* What the operand is, in messages. */
static const char *operand_what(unsigned flags)
{
	if (flags & OPERAND_INPUT)
		return "start";
	return flags & OPERAND_START ? "range start" : "offset";
}

/* Refuse what FLAGS would do to a named register or field it forbids. */
static int check_access(const struct operand *op, unsigned flags,
			struct error *e)
{
	char name[2 * 1024 + 2];
	const char *what = "register";
	enum regdb_access a = op->reg.access;

	if (op->field >= 0 && op->fld.access != REGDB_RW) {
		what = "field";
		a = op->fld.access;
	}
	operand_name(op, name, sizeof(name));
	if ((flags & OPERAND_READ) && a == REGDB_WO)
		return error_set(e, EXIT_USAGE, "%s %s is write-only: reading "
				 "it is refused", what, name);
	if ((flags & OPERAND_WRITE) && a == REGDB_RO)
		return error_set(e, EXIT_USAGE, "%s %s is read-only: writing "
				 "it is refused", what, name);
	return 0;
}

int operand_resolve_at(const struct regdb *db, const struct region *r,
		       struct operand *op, unsigned flags, struct error *e)
{
	long reg;

	if (op->named || op->has_bits || !db)
		return 0;
	reg = operand_reg_at(db, r, op->offset, op->width);
	if (reg < 0)
		return 0;
	op->db = db;
	op->named = true;
	op->field = -1;
	regdb_reg(op->db, (size_t)reg, &op->reg);
	return check_access(op, flags, e);
}

/* Whether register R lies inside the region ARG. */
static bool reg_inside(const struct regdb_reg *r, void *arg)
{
	const struct region *region = arg;
	struct error ignored;
	uint64_t off;

	return operand_address(region, r->address, &off) &&
	       region_check_access(region, off, r->width, 1, &ignored) == 0;
}

/* The register (or field) NAME of the description, into OP. */
static int parse_name(const struct operand_ctx *c, const char *s,
		      const char *name, unsigned flags, struct operand *op,
		      struct error *e)
{
	const char *what = operand_what(flags);
	const struct region *r = c->region;
	struct regdb_ref ref;

	if (!c->db) {
		error_set(e, EXIT_USAGE, "invalid %s '%s': not a number", what,
			  s);
		habit_hex_hint(e, name);
		error_hint(e, "a register name needs a description: give it "
			   "with --regs FILE");
		return -1;
	}
	/* A short name of several registers: the one inside the region. */
	if (regdb_lookup_where(c->db, name, r ? reg_inside : NULL,
			       (void *)r, &ref, e)) {
		habit_hex_hint(e, name);
		return -1;
	}
	op->db = c->db;
	op->named = true;
	op->field = ref.field;
	regdb_reg(op->db, ref.reg, &op->reg);
	if (ref.field >= 0) {
		regdb_field(op->db, &op->reg, (size_t)ref.field, &op->fld);
		if (!(flags & OPERAND_BITS) || strchr(s, ':'))
			return error_set(e, EXIT_USAGE, "'%s' names a field: "
					 "%s takes %s", s, c->cmd,
					 flags & OPERAND_BITS ? "REG.FIELD or "
					 "REG:HI:LO, not both" : "a register "
					 "here");
		op->has_bits = true;
		op->hi = op->fld.hi;
		op->lo = op->fld.lo;
	}
	if (c->width_set && c->width != op->reg.width)
		return error_set(e, EXIT_USAGE, "-w %u does not match %s, a "
				 "%u-bit register: leave -w out",
				 c->width * 8, op->reg.name,
				 op->reg.width * 8);
	op->width = op->reg.width;
	if (!operand_address(r, op->reg.address, &op->offset))
		return error_set(e, EXIT_USAGE, "register %s at 0x%" PRIx64
				 " lies outside %s", op->reg.name,
				 op->reg.address, r->name);
	if (region_check_access(r, op->offset, op->width, 1, e)) {
		error_hint(e, "%s is register %s, at 0x%" PRIx64 " in %s%s",
			   s, op->reg.name, op->reg.address,
			   regdb_path(op->db), op->offset == op->reg.address &&
			   r->backend != &region_devmem ? " (outside the "
			   "region's physical range an address is an offset)"
			   : "");
		return -1;
	}
	return check_access(op, flags, e);
}

static int parse_offset(const char *what, const char *s, uint64_t *v,
			struct error *e)
{
	const char *why = number_parse(s, v, NUMBER_SUFFIX);

	if (why) {
		error_set(e, EXIT_USAGE, "invalid %s '%s': %s", what, s, why);
		habit_hex_hint(e, s);
		return -1;
	}
	return 0;
}

/* A register name starts with a letter or '_'; a number with a digit. */
static bool is_name_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

int operand_parse_in(const struct operand_ctx *c, const char *s,
		     unsigned flags, struct operand *op, struct error *e)
{
	const char *what = operand_what(flags);
	const char *colon = strchr(s, ':');
	char *word = xstrndup(s, colon ? (size_t)(colon - s) : strlen(s));
	int rc;

	memset(op, 0, sizeof(*op));
	op->field = -1;
	op->width = c->width;
	if (colon && !(flags & OPERAND_BITS)) {
		rc = error_set(e, EXIT_USAGE, "invalid %s '%s': a bit field "
			       "(OFFSET:HI:LO) is not accepted here", what, s);
	} else if (!is_name_start(word[0])) {
		rc = parse_offset(what, word, &op->offset, e);
	} else {
		rc = parse_name(c, s, word, flags, op, e);
	}
	free(word);
	if (rc == 0 && colon)
		rc = parse_bits(s, colon + 1, op, e);
	return rc;
}

int operand_value(const struct operand *op, const char *what, const char *s,
		  uint64_t *v, struct error *e)
{
	unsigned bits = operand_bits(op);
	const char *why = number_parse(s, v, 0);
	char name[2 * 1024 + 2];

	operand_name(op, name, sizeof(name));
	if (why && op->field >= 0 && op->fld.nenums &&
	    regdb_enum_value(op->db, &op->fld, s, v) == 0)
		return 0;
	if (why && op->field >= 0 && op->fld.nenums) {
		char list[512] = "";
		size_t len = 0;

		for (size_t k = 0; k < op->fld.nenums && len < sizeof(list);
		     k++) {
			struct regdb_enum en;

			regdb_enum(op->db, &op->fld, k, &en);
			len += (size_t)snprintf(list + len, sizeof(list) - len,
						"%s%s", k == 0 ? "" : k + 1 ==
						op->fld.nenums ? " or " : ", ",
						en.name);
		}
		return error_set(e, EXIT_USAGE, "invalid %s '%s' for %s: "
				 "neither a number nor one of its values (%s)",
				 what, s, name, list);
	}
	if (why) {
		error_set(e, EXIT_USAGE, "invalid %s '%s': %s", what, s, why);
		habit_hex_hint(e, s);
		return -1;
	}
	if (bits < 64 && (*v >> bits)) {
		if (!op->named && !op->has_bits)
			return error_set(e, EXIT_USAGE, "%s '%s' is wider than "
					 "the %u-bit access width", what, s,
					 bits);
		return error_set(e, EXIT_USAGE, "%s '%s' does not fit the "
				 "%u-bit %s %s", what, s, bits,
				 op->has_bits ? "field" : "register", name);
	}
	return 0;
}

int operand_field(const struct operand *op, const char *name,
		  struct operand *out, struct error *e)
{
	size_t len = strlen(op->reg.name) + strlen(name) + 2;
	char *full = xmalloc(len);
	struct regdb_ref ref;
	int rc;

	snprintf(full, len, "%s.%s", op->reg.name, name);
	rc = regdb_lookup(op->db, full, &ref, e);
	free(full);
	if (rc)
		return -1;
	if (ref.reg != op->reg.index || ref.field < 0)
		return error_set(e, EXIT_USAGE, "register %s has no field "
				 "'%s'", op->reg.name, name);
	*out = *op;
	out->field = ref.field;
	regdb_field(op->db, &op->reg, (size_t)ref.field, &out->fld);
	out->has_bits = true;
	out->hi = out->fld.hi;
	out->lo = out->fld.lo;
	return 0;
}
