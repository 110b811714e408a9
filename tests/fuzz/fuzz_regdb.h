/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the register-description fuzz harnesses do with a parsed result. */
#ifndef IOMAP_FUZZ_REGDB_H
#define IOMAP_FUZZ_REGDB_H

#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "regdb.h"

static void fuzz_regdb_name(const char *name, void *arg)
{
	*(size_t *)arg += strlen(name);
}

/* Read everything a command could read, look names up, complete. */
static void fuzz_regdb_exercise(const struct regdb *db)
{
	size_t n = regdb_count(db), sum = 0;
	const char *near[4];
	struct error e;

	for (size_t i = 0; i < n; i++) {
		struct regdb_reg r;
		struct regdb_ref ref;

		regdb_reg(db, i, &r);
		sum += strlen(r.name) + strlen(r.desc) + r.width;
		(void)regdb_match(db, i, "*.*");
		if (i < 64)
			(void)regdb_lookup(db, r.name, &ref, &e);
		for (size_t j = 0; j < r.nfields; j++) {
			struct regdb_field f;
			uint64_t v;

			regdb_field(db, &r, j, &f);
			sum += strlen(f.name) + strlen(f.desc) + f.hi + f.lo;
			/*
			 * What a tolerant parse dropped or renamed leaves
			 * nothing behind: fields inside their register, one
			 * name each, values that fit their field.
			 */
			if (f.hi >= r.width * 8 || f.lo > f.hi)
				__builtin_trap();
			for (size_t o = 0; o < j && j < 64; o++) {
				struct regdb_field g;

				regdb_field(db, &r, o, &g);
				if (strcasecmp(g.name, f.name) == 0)
					__builtin_trap();
			}
			sum += regdb_write_allowed(db, &f, 1);
			if (regdb_wmod_name(f.wmod))
				sum += strlen(regdb_wmod_name(f.wmod));
			for (size_t k = 0; k < f.nenums; k++) {
				struct regdb_enum en;
				unsigned bits = f.hi - f.lo + 1;

				regdb_enum(db, &f, k, &en);
				if (bits < 64 && en.value >> bits)
					__builtin_trap();
				sum += strlen(en.name) + strlen(en.desc);
				(void)regdb_enum_value(db, &f, en.name, &v);
				(void)regdb_enum_name(db, &f, en.value);
			}
		}
	}
	for (size_t i = 0; i < regdb_problems_kept(db); i++) {
		unsigned line;
		const char *msg = regdb_problem(db, i, &line);

		if (!*msg || line == 0)
			__builtin_trap();
		sum += strlen(msg);
	}
	if (regdb_problems_kept(db) > regdb_problems(db))
		__builtin_trap();
	for (size_t i = 0; i < n && i < 64; i++) {
		struct regdb_reg r;
		uint64_t mask, value;

		regdb_reg(db, i, &r);
		regdb_write_safe(db, &r, &mask, &value);
		if (value & ~mask)
			__builtin_trap();
	}
	if (n < 4096) {
		struct regdb_ref ref;

		(void)regdb_lookup(db, "a.b.c", &ref, &e);
		(void)regdb_lookup(db, "nosuchname", &ref, &e);
		(void)regdb_suggest(db, "REG", near, 4);
		regdb_complete(db, "", fuzz_regdb_name, &sum);
		regdb_complete(db, "a", fuzz_regdb_name, &sum);
	}
	/* Keep the reads. */
	__asm__ volatile("" : : "r"(sum));
}

#endif
