/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The command table, and what a command is handed to check and run. */
#ifndef IOMAP_COMMANDS_H
#define IOMAP_COMMANDS_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "mapping.h"
#include "operand.h"
#include "options.h"
#include "progress.h"
#include "region.h"

struct regdb;

/*
 * Long work goes in chunks of at most this many bytes, with a check for
 * Ctrl-C and a progress update between them: a BAR read at 4 MB/s stops
 * within 4 ms.
 */
#define COMMAND_CHUNK (16 * 1024)

/* A command's arguments, parsed and checked. */
struct plan {
	uint64_t offset;	/* first word */
	uint64_t count;		/* words */
	uint64_t *values;	/* poke: COUNT values */
	uint64_t *masks;	/* poke: COUNT masks (all ones without one) */
	/*
	 * poke REG: the bits of fields a write acts on (write-1-to-clear and
	 * kin) that a read-modify-write writes as SAFE_VALUE, not as read.
	 */
	uint64_t safe_mask, safe_value;
	uint64_t pattern;	/* fill */
	int out_fd;		/* dump: -o FILE, or 1 */
	uint64_t mask;		/* wait */
	uint64_t ns;		/* sleep */
	int in_fd;		/* load, compare: FILE (0 for -), or -1 */
	const char *in_name;	/* FILE as typed, or "standard input" */
	struct operand op;	/* peek, poke, wait, show: what OFFSET named */
};

/* One command as typed: options, its region and its plan. */
struct invocation {
	struct options opt;
	const struct region *region;	/* resolved; shared between lines */
	struct plan plan;
	struct regdb *regdb;		/* --regs (operand_regdb), shared */
};

enum command_flags {
	CMD_REGION = 1,		/* works on a region */
	CMD_WRITES = 2,		/* stores: open and map for writing */
	CMD_JSON = 4,		/* takes --json */
	CMD_SCRIPT_ONLY = 8,	/* only inside run and shell */
	CMD_NO_SCRIPT = 16,	/* never inside run and shell */
	CMD_SESSION = 32,	/* runs a session itself (run, shell) */
	CMD_PROGRESS = 64,	/* long work: takes --progress */
};

struct command {
	const char *name;
	const char *args_doc;
	const char *doc;
	int min_args, max_args;	/* max -1: any number */
	unsigned flags;
	/* Parse and check the arguments; touches nothing. */
	int (*prepare)(struct invocation *inv, struct error *e);
	/* Do it; returns an exit status, or -1 with E filled. */
	int (*execute)(struct invocation *inv, struct mapping *m,
		       struct error *e);
};

/*
 * Parse S, the operand of INV's command where an offset goes, into OP.
 * A word that starts with a digit is a number; any other is a register
 * name of the --regs description, whose address becomes a region offset by
 * operand_address()'s rule (iomap(1)), and whose size becomes INV's access
 * width (an explicit, different -w is a usage error). A name's register
 * must lie inside the region, and FLAGS' access must be allowed (a
 * write-only register is not read, a read-only one not written). Touches
 * nothing.
 */
int operand_parse(struct invocation *inv, const char *s, unsigned flags,
		  struct operand *op, struct error *e);

/* Load (once per process) the description at PATH. */
int operand_load(const char *path, struct regdb **db, struct error *e);


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
 * OP, a plain offset, made the register of INV's description that sits
 * exactly there with OP's width, when one does (FLAGS' access checked);
 * OP is left as it is when none does.
 */
int operand_resolve_offset(struct invocation *inv, struct operand *op,
			   unsigned flags, struct error *e);

/* The commands, ending with a NULL name. */
extern const struct command *const commands[];

/* Free what parsing and preparing INV allocated (not INV itself). */
void command_free(struct invocation *inv);

/* The command called NAME, or NULL. */
const struct command *command_find(const char *name);

/* Parse S as the argument WHAT ("offset", ...) or fail with a usage error. */
int command_number(const char *what, const char *s, unsigned flags,
		   uint64_t *v, struct error *e);

/*
 * Parse a RANGE (START+LENGTH or START) into PLAN's offset and count; START
 * may be a register name (operand_parse), which sets the width.
 */
int command_range(struct invocation *inv, const char *s, struct error *e);

/*
 * The same, with OPERAND_ FLAGS added to the start's (OPERAND_BITS: a
 * field or OFFSET:HI[:LO] may stand there), and the start's operand in OP.
 */
int command_range_operand(struct invocation *inv, const char *s,
			  unsigned flags, struct operand *op, struct error *e);

/*
 * Parse RANGE as command_range does; S NULL: the whole region (refused for
 * /dev/mem, which has no size).
 */
int command_range_or_region(struct invocation *inv, const char *s,
			    struct error *e);

/* The same, with FLAGS and OP as for command_range_operand. */
int command_range_or_region_operand(struct invocation *inv, const char *s,
				    unsigned flags, struct operand *op,
				    struct error *e);

/*
 * Parse START[+LENGTH] and FILE (- for stdin) of load and compare (START
 * may be a register's name, which sets the width): open
 * FILE, take its size (LENGTH, required when FILE is not a regular file,
 * may only shorten it), and check it against the width and the region.
 */
int command_input(struct invocation *inv, const char *start,
		  const char *file, struct error *e);

/*
 * Read the next N bytes of the input into BUF, DONE bytes having been read
 * (and DONE_WHAT, as for command_step) before; an early end is an error,
 * and so is Ctrl-C while it waits.
 */
int command_read_input(struct invocation *inv, void *buf, size_t n,
		       uint64_t done, const char *done_what,
		       struct error *e);

/* Start the progress line of INV's work; OUTPUT_FD as for progress_start. */
void command_progress(const struct invocation *inv, const struct mapping *m,
		      struct progress *p, int output_fd);

/*
 * Between two chunks, DONE bytes from the plan's offset being done: update
 * the progress line and, after Ctrl-C, erase it and fail with
 * EXIT_INTERRUPTED, saying how far the work got (DONE_WHAT: "read",
 * "written", ...).
 */
int command_step(const struct invocation *inv, struct progress *p,
		 const char *done_what, uint64_t done, struct error *e);

/* Fail with EXIT_INTERRUPTED, saying how far the work got. */
int command_interrupted(const struct invocation *inv, const char *done_what,
			uint64_t done, struct error *e);

/* The monotonic clock, in ns. */
uint64_t command_now_ns(void);

/* The monotonic time NS from now, UINT64_MAX when that overflows. */
uint64_t command_deadline(uint64_t ns);

/* Sleep for NS nanoseconds; true when Ctrl-C cut it short. */
bool command_sleep(uint64_t ns);

/* All ones in the low WIDTH bytes. */
uint64_t command_word_mask(unsigned width);

/*
 * Parse VALUE[:MASK] (MASK defaults to all ones); both must fit the access
 * width.
 */
int command_value_mask(const struct invocation *inv, const char *s,
		       uint64_t *value, uint64_t *mask, struct error *e);

/* Parse a word value that must fit the access width. */
int command_value(const struct invocation *inv, const char *what,
		  const char *s, uint64_t *v, struct error *e);

extern const struct command cmd_peek, cmd_poke, cmd_dump, cmd_fill,
	cmd_wait, cmd_list, cmd_decode, cmd_encode, cmd_run, cmd_shell,
	cmd_sleep, cmd_echo, cmd_region, cmd_regs, cmd_show, cmd_vfio_bind,
	cmd_vfio_unbind, cmd_load, cmd_compare, cmd_crc32, cmd_search,
	cmd_devmem, cmd_devmem_write, cmd_help;

#endif
