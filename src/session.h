/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A session runs commands and keeps their regions mapped between them. */
#ifndef IOMAP_SESSION_H
#define IOMAP_SESSION_H

#include <stdbool.h>
#include <stddef.h>

#include "commands.h"

struct session_map;

struct session {
	struct session_map **maps;
	size_t n;
	bool hold_lock;		/* --lock over a whole run */
};

/* An empty session; HOLD_LOCK keeps each file locked until the end. */
void session_init(struct session *s, bool hold_lock);

/*
 * Run INV's command, opening its region on first use (for writing when
 * WRITE, or when the command writes). Returns the command's exit status,
 * or -1 with E filled.
 */
int session_execute(struct session *s, struct invocation *inv, bool write,
		    struct error *e);

/* Unmap, unlock and close everything. */
void session_close(struct session *s);

#endif
