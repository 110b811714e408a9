// SPDX-License-Identifier: GPL-2.0-or-later
/* A PCI device's configuration space (--config), through sysfs config. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diagnose.h"
#include "region.h"
#include "sysroot.h"

#define CAP_SYS_ADMIN	21

static bool config_selected(const struct region_spec *s)
{
	return s->config;
}

static int config_resolve(const struct region_spec *s, struct region *r,
			  struct error *e)
{
	struct stat st;

	if (!s->slot && !s->device)
		return error_set(e, EXIT_USAGE, "--config goes with -s or -d: "
				 "choose the PCI device whose configuration "
				 "space to reach");
	if (region_pci_select(s, r->slot, r->dev_dir, e))
		return -1;
	snprintf(r->path, sizeof(r->path), "%.*s/config",
		 (int)(sizeof(r->path) - 16), r->dev_dir);
	snprintf(r->name, sizeof(r->name), "%s config space", r->slot);
	if (stat(r->path, &st))
		return error_set(e, EXIT_FAIL, "cannot reach the configuration "
				 "space of %s: %s: %s", r->slot, r->path,
				 strerror(errno));
	if (st.st_size <= 0 || st.st_size > 4096)
		return error_set(e, EXIT_FAIL, "%s has size %jd: not a PCI "
				 "configuration space (256 bytes, or 4096 for "
				 "PCI Express)", r->path, (intmax_t)st.st_size);
	r->size = (uint64_t)st.st_size;
	r->kind = REGION_IO;		/* pread/pwrite of exactly the width */
	r->flags = REGION_CONFIG;
	return 0;
}

static int config_open(const struct region *r, int flags,
		       struct region_opened *o, struct error *e)
{
	char mode[64], path[PATH_MAX];
	int fd;

	(void)o;
	/* The kernel refuses every configuration write under lockdown. */
	if ((flags & O_ACCMODE) != O_RDONLY &&
	    diagnose_lockdown(r, mode, sizeof(mode))) {
		error_set(e, EXIT_FAIL, "the kernel is locked down (%s mode, "
			  "%s): it refuses writes to PCI configuration space "
			  "from user space, so %s was not written", mode,
			  sysroot_path(path, sizeof(path), r->root,
				       "/sys/kernel/security/lockdown"),
			  r->name);
		error_hint(e, "reading it still works; to write, boot without "
			   "lockdown (Secure Boot off, or lockdown=none where "
			   "allowed)");
		return -1;
	}
	fd = open(r->path, flags);
	if (fd < 0) {
		int err = errno;

		error_set(e, EXIT_FAIL, "cannot open %s for %s (%s): %s",
			  r->path, (flags & O_ACCMODE) == O_RDONLY ? "reading"
			  : "writing", r->name, strerror(err));
		diagnose_refusal(r, 0, err, false, e);
	}
	return fd;
}

static void config_why_refused(const struct region *r, uint64_t off, int err,
			       bool mapping, struct error *e)
{
	(void)mapping;
	if (err == 0 && off >= 64 && !diagnose_has_capability(r, CAP_SYS_ADMIN))
		error_hint(e, "without CAP_SYS_ADMIN the kernel shows only the "
			   "first 64 bytes of configuration space (it read 0 "
			   "bytes at 0x%" PRIx64 "): run iomap as root", off);
	else if (err == EACCES || err == EPERM)
		error_hint(e, "the kernel lets only root (CAP_SYS_ADMIN) write "
			   "configuration space: run iomap as root");
	else if (err == ENOENT)
		error_hint(e, "%s has no configuration space file: was the "
			   "device removed?", r->slot);
}

const struct region_backend region_config = {
	.name = "PCI configuration space",
	.options = "--config",
	.selected = config_selected,
	.resolve = config_resolve,
	.open = config_open,
	.why_refused = config_why_refused,
};
