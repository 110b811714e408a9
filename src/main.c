// SPDX-License-Identifier: GPL-2.0-or-later
/* iomap's entry point: parse, check, resolve, then run one session. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "fault.h"
#include "interrupt.h"
#include "progress.h"
#include "session.h"

/* SPEC §1: never setuid; under AT_SECURE, no test paths from the caller. */
static int check_privileges(struct options *o)
{
	if (getuid() != geteuid() || getgid() != getegid()) {
		fprintf(stderr, "iomap: refusing to run setuid or setgid: "
			"run it as root instead\n");
		return -1;
	}
	if (getauxval(AT_SECURE) && (o->sysfs || o->mem)) {
		fprintf(stderr, "iomap: warning: running with AT_SECURE: "
			"ignoring %s%s%s\n", o->sysfs ? "--sysfs" : "",
			o->sysfs && o->mem ? " and " : "",
			o->mem ? "--mem" : "");
		o->sysfs = o->mem = NULL;
	}
	return 0;
}

/* Flush standard output and fail if any write to it failed. */
static int close_stdout(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
		if (status == 0) {
			fprintf(stderr, "iomap: cannot write standard output: "
				"%s\n", strerror(errno));
			status = EXIT_FAIL;
		}
	}
	return status;
}

int main(int argc, char **argv)
{
	static struct invocation inv;
	static struct region region;
	static struct session session;
	struct options *o = &inv.opt;
	const struct command *cmd;
	struct error e;
	int status;

	cli_defaults(o);
	argv[0] = "iomap";	/* messages start with "iomap: " (SPEC §4) */
	cli_parse(argc, argv, o, false, NULL, 0);	/* exits on errors */
	if (!o->width)
		o->width = 4;
	cmd = o->cmd;
	if (check_privileges(o))
		return EXIT_FAIL;

	/* Everything is parsed and checked before the first access. */
	inv.region = &region;
	if ((cmd->flags & CMD_REGION) && region_resolve(o, &region, &e))
		goto fail;
	if (cmd->prepare && cmd->prepare(&inv, &e))
		goto fail;

	fault_install();
	if (cmd->flags & CMD_PROGRESS)
		interrupt_install();	/* long work stops between chunks */
	if (sigsetjmp(fault_jump, 1)) {
		progress_cancel();
		fault_describe(&e);
		goto fail;
	}
	session_init(&session, false);
	status = session_execute(&session, &inv, false, &e);
	session_close(&session);
	if (status < 0)
		goto fail;
	return close_stdout(status);
fail:
	error_print(&e);
	close_stdout(e.status);
	return e.status;
}
