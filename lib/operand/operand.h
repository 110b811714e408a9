/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The operand that stands where an offset goes (iomap(1), ACCESS and
 * REGISTER DESCRIPTIONS): OFFSET,
 * OFFSET:HI[:LO], NAME, NAME.FIELD and NAME:HI[:LO], parsed once for every
 * command into a word of the region, maybe a bit field of it.
 */
#ifndef IOMAP_OPERAND_H
#define IOMAP_OPERAND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "regdb.h"
#include "region.h"

enum operand_flags {
	OPERAND_READ = 1,	/* the command reads the word: refuse wo */
	OPERAND_WRITE = 2,	/* it writes the word: refuse ro */
	OPERAND_BITS = 4,	/* OFFSET:HI[:LO] and NAME.FIELD accepted */
	OPERAND_START = 8,	/* a RANGE's START ("range start" in messages) */
	OPERAND_INPUT = 16,	/* load's and compare's START ("start") */
};

struct operand {
	uint64_t offset;	/* region offset of the word */
	unsigned width;		/* access width in bytes */
	bool has_bits;		/* only bits HI down to LO of the word */
	unsigned hi, lo;
	const struct regdb *db;	/* the description of a name, or NULL */
	bool named;		/* a register of DB: REG, REG.FIELD, REG:HI:LO */
	struct regdb_reg reg;	/* that register */
	long field;		/* its field, or -1 */
	struct regdb_field fld;	/* that field, when FIELD >= 0 */
};

/* What an operand is parsed against. */
struct operand_ctx {
	const struct region *region;
	const struct regdb *db;	/* the description, or NULL */
	unsigned width;		/* the access width in bytes */
	bool width_set;		/* given in so many words (-w) */
	const char *cmd;	/* the command, for messages */
};

/*
 * Parse S, where an offset goes, into OP as operand_parse() does, against
 * C; a name's register gives OP->width (C's width, if set, must match).
 * Touches nothing.
 */
int operand_parse_in(const struct operand_ctx *c, const char *s,
		     unsigned flags, struct operand *op, struct error *e);

/*
 * The region offset of the description's ADDRESS in R (iomap(1), REGISTER
 * DESCRIPTIONS): in the
 * /dev/mem region the physical address itself; with -m, and in any other
 * region, an address inside the region's physical range becomes the offset
 * from its start; in other regions any other address is an offset as it
 * stands. False when it cannot be in R (-m: outside the minor's range).
 */
bool operand_address(const struct region *r, uint64_t address, uint64_t *off);

/*
 * Refuse a --regs PATH that cannot be read (a usage error, as for every
 * missing input file), before any command runs; NULL is fine.
 */
int operand_check_regs(const char *path, struct error *e);

/*
 * The register of DB at offset OFF of R (its address made an offset as
 * operand_address() does) with WIDTH bytes, or -1 when none is, or several
 * are.
 */
long operand_reg_at(const struct regdb *db, const struct region *r,
		    uint64_t off, unsigned width);

/*
 * OP, a plain offset, made the register of DB that sits exactly there in
 * R with OP's width, when one does (FLAGS' access checked); OP is left as
 * it is when none does, or DB is NULL.
 */
int operand_resolve_at(const struct regdb *db, const struct region *r,
		       struct operand *op, unsigned flags, struct error *e);

/* The bits OP names, in place in its word (all ones of the width). */
uint64_t operand_mask(const struct operand *op);

/* OP's value (its bits shifted down) in WORD. */
uint64_t operand_get(const struct operand *op, uint64_t word);

/* How many bits OP names. */
unsigned operand_bits(const struct operand *op);

/*
 * Parse S (WHAT: "value", "mask") as a value of OP, shifted down: a
 * number, or the name of one of its field's enumerated values; it must fit
 * OP's bits.
 */
int operand_value(const struct operand *op, const char *what, const char *s,
		  uint64_t *v, struct error *e);

/*
 * The field of OP's register called NAME, as an operand of its own (for
 * FIELD=VALUE); an unknown name is a usage error with the nearest names.
 */
int operand_field(const struct operand *op, const char *name,
		  struct operand *out, struct error *e);

/* "edu.status", "edu.status.irq_fact", "edu.status:7:4" or "0x20:7:4". */
void operand_name(const struct operand *op, char *buf, size_t len);

/* "0x" and enough hex digits for BITS bits of V; returns the length. */
size_t operand_format(char *buf, uint64_t v, unsigned bits);

#endif
