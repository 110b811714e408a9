/* SPDX-License-Identifier: GPL-2.0-or-later */
/* IP-XACT 1685-2014 expressions: SystemVerilog operators, literals, functions. */
#ifndef IOMAP_REGDB_EXPR_H
#define IOMAP_REGDB_EXPR_H

#include <stddef.h>
#include <stdint.h>

/*
 * Resolve the identifier of LEN bytes at NAME (a parameterId) into *V;
 * returns NULL, or why it cannot (the evaluation then fails with it).
 */
typedef const char *(*regdb_expr_lookup)(void *arg, const char *name,
					 size_t len, uint64_t *v);

/*
 * Evaluate the expression S into *V in 64-bit unsigned arithmetic:
 * numbers (decimal, 0x, based and sized literals such as 'h0F00 and
 * 32'hFF, '_' between digits), identifiers through LOOKUP (may be NULL),
 * true and false, parentheses, the SystemVerilog operators (?:, ||, &&, |,
 * ^, ~^, &, ==, !=, <, <=, >, >=, <<, >>, <<<, >>>, +, -, *, /, %, **, and
 * unary +, -, !, ~) and functions ($clog2, $pow, $sqrt, $log2, $log10,
 * $floor, $ceil, $abs). Returns NULL, or a reason it is not one.
 */
const char *regdb_expr_eval(const char *s, regdb_expr_lookup lookup,
			    void *arg, uint64_t *v);

#endif
