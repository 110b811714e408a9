// SPDX-License-Identifier: GPL-2.0-or-later
/* Explaining kernel refusals (lockdown, capabilities, STRICT_DEVMEM, drivers). */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diagnose.h"
#include "iomem.h"
#include "sysroot.h"

#define LOCKDOWN_PATH	"/sys/kernel/security/lockdown"
#define CAP_SYS_RAWIO	17

/* The active lockdown mode ("integrity", ...) into BUF, or false. */
static bool lockdown_mode(const struct region *r, char *buf, size_t len)
{
	char line[256], *open, *close, path[PATH_MAX];
	FILE *f = fopen(sysroot_path(path, sizeof(path), r->root,
				     LOCKDOWN_PATH), "r");
	bool on = false;

	if (!f)
		return false;
	if (fgets(line, sizeof(line), f) && (open = strchr(line, '[')) &&
	    (close = strchr(open, ']'))) {
		*close = '\0';
		snprintf(buf, len, "%s", open + 1);
		on = strcmp(open + 1, "none") != 0;
	}
	fclose(f);
	return on;
}

static bool has_capability(const struct region *r, int cap)
{
	char line[256], path[PATH_MAX];
	FILE *f = fopen(sysroot_path(path, sizeof(path), r->root,
				     "/proc/self/status"), "r");
	bool has = true;

	if (!f)
		return true;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, "CapEff:", 7) == 0)
			has = (strtoull(line + 7, NULL, 16) >> cap) & 1;
	fclose(f);
	return has;
}

/* "0000:00:03.0" and "PCI Bus 0000:00" name BARs and windows, not drivers. */
static bool names_bus_resource(const char *name)
{
	unsigned a, b, c, d;
	char end;

	return strncmp(name, "PCI Bus", 7) == 0 ||
	       sscanf(name, "%x:%x:%x.%x%c", &a, &b, &c, &d, &end) == 4 ||
	       strcmp(name, "Reserved") == 0 || strcmp(name, "reserved") == 0;
}

static void diagnose_iomem(const struct region *r, uint64_t phys,
			   struct error *e)
{
	const struct iomem_entry *hit, *parent;
	char iomem[PATH_MAX], dev_dir[2 * PATH_MAX];
	struct error ignored;
	struct iomem m;
	long i;

	sysroot_path(iomem, sizeof(iomem), r->root, IOMEM_PATH);
	if (iomem_read(iomem, &m, &ignored))
		return;
	i = iomem_holding(&m, phys);
	if (i < 0) {
		iomem_free(&m);
		return;
	}
	/* "Kernel code" lies inside System RAM, maybe in "Kernel image" */
	while (strncmp(m.v[i].name, "Kernel ", 7) == 0 && m.v[i].parent >= 0)
		i = m.v[i].parent;
	hit = &m.v[i];
	parent = hit->parent >= 0 ? &m.v[hit->parent] : NULL;
	if (strcmp(hit->name, "System RAM") == 0) {
		error_hint(e, "0x%" PRIx64 " is System RAM (%s: %" PRIx64 "-%"
			   PRIx64 "): the kernel's STRICT_DEVMEM refuses "
			   "/dev/mem access to RAM", phys, iomem, hit->start,
			   hit->end);
		error_hint(e, "only device memory can be mapped; check the "
			   "address (a BAR's is in `iomap list`)");
	} else if (hit->depth > 0 && !names_bus_resource(hit->name)) {
		bool bar = parent && strchr(parent->name, ':') &&
			   names_bus_resource(parent->name) &&
			   strncmp(parent->name, "PCI Bus", 7) != 0;
		char driver[64];

		error_hint(e, "0x%" PRIx64 "-0x%" PRIx64 " is held by the driver "
			   "\"%s\" (%s%s%s)", hit->start, hit->end, hit->name,
			   iomem, parent ? ", inside " : "",
			   parent ? parent->name : "");
		if (bar)
			snprintf(dev_dir, sizeof(dev_dir), "%s/devices/%s",
				 r->sysfs, parent->name);
		if (bar && region_pci_driver(dev_dir, driver, sizeof(driver)))
			error_hint(e, "with IO_STRICT_DEVMEM the kernel refuses "
				   "ranges a driver has claimed: unbind it "
				   "(echo %s > %s/driver/unbind) or boot with "
				   "iomem=relaxed", parent->name, dev_dir);
		else
			error_hint(e, "with IO_STRICT_DEVMEM the kernel refuses "
				   "ranges a driver has claimed: unbind that "
				   "driver from its device, or boot with "
				   "iomem=relaxed");
	}
	iomem_free(&m);
}

void diagnose_refusal(const struct region *r, uint64_t off, int err,
		      bool mapping, struct error *e)
{
	bool devmem = r->flags & REGION_DEVMEM;
	uint64_t phys = devmem ? r->file_offset + off : r->phys + off;
	char mode[64], path[PATH_MAX];
	size_t len_before;

	if (err == ENOENT) {
		if (r->backend->why_refused)
			r->backend->why_refused(r, off, err, mapping, e);
		else if (devmem)
			error_hint(e, "this kernel has no /dev/mem (CONFIG_DEVMEM"
				   " off); map a PCI BAR with -s or -d instead");
		return;
	}
	if (err == EACCES) {
		error_hint(e, "permission denied by the file's mode: run "
			   "iomap as root");
		return;
	}
	if (err != EPERM && err != EINVAL && err != EBUSY && err != EIO)
		return;
	if (lockdown_mode(r, mode, sizeof(mode))) {
		error_hint(e, "the kernel is locked down (%s mode, %s): it "
			   "forbids /dev/mem and PCI BAR mappings from user "
			   "space", mode, sysroot_path(path, sizeof(path),
							r->root, LOCKDOWN_PATH));
		error_hint(e, "boot without lockdown (Secure Boot off, or "
			   "lockdown=none where allowed)");
		return;
	}
	if (devmem && !has_capability(r, CAP_SYS_RAWIO)) {
		error_hint(e, "the process lacks CAP_SYS_RAWIO, which /dev/mem "
			   "requires: run iomap as root with full capabilities");
		return;
	}
	/* The backend knows its device best; /proc/iomem is the fallback. */
	len_before = strlen(e->hint);
	if (r->backend->why_refused)
		r->backend->why_refused(r, off, err, mapping, e);
	if (strlen(e->hint) == len_before &&
	    ((devmem && mapping) || (r->flags & REGION_PCI)))
		diagnose_iomem(r, phys, e);
}

bool diagnose_all_ones(const struct region *r, struct error *e)
{
	e->hint[0] = '\0';
	if (r->backend->why_all_ones)
		r->backend->why_all_ones(r, e);
	return e->hint[0] != '\0';
}
