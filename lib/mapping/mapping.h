/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Page-aligned windows onto a region, and word reads/writes through them. */
#ifndef IOMAP_MAPPING_H
#define IOMAP_MAPPING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "region.h"

enum mapping_flags {
	MAPPING_WRITE = 1,	/* open and map for writing */
	MAPPING_TRACE = 2,	/* every access to the trace callback */
	MAPPING_DRY_RUN = 4,	/* open and map nothing; trace accesses */
	MAPPING_LOCK_RMW = 8,	/* flock around each read-modify-write */
	MAPPING_LOCK_HOLD = 16,	/* flock from open to close */
};

struct mapping {
	const struct region *r;
	int fd;
	unsigned flags;
	bool writable;
	bool populate;		/* a regular file: prefault read windows */
	size_t page;
	uint64_t base;		/* file offset of region offset 0 */
	bool pread;		/* pread/pwrite of exactly the width, no mmap */
	bool backend_open;	/* the backend opened fd: its close hook runs */
	uint64_t limit;		/* windows never reach past this offset */
	volatile uint8_t *win;	/* the current window, page aligned */
	uint64_t win_pos;	/* its file offset */
	size_t win_len;
	unsigned win_gen;	/* counts the windows mapped */
	unsigned pf_gen;	/* the window prefaulted for writing, */
	uint64_t pf_end;	/* up to this region offset */
	/* Where a traced access goes (mapping_set_trace), or NULL. */
	void (*trace_fn)(const char *line, void *arg);
	/*
	 * The name the trace line ends with for an access of WIDTH at OFF
	 * (a register the caller knows), or NULL; set by the caller after
	 * mapping_open, with its own argument.
	 */
	const char *(*trace_name)(void *arg, uint64_t off, unsigned width);
	void *trace_name_arg;
	void *trace_arg;
};

/*
 * With MAPPING_TRACE (and MAPPING_DRY_RUN), hand FN each access as a line
 * without its newline ("R32 0xfea00000 -> 0x010000ed"), and ARG.
 */
void mapping_set_trace(struct mapping *m,
		       void (*fn)(const char *line, void *arg), void *arg);

/*
 * Open R's backing file, read-only unless FLAGS has MAPPING_WRITE. Maps
 * nothing yet. On failure E says why, with the likely cause when the
 * kernel refused.
 */
int mapping_open(struct mapping *m, const struct region *r, unsigned flags,
		 struct error *e);

/* Take and drop the lock of a read-modify-write (with MAPPING_LOCK_RMW). */
int mapping_lock(struct mapping *m, struct error *e);
void mapping_unlock(struct mapping *m);

/* Unmap and close. */
void mapping_close(struct mapping *m);

/*
 * The next accesses stay inside [OFF, OFF+LEN): windows may be mapped ahead
 * up to there, and no further.
 */
void mapping_span(struct mapping *m, uint64_t off, uint64_t len);

/* Read one word of WIDTH bytes at region offset OFF. */
int mapping_read(struct mapping *m, uint64_t off, unsigned width,
		 uint64_t *v, struct error *e);

/* Write one word of WIDTH bytes at region offset OFF. */
int mapping_write(struct mapping *m, uint64_t off, unsigned width,
		  uint64_t v, struct error *e);

/*
 * Read-modify-write one word: (old & ~MASK) | (V & MASK), under the lock
 * with MAPPING_LOCK_RMW; *WRITTEN gets the stored word.
 */
int mapping_rmw(struct mapping *m, uint64_t off, unsigned width, uint64_t v,
		uint64_t mask, uint64_t *written, struct error *e);

/* Read COUNT words of WIDTH bytes from OFF into BUF, one load each. */
int mapping_read_block(struct mapping *m, uint64_t off, unsigned width,
		       size_t count, void *buf, struct error *e);

/* Store PATTERN into COUNT words of WIDTH bytes from OFF, one store each. */
int mapping_fill(struct mapping *m, uint64_t off, unsigned width,
		 uint64_t count, uint64_t pattern, struct error *e);

/*
 * Store COUNT words of WIDTH bytes from BUF into the region from OFF, one
 * store each, in ascending order.
 */
int mapping_write_block(struct mapping *m, uint64_t off, unsigned width,
			size_t count, const void *buf, struct error *e);

/*
 * Map the window for the word of WIDTH bytes at OFF (and ahead, up to the
 * span) without accessing it, so that a refused mapping comes before
 * anything else a command does.
 */
int mapping_prepare(struct mapping *m, uint64_t off, unsigned width,
		    struct error *e);

/* Store fence after a command's last store. */
void mapping_fence(struct mapping *m);

#endif
