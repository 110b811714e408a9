/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A progress line on stderr for long work: done of total, rate, time left. */
#ifndef IOMAP_PROGRESS_H
#define IOMAP_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>

/* --progress=auto|always|never */
enum progress_mode {
	PROGRESS_AUTO,		/* stderr a terminal, and not the output's */
	PROGRESS_ALWAYS,
	PROGRESS_NEVER,
};

struct progress {
	const char *what;	/* the command's name */
	uint64_t total;		/* bytes */
	uint64_t next;		/* look at the clock once done reaches this */
	uint64_t start_ns;
	uint64_t look_ns;	/* the last look at the clock, */
	uint64_t look_done;	/* and how much was done then */
	uint64_t draw_ns;	/* when the line was last drawn */
	bool on;		/* may draw */
	bool drawn;		/* the line is on the screen */
};

/*
 * Start the work WHAT of TOTAL bytes. In auto mode the line is drawn when
 * stderr is a terminal and OUTPUT_FD (the command's output while it works,
 * or -1 for none) is not that terminal.
 */
void progress_start(struct progress *p, enum progress_mode mode,
		    const char *what, uint64_t total, int output_fd);

/* Look at the clock, and draw the line when it is time. */
void progress_look(struct progress *p, uint64_t done);

/*
 * DONE bytes of the total are done. Cheap enough for every chunk: it looks
 * at the clock only every few milliseconds' worth of bytes.
 */
static inline void progress_update(struct progress *p, uint64_t done)
{
	if (done >= p->next)
		progress_look(p, done);
}

/* The work ended (or stopped): erase the line. */
void progress_finish(struct progress *p);

/* A fault cut the work short: erase a line left on the screen. */
void progress_cancel(void);

/* Parse --progress's MODE; -1 when it is none of auto, always, never. */
int progress_parse_mode(const char *s, enum progress_mode *mode);

#endif
