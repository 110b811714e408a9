// SPDX-License-Identifier: GPL-2.0-or-later
/* --sysroot: kernel paths looked up under another root, as util-linux does. */
#include "config.h"

#include <stdio.h>

#include "sysroot.h"

const char *sysroot_path(char *buf, size_t len, const char *root,
			 const char *path)
{
	snprintf(buf, len, "%s%s", root ? root : "", path);
	return buf;
}
