/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Regions: what the region options select, resolved without touching it,
 * through a table of backends (one file per kind, like pciutils' methods).
 */
#ifndef IOMAP_REGION_H
#define IOMAP_REGION_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>

#include "error.h"
#include "region_spec.h"

enum region_kind {
	REGION_MEM,	/* mmapped, loads and stores */
	REGION_IO,	/* pread/pwrite of 1, 2 or 4 bytes (I/O BARs) */
};

enum region_flags {
	REGION_PHYS = 1,	/* print physical addresses, not offsets */
	REGION_DEVMEM = 2,	/* backed by /dev/mem: open O_SYNC */
	REGION_PCI = 4,		/* a PCI BAR: dev_dir, slot and bar are set */
	REGION_PREFETCH = 8,	/* prefetchable memory BAR */
	REGION_64BIT = 16,	/* 64-bit memory BAR */
	REGION_WHOLE = 32,	/* mapped from file_offset's page on (UIO) */
	REGION_IOBAR = 64,	/* an I/O-port BAR (or its resourceN) */
	REGION_VFIO = 128,	/* reached through VFIO: path is the group */
	REGION_CALLER = 256,	/* the caller named path (-f): caller_open */
	REGION_CONFIG = 512,	/* PCI configuration space: dev_dir, slot */
};

struct region_backend;

struct region {
	const struct region_backend *backend;
	char path[PATH_MAX];	/* the backing file */
	uint64_t file_offset;	/* where offset 0 of the region is in it */
	uint64_t phys;		/* physical address of offset 0, if known */
	uint64_t size;		/* bytes; UINT64_MAX when unknown (/dev/mem) */
	enum region_kind kind;
	unsigned flags;
	int bar;		/* PCI BAR index, -1 when not a BAR */
	char name[192];		/* for messages: "0000:00:03.0 BAR0", ... */
	char note[512];		/* said once before the first access, or "" */
	char root[PATH_MAX];	/* --sysroot ("" for /) */
	char dev_dir[PATH_MAX];	/* sysfs directory of the device, or "" */
	char slot[32];		/* PCI: "0000:00:03.0" */
	char sysfs[PATH_MAX];	/* the PCI sysfs root (--sysfs) */
};

/* The modifiers a kind of region takes. */
enum region_takes {
	REGION_TAKES_BAR = 1,		/* -b N */
	REGION_TAKES_BAR_NAME = 2,	/* -b NAME */
	REGION_TAKES_WC = 4,		/* --wc */
	REGION_TAKES_SIZE = 8,		/* --size */
	REGION_TAKES_VFIO = 16,		/* --vfio */
	REGION_TAKES_BASE = 32,		/* --base */
};

/* What a backend's open hook found out about the file it opened. */
struct region_opened {
	uint64_t file_offset;	/* where offset 0 of the region is in it */
	bool pread;		/* no mmap: pread/pwrite of exactly the width */
};

/* One kind of region. Every function may be NULL where it has no use. */
struct region_backend {
	const char *name;
	const char *options;	/* what selects it, for messages: "-s/-d" */
	unsigned takes;		/* enum region_takes */
	/* Whether SPEC selects this kind. */
	bool (*selected)(const struct region_spec *s);
	/* Resolve SPEC into R (R is zeroed, bar -1). Touches nothing. */
	int (*resolve)(const struct region_spec *s, struct region *r,
		       struct error *e);
	/* Write this kind's regions matching SPEC (text, or JSON) to OUT. */
	int (*list)(const struct region_spec *s, bool json, FILE *out,
		    struct error *e);
	/*
	 * Open R's backing file with open(2) FLAGS (NULL: open r->path);
	 * returns the descriptor and fills O, or -1 with E filled (diagnosis
	 * included). O starts as R says (file_offset, pread for REGION_IO).
	 */
	int (*open)(const struct region *r, int flags, struct region_opened *o,
		    struct error *e);
	/* The descriptor open returned was closed: release what it held. */
	void (*close)(const struct region *r);
	/* The kernel refused R near OFF with ERR: add the likely cause. */
	void (*why_refused)(const struct region *r, uint64_t off, int err,
			    bool mapping, struct error *e);
	/* Every word read was all ones: add what explains it to E's hint. */
	void (*why_all_ones)(const struct region *r, struct error *e);
};

extern const struct region_backend region_pci, region_devmem, region_file,
	region_of, region_uio, region_iomem, region_vfio, region_config;

/*
 * Where libpci's warnings go, without a newline; NULL (the library's
 * default): nowhere. The tool prints them as "iomap: libpci: warning: ".
 */
extern void (*region_pci_warn)(const char *msg);

/*
 * Whether PATH is a sysfs resourceN of a PCI I/O BAR (which cannot be
 * mapped, only read and written with pread/pwrite).
 */
bool region_pci_is_io_file(const char *path);

/*
 * The bus address of the BAR whose sysfs resourceN (or resourceN_wc) file
 * PATH is, from the resource file beside it; false when PATH is none.
 */
bool region_pci_file_base(const char *path, uint64_t *base);

/* The PCI sysfs root S selects: --sysfs, else ROOT/sys/bus/pci. */
const char *region_pci_sysfs(const struct region_spec *s, char *buf,
			     size_t len);

/* The driver bound to the PCI device in DEV_DIR into BUF, or false. */
bool region_pci_driver(const char *dev_dir, char *buf, size_t len);

/*
 * The one PCI device that S's -s/-d select: its slot ("0000:00:04.0") into
 * SLOT and its sysfs directory into DEV_DIR (PATH_MAX). Touches nothing.
 */
int region_pci_select(const struct region_spec *s, char slot[32],
		      char *dev_dir, struct error *e);

/* What explains all ones from the PCI device of R (COMMAND, D-state). */
void region_pci_why_all_ones(const struct region *r, struct error *e);

/*
 * Hand R, resolved as a PCI BAR, over to VFIO (iomap(1), LOCKED-DOWN
 * MACHINES): the group, and
 * whether the BAR is mapped or read and written. Touches nothing.
 */
int region_vfio_resolve(const struct region_spec *s, struct region *r,
			struct error *e);

/* Whether vfio-pci would let a memory BAR at BASE of SIZE be mmapped. */
bool region_vfio_mmappable(uint64_t base, uint64_t size);

/* The IOMMU group of the PCI device in DEV_DIR, or -1 without one. */
long region_vfio_group(const char *dev_dir);

/* True when S names a region itself (any region option given). */
bool region_spec_given(const struct region_spec *s);

/* True when A and B select the same region the same way. */
bool region_spec_equal(const struct region_spec *a,
		       const struct region_spec *b);

/*
 * Take where to look (--sysroot, --sysfs, --mem, --pci-ids) from BASE
 * where S does not say: a script line selects a region, the command line
 * says where the kernel's files are.
 */
void region_spec_inherit(struct region_spec *s,
			 const struct region_spec *base);

/*
 * Check that S's options fit together (one region kind; -b, --wc, --size
 * only where they apply). Touches nothing.
 */
int region_spec_check(const struct region_spec *s, struct error *e);

/*
 * Under AT_SECURE, drop the options that name test paths (--sysroot,
 * --sysfs, --mem); say which into WARN (or "" when none); iomap(1), Privileges.
 */
void region_spec_secure(struct region_spec *s, char *warn, size_t len);

/*
 * Whether ST (a file about to be written or read in bulk) is R's own
 * backing file: the same device and inode, through any link.
 */
bool region_is_file(const struct region *r, const struct stat *st);

/* The backend S selects (/dev/mem when none). */
const struct region_backend *region_backend_of(const struct region_spec *s);

/* Resolve the region that S selects into R. Touches no device. */
int region_resolve(const struct region_spec *s, struct region *r,
		   struct error *e);

/* `list`: the regions of the kind S selects (PCI by default) to OUT. */
int region_list(const struct region_spec *s, bool json, FILE *out,
		struct error *e);

/* The address to print for region offset OFF (physical or offset). */
static inline uint64_t region_addr(const struct region *r, uint64_t off)
{
	return (r->flags & REGION_PHYS) ? r->phys + off : off;
}

/*
 * Refuse a WIDTH-byte access that R's pread/pwrite (PREAD) would split or
 * cannot make: 64-bit on an I/O BAR, or through VFIO's read/write.
 */
int region_check_width(const struct region *r, unsigned width, bool pread,
		       struct error *e);

/*
 * Check that COUNT words of WIDTH bytes from OFF are aligned and inside R.
 */
int region_check_access(const struct region *r, uint64_t off, unsigned width,
			uint64_t count, struct error *e);

/* The file standing for /dev/mem under S (--mem, else ROOT/dev/mem). */
const char *region_mem_path(const struct region_spec *s, char *buf,
			    size_t len);

/*
 * Whether R's /dev/mem is a file that --mem named rather than the
 * system's: a missing one is then a typo, not a kernel without /dev/mem.
 */
bool region_mem_named(const struct region *r);

#endif
