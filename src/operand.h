/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The operand that stands where an offset goes (SPEC §2, §7): OFFSET,
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

struct invocation;

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

/*
 * Parse S, the operand of INV's command where an offset goes, into OP.
 * A word that starts with a digit is a number; any other is a register
 * name of the --regs description, whose address becomes a region offset by
 * SPEC §7's rule, and whose size becomes INV's access width (an explicit,
 * different -w is a usage error). A name's register must lie inside the
 * region, and FLAGS' access must be allowed (a write-only register is not
 * read, a read-only one not written). Touches nothing.
 */
int operand_parse(struct invocation *inv, const char *s, unsigned flags,
		  struct operand *op, struct error *e);

/*
 * The region offset of the description's ADDRESS in R (SPEC §7): in the
 * /dev/mem region the physical address itself; with -m, and in any other
 * region, an address inside the region's physical range becomes the offset
 * from its start; in other regions any other address is an offset as it
 * stands. False when it cannot be in R (-m: outside the minor's range).
 */
bool operand_address(const struct region *r, uint64_t address, uint64_t *off);

/*
 * The description INV's --regs names, loaded once per process for each
 * file (scripts share it between lines) into INV->regdb; without --regs
 * INV->regdb stays NULL. -1 with E when the file cannot be loaded.
 */
int operand_regdb(struct invocation *inv, struct error *e);

/*
 * Check each register of INV's --regs description that overlaps COUNT
 * words of INV's width from region offset OFFSET, before any access:
 * OPERAND_READ refuses a register whose read has side effects; OPERAND_WRITE
 * one that is read-only, whose read has side effects, or whose width is not
 * the access width. The first such register is named in E, the range as
 * typed (ARG) with it. Without a description there is nothing to check.
 */
int operand_check_span(struct invocation *inv, const char *arg,
		       uint64_t offset, uint64_t count, unsigned flags,
		       struct error *e);

/*
 * Refuse a --regs PATH that cannot be read (a usage error, as for every
 * missing input file), before any command runs; NULL is fine.
 */
int operand_check_regs(const char *path, struct error *e);

/* Load (once per process) the description at PATH. */
int operand_load(const char *path, struct regdb **db, struct error *e);

/*
 * The register of DB at offset OFF of R (its address made an offset as
 * operand_address() does) with WIDTH bytes, or -1 when none is, or several
 * are.
 */
long operand_reg_at(const struct regdb *db, const struct region *r,
		    uint64_t off, unsigned width);

/*
 * OP, a plain offset, made the register of INV's description that sits
 * exactly there with OP's width, when one does (FLAGS' access checked);
 * OP is left as it is when none does.
 */
int operand_resolve_offset(struct invocation *inv, struct operand *op,
			   unsigned flags, struct error *e);

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
