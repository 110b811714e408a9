// SPDX-License-Identifier: GPL-2.0-or-later
/* iomap's entry point: parse, check, resolve, then run one session. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "fault.h"
#include "interrupt.h"
#include "progress.h"
#include "session.h"
#include "xalloc.h"

/*
 * iomap(1), Privileges: never setuid; under AT_SECURE, no test paths from
 * the caller.
 */
static int check_privileges(struct options *o)
{
	char warn[256];

	if (getuid() != geteuid() || getgid() != getegid()) {
		fprintf(stderr, "iomap: refusing to run setuid or setgid: "
			"run it as root instead\n");
		return -1;
	}
	region_spec_secure(&o->region, warn, sizeof(warn));
	if (warn[0])
		warnmsg("%s", warn);
	return 0;
}

/* libpci's warnings, as they were always printed. */
static void pci_warning(const char *msg)
{
	warnmsg("libpci: warning: %s", msg);
}

/*
 * At exit (argp's --help and --version exit too): flush standard output
 * and fail if any write to it failed, as util-linux's close_stdout does.
 */
static void close_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
		/* a closed pipe: quietly */
		if (errno == EPIPE || interrupted_by_pipe())
			_exit(128 + SIGPIPE);
		fprintf(stderr, "iomap: cannot write standard output: %s\n",
			strerror(errno ? errno : EIO));
		_exit(EXIT_FAIL);
	}
}

/*
 * Descriptors 0, 1 and 2 that the caller closed are opened on /dev/null
 * before anything else is opened: otherwise the region's file would get
 * one of them, and output would land in it or `-` input come from it.
 */
static void guard_std_fds(void)
{
	for (int fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		if (open("/dev/null", fd ? O_WRONLY : O_RDONLY) != fd)
			_exit(EXIT_FAIL);	/* nowhere safe to say so */
	}
}

/*
 * The argument vector made for a devmem symlink: it lives as long as the
 * process, and volatile keeps the store, so LeakSanitizer sees it reachable.
 */
static char **volatile devmem_args;

/*
 * Called as devmem (a symlink to iomap): busybox's devmem ADDRESS [WIDTH
 * [VALUE]], that is iomap devmem with the same arguments.
 */
static char **devmem_argv(int *argc, char **argv)
{
	char **v;
	const char *base = strrchr(argv[0], '/');

	base = base ? base + 1 : argv[0];
	if (strcmp(base, "devmem") != 0)
		return argv;
	v = xcalloc((size_t)*argc + 2, sizeof(*v));
	v[0] = argv[0];
	v[1] = "devmem";
	memcpy(v + 2, argv + 1, (size_t)*argc * sizeof(*v));
	devmem_args = v;
	(*argc)++;
	return v;
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

	guard_std_fds();
	atexit(close_stdout);
	region_pci_warn = pci_warning;
	cli_defaults(o);
	argv = devmem_argv(&argc, argv);
	/* Messages start with "iomap: " (iomap(1), DIAGNOSTICS). */
	argv[0] = "iomap";
	cli_parse(argc, argv, o, false, NULL, 0);	/* exits on errors */
	if (!o->width)
		o->width = 4;
	cmd = o->cmd;
	if (check_privileges(o))
		return EXIT_FAIL;

	/* Everything is parsed and checked before the first access. */
	if (operand_check_regs(o->regs, &e))
		goto fail;
	inv.region = &region;
	if ((cmd->flags & CMD_REGION) && region_resolve(&o->region, &region, &e))
		goto fail;
	if (cmd->prepare && cmd->prepare(&inv, &e))
		goto fail;
	if ((cmd->flags & CMD_REGION) && region.note[0])
		warnmsg("%s", region.note);

	interrupt_install();
	fault_install();
	if (sigsetjmp(fault_jump, 1)) {
		progress_cancel();
		fault_describe(&e);
		goto fail;
	}
	session_init(&session, false);
	status = session_execute(&session, &inv, false, &e);
	session_close(&session);
	if (status == 0 && interrupted())
		status = error_set(&e, EXIT_INTERRUPTED, "interrupted");
	if (status < 0)
		goto fail;
	command_free(&inv);
	return status;
fail:
	/* SIGTERM, SIGHUP: 128 + N; a closed output pipe: 141, quietly */
	if (e.status == EXIT_INTERRUPTED || interrupted_by_pipe())
		e.status = interrupt_status();
	if (!interrupted_by_pipe())
		error_print(&e);
	command_free(&inv);
	return e.status;
}
