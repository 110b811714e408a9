/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Ctrl-C: the handler only notes it; long work checks between accesses. */
#ifndef IOMAP_INTERRUPT_H
#define IOMAP_INTERRUPT_H

#include <signal.h>
#include <stdbool.h>

/* Set by the SIGINT handler; cleared by interrupt_clear(). */
extern volatile sig_atomic_t interrupt_pending;

/*
 * Catch SIGINT (without SA_RESTART, so a sleep or a read returns EINTR):
 * from now on Ctrl-C sets interrupt_pending instead of ending the process.
 */
void interrupt_install(void);

/* True once Ctrl-C was pressed and not yet cleared. */
static inline bool interrupted(void)
{
	return interrupt_pending != 0;
}

/* Forget an earlier Ctrl-C (the shell, before each line). */
void interrupt_clear(void);

#endif
