/* SPDX-License-Identifier: GPL-2.0-or-later */
/* UIO devices and their memory maps, as /sys/class/uio describes them. */
#ifndef IOMAP_UIO_H
#define IOMAP_UIO_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

/*
 * One map of a device (SYSFS/class/uio/uioN/maps/mapM). The kernel mmaps
 * map M of /dev/uioN at file offset M x page size, from the page that
 * holds ADDR; the device's registers start OFFSET bytes into that first
 * page. SIZE counts from the page start: uio_pdrv_genirq and its kin set
 * SIZE = page-aligned (OFFSET + the resource's size), so the bytes usable
 * from the registers' start are SIZE - OFFSET.
 */
struct uio_map {
	int index;		/* M */
	char name[128];		/* "" when the driver gave none */
	uint64_t addr, size, offset;
};

struct uio_device {
	int num;		/* N of uioN */
	char dev[24];		/* "uioN" */
	char name[128];		/* the driver's name for it */
	struct uio_map *maps;	/* by index */
	size_t nmaps;
};

/*
 * Every UIO device under SYSFS ("/sys") into a malloc'ed *OUT of *N, by
 * number, each with its maps by index (free with uio_list_free). No
 * SYSFS/class/uio is no device, not an error; an unreadable or malformed
 * name, addr, size or offset is an error naming the file.
 */
int uio_list(const char *sysfs, struct uio_device **out, size_t *n,
	     struct error *e);

void uio_list_free(struct uio_device *devs, size_t n);

/*
 * The index into DEVS of the one device SEL names: "uioN", "/dev/uioN", or
 * else its name. None or several is an error naming the candidates
 * (EXIT_USAGE).
 */
long uio_find_one(const struct uio_device *devs, size_t n, const char *sel,
		  struct error *e);

/*
 * Where M's registers lie for a page size of PAGE: *IN_PAGE bytes into the
 * map's first page, *LEN bytes long, at physical *PHYS. Kernels describe a
 * map that does not start on a page in two ways: ADDR page-aligned with
 * SIZE counted from the page (current uio_pdrv_genirq), or ADDR itself
 * unaligned with SIZE counted from it (older and vendor kernels; OFFSET is
 * then ADDR's place in its page, or 0). Anything else is an error.
 */
int uio_map_window(const struct uio_device *d, const struct uio_map *m,
		   uint64_t page, uint64_t *in_page, uint64_t *len,
		   uint64_t *phys, struct error *e);

/*
 * The index into D->maps of the map SEL picks: NULL picks map 0, a decimal
 * number map M, anything else the map of that name. None (or several of
 * that name) is an error naming the maps and quoting GIVEN (SEL as the user
 * typed it; NULL: SEL) (EXIT_USAGE).
 */
long uio_pick_map(const struct uio_device *d, const char *sel,
		  const char *given, struct error *e);

/* Parse a sysfs number: hexadecimal with or without "0x", up to 64 bits,
 * a newline at most after it. WHAT names it in messages. */
int uio_parse_hex(const char *text, size_t len, uint64_t *val,
		  const char *what, struct error *e);

#endif
