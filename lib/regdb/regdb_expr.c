// SPDX-License-Identifier: GPL-2.0-or-later
/* IP-XACT 1685-2014 expressions: SystemVerilog operators, literals, functions. */
#include "config.h"

#include <stdbool.h>
#include <string.h>

#include "regdb_expr.h"
#include "regdb_int.h"

/* Nesting (parentheses, unary operators, calls) deeper than this is refused. */
#define EXPR_MAX_DEPTH	128

struct ex {
	const char *p;
	regdb_expr_lookup lookup;
	void *arg;
	const char *why;
	unsigned depth;
};

static void blanks(struct ex *x)
{
	while (*x->p == ' ' || *x->p == '\t' || *x->p == '\n' ||
	       *x->p == '\r')
		x->p++;
}

/* True (and past it) when the input continues with operator OP. */
static bool take(struct ex *x, const char *op)
{
	size_t n = strlen(op);

	blanks(x);
	if (strncmp(x->p, op, n))
		return false;
	x->p += n;
	return true;
}

/* Like take, but not when OP is the start of a longer operator NOT. */
static bool take_not(struct ex *x, const char *op, const char *not1,
		     const char *not2)
{
	blanks(x);
	if ((not1 && strncmp(x->p, not1, strlen(not1)) == 0) ||
	    (not2 && strncmp(x->p, not2, strlen(not2)) == 0))
		return false;
	return take(x, op);
}

static bool fail(struct ex *x, const char *why)
{
	if (!x->why)
		x->why = why;
	return false;
}

static bool expr(struct ex *x, uint64_t *v);

static bool is_ident(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

static unsigned clog2(uint64_t v)
{
	unsigned n = 0;

	if (v <= 1)
		return 0;
	v--;
	while (v) {
		n++;
		v >>= 1;
	}
	return n;
}

static uint64_t ipow(uint64_t b, uint64_t e)
{
	uint64_t r = 1;

	while (e) {
		if (e & 1)
			r *= b;
		b *= b;
		e >>= 1;
	}
	return r;
}

static uint64_t isqrt(uint64_t v)
{
	uint64_t r = 0, bit = (uint64_t)1 << 62;

	while (bit > v)
		bit >>= 2;
	while (bit) {
		if (v >= r + bit) {
			v -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
		bit >>= 2;
	}
	return r;
}

static unsigned ilog(uint64_t v, unsigned base)
{
	unsigned n = 0;

	while (v >= base) {
		v /= base;
		n++;
	}
	return n;
}

/* $NAME(ARGS): the standard's functions on integers. */
static bool call(struct ex *x, const char *name, size_t len, uint64_t *v)
{
	static const struct {
		const char *name;
		unsigned args;
	} fns[] = {
		{ "clog2", 1 }, { "pow", 2 }, { "sqrt", 1 }, { "log2", 1 },
		{ "log10", 1 }, { "floor", 1 }, { "ceil", 1 }, { "abs", 1 },
	};
	uint64_t a[2] = { 0, 0 };
	size_t i;

	for (i = 0; i < sizeof(fns) / sizeof(fns[0]); i++)
		if (strlen(fns[i].name) == len &&
		    strncmp(fns[i].name, name, len) == 0)
			break;
	if (i == sizeof(fns) / sizeof(fns[0]))
		return fail(x, "unknown function (iomap knows $clog2, $pow, "
			    "$sqrt, $log2, $log10, $floor, $ceil, $abs)");
	if (!take(x, "("))
		return fail(x, "a function without '('");
	for (unsigned k = 0; k < fns[i].args; k++) {
		if (k && !take(x, ","))
			return fail(x, "a function with too few arguments");
		if (!expr(x, &a[k]))
			return false;
	}
	if (!take(x, ")"))
		return fail(x, "a function with too many arguments or no ')'");
	switch (i) {
	case 0: *v = clog2(a[0]); break;
	case 1: *v = ipow(a[0], a[1]); break;
	case 2: *v = isqrt(a[0]); break;
	case 3: *v = ilog(a[0], 2); break;
	case 4: *v = ilog(a[0], 10); break;
	case 7: *v = (int64_t)a[0] < 0 ? -a[0] : a[0]; break;
	default: *v = a[0]; break;	/* $floor, $ceil of an integer */
	}
	return true;
}

static bool primary(struct ex *x, uint64_t *v)
{
	const char *start;

	blanks(x);
	start = x->p;
	if (take(x, "(")) {
		if (!expr(x, v))
			return false;
		return take(x, ")") ? true : fail(x, "a '(' without ')'");
	}
	if (*x->p == '$') {
		x->p++;
		while (is_ident((unsigned char)*x->p))
			x->p++;
		return call(x, start + 1, (size_t)(x->p - start - 1), v);
	}
	if ((*x->p >= '0' && *x->p <= '9') || *x->p == '\'') {
		char buf[160];
		const char *why;
		size_t n;

		/* A literal: digits, a size, a base, '_' (no blanks). */
		while (is_ident((unsigned char)*x->p) || *x->p == '\'')
			x->p++;
		n = (size_t)(x->p - start);
		if (n >= sizeof(buf))
			return fail(x, "a number too long");
		memcpy(buf, start, n);
		buf[n] = '\0';
		why = regdb_xml_number(buf, 0, v);
		return why ? fail(x, why) : true;
	}
	if (is_ident((unsigned char)*x->p)) {
		size_t n;
		const char *why;

		while (is_ident((unsigned char)*x->p))
			x->p++;
		n = (size_t)(x->p - start);
		if (n == 4 && strncmp(start, "true", 4) == 0) {
			*v = 1;
			return true;
		}
		if (n == 5 && strncmp(start, "false", 5) == 0) {
			*v = 0;
			return true;
		}
		if (!x->lookup)
			return fail(x, "a name where a number goes");
		why = x->lookup(x->arg, start, n, v);
		return why ? fail(x, why) : true;
	}
	if (*x->p == '"')
		return fail(x, "a string where a number goes");
	return fail(x, *x->p ? "an operator or character out of place"
			     : "an expression that ends too soon");
}

static bool unary(struct ex *x, uint64_t *v)
{
	bool ok;

	*v = 0;
	if (++x->depth > EXPR_MAX_DEPTH)
		return fail(x, "nested too deep");
	blanks(x);
	if (take_not(x, "~^", NULL, NULL) || take_not(x, "^~", NULL, NULL)) {
		ok = fail(x, "reduction operators are not supported");
	} else if (take_not(x, "!", "!=", NULL)) {
		ok = unary(x, v);
		*v = !*v;
	} else if (take(x, "~")) {
		ok = unary(x, v);
		*v = ~*v;
	} else if (take(x, "-")) {
		ok = unary(x, v);
		*v = -*v;
	} else if (take(x, "+")) {
		ok = unary(x, v);
	} else {
		ok = primary(x, v);
	}
	x->depth--;
	return ok;
}

/* Binary operators by precedence, lowest first; each level left-assoc. */
enum level { L_LOR, L_LAND, L_OR, L_XOR, L_AND, L_EQ, L_REL, L_SHIFT,
	     L_ADD, L_MUL, L_POW, L_UNARY };

static bool binary(struct ex *x, enum level l, uint64_t *v)
{
	uint64_t r;

	if (l == L_UNARY)
		return unary(x, v);
	if (!binary(x, l + 1, v))
		return false;
	for (;;) {
		int op = 0;

		switch (l) {
		case L_LOR: op = take(x, "||") ? 1 : 0; break;
		case L_LAND: op = take(x, "&&") ? 1 : 0; break;
		case L_OR: op = take_not(x, "|", "||", NULL) ? 1 : 0; break;
		case L_XOR:
			op = take(x, "~^") || take(x, "^~") ? 2
			     : take(x, "^") ? 1 : 0;
			break;
		case L_AND: op = take_not(x, "&", "&&", NULL) ? 1 : 0; break;
		case L_EQ:
			op = take(x, "==") ? 1 : take(x, "!=") ? 2 : 0;
			break;
		case L_REL:
			op = take(x, "<=") ? 1 : take(x, ">=") ? 2
			     : take_not(x, "<", "<<", NULL) ? 3
			     : take_not(x, ">", ">>", NULL) ? 4 : 0;
			break;
		case L_SHIFT:
			op = take(x, "<<<") || take(x, "<<") ? 1
			     : take(x, ">>>") || take(x, ">>") ? 2 : 0;
			break;
		case L_ADD:
			op = take(x, "+") ? 1 : take(x, "-") ? 2 : 0;
			break;
		case L_MUL:
			op = take_not(x, "*", "**", NULL) ? 1 : take(x, "/")
			     ? 2 : take(x, "%") ? 3 : 0;
			break;
		case L_POW: op = take(x, "**") ? 1 : 0; break;
		default: break;
		}
		if (!op)
			return true;
		if (!binary(x, l + 1, &r))
			return false;
		switch (l) {
		case L_LOR: *v = *v || r; break;
		case L_LAND: *v = *v && r; break;
		case L_OR: *v |= r; break;
		case L_XOR: *v = op == 1 ? *v ^ r : ~(*v ^ r); break;
		case L_AND: *v &= r; break;
		case L_EQ: *v = op == 1 ? *v == r : *v != r; break;
		case L_REL:
			*v = op == 1 ? *v <= r : op == 2 ? *v >= r
			     : op == 3 ? *v < r : *v > r;
			break;
		case L_SHIFT:
			*v = r >= 64 ? 0 : op == 1 ? *v << r : *v >> r;
			break;
		case L_ADD: *v = op == 1 ? *v + r : *v - r; break;
		case L_MUL:
			if (op != 1 && r == 0)
				return fail(x, "division by zero");
			*v = op == 1 ? *v * r : op == 2 ? *v / r : *v % r;
			break;
		case L_POW: *v = ipow(*v, r); break;
		default: break;
		}
	}
}

/* COND ? A : B, right-associative. */
static bool expr(struct ex *x, uint64_t *v)
{
	uint64_t a, b;
	bool ok;

	if (++x->depth > EXPR_MAX_DEPTH)
		return fail(x, "nested too deep");
	ok = binary(x, L_LOR, v);
	if (ok && take(x, "?")) {
		ok = expr(x, &a) && (take(x, ":") ||
				     fail(x, "a '?' without ':'")) &&
		     expr(x, &b);
		if (ok)
			*v = *v ? a : b;
	}
	x->depth--;
	return ok;
}

const char *regdb_expr_eval(const char *s, regdb_expr_lookup lookup,
			    void *arg, uint64_t *v)
{
	struct ex x = { .p = s, .lookup = lookup, .arg = arg };

	if (!expr(&x, v))
		return x.why ? x.why : "not an expression";
	blanks(&x);
	if (*x.p)
		return "trailing characters";
	return NULL;
}
