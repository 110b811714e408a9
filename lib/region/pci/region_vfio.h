/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Binding PCI devices to vfio-pci and back, and who holds a VFIO group. */
#ifndef IOMAP_REGION_VFIO_H
#define IOMAP_REGION_VFIO_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "region_spec.h"

/* How vfio-bind and vfio-unbind write sysfs. */
struct vfio_bind_how {
	bool trace;	/* each write to stderr as an `echo` line, and made */
	bool dry_run;	/* each write to stderr, none made */
};

/* The device vfio-bind or vfio-unbind worked on, and its drivers. */
struct vfio_binding {
	char slot[32];
	char dev_dir[PATH_MAX];
	char sysfs[PATH_MAX];	/* the PCI sysfs root */
	char before[64];	/* the driver it had ("" for none) */
	char after[64];		/* the driver it has now ("" for none) */
};

/*
 * Bind the device S selects to vfio-pci (BIND), or give it back to its
 * default driver: driver_override, unbind, drivers_probe. Everything is
 * checked first; a refusal changes nothing. NOTES gets "note: ..." lines
 * (a group VFIO cannot use yet, nothing to do).
 */
int region_vfio_bind(const struct region_spec *s, bool bind,
		     const struct vfio_bind_how *how, struct vfio_binding *b,
		     struct error *notes, struct error *e);

/*
 * The processes (other than this one) with the VFIO group file DEV
 * ("/dev/vfio/1") open, from ROOT/proc: "process 123 (qemu), ..." into
 * BUF; their count.
 */
size_t region_vfio_users(const char *root, const char *dev, char *buf,
			 size_t len);

#endif
