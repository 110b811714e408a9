/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Regions: what -s/-d/-b/-m/-f/--mem select, resolved without touching it. */
#ifndef IOMAP_REGION_H
#define IOMAP_REGION_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "options.h"

enum region_kind {
	REGION_MEM,	/* mmapped, loads and stores */
	REGION_IO,	/* an I/O-port BAR: pread/pwrite of 1, 2 or 4 bytes */
};

enum region_flags {
	REGION_PHYS = 1,	/* print physical addresses, not offsets */
	REGION_DEVMEM = 2,	/* backed by /dev/mem: open O_SYNC */
	REGION_PCI = 4,		/* a PCI BAR: pci_dir and slot are set */
	REGION_PREFETCH = 8,	/* prefetchable memory BAR */
	REGION_64BIT = 16,	/* 64-bit memory BAR */
};

struct region {
	char path[PATH_MAX];	/* the backing file */
	uint64_t file_offset;	/* where offset 0 of the region is in it */
	uint64_t phys;		/* physical address of offset 0, if known */
	uint64_t size;		/* bytes; UINT64_MAX when unknown (/dev/mem) */
	enum region_kind kind;
	unsigned flags;
	int bar;		/* PCI BAR index, -1 when not a BAR */
	char name[160];		/* for messages: "0000:00:03.0 BAR0", ... */
	char pci_dir[PATH_MAX];	/* sysfs directory of the device */
	char slot[32];		/* "0000:00:03.0" */
	char sysfs[PATH_MAX];	/* the PCI sysfs root it was found under */
};

/* One BAR of a PCI device, as sysfs describes it. */
struct region_bar {
	int index;
	uint64_t base, size;
	enum region_kind kind;
	bool is64, prefetch;
	bool has_file, has_wc;	/* resourceN, resourceN_wc exist */
};

/* A PCI device, as `list` shows it. */
struct region_device {
	char slot[32];
	unsigned vendor, device, class;
	char vendor_name[128], device_name[256], class_name[128];
	char driver[64];	/* "" when none is bound */
	struct region_bar bars[6];
	int nbars;
};

/* Resolve the region that O selects into R. Touches no device. */
int region_resolve(const struct options *o, struct region *r,
		   struct error *e);

/*
 * The PCI devices matching O's -s/-d filters (all without them), sorted by
 * slot, into a malloc'ed *DEVS. Returns the count, or -1.
 */
int region_devices(const struct options *o, struct region_device **devs,
		   struct error *e);

/* Fill E for -s/-d matching nothing, naming the devices present. */
int region_no_match(const struct options *o, struct error *e);

/* The address to print for region offset OFF (physical or offset). */
static inline uint64_t region_addr(const struct region *r, uint64_t off)
{
	return (r->flags & REGION_PHYS) ? r->phys + off : off;
}

/*
 * Check that COUNT words of WIDTH bytes from OFF are aligned and inside R.
 * WHAT names the argument in the message ("offset", "range").
 */
int region_check_access(const struct region *r, uint64_t off, unsigned width,
			uint64_t count, struct error *e);

#endif
