// SPDX-License-Identifier: GPL-2.0-or-later
/* IP-XACT descriptions (IEEE 1685-2014 ipxact:, 1685-2009 spirit:). */
#include "config.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "regdb_expr.h"
#include "regdb_int.h"

#define MAX_DIMS 4
#define MAX_NESTING 16

/* A parameter of the component, by its parameterId. */
struct param {
	const char *id;
	const struct xml_node *value;
	int state;		/* 0 not yet, 1 being evaluated, 2 done */
	uint64_t v;
	const char *why;	/* why its value is no number (state 2) */
};

struct ipx {
	struct regdb_builder *b;
	struct error *e;
	uint64_t unit;		/* bytes per address unit */
	unsigned nesting;
	struct param *params;	/* sorted by id */
	size_t nparams, cap;
	char why[256];		/* the reason of the last failed lookup */
};

static int fail(struct ipx *x, const struct xml_node *n, const char *fmt,
		...) __attribute__((format(printf, 3, 4)));

static int fail(struct ipx *x, const struct xml_node *n, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return rb_fail(x->b, x->e, n->line, "%s", msg);
}

static const char *name_of(const struct xml_node *n)
{
	const struct xml_node *c = xml_child(n, "name");

	return c ? c->text : "";
}

static const char *value_of(struct ipx *x, const char *text, uint64_t *v);

static int param_cmp(const void *a, const void *b)
{
	return strcmp(((const struct param *)a)->id,
		      ((const struct param *)b)->id);
}

/* The value of the parameter whose parameterId is NAME (LEN bytes). */
static const char *param_lookup(void *arg, const char *name, size_t len,
				uint64_t *v)
{
	struct ipx *x = arg;
	char id[256];
	struct param key = { .id = id }, *p;

	if (len >= sizeof(id))
		return "a parameter name too long";
	memcpy(id, name, len);
	id[len] = '\0';
	p = x->nparams ? bsearch(&key, x->params, x->nparams, sizeof(*p),
				 param_cmp) : NULL;
	if (!p) {
		snprintf(x->why, sizeof(x->why), "'%s' is no parameterId of "
			 "the component", id);
		return x->why;
	}
	if (p->state == 1) {
		snprintf(x->why, sizeof(x->why), "parameter %s (line %u) "
			 "refers back to itself (a cycle)", id,
			 p->value->line);
		return x->why;
	}
	if (p->state == 0) {
		const char *why;

		if (x->nesting++ > 64) {
			x->nesting--;
			return "parameters refer to each other more than 64 "
			       "deep";
		}
		p->state = 1;
		why = value_of(x, p->value->text, &p->v);
		x->nesting--;
		p->state = 2;
		if (why && why != x->why) {
			snprintf(x->why, sizeof(x->why), "parameter %s (line "
				 "%u): %s", id, p->value->line, why);
			why = x->why;
		}
		p->why = why ? strdup(why) : NULL;
		if (why && !p->why)
			return "out of memory";
	}
	if (p->why) {
		snprintf(x->why, sizeof(x->why), "%s", p->why);
		return x->why;
	}
	*v = p->v;
	return NULL;
}

/* TEXT as a number, else as an expression of the parameters. */
static const char *value_of(struct ipx *x, const char *text, uint64_t *v)
{
	const char *why = regdb_xml_number(text, XMLNUM_HASH_HEX, v);

	if (!why)
		return NULL;
	if (text[0] == '#')
		return why;
	return regdb_expr_eval(text, param_lookup, x, v);
}

static int number(struct ipx *x, const struct xml_node *n, uint64_t *v)
{
	const char *why = value_of(x, n->text, v);

	if (why)
		return fail(x, n, "invalid number '%.200s' in <%s>: %s",
			    n->text, n->name, why);
	return 0;
}

/* Index the parameters under N that have a parameterId. */
static int params_collect(struct ipx *x, const struct xml_node *n)
{
	for (const struct xml_node *c = n->child; c; c = c->next) {
		const char *id = xml_attr(c, "parameterId");

		if (id && (strcmp(c->name, "parameter") == 0 ||
			   strcmp(c->name, "moduleParameter") == 0) &&
		    xml_child(c, "value")) {
			if (x->nparams == x->cap) {
				size_t cap = x->cap ? x->cap * 2 : 32;
				struct param *p = realloc(x->params, cap *
							  sizeof(*p));

				if (!p)
					return error_set(x->e, EXIT_FAIL,
							 "out of memory");
				x->params = p;
				x->cap = cap;
			}
			x->params[x->nparams++] = (struct param){
				.id = id, .value = xml_child(c, "value") };
		}
		if (c->child && params_collect(x, c))
			return -1;
	}
	return 0;
}

/* The number in child NAME of N; MISSING when there is none (-1: required). */
static int child_number(struct ipx *x, const struct xml_node *n,
			const char *name, int64_t missing, uint64_t *v)
{
	const struct xml_node *c = xml_child(n, name);

	if (!c) {
		if (missing < 0)
			return fail(x, n, "%s %s has no <%s>", n->name,
				    name_of(n), name);
		*v = (uint64_t)missing;
		return 0;
	}
	return number(x, c, v);
}

static int access_of(struct ipx *x, const struct xml_node *n,
		     enum regdb_access *a)
{
	const struct xml_node *c = xml_child(n, "access");

	if (c)
		rb_access(x->b, c->line, c->text, a);
	return 0;
}

/*
 * A field's modifiedWriteValue (the SVD names) and writeValueConstraint
 * into RF; testable concerns test generators and is not read.
 */
static int write_semantics(struct ipx *x, const struct xml_node *f,
			   struct rb_field *rf)
{
	const struct xml_node *m = xml_child(f, "modifiedWriteValue"),
			      *wc = xml_child(f, "writeValueConstraint"), *c;

	if (m) {
		unsigned w;

		for (w = REGDB_W_ONE_CLEAR; w <= REGDB_W_MODIFY; w++)
			if (strcasecmp(m->text, regdb_wmod_name(w)) == 0)
				break;
		if (w <= REGDB_W_MODIFY)
			rf->wmod = (enum regdb_wmod)w;
		else
			rb_warn(x->b, m->line, "unknown modifiedWriteValue "
				"'%.64s' ignored", m->text);
	}
	if (!wc)
		return 0;
	c = xml_child(wc, "useEnumeratedValues");
	if (c && (strcmp(c->text, "true") == 0 || strcmp(c->text, "1") == 0))
		rf->wc_enums = true;
	if (xml_child(wc, "minimum") && xml_child(wc, "maximum")) {
		if (number(x, xml_child(wc, "minimum"), &rf->wc_min) ||
		    number(x, xml_child(wc, "maximum"), &rf->wc_max))
			return -1;
		rf->wc_range = rf->wc_min <= rf->wc_max;
		if (!rf->wc_range)
			rb_warn(x->b, wc->line, "writeValueConstraint range "
				"is empty: ignored");
	}
	return 0;
}

/*
 * BASE + OFFSET address units + K steps, where OFFSET and STEP are the
 * numbers of N's children OFF_NAME and STEP_NAME (STEP in address units
 * when N has STEP_NAME, else in bytes); refused when it passes 2^64 (it would
 * land on another register).
 */
static int place(struct ipx *x, const struct xml_node *n, uint64_t base,
		 const char *off_name, uint64_t offset, const char *step_name,
		 uint64_t step, uint64_t k, uint64_t *out)
{
	const struct xml_node *o = xml_child(n, off_name),
			      *st = step_name ? xml_child(n, step_name) : NULL;
	char elem[128] = "", from[32] = "";
	uint64_t a, b;

	if (!(st && rb_mul_wraps(step, x->unit, &step)) &&
	    !rb_mul_wraps(step, k, &b) && !rb_mul_wraps(offset, x->unit, &a) &&
	    !rb_add_wraps(a, b, &a) && !rb_add_wraps(base, a, out))
		return 0;
	if (st)
		snprintf(elem, sizeof(elem), ", element %" PRIu64 " at <%s> "
			 "%.64s", k, step_name, st->text);
	else if (k)
		snprintf(elem, sizeof(elem), ", element %" PRIu64, k);
	if (base)
		snprintf(from, sizeof(from), " from 0x%" PRIx64, base);
	return fail(x, n, "%s %s: <%s> %s%s (%" PRIu64 "-bit address units)%s "
		    "passes the end of the 64-bit address space", n->name,
		    name_of(n), off_name, o ? o->text : "0", elem,
		    x->unit * 8, from);
}

/* The dimensions of N (<dim> elements), and the number of elements. */
static int dims_of(struct ipx *x, const struct xml_node *n, uint64_t *dims,
		   unsigned *ndims, uint64_t *total)
{
	*ndims = 0;
	*total = 1;
	for (const struct xml_node *c = n->child; c; c = c->next) {
		uint64_t v;

		if (strcmp(c->name, "dim"))
			continue;
		if (*ndims == MAX_DIMS)
			return fail(x, c, "more than %d <dim>", MAX_DIMS);
		if (number(x, c, &v))
			return -1;
		if (v == 0)
			continue;	/* <dim>0</dim>: no array (Kactus2) */
		if (v > REGDB_MAX_DIM || *total * v > REGDB_MAX_DIM)
			return fail(x, c, "dim %s is not 1 to %u elements in "
				    "all", c->text, REGDB_MAX_DIM);
		dims[(*ndims)++] = v;
		*total *= v;
	}
	return 0;
}

/* NAME[i][j]... for element K of the array, into BUF. */
static void element_name(char *buf, size_t len, const char *name,
			 const uint64_t *dims, unsigned ndims, uint64_t k)
{
	size_t n = (size_t)snprintf(buf, len, "%s", name);
	uint64_t idx[MAX_DIMS];

	for (unsigned d = ndims; d-- > 0;) {
		idx[d] = k % dims[d];
		k /= dims[d];
	}
	for (unsigned d = 0; d < ndims && n < len; d++)
		n += (size_t)snprintf(buf + n, len - n, "[%" PRIu64 "]",
				      idx[d]);
}

static int enums_of(struct ipx *x, const struct xml_node *f)
{
	const struct xml_node *evs = xml_child(f, "enumeratedValues");

	if (!evs)
		return 0;
	for (const struct xml_node *v = evs->child; v; v = v->next) {
		const struct xml_node *val, *desc;
		uint64_t value;

		if (strcmp(v->name, "enumeratedValue"))
			continue;
		val = xml_child(v, "value");
		if (!val)
			return fail(x, v, "enumeratedValue %s has no <value>",
				    name_of(v));
		desc = xml_child(v, "description");
		if (number(x, val, &value) ||
		    rb_enum(x->b, name_of(v), value, desc ? desc->text : NULL,
			    v->line, x->e))
			return -1;
	}
	return 0;
}

/* A field's reset: 2014 puts it in <resets><reset><value>. */
static int field_reset(struct ipx *x, const struct xml_node *f, bool *has,
		       uint64_t *v)
{
	const struct xml_node *r = xml_child(f, "resets");

	*has = false;
	if (r)
		r = xml_child(r, "reset");
	if (r)
		r = xml_child(r, "value");
	if (!r)
		return 0;
	*has = true;
	return number(x, r, v);
}

static int walk_register(struct ipx *x, const struct xml_node *r,
			 const char *prefix, uint64_t base,
			 enum regdb_access block_access)
{
	uint64_t offset, size, dims[MAX_DIMS], total, stride;
	unsigned ndims;
	enum regdb_access access = block_access;
	const struct xml_node *desc = xml_child(r, "description"),
			      *reset = xml_child(r, "reset"), *st;
	bool has_reset = false;
	uint64_t reset_value = 0;

	if (child_number(x, r, "addressOffset", -1, &offset) ||
	    child_number(x, r, "size", -1, &size) ||
	    access_of(x, r, &access) || dims_of(x, r, dims, &ndims, &total))
		return -1;
	if (size != 8 && size != 16 && size != 32 && size != 64)
		return fail(x, xml_child(r, "size"), "size %" PRIu64 " is not "
			    "8, 16, 32 or 64 bits", size);
	if (reset && xml_child(reset, "value")) {
		if (number(x, xml_child(reset, "value"), &reset_value))
			return -1;
		has_reset = true;
	}
	/* Arrays: 2022's <stride>, else the registers lie side by side. */
	stride = size / 8;
	st = xml_child(r, "stride");
	if (st && number(x, st, &stride))
		return -1;
	for (uint64_t k = 0; k < total; k++) {
		char name[REGDB_MAX_NAME + 1], full[2 * REGDB_MAX_NAME + 2];
		struct rb_reg rr = {
			.desc = desc ? desc->text : NULL,
			.width = (unsigned)size / 8,
			.access = access,
			.has_reset = has_reset,
			.reset = reset_value,
			.line = r->line,
		};
		bool any_reset = false;
		uint64_t fields_reset = 0;

		element_name(name, sizeof(name), name_of(r), dims, ndims, k);
		if (!rb_valid_name(name))
			return fail(x, r, "invalid register name '%s'", name);
		if (place(x, r, base, "addressOffset", offset, "stride",
			  stride, k, &rr.address))
			return -1;
		snprintf(full, sizeof(full), "%s.%s", prefix, name);
		rr.name = full;
		if (rb_register(x->b, &rr, x->e))
			return -1;
		for (const struct xml_node *f = r->child; f; f = f->next) {
			struct rb_field rf = { .line = f->line,
					       .access = access };
			uint64_t off, width, fr;
			bool has;

			if (strcmp(f->name, "field"))
				continue;
			if (child_number(x, f, "bitOffset", -1, &off) ||
			    child_number(x, f, "bitWidth", -1, &width) ||
			    access_of(x, f, &rf.access) ||
			    write_semantics(x, f, &rf) ||
			    field_reset(x, f, &has, &fr))
				return -1;
			if (off > 63 || width == 0 || width > 64 - off)
				return fail(x, f, "field %s: bits %" PRIu64
					    "+%" PRIu64 " are beyond bit 63 or "
					    "empty", name_of(f), off, width);
			rf.name = name_of(f);
			rf.desc = xml_child(f, "description")
				  ? xml_child(f, "description")->text : NULL;
			rf.lo = (unsigned)off;
			rf.hi = (unsigned)(off + width - 1);
			rf.side_effects = xml_child(f, "readAction") != NULL;
			if (rb_field(x->b, &rf, x->e) || enums_of(x, f))
				return -1;
			if (has && width < 64 && fr >> width) {
				rb_warn(x->b, f->line, "field %s: reset value "
					"0x%" PRIx64 " does not fit %" PRIu64
					" bits: dropped", rf.name, fr, width);
				has = false;
			}
			if (has) {
				any_reset = true;
				fields_reset |= fr << off;
			}
		}
		if (any_reset && !has_reset)
			rb_set_reset(x->b, fields_reset);
	}
	return 0;
}

static int walk_items(struct ipx *x, const struct xml_node *parent,
		      const char *prefix, uint64_t base,
		      enum regdb_access access);

static int walk_register_file(struct ipx *x, const struct xml_node *rf,
			      const char *prefix, uint64_t base,
			      enum regdb_access access)
{
	uint64_t offset, range, dims[MAX_DIMS], total, at;
	unsigned ndims;

	if (x->nesting >= MAX_NESTING)
		return fail(x, rf, "register files nested more than %d deep",
			    MAX_NESTING);
	if (child_number(x, rf, "addressOffset", -1, &offset) ||
	    child_number(x, rf, "range", 0, &range) ||
	    dims_of(x, rf, dims, &ndims, &total))
		return -1;
	x->nesting++;
	for (uint64_t k = 0; k < total; k++) {
		char name[REGDB_MAX_NAME + 1], full[2 * REGDB_MAX_NAME + 2];

		element_name(name, sizeof(name), name_of(rf), dims, ndims, k);
		if (!rb_valid_name(name)) {
			x->nesting--;
			return fail(x, rf, "invalid register file name '%s'",
				    name);
		}
		snprintf(full, sizeof(full), "%s.%s", prefix, name);
		if (strlen(full) <= REGDB_MAX_NAME &&
		    place(x, rf, base, "addressOffset", offset, "range",
			  range, k, &at)) {
			x->nesting--;
			return -1;
		}
		if (strlen(full) > REGDB_MAX_NAME ||
		    walk_items(x, rf, full, at, access)) {
			x->nesting--;
			return strlen(full) > REGDB_MAX_NAME
			       ? fail(x, rf, "name too long") : -1;
		}
	}
	x->nesting--;
	return 0;
}

static int walk_items(struct ipx *x, const struct xml_node *parent,
		      const char *prefix, uint64_t base,
		      enum regdb_access access)
{
	for (const struct xml_node *c = parent->child; c; c = c->next) {
		int rc = 0;

		if (strcmp(c->name, "register") == 0)
			rc = walk_register(x, c, prefix, base, access);
		else if (strcmp(c->name, "registerFile") == 0)
			rc = walk_register_file(x, c, prefix, base, access);
		if (rc)
			return -1;
	}
	return 0;
}

/* The address blocks of a memory map (or a local memory map) M. */
static int walk_map(struct ipx *x, const struct xml_node *m,
		    const struct xml_node *unit_of)
{
	uint64_t aub;

	if (child_number(x, unit_of, "addressUnitBits", 8, &aub))
		return -1;
	if (aub == 0 || aub % 8 || aub > 64)
		return fail(x, xml_child(unit_of, "addressUnitBits"),
			    "addressUnitBits %" PRIu64 " is not 8, 16, 32 or "
			    "64", aub);
	x->unit = aub / 8;
	for (const struct xml_node *ab = m->child; ab; ab = ab->next) {
		enum regdb_access access = REGDB_RW;
		uint64_t base;
		const char *name = name_of(ab);

		if (strcmp(ab->name, "addressBlock"))
			continue;
		if (!rb_valid_name(name) || strchr(name, '['))
			return fail(x, ab, "invalid address block name '%s'",
				    name);
		if (child_number(x, ab, "baseAddress", -1, &base) ||
		    access_of(x, ab, &access) ||
		    place(x, ab, 0, "baseAddress", base, NULL, 0, 0, &base) ||
		    walk_items(x, ab, name, base, access))
			return -1;
	}
	return 0;
}

static int parse(struct ipx *x, const struct xml_node *root)
{
	const struct xml_node *maps = xml_child(root, "memoryMaps"),
			      *spaces = xml_child(root, "addressSpaces");

	if (!maps && !spaces)
		return rb_fail(x->b, x->e, root->line, "<component> without "
			       "<memoryMaps> or <addressSpaces>");
	if (params_collect(x, root))
		return -1;
	if (x->nparams > 1) {
		qsort(x->params, x->nparams, sizeof(*x->params), param_cmp);
		for (size_t i = 1; i < x->nparams; i++)
			if (strcmp(x->params[i - 1].id, x->params[i].id) == 0)
				return fail(x, x->params[i].value, "two "
					    "parameters have the parameterId "
					    "%s", x->params[i].id);
	}
	for (const struct xml_node *m = maps ? maps->child : NULL; m;
	     m = m->next)
		if (strcmp(m->name, "memoryMap") == 0 && walk_map(x, m, m))
			return -1;
	/* A CPU's address space: its local memory map reads the same. */
	for (const struct xml_node *a = spaces ? spaces->child : NULL; a;
	     a = a->next) {
		const struct xml_node *lm = xml_child(a, "localMemoryMap");

		if (strcmp(a->name, "addressSpace") == 0 && lm &&
		    walk_map(x, lm, a))
			return -1;
	}
	return 0;
}

int regdb_ipxact_parse(struct regdb_builder *b, const struct xml_node *root,
		       struct error *e)
{
	struct ipx x = { .b = b, .e = e };
	int rc = parse(&x, root);

	for (size_t i = 0; i < x.nparams; i++)
		free((char *)x.params[i].why);
	free(x.params);
	return rc;
}
