/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The habits of the peer tools (U-Boot's md and mw, devmem, hex without
 * 0x): recognised in what iomap refuses, and answered with the iomap
 * command that does it. Nothing is reinterpreted.
 */
#ifndef IOMAP_HABITS_H
#define IOMAP_HABITS_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

/*
 * For an unknown command WORD that is another tool's (md, mw, read, write,
 * r, a bare address): the refusal, naming the iomap command, into BUF.
 * False when WORD is no known habit.
 */
bool habit_command(const char *word, char *buf, size_t len);

/*
 * CMD START END (dump 0x1000 0x2000, as U-Boot's md and memtool take it)
 * for a command that takes one RANGE: the refusal, with the RANGE to give,
 * into BUF. False when the two words are not both numbers.
 */
bool habit_range_words(const char *cmd, const char *a, const char *b,
		       char *buf, size_t len);

/*
 * A RANGE written START-END: fail with E saying how to write it as
 * START+LENGTH; 0 when S is not START-END.
 */
int habit_range_dash(const char *s, struct error *e);

/* When S is hex written without 0x (ff, 1f), add a hint to E saying so. */
void habit_hex_hint(struct error *e, const char *s);

#endif
