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

#define LOCKDOWN_PATH	"/sys/kernel/security/lockdown"
#define CAP_SYS_RAWIO	17

/* The active lockdown mode ("integrity", ...) into BUF, or false. */
static bool lockdown_mode(char *buf, size_t len)
{
	char line[256], *open, *close;
	FILE *f = fopen(LOCKDOWN_PATH, "r");
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

static bool has_capability(int cap)
{
	char line[256];
	FILE *f = fopen("/proc/self/status", "r");
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

/* The driver bound to the PCI device SLOT under SYSFS into BUF, or false. */
static bool device_driver(const char *sysfs, const char *slot, char *buf,
			  size_t len)
{
	char path[PATH_MAX], target[PATH_MAX];
	ssize_t n;
	char *slash;

	snprintf(path, sizeof(path), "%s/devices/%s/driver", sysfs, slot);
	n = readlink(path, target, sizeof(target) - 1);
	if (n <= 0)
		return false;
	target[n] = '\0';
	slash = strrchr(target, '/');
	snprintf(buf, len, "%s", slash ? slash + 1 : target);
	return true;
}

static void diagnose_iomem(const char *sysfs, uint64_t phys,
			   struct error *e)
{
	const struct iomem_entry *hit, *parent;
	struct error ignored;
	struct iomem m;
	long i;

	if (iomem_read(IOMEM_PATH, &m, &ignored))
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
			   "/dev/mem access to RAM", phys, IOMEM_PATH,
			   hit->start, hit->end);
		error_hint(e, "only device memory can be mapped; check the "
			   "address (a BAR's is in `iomap list`)");
	} else if (hit->depth > 0 && !names_bus_resource(hit->name)) {
		bool bar = parent && strchr(parent->name, ':') &&
			   names_bus_resource(parent->name) &&
			   strncmp(parent->name, "PCI Bus", 7) != 0;
		char driver[64];

		error_hint(e, "0x%" PRIx64 "-0x%" PRIx64 " is held by the driver "
			   "\"%s\" (%s%s%s)", hit->start, hit->end, hit->name,
			   IOMEM_PATH, parent ? ", inside " : "",
			   parent ? parent->name : "");
		if (bar && device_driver(sysfs, parent->name, driver,
					 sizeof(driver)))
			error_hint(e, "with IO_STRICT_DEVMEM the kernel refuses "
				   "ranges a driver has claimed: unbind it "
				   "(echo %s > %s/devices/%s/driver/unbind) or "
				   "boot with iomem=relaxed", parent->name,
				   sysfs, parent->name);
		else
			error_hint(e, "with IO_STRICT_DEVMEM the kernel refuses "
				   "ranges a driver has claimed: unbind that "
				   "driver from its device, or boot with "
				   "iomem=relaxed");
	}
	iomem_free(&m);
}

/* The driver bound to R's PCI device into BUF, or false. */
static bool bound_driver(const struct region *r, char *buf, size_t len)
{
	return (r->flags & REGION_PCI) &&
	       device_driver(r->sysfs, r->slot, buf, len);
}

void diagnose_refusal(const struct region *r, uint64_t off, int err,
		      bool mapping, struct error *e)
{
	bool devmem = r->flags & REGION_DEVMEM;
	uint64_t phys = devmem ? r->file_offset + off : r->phys + off;
	char mode[64], driver[64];

	if (err == ENOENT) {
		if (devmem && (r->flags & REGION_PCI))
			error_hint(e, "the kernel offers no resource%d file for "
				   "%s and there is no %s to reach the BAR "
				   "through", r->bar, r->slot, r->path);
		else if (devmem)
			error_hint(e, "this kernel has no /dev/mem (CONFIG_DEVMEM"
				   " off); map a PCI BAR with -s or -d instead");
		else if (r->flags & REGION_PCI)
			error_hint(e, "the kernel offers no such file for this "
				   "BAR");
		return;
	}
	if (err == EACCES) {
		error_hint(e, "permission denied by the file's mode: run "
			   "iomap as root");
		return;
	}
	if (err != EPERM && err != EINVAL && err != EBUSY && err != EIO)
		return;
	if (lockdown_mode(mode, sizeof(mode))) {
		error_hint(e, "the kernel is locked down (%s mode, %s): it "
			   "forbids /dev/mem and PCI BAR mappings from user "
			   "space", mode, LOCKDOWN_PATH);
		error_hint(e, "boot without lockdown (Secure Boot off, or "
			   "lockdown=none where allowed)");
		return;
	}
	if (devmem && !has_capability(CAP_SYS_RAWIO)) {
		error_hint(e, "the process lacks CAP_SYS_RAWIO, which /dev/mem "
			   "requires: run iomap as root with full capabilities");
		return;
	}
	if (devmem && mapping)
		diagnose_iomem(r->sysfs, phys, e);
	else if (r->flags & REGION_PCI && bound_driver(r, driver,
						       sizeof(driver))) {
		error_hint(e, "%s is bound to the driver \"%s\", which may hold "
			   "the BAR exclusively", r->slot, driver);
		error_hint(e, "unbind it (echo %s > %s/driver/unbind) or "
			   "boot with iomem=relaxed", r->slot, r->pci_dir);
	} else if (r->flags & REGION_PCI)
		diagnose_iomem(r->sysfs, phys, e);
}

/* Read N bytes at OFF of the device's config space; false on failure. */
static bool read_config(const struct region *r, unsigned off, void *buf,
			size_t n)
{
	char path[PATH_MAX + 16];
	int fd;
	ssize_t got;

	snprintf(path, sizeof(path), "%s/config", r->pci_dir);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	got = pread(fd, buf, n, off);
	close(fd);
	return got == (ssize_t)n;
}

/* The power state from sysfs power_state, else the PM capability. */
static bool power_state(const struct region *r, char *buf, size_t len)
{
	char path[PATH_MAX + 16];
	uint8_t ptr, cap[2];
	uint16_t pmcsr;
	FILE *f;

	snprintf(path, sizeof(path), "%s/power_state", r->pci_dir);
	f = fopen(path, "r");
	if (f) {
		bool ok = fgets(buf, (int)len, f) != NULL;

		fclose(f);
		buf[strcspn(buf, "\n")] = '\0';
		if (ok)
			return true;
	}
	if (!read_config(r, 0x34, &ptr, 1))
		return false;
	for (int hops = 0; ptr >= 0x40 && hops < 48; hops++) {
		if (!read_config(r, ptr & ~3u, cap, 2))
			return false;
		if (cap[0] == 0x01) {	/* Power Management */
			if (!read_config(r, (ptr & ~3u) + 4, &pmcsr, 2))
				return false;
			snprintf(buf, len, "D%u", pmcsr & 3);
			return true;
		}
		ptr = cap[1];
	}
	return false;
}

void diagnose_all_ones(const struct region *r)
{
	uint16_t command;
	char state[32];
	unsigned bit = r->kind == REGION_IO ? 1 : 2;

	if (!(r->flags & REGION_PCI))
		return;
	if (read_config(r, 4, &command, 2) && !(command & bit))
		warnmsg("note: every word read was all ones, and %s has %s "
			"decoding off (COMMAND=0x%04x): enable it with "
			"`setpci -s %s COMMAND=0x%x:0x%x`", r->slot,
			bit == 2 ? "memory" : "I/O", command, r->slot, bit, bit);
	if (power_state(r, state, sizeof(state)) && strcmp(state, "D0") != 0 &&
	    strcmp(state, "unknown") != 0)
		warnmsg("note: every word read was all ones, and %s is in "
			"power state %s, where it does not answer: wake it "
			"(echo on > %s/power/control)", r->slot, state,
			r->pci_dir);
}
