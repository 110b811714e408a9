/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Ctrl-C, SIGTERM, SIGHUP, a closed output pipe: the handler only notes the
 * signal; long work checks between accesses.
 */
#ifndef IOMAP_INTERRUPT_H
#define IOMAP_INTERRUPT_H

#include <signal.h>
#include <stdbool.h>

/* The signal that stops the command (0: none); interrupt_clear() resets. */
extern volatile sig_atomic_t interrupt_pending;

/*
 * Catch SIGINT, SIGTERM, SIGHUP and SIGPIPE (without SA_RESTART, so a
 * sleep, a read or the open of a FIFO returns EINTR): from now on they set
 * interrupt_pending instead of ending the process.
 */
void interrupt_install(void);

/* True once a stop signal came and was not yet cleared. */
static inline bool interrupted(void)
{
	return interrupt_pending != 0;
}

/* Forget an earlier Ctrl-C (the shell, before each line). */
void interrupt_clear(void);

/* The exit status for the signal that came: 128 + N (130 for none). */
int interrupt_status(void);

/* True when the signal that came is SIGPIPE: end quietly. */
static inline bool interrupted_by_pipe(void)
{
	return interrupt_pending == SIGPIPE;
}

/*
 * Around work that touches no hardware and cannot stop half-way by itself
 * (parsing a description): standard output is flushed, and a stop signal
 * then ends iomap at once with 128 + N, saying "interrupted while WHAT".
 */
void interrupt_immediate_begin(const char *what);
void interrupt_immediate_end(void);

#endif
