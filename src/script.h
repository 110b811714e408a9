/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The bring-up script language: run FILE and the interactive shell. */
#ifndef IOMAP_SCRIPT_H
#define IOMAP_SCRIPT_H

#include <stddef.h>

#include "commands.h"

/* What a script starts from: the run or shell command's own options. */
int script_run(const struct options *base, const char *path,
	       struct error *e);
int script_shell(const struct options *base, struct error *e);

/*
 * help [NAME]: the commands, or NAME's synopsis and what it does, to
 * standard output; CMDLINE (iomap help) adds the commands scripts do not
 * have. An unknown NAME is a usage error.
 */
int script_help(const char *name, bool cmdline, struct error *e);

/*
 * Parse and check the LEN bytes of TEXT as script NAME, executing nothing
 * (regions are resolved, nothing is opened). For the fuzzer and tests.
 */
int script_check(const struct options *base, const char *text, size_t len,
		 const char *name, struct error *e);

#endif
