// SPDX-License-Identifier: GPL-2.0-or-later
/* The SIGINT handler: it notes Ctrl-C and returns, nothing more. */
#include "config.h"

#include <string.h>

#include "interrupt.h"

volatile sig_atomic_t interrupt_pending;

static void interrupt_handler(int signo)
{
	(void)signo;
	interrupt_pending = 1;
}

void interrupt_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = interrupt_handler;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;	/* no SA_RESTART: blocking calls return EINTR */
	sigaction(SIGINT, &sa, NULL);
}

void interrupt_clear(void)
{
	interrupt_pending = 0;
}
