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
#include "sysroot.h"

#define LOCKDOWN_PATH	"/sys/kernel/security/lockdown"
#define IOMEM_PATH	"/proc/iomem"
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

struct iomem_entry {
	uint64_t start, end;
	int depth;
	char name[128];
};

/*
 * The innermost /proc/iomem entry holding ADDR into *HIT, and its parent
 * into *PARENT (depth -1 when none). False when no entry holds it.
 */
static bool iomem_lookup(const char *path, uint64_t addr,
			 struct iomem_entry *hit, struct iomem_entry *parent)
{
	struct iomem_entry stack[16];
	char line[512];
	FILE *f = fopen(path, "r");
	bool found = false;

	if (!f)
		return false;
	parent->depth = -1;
	while (fgets(line, sizeof(line), f)) {
		struct iomem_entry ent;
		char *p = line, *name;
		int spaces = 0;

		while (*p == ' ') {
			p++;
			spaces++;
		}
		ent.depth = spaces / 2;
		if (ent.depth >= 16 ||
		    sscanf(p, "%" SCNx64 "-%" SCNx64, &ent.start, &ent.end) != 2)
			continue;
		name = strstr(p, " : ");
		if (!name)
			continue;
		snprintf(ent.name, sizeof(ent.name), "%s", name + 3);
		ent.name[strcspn(ent.name, "\n")] = '\0';
		stack[ent.depth] = ent;
		if (addr < ent.start || addr > ent.end)
			continue;
		if (!found || ent.depth > hit->depth) {
			*hit = ent;
			if (ent.depth > 0)
				*parent = stack[ent.depth - 1];
			found = true;
		}
	}
	fclose(f);
	return found;
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
	struct iomem_entry hit, parent;
	char iomem[PATH_MAX], dev_dir[2 * PATH_MAX];

	sysroot_path(iomem, sizeof(iomem), r->root, IOMEM_PATH);
	if (!iomem_lookup(iomem, phys, &hit, &parent))
		return;
	if (strncmp(hit.name, "Kernel ", 7) == 0 && parent.depth >= 0)
		hit = parent;	/* "Kernel code" lies inside System RAM */
	if (strcmp(hit.name, "System RAM") == 0) {
		error_hint(e, "0x%" PRIx64 " is System RAM (%s: %" PRIx64 "-%"
			   PRIx64 "): the kernel's STRICT_DEVMEM refuses "
			   "/dev/mem access to RAM", phys, iomem,
			   hit.start, hit.end);
		error_hint(e, "only device memory can be mapped; check the "
			   "address (a BAR's is in `iomap list`)");
		return;
	}
	if (hit.depth > 0 && !names_bus_resource(hit.name)) {
		bool bar = parent.depth >= 0 && strchr(parent.name, ':') &&
			   names_bus_resource(parent.name) &&
			   strncmp(parent.name, "PCI Bus", 7) != 0;
		char driver[64];

		error_hint(e, "0x%" PRIx64 "-0x%" PRIx64 " is held by the driver "
			   "\"%s\" (%s%s%s)", hit.start, hit.end, hit.name,
			   iomem, parent.depth >= 0 ? ", inside " : "",
			   parent.depth >= 0 ? parent.name : "");
		snprintf(dev_dir, sizeof(dev_dir), "%s/devices/%s", r->sysfs,
			 parent.name);
		if (bar && region_pci_driver(dev_dir, driver, sizeof(driver)))
			error_hint(e, "with IO_STRICT_DEVMEM the kernel refuses "
				   "ranges a driver has claimed: unbind it "
				   "(echo %s > %s/devices/%s/driver/unbind) or "
				   "boot with iomem=relaxed", parent.name,
				   r->sysfs, parent.name);
		else
			error_hint(e, "with IO_STRICT_DEVMEM the kernel refuses "
				   "ranges a driver has claimed: unbind that "
				   "driver from its device, or boot with "
				   "iomem=relaxed");
	}
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
	if (devmem && mapping) {
		diagnose_iomem(r, phys, e);
		return;
	}
	len_before = strlen(e->hint);
	if (r->backend->why_refused)
		r->backend->why_refused(r, off, err, mapping, e);
	if (strlen(e->hint) == len_before && (r->flags & REGION_PCI))
		diagnose_iomem(r, phys, e);
}

bool diagnose_all_ones(const struct region *r, struct error *e)
{
	e->hint[0] = '\0';
	if (r->backend->why_all_ones)
		r->backend->why_all_ones(r, e);
	return e->hint[0] != '\0';
}
