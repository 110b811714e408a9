// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer harness for the IP-XACT expression evaluator (src/regdb_expr.c):
 * the input as one expression whose names are looked up in a small table
 * (one name refuses), with the properties the evaluator promises.
 * fuzz-sources: src/regdb_expr.c src/regdb_xml.c
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "regdb_expr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SENTINEL 0x5a5a5a5a5a5a5a5aull

static void broken(const char *what, const char *s)
{
	fprintf(stderr, "fuzz_expr: %s for \"%s\"\n", what, s);
	abort();
}

/* a = 1, b = 32, anything else starting with 'u' = 7, others refused. */
static const char *lookup(void *arg, const char *name, size_t len,
			  uint64_t *v)
{
	(void)arg;
	if (len == 1 && name[0] == 'a')
		*v = 1;
	else if (len == 1 && name[0] == 'b')
		*v = 32;
	else if (name[0] == 'u')
		*v = 7;
	else
		return "no such parameter";
	return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *t;
	uint64_t v = SENTINEL, w = SENTINEL;
	const char *why, *why2;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	why = regdb_expr_eval(s, lookup, NULL, &v);
	if (why && !*why)
		broken("a refusal without a reason", s);
	/* The same again: no state kept between evaluations. */
	why2 = regdb_expr_eval(s, lookup, NULL, &w);
	if (!why != !why2 || (!why && v != w))
		broken("two evaluations differ", s);
	/* Parenthesised, an expression means the same (up to a NUL). */
	size = strlen(s);
	if (!why && size < 4096 && (t = malloc(size + 3))) {
		t[0] = '(';
		memcpy(t + 1, s, size);
		strcpy(t + 1 + size, ")");
		if (regdb_expr_eval(t, lookup, NULL, &w) || w != v)
			broken("(E) differs from E", s);
		free(t);
	}
	/* Without names, anything that names one is refused. */
	(void)regdb_expr_eval(s, NULL, NULL, &w);
	free(s);
	return 0;
}
