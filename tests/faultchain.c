// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Test program: lib/mapping/fault.c's handler catches a fault inside the
 * window and hands one outside it to the handler installed before (a sanitizer's, the
 * default action, or one of ours). Built for `make check` only, never
 * installed: the product has no way to fault on purpose.
 *
 *   faultchain inside FILE   a read past the end of FILE (empty), in the window
 *   faultchain outside FILE  a read of a PROT_NONE page outside the window
 *   faultchain prior FILE    the same, with a handler of our own installed first
 */
#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fault.h"

static void prior_handler(int signo, siginfo_t *si, void *ctx)
{
	static const char msg[] = "prior handler: SIGSEGV\n";

	(void)si;
	(void)ctx;
	if (signo == SIGSEGV && write(STDERR_FILENO, msg, sizeof(msg) - 1))
		_exit(42);
	_exit(43);
}

int main(int argc, char **argv)
{
	static struct region r;
	long page = sysconf(_SC_PAGESIZE);
	volatile unsigned char *win, *outside;
	struct error e;
	int fd;

	if (argc != 3 || (strcmp(argv[1], "inside") &&
			  strcmp(argv[1], "outside") &&
			  strcmp(argv[1], "prior"))) {
		fprintf(stderr, "usage: faultchain inside|outside|prior FILE\n");
		return 2;
	}
	fd = open(argv[2], O_RDONLY);
	if (fd < 0) {
		perror(argv[2]);
		return 2;
	}
	/* Every byte of this window is past the end of the (empty) file. */
	win = mmap(NULL, page, PROT_READ, MAP_SHARED, fd, 0);
	outside = mmap(NULL, page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);
	if (win == MAP_FAILED || outside == MAP_FAILED) {
		perror("mmap");
		return 2;
	}
	snprintf(r.path, sizeof(r.path), "%s", argv[2]);
	snprintf(r.name, sizeof(r.name), "%s", argv[2]);
	r.size = page;

	if (strcmp(argv[1], "prior") == 0) {
		struct sigaction sa;

		memset(&sa, 0, sizeof(sa));
		sa.sa_sigaction = prior_handler;
		sa.sa_flags = SA_SIGINFO;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGSEGV, &sa, NULL);
	}
	fault_install();
	fault_window(&r, win, 0, page);
	fault_access(false, 4);
	if (sigsetjmp(fault_jump, 1)) {
		fault_describe(&e);
		error_print(&e);
		return 1;
	}
	if (strcmp(argv[1], "inside") == 0)
		printf("read 0x%02x\n", win[8]);
	else
		printf("read 0x%02x\n", outside[8]);
	return 0;
}
