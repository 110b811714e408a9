/* SPDX-License-Identifier: GPL-2.0-or-later */
/* SIGBUS/SIGSEGV during an access: caught and reported, not a core dump. */
#ifndef IOMAP_FAULT_H
#define IOMAP_FAULT_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "region.h"

/*
 * Where the handler jumps after a fault inside the current window. The
 * window and this point are the thread's own: libiomap's handles may be
 * used in several threads.
 */
extern _Thread_local sigjmp_buf fault_jump
	__attribute__((tls_model("initial-exec")));

/*
 * Install the SIGBUS and SIGSEGV handlers. A fault outside the current
 * window goes to the handler that was installed before (a sanitizer's, or
 * the default action), as if iomap had none.
 */
void fault_install(void);

/* The window [BASE, BASE+LEN) now maps region R from offset OFF. */
void fault_window(const struct region *r, const volatile void *base,
		  uint64_t off, size_t len);

/* The accesses now under way are writes (or reads) of WIDTH bytes. */
void fault_access(bool write, unsigned width);

/* Accesses now come from script FILE, line LINE (FILE NULL: none). */
void fault_where(const char *file, unsigned line);

/* After the jump: describe the fault (address, width, region) into E. */
void fault_describe(struct error *e);

#endif
