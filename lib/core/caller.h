/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Files the caller names, opened with the caller's own rights: under
 * AT_SECURE (iomap given file capabilities for a lab group), the effective
 * capabilities are dropped around each such open, so the privilege reaches
 * only the kernel's own paths (iomap(1), PRIVILEGE).
 */
#ifndef IOMAP_CALLER_H
#define IOMAP_CALLER_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/types.h>

/* True when iomap runs with AT_SECURE (file capabilities). */
bool caller_secure(void);

/*
 * Drop the effective capabilities until caller_restore(): what runs in
 * between has the caller's own rights. Nests. Returns -1 (errno set) when
 * they cannot be dropped; the caller must then not go on.
 */
int caller_drop(void);

/* Undo one caller_drop(). */
void caller_restore(void);

/* open(2), fopen(3) and stat(2) of a file the caller named. */
int caller_open(const char *path, int flags, mode_t mode);
FILE *caller_fopen(const char *path, const char *mode);
int caller_stat(const char *path, struct stat *st);

#endif
