// SPDX-License-Identifier: GPL-2.0-or-later
/* Opening what the caller names with the caller's rights, not iomap's. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "caller.h"

static struct __user_cap_data_struct saved[_LINUX_CAPABILITY_U32S_3];
static unsigned depth;

bool caller_secure(void)
{
	return getauxval(AT_SECURE) != 0;
}

static int cap_get(struct __user_cap_data_struct *d)
{
	struct __user_cap_header_struct h = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};

	return (int)syscall(SYS_capget, &h, d);
}

static int cap_set(struct __user_cap_data_struct *d)
{
	struct __user_cap_header_struct h = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};

	return (int)syscall(SYS_capset, &h, d);
}

int caller_drop(void)
{
	struct __user_cap_data_struct none[_LINUX_CAPABILITY_U32S_3];

	if (!caller_secure())
		return 0;
	if (depth++)
		return 0;
	if (cap_get(saved))
		goto fail;
	for (unsigned i = 0; i < _LINUX_CAPABILITY_U32S_3; i++) {
		none[i] = saved[i];
		none[i].effective = 0;
	}
	if (cap_set(none))
		goto fail;
	return 0;
fail:
	depth--;
	return -1;
}

void caller_restore(void)
{
	if (!caller_secure() || !depth || --depth)
		return;
	cap_set(saved);	/* raising what is still permitted cannot fail */
}

int caller_open(const char *path, int flags, mode_t mode)
{
	int fd, err;

	if (caller_drop())
		return -1;
	fd = open(path, flags, mode);
	err = errno;
	caller_restore();
	errno = err;
	return fd;
}

FILE *caller_fopen(const char *path, const char *mode)
{
	FILE *f;
	int err;

	if (caller_drop())
		return NULL;
	f = fopen(path, mode);
	err = errno;
	caller_restore();
	errno = err;
	return f;
}

int caller_stat(const char *path, struct stat *st)
{
	int rc, err;

	if (caller_drop())
		return -1;
	rc = stat(path, st);
	err = errno;
	caller_restore();
	errno = err;
	return rc;
}
