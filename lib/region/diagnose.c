// SPDX-License-Identifier: GPL-2.0-or-later
/* Explaining kernel refusals (lockdown, capabilities, STRICT_DEVMEM, drivers). */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "caller.h"
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

bool diagnose_has_capability(const struct region *r, int cap)
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

/* Who holds a claimed range: a device, its driver, its bus's devices dir. */
struct holder {
	char device[128], driver[128], devices[PATH_MAX];
};

/* Whether BUS (SYS/bus/BUS) has DEVICE bound to a driver: fill H. */
static bool bound_device(const char *sys, const char *bus, const char *device,
			 struct holder *h)
{
	char dir[PATH_MAX], link[2 * PATH_MAX];

	snprintf(dir, sizeof(dir), "%s/bus/%s/devices", sys, bus);
	snprintf(link, sizeof(link), "%s/%s", dir, device);
	if (strchr(device, '/') || !region_pci_driver(link, h->driver,
						      sizeof(h->driver)))
		return false;
	snprintf(h->device, sizeof(h->device), "%s", device);
	snprintf(h->devices, sizeof(h->devices), "%s", dir);
	return true;
}

/* Whether driver NAME of BUS has a device "START.*" bound: fill H. */
static bool driver_device(const char *sys, const char *bus, const char *name,
			  uint64_t start, struct holder *h)
{
	char dir[2 * PATH_MAX], prefix[24];
	struct dirent *d;
	bool found = false;
	DIR *dp;

	if (strchr(name, '/'))
		return false;
	snprintf(dir, sizeof(dir), "%s/bus/%s/drivers/%s", sys, bus, name);
	snprintf(prefix, sizeof(prefix), "%" PRIx64 ".", start);
	dp = opendir(dir);
	if (!dp)
		return false;
	while (!found && (d = readdir(dp)))
		if (strncmp(d->d_name, prefix, strlen(prefix)) == 0)
			found = bound_device(sys, bus, d->d_name, h);
	closedir(dp);
	return found;
}

/*
 * The device and driver behind the /proc/iomem claim X, from sysfs under
 * ROOT: the claim's first word as a bound device of some bus (drivers
 * using devm_ioremap_resource claim as "9000000.pl011 pl011@9000000"),
 * else the claim as a driver's name with a device named after X's start
 * (amba drivers claim as "rtc-pl031", their devices are "9010000.pl031").
 */
static bool claim_holder(const char *root, const struct iomem_entry *x,
			 struct holder *h)
{
	char sys[PATH_MAX], bus_dir[PATH_MAX + 8], word[128];
	struct dirent **buses;
	bool found = false;
	int n;

	sysroot_path(sys, sizeof(sys), root, "/sys");
	snprintf(word, sizeof(word), "%.*s", (int)strcspn(x->name, " "),
		 x->name);
	snprintf(bus_dir, sizeof(bus_dir), "%s/bus", sys);
	n = scandir(bus_dir, &buses, NULL, alphasort);
	if (n < 0)
		return false;
	for (int i = 0; i < n && !found; i++)
		found = buses[i]->d_name[0] != '.' &&
			bound_device(sys, buses[i]->d_name, word, h);
	for (int i = 0; i < n && !found; i++)
		found = buses[i]->d_name[0] != '.' &&
			driver_device(sys, buses[i]->d_name, x->name, x->start,
				      h);
	for (int i = 0; i < n; i++)
		free(buses[i]);
	free(buses);
	return found;
}

#define STRICT_IO "with IO_STRICT_DEVMEM the kernel refuses ranges a " \
		  "driver has claimed"

/* The claim HIT (inside PARENT) of IOMEM refused an access with ERR. */
static void hint_claim(const struct region *r, const struct iomem_entry *hit,
		       const struct iomem_entry *parent, const char *iomem,
		       int err, struct error *e)
{
	bool bar = parent && strchr(parent->name, ':') &&
		   names_bus_resource(parent->name) &&
		   strncmp(parent->name, "PCI Bus", 7) != 0;
	const char *in = parent ? ", inside " : "";
	const char *pname = parent ? parent->name : "";
	char dev_dir[2 * PATH_MAX], driver[64];
	struct holder h;

	if (!bar && claim_holder(r->root, hit, &h)) {
		bool same = strcmp(h.driver, hit->name) == 0;

		error_hint(e, "0x%" PRIx64 "-0x%" PRIx64 " is held by the "
			   "driver \"%s\" of %s (%s%s%s%s%s%s)", hit->start,
			   hit->end, h.driver, h.device, iomem,
			   same ? "" : ": \"", same ? "" : hit->name,
			   same ? "" : "\"", in, pname);
		error_hint(e, STRICT_IO ": unbind it (echo %s > %s/%s/driver/"
			   "unbind) or boot with iomem=relaxed", h.device,
			   h.devices, h.device);
		return;
	}
	if (hit->depth == 0) {
		/* No driver to be found: the kernel's own claim. */
		if (err != EPERM)
			return;
		error_hint(e, "0x%" PRIx64 "-0x%" PRIx64 " is \"%s\" (%s), a "
			   "range the kernel has claimed: with "
			   "IO_STRICT_DEVMEM it refuses /dev/mem access to "
			   "claimed ranges",
			   hit->start, hit->end, hit->name, iomem);
		error_hint(e, "boot with iomem=relaxed to allow it, if nothing "
			   "else drives that device");
		return;
	}
	error_hint(e, "0x%" PRIx64 "-0x%" PRIx64 " is held by the driver "
		   "\"%s\" (%s%s%s)", hit->start, hit->end, hit->name, iomem,
		   in, pname);
	if (bar)
		snprintf(dev_dir, sizeof(dev_dir), "%s/devices/%s", r->sysfs,
			 parent->name);
	if (bar && region_pci_driver(dev_dir, driver, sizeof(driver)))
		error_hint(e, STRICT_IO ": unbind it (echo %s > %s/driver/"
			   "unbind) or boot with iomem=relaxed", parent->name,
			   dev_dir);
	else
		error_hint(e, STRICT_IO ": unbind that driver from its device, "
			   "or boot with iomem=relaxed");
}

static void diagnose_iomem(const struct region *r, uint64_t phys, int err,
			   struct error *e)
{
	const struct iomem_entry *hit, *parent;
	char iomem[PATH_MAX];
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
	} else if (!names_bus_resource(hit->name)) {
		hint_claim(r, hit, parent, iomem, err, e);
	}
	iomem_free(&m);
}

/*
 * The PCI BAR that holds physical address PHYS, from /proc/iomem and the
 * device's resource file: its slot into SLOT and index into *BAR.
 */
static bool pci_bar_at(const struct region *r, uint64_t phys, char *slot,
		       size_t len, int *bar)
{
	char iomem[PATH_MAX], path[2 * PATH_MAX], line[128];
	struct error ignored;
	struct iomem m;
	bool found = false;
	FILE *f;
	long i;

	sysroot_path(iomem, sizeof(iomem), r->root, IOMEM_PATH);
	if (iomem_read(iomem, &m, &ignored))
		return false;
	for (i = iomem_holding(&m, phys); i >= 0; i = m.v[i].parent)
		if (names_bus_resource(m.v[i].name) &&
		    strncmp(m.v[i].name, "PCI Bus", 7) != 0 &&
		    strchr(m.v[i].name, ':'))
			break;
	if (i >= 0) {
		snprintf(slot, len, "%s", m.v[i].name);
		snprintf(path, sizeof(path), "%s/devices/%s/resource", r->sysfs,
			 slot);
		f = fopen(path, "r");
		for (int n = 0; f && n < 6 && fgets(line, sizeof(line), f);
		     n++) {
			unsigned long long start, end;

			if (sscanf(line, "%llx %llx", &start, &end) == 2 &&
			    end > start && phys >= start && phys <= end) {
				*bar = n;
				found = true;
				break;
			}
		}
		if (f)
			fclose(f);
	}
	iomem_free(&m);
	return found;
}

/* Lockdown refused R near physical PHYS: the way in is VFIO. */
static void lockdown_route(const struct region *r, uint64_t phys, bool known,
			   struct error *e)
{
	char slot[64];
	int bar;

	if (r->flags & REGION_PCI)
		error_hint(e, "VFIO is the way in under lockdown: `iomap -s %s "
			   "vfio-bind`, then the same command again (iomap(1),"
			   " LOCKED-DOWN MACHINES)", r->slot);
	else if (known && pci_bar_at(r, phys, slot, sizeof(slot), &bar))
		error_hint(e, "0x%" PRIx64 " is in BAR%d of %s; VFIO is the "
			   "way in under lockdown: `iomap -s %s vfio-bind`, "
			   "then `iomap -s %s -b %d` with offsets into the BAR "
			   "(iomap(1), LOCKED-DOWN MACHINES)", phys, bar, slot,
			   slot, slot, bar);
	else
		error_hint(e, "VFIO is the way in to a PCI device's BARs under "
			   "lockdown: `iomap -s SLOT vfio-bind`, then "
			   "`iomap -s SLOT` with offsets into the BAR "
			   "(iomap(1), LOCKED-DOWN MACHINES)");
}

bool diagnose_lockdown(const struct region *r, char *mode, size_t len)
{
	return lockdown_mode(r, mode, len);
}

void diagnose_refusal(const struct region *r, uint64_t off, int err,
		      bool mapping, struct error *e)
{
	bool devmem = r->flags & REGION_DEVMEM;
	uint64_t phys = devmem ? r->file_offset + off : r->phys + off;
	char mode[64], path[PATH_MAX];
	size_t len_before;

	/*
	 * Lockdown does not stand in VFIO's way: only its own reasons; the
	 * configuration space checks lockdown before it opens for writing.
	 */
	if (r->flags & (REGION_VFIO | REGION_CONFIG)) {
		if (r->backend->why_refused)
			r->backend->why_refused(r, off, err, mapping, e);
		return;
	}
	if (err == ENOENT) {
		if (r->backend->why_refused)
			r->backend->why_refused(r, off, err, mapping, e);
		else if (region_mem_named(r))
			error_hint(e, "--mem names %s, which does not exist: "
				   "check the path", r->path);
		else if (devmem)
			error_hint(e, "this kernel has no /dev/mem (CONFIG_DEVMEM"
				   " off); map a PCI BAR with -s or -d instead");
		return;
	}
	if (err == EACCES && (r->flags & REGION_CALLER) && caller_secure()) {
		error_hint(e, "iomap runs with file capabilities: a file "
			   "named with -f is opened with your own rights; "
			   "select a PCI BAR with -s or -d");
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
			   "forbids /dev/mem, PCI BAR mappings and I/O BAR "
			   "writes from user space", mode,
			   sysroot_path(path, sizeof(path), r->root,
					LOCKDOWN_PATH));
		/* A plain /dev/mem open knows no address yet. */
		lockdown_route(r, phys, !devmem || mapping ||
			       r->size != UINT64_MAX, e);
		error_hint(e, "or boot without lockdown (Secure Boot off, or "
			   "lockdown=none where allowed)");
		return;
	}
	if (devmem && !diagnose_has_capability(r, CAP_SYS_RAWIO)) {
		error_hint(e, "the process lacks CAP_SYS_RAWIO, which /dev/mem "
			   "requires: run iomap as root with full capabilities");
		return;
	}
	/* The backend knows its device best; /proc/iomem is the fallback. */
	len_before = strlen(e->hint);
	if (r->backend->why_refused)
		r->backend->why_refused(r, off, err, mapping, e);
	if (strlen(e->hint) == len_before &&
	    ((devmem && mapping) ||
	     ((r->flags & REGION_PCI) && !(r->flags & REGION_IOBAR))))
		diagnose_iomem(r, phys, err, e);
}

bool diagnose_all_ones(const struct region *r, struct error *e)
{
	e->hint[0] = '\0';
	if (r->backend->why_all_ones)
		r->backend->why_all_ones(r, e);
	return e->hint[0] != '\0';
}
