/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Every kernel path (/sys, /proc, /dev) is looked up through here. */
#ifndef IOMAP_SYSROOT_H
#define IOMAP_SYSROOT_H

#include <stddef.h>

/*
 * The kernel path PATH (absolute, "/proc/iomem") under ROOT into BUF of
 * LEN bytes; ROOT NULL or "" is /. Returns BUF.
 */
const char *sysroot_path(char *buf, size_t len, const char *root,
			 const char *path);

#endif
