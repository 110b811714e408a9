// SPDX-License-Identifier: GPL-2.0-or-later
/* Listing UIO devices and their maps from sysfs, and picking one. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "uio.h"

#define UIO_FILE_MAX	4096	/* a sysfs attribute is at most a page */

int uio_parse_hex(const char *text, size_t len, uint64_t *val,
		  const char *what, struct error *e)
{
	size_t i = 0;
	uint64_t v = 0;

	if (len && text[len - 1] == '\n')
		len--;
	if (len >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
		i = 2;
	if (i == len)
		return error_set(e, EXIT_FAIL, "%s holds no number", what);
	for (; i < len; i++) {
		char c = text[i];
		unsigned d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return error_set(e, EXIT_FAIL, "%s is not a "
					 "hexadecimal number", what);
		if (v >> 60)
			return error_set(e, EXIT_FAIL, "%s is larger than 64 "
					 "bits", what);
		v = v << 4 | d;
	}
	*val = v;
	return 0;
}

/* The contents of file PATH (at most LEN - 1 bytes) into BUF; its length. */
static ssize_t read_small(const char *path, char *buf, size_t len,
			  struct error *e)
{
	size_t got = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);

	if (fd < 0)
		return error_set(e, EXIT_FAIL, "cannot read %s: %s", path,
				 strerror(errno));
	while (got < len) {
		ssize_t n = read(fd, buf + got, len - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int err = errno;

			close(fd);
			return error_set(e, EXIT_FAIL, "cannot read %s: %s",
					 path, strerror(err));
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	if (got == len)
		return error_set(e, EXIT_FAIL, "%s is larger than %zu bytes",
				 path, len - 1);
	buf[got] = '\0';
	return (ssize_t)got;
}

/* A one-line name file into BUF (newline dropped, NUL bytes refused). */
static int read_name(const char *path, char *buf, size_t len,
		     struct error *e)
{
	char text[UIO_FILE_MAX];
	ssize_t n = read_small(path, text, sizeof(text), e);

	if (n < 0)
		return -1;
	if (n && text[n - 1] == '\n')
		text[--n] = '\0';
	if (memchr(text, '\0', n) || memchr(text, '\n', n))
		return error_set(e, EXIT_FAIL, "%s is not one line of text",
				 path);
	snprintf(buf, len, "%s", text);
	return 0;
}

static int read_hex(const char *dir, const char *name, uint64_t *val,
		    struct error *e)
{
	char path[PATH_MAX], text[UIO_FILE_MAX];
	ssize_t n;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	n = read_small(path, text, sizeof(text), e);
	if (n < 0)
		return -1;
	return uio_parse_hex(text, (size_t)n, val, path, e);
}

/* N from "PREFIXN" (decimal, no sign or leading zero), or -1. */
static int number_after(const char *s, const char *prefix)
{
	size_t plen = strlen(prefix);
	const char *p = s + plen;
	long v = 0;

	if (strncmp(s, prefix, plen) != 0 || !*p ||
	    strspn(p, "0123456789") != strlen(p) || strlen(p) > 9 ||
	    (p[0] == '0' && p[1]))
		return -1;
	for (; *p; p++)
		v = v * 10 + (*p - '0');
	return (int)v;
}

static int by_number_map(const struct dirent **a, const struct dirent **b)
{
	return number_after((*a)->d_name, "map") -
	       number_after((*b)->d_name, "map");
}

static int by_number_uio(const struct dirent **a, const struct dirent **b)
{
	return number_after((*a)->d_name, "uio") -
	       number_after((*b)->d_name, "uio");
}

static int is_map(const struct dirent *d)
{
	return number_after(d->d_name, "map") >= 0;
}

static int is_uio(const struct dirent *d)
{
	return number_after(d->d_name, "uio") >= 0;
}

static void free_list(struct dirent **list, int n)
{
	for (int i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

/* The maps of device directory DIR into D. */
static int read_maps(const char *dir, struct uio_device *d, struct error *e)
{
	char maps[PATH_MAX], map[PATH_MAX + 64], file[PATH_MAX + 128];
	struct dirent **list;
	int n;

	snprintf(maps, sizeof(maps), "%s/maps", dir);
	n = scandir(maps, &list, is_map, by_number_map);
	if (n < 0)
		return errno == ENOENT ? 0 : error_set(e, EXIT_FAIL,
			"cannot read %s: %s", maps, strerror(errno));
	d->maps = calloc(n ? n : 1, sizeof(*d->maps));
	if (!d->maps) {
		free_list(list, n);
		return error_set(e, EXIT_FAIL, "out of memory");
	}
	for (int i = 0; i < n; i++) {
		struct uio_map *m = &d->maps[d->nmaps];

		snprintf(map, sizeof(map), "%s/%s", maps, list[i]->d_name);
		m->index = number_after(list[i]->d_name, "map");
		snprintf(file, sizeof(file), "%s/name", map);
		if ((access(file, F_OK) == 0 &&
		     read_name(file, m->name, sizeof(m->name), e)) ||
		    read_hex(map, "addr", &m->addr, e) ||
		    read_hex(map, "size", &m->size, e) ||
		    read_hex(map, "offset", &m->offset, e)) {
			free_list(list, n);
			return -1;
		}
		d->nmaps++;
	}
	free_list(list, n);
	return 0;
}

int uio_list(const char *sysfs, struct uio_device **out, size_t *n,
	     struct error *e)
{
	char class[PATH_MAX], dir[PATH_MAX + 32], file[PATH_MAX + 64];
	struct dirent **list;
	int count;

	*out = NULL;
	*n = 0;
	snprintf(class, sizeof(class), "%s/class/uio", sysfs);
	count = scandir(class, &list, is_uio, by_number_uio);
	if (count < 0)
		return errno == ENOENT ? 0 : error_set(e, EXIT_FAIL,
			"cannot read %s: %s", class, strerror(errno));
	*out = calloc(count ? count : 1, sizeof(**out));
	if (!*out) {
		free_list(list, count);
		return error_set(e, EXIT_FAIL, "out of memory");
	}
	for (int i = 0; i < count; i++) {
		struct uio_device *d = &(*out)[*n];

		d->num = number_after(list[i]->d_name, "uio");
		snprintf(d->dev, sizeof(d->dev), "uio%d", d->num);
		snprintf(dir, sizeof(dir), "%s/%s", class, list[i]->d_name);
		snprintf(file, sizeof(file), "%s/name", dir);
		(*n)++;
		if (read_name(file, d->name, sizeof(d->name), e) ||
		    read_maps(dir, d, e)) {
			free_list(list, count);
			uio_list_free(*out, *n);
			*out = NULL;
			*n = 0;
			return -1;
		}
	}
	free_list(list, count);
	return 0;
}

void uio_list_free(struct uio_device *devs, size_t n)
{
	for (size_t i = 0; devs && i < n; i++)
		free(devs[i].maps);
	free(devs);
}

/* "uio0 (dma), uio1 (timer)" for the devices in IDX (all when NULL). */
static void name_devices(const struct uio_device *devs, size_t n,
			 const size_t *idx, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && used < len; i++) {
		const struct uio_device *d = &devs[idx ? idx[i] : i];

		used += snprintf(buf + used, len - used, "%s%s (%s)",
				 i ? ", " : "", d->dev, d->name);
	}
}

long uio_find_one(const struct uio_device *devs, size_t n, const char *sel,
		  struct error *e)
{
	const char *dev = strncmp(sel, "/dev/", 5) == 0 ? sel + 5 : sel;
	size_t *idx, found = 0;
	char names[1024];

	for (size_t i = 0; i < n; i++)
		if (strcmp(devs[i].dev, dev) == 0)
			return (long)i;
	idx = calloc(n ? n : 1, sizeof(*idx));
	if (!idx)
		return error_set(e, EXIT_FAIL, "out of memory");
	for (size_t i = 0; i < n; i++)
		if (strcmp(devs[i].name, sel) == 0)
			idx[found++] = i;
	if (found == 1) {
		long i = (long)idx[0];

		free(idx);
		return i;
	}
	if (found > 1) {
		name_devices(devs, found, idx, names, sizeof(names));
		error_set(e, EXIT_USAGE, "%s names %zu UIO devices: %s", sel,
			  found, names);
		error_hint(e, "name one by uioN");
	} else if (n) {
		name_devices(devs, n, NULL, names, sizeof(names));
		error_set(e, EXIT_USAGE, "%s matches no UIO device (as uioN, "
			  "/dev/uioN or name)", sel);
		error_hint(e, "UIO devices present: %s", names);
	} else {
		error_set(e, EXIT_USAGE, "%s matches no UIO device: there are "
			  "none", sel);
	}
	free(idx);
	return -1;
}

/* "map0 (regs), map1" into BUF. */
static void name_maps(const struct uio_device *d, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < d->nmaps && used < len; i++)
		used += snprintf(buf + used, len - used, "%smap%d%s%s%s",
				 i ? ", " : "", d->maps[i].index,
				 d->maps[i].name[0] ? " (" : "",
				 d->maps[i].name,
				 d->maps[i].name[0] ? ")" : "");
}

int uio_map_window(const struct uio_device *d, const struct uio_map *m,
		   uint64_t page, uint64_t *in_page, uint64_t *len,
		   uint64_t *phys, struct error *e)
{
	uint64_t addr_in_page = m->addr & (page - 1);

	if (addr_in_page) {
		/* The older way: SIZE counts from ADDR itself. */
		if ((m->offset && m->offset != addr_in_page) || m->size == 0 ||
		    m->size > UINT64_MAX - addr_in_page ||
		    m->addr + m->size - 1 < m->addr)
			return error_set(e, EXIT_FAIL, "%s map%d: addr 0x%"
					 PRIx64 ", offset 0x%" PRIx64 " and "
					 "size 0x%" PRIx64 " do not make a "
					 "window (the page size is 0x%" PRIx64
					 ")", d->dev, m->index, m->addr,
					 m->offset, m->size, page);
		*in_page = addr_in_page;
		*len = m->size;
		*phys = m->addr;
		return 0;
	}
	if (m->offset >= page || m->size <= m->offset ||
	    m->addr + m->size - 1 < m->addr)
		return error_set(e, EXIT_FAIL, "%s map%d: offset 0x%" PRIx64
				 " and size 0x%" PRIx64 " do not make a window "
				 "(the page size is 0x%" PRIx64 ")", d->dev,
				 m->index, m->offset, m->size, page);
	*in_page = m->offset;
	*len = m->size - m->offset;
	*phys = m->addr + m->offset;
	return 0;
}

long uio_pick_map(const struct uio_device *d, const char *sel,
		  const char *given, struct error *e)
{
	bool number = !sel || (sel[0] && strspn(sel, "0123456789") ==
					 strlen(sel));
	char have[1024], map[32];
	size_t found = 0;
	long pick = -1;

	if (d->nmaps == 0)
		return error_set(e, EXIT_USAGE, "%s (%s) has no memory maps",
				 d->dev, d->name);
	if (number) {
		int num;

		snprintf(map, sizeof(map), "map%.20s", sel ? sel : "0");
		num = number_after(map, "map");
		for (size_t i = 0; i < d->nmaps && num >= 0; i++)
			if (d->maps[i].index == num)
				return (long)i;
	} else {
		for (size_t i = 0; i < d->nmaps && sel[0]; i++)
			if (strcmp(d->maps[i].name, sel) == 0 && found++ == 0)
				pick = (long)i;
		if (found == 1)
			return pick;
	}
	name_maps(d, have, sizeof(have));
	if (found > 1)
		return error_set(e, EXIT_USAGE, "%s (%s) has %zu maps named "
				 "\"%s\" (%s): pick one by number", d->dev,
				 d->name, found, sel, have);
	if (number)
		return error_set(e, EXIT_USAGE, "%s (%s) has no map %s (it "
				 "has %s)", d->dev, d->name, given ? given :
				 sel ? sel : "0", have);
	return error_set(e, EXIT_USAGE, "%s (%s) has no map named \"%s\" (it "
			 "has %s)", d->dev, d->name, sel, have);
}
