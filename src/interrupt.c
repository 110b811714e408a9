// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SIGINT, SIGTERM, SIGHUP and SIGPIPE: the handler notes the signal and
 * returns, nothing more, so long work stops between two accesses; only
 * around work that accesses nothing (loading a description) it ends iomap.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "interrupt.h"

volatile sig_atomic_t interrupt_pending;

static volatile sig_atomic_t immediate;
static char immediate_msg[320];
static size_t immediate_len;

static const int stop_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };

static void interrupt_handler(int signo)
{
	if (!interrupt_pending)
		interrupt_pending = signo;
	if (immediate) {
		if (signo != SIGPIPE && immediate_len)
			(void)!write(STDERR_FILENO, immediate_msg,
				     immediate_len);
		_exit(128 + signo);
	}
}

void interrupt_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = interrupt_handler;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(stop_signals) / sizeof(int); i++)
		sigaddset(&sa.sa_mask, stop_signals[i]);
	sa.sa_flags = 0;	/* no SA_RESTART: blocking calls return EINTR */
	for (size_t i = 0; i < sizeof(stop_signals) / sizeof(int); i++)
		sigaction(stop_signals[i], &sa, NULL);
}

void interrupt_clear(void)
{
	interrupt_pending = 0;
}

int interrupt_status(void)
{
	return 128 + (interrupt_pending ? interrupt_pending : SIGINT);
}

void interrupt_immediate_begin(const char *what)
{
	int n;

	fflush(stdout);		/* what was found so far is not lost */
	n = snprintf(immediate_msg, sizeof(immediate_msg),
		     "iomap: interrupted while %s\n", what);
	immediate_len = n < 0 ? 0 : (size_t)n < sizeof(immediate_msg)
		? (size_t)n : sizeof(immediate_msg) - 1;
	immediate = 1;
	if (interrupt_pending && interrupt_pending != SIGPIPE)
		interrupt_handler(interrupt_pending);
}

void interrupt_immediate_end(void)
{
	immediate = 0;
}
