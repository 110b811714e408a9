// SPDX-License-Identifier: GPL-2.0-or-later
/* Region resolution: PCI lookup through libpci, minors, files, /dev/mem. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <pci/pci.h>

#include "format.h"
#include "minor.h"
#include "region.h"

/* libpci reports fatal errors through a hook that must not return. */
static void __attribute__((noreturn, format(printf, 1, 2)))
pci_fatal(char *msg, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("iomap: libpci: ", stderr);
	va_start(ap, msg);
	vfprintf(stderr, msg, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(EXIT_FAIL);
}

static void __attribute__((format(printf, 1, 2))) pci_warning(char *msg, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("iomap: libpci: warning: ", stderr);
	va_start(ap, msg);
	vfprintf(stderr, msg, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void __attribute__((format(printf, 1, 2))) pci_quiet(char *msg, ...)
{
	(void)msg;
}

static bool file_exists(const char *dir, const char *name, int index,
			const char *suffix)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s%d%s", dir, name, index, suffix);
	return access(path, F_OK) == 0;
}

static void fill_device(struct pci_access *pacc, struct pci_dev *d,
			const char *devdir, struct region_device *out)
{
	char *drv;

	memset(out, 0, sizeof(*out));
	snprintf(out->slot, sizeof(out->slot), "%04x:%02x:%02x.%d",
		 d->domain, d->bus, d->dev, d->func);
	out->vendor = d->vendor_id;
	out->device = d->device_id;
	out->class = d->device_class;
	pci_lookup_name(pacc, out->vendor_name, sizeof(out->vendor_name),
			PCI_LOOKUP_VENDOR, d->vendor_id);
	pci_lookup_name(pacc, out->device_name, sizeof(out->device_name),
			PCI_LOOKUP_DEVICE, d->vendor_id, d->device_id);
	pci_lookup_name(pacc, out->class_name, sizeof(out->class_name),
			PCI_LOOKUP_CLASS, d->device_class);
	drv = pci_get_string_property(d, PCI_FILL_DRIVER);
	if (drv)
		snprintf(out->driver, sizeof(out->driver), "%s", drv);

	for (int i = 0; i < 6; i++) {
		struct region_bar *b = &out->bars[out->nbars];
		pciaddr_t flags = d->flags[i];

		if (!d->size[i])
			continue;
		b->index = i;
		b->size = d->size[i];
		b->kind = (flags & PCI_IORESOURCE_IO) ? REGION_IO : REGION_MEM;
		if (b->kind == REGION_IO) {
			b->base = d->base_addr[i] & PCI_ADDR_IO_MASK;
		} else {
			b->base = d->base_addr[i] & PCI_ADDR_MEM_MASK;
			b->is64 = flags & PCI_IORESOURCE_MEM_64;
			b->prefetch = flags & PCI_IORESOURCE_PREFETCH;
		}
		b->has_file = file_exists(devdir, "resource", i, "");
		b->has_wc = file_exists(devdir, "resource", i, "_wc");
		out->nbars++;
	}
}

static int compare_devices(const void *a, const void *b)
{
	return strcmp(((const struct region_device *)a)->slot,
		      ((const struct region_device *)b)->slot);
}

static const char *sysfs_root(const struct options *o)
{
	return o->sysfs ? o->sysfs : DEFAULT_SYSFS;
}

/* Narrow FILTER with libpci's PARSE of ARG (given as OPT), if given. */
static int add_filter(struct pci_filter *filter,
		      char *(*parse)(struct pci_filter *, char *),
		      const char *opt, const char *arg, struct error *e)
{
	char *copy, *msg;

	if (!arg)
		return 0;
	copy = strdup(arg);	/* libpci's parsers write into it */
	msg = parse(filter, copy);
	free(copy);
	if (msg)
		return error_set(e, EXIT_USAGE, "%s %s: %s", opt, arg, msg);
	return 0;
}

int region_devices(const struct options *o, struct region_device **devs,
		   struct error *e)
{
	struct pci_access *pacc;
	struct pci_filter filter;
	struct pci_dev *d;
	int n = 0, cap = 16;

	pacc = pci_alloc();
	pacc->error = pci_fatal;
	pacc->warning = pci_warning;
	pacc->debug = pci_quiet;
	pacc->method = PCI_ACCESS_SYS_BUS_PCI;
	pci_set_param(pacc, "sysfs.path", (char *)sysfs_root(o));
	pci_set_param(pacc, "hwdb.disable", "1");
	pci_filter_init(pacc, &filter);
	if (add_filter(&filter, pci_filter_parse_slot, "-s", o->slot, e) ||
	    add_filter(&filter, pci_filter_parse_id, "-d", o->device, e)) {
		pci_cleanup(pacc);
		return -1;
	}
	if (access(sysfs_root(o), F_OK) != 0) {
		pci_cleanup(pacc);
		return error_set(e, EXIT_FAIL, "cannot read PCI devices in %s: %s",
				 sysfs_root(o), strerror(errno));
	}
	pci_init(pacc);
	pci_scan_bus(pacc);

	*devs = malloc(cap * sizeof(**devs));
	for (d = pacc->devices; d; d = d->next) {
		char devdir[PATH_MAX];

		pci_fill_info(d, PCI_FILL_IDENT | PCI_FILL_CLASS |
			      PCI_FILL_BASES | PCI_FILL_SIZES |
			      PCI_FILL_IO_FLAGS | PCI_FILL_DRIVER);
		if (!pci_filter_match(&filter, d))
			continue;
		if (n == cap) {
			cap *= 2;
			*devs = realloc(*devs, cap * sizeof(**devs));
		}
		snprintf(devdir, sizeof(devdir),
			 "%s/devices/%04x:%02x:%02x.%d", sysfs_root(o),
			 d->domain, d->bus, d->dev, d->func);
		fill_device(pacc, d, devdir, &(*devs)[n++]);
	}
	pci_cleanup(pacc);
	qsort(*devs, n, sizeof(**devs), compare_devices);
	return n;
}

/* "0000:00:03.0 (1234:11e8), 0000:00:04.0 (1b36:0005)" into BUF. */
static void name_candidates(const struct region_device *devs, int n,
			    char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int i = 0; i < n && used < len; i++)
		used += snprintf(buf + used, len - used, "%s%s (%04x:%04x)",
				 i ? ", " : "", devs[i].slot, devs[i].vendor,
				 devs[i].device);
}

static const char *selector(const struct options *o, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s%s%s%s", o->slot ? "-s " : "",
		 o->slot ? o->slot : "", o->slot && o->device ? " " : "",
		 o->device ? "-d " : "", o->device ? o->device : "");
	return buf;
}

static int pick_device(const struct options *o, struct region_device *out,
		       struct error *e)
{
	struct region_device *devs;
	char sel[256], names[1024];
	int n;

	n = region_devices(o, &devs, e);
	if (n < 0)
		return -1;
	if (n == 1) {
		*out = devs[0];
		free(devs);
		return 0;
	}
	selector(o, sel, sizeof(sel));
	if (n > 1) {
		name_candidates(devs, n, names, sizeof(names));
		free(devs);
		error_set(e, EXIT_USAGE, "%s matches %d PCI devices: %s", sel,
			  n, names);
		error_hint(e, "narrow it down with -s DOMAIN:BUS:DEV.FN");
		return -1;
	}
	free(devs);
	return region_no_match(o, e);
}

int region_no_match(const struct options *o, struct error *e)
{
	struct options all = *o;
	struct region_device *devs;
	char sel[256], names[1024];
	int n;

	all.slot = all.device = NULL;
	n = region_devices(&all, &devs, e);
	if (n < 0)
		return -1;
	name_candidates(devs, n, names, sizeof(names));
	free(devs);
	error_set(e, EXIT_USAGE, "%s matches no PCI device under %s",
		  selector(o, sel, sizeof(sel)), sysfs_root(o));
	if (n)
		error_hint(e, "devices present: %s", names);
	else
		error_hint(e, "no PCI devices are present there");
	return -1;
}

static const struct region_bar *pick_bar(const struct options *o,
					 const struct region_device *d,
					 struct error *e)
{
	char have[128] = "";
	size_t used = 0;

	for (int i = 0; i < d->nbars; i++) {
		const struct region_bar *b = &d->bars[i];

		if (o->bar < 0 ? b->kind == REGION_MEM : b->index == o->bar)
			return b;
		used += snprintf(have + used, sizeof(have) - used, "%sBAR%d",
				 i ? ", " : "", b->index);
	}
	if (o->bar < 0)
		error_set(e, EXIT_USAGE, "%s has no memory BAR%s%s", d->slot,
			  d->nbars ? "; choose an I/O BAR with -b: " : "",
			  have);
	else
		error_set(e, EXIT_USAGE, "%s has no BAR%d (it has %s)", d->slot,
			  o->bar, d->nbars ? have : "none");
	return NULL;
}

static int resolve_pci(const struct options *o, struct region *r,
		       struct error *e)
{
	const char *mem = o->mem ? o->mem : DEFAULT_MEM;
	struct region_device dev;
	const struct region_bar *b;
	long page = sysconf(_SC_PAGESIZE);

	if (pick_device(o, &dev, e))
		return -1;
	b = pick_bar(o, &dev, e);
	if (!b)
		return -1;
	snprintf(r->slot, sizeof(r->slot), "%s", dev.slot);
	snprintf(r->pci_dir, sizeof(r->pci_dir), "%s/devices/%s",
		 sysfs_root(o), dev.slot);
	snprintf(r->name, sizeof(r->name), "%s BAR%d", dev.slot, b->index);
	r->flags = REGION_PCI | (b->prefetch ? REGION_PREFETCH : 0) |
		   (b->is64 ? REGION_64BIT : 0);
	r->kind = b->kind;
	r->bar = b->index;
	r->phys = b->base;
	r->size = b->size;

	if (o->wc) {
		if (b->kind == REGION_IO || !b->prefetch)
			return error_set(e, EXIT_USAGE,
				"--wc: %s is not a prefetchable memory BAR, "
				"so it has no write-combining mapping",
				r->name);
		if (!b->has_wc)
			return error_set(e, EXIT_FAIL,
				"--wc: %s/resource%d_wc does not exist",
				r->pci_dir, b->index);
	}
	if (b->has_file) {
		snprintf(r->path, sizeof(r->path), "%s/resource%d%s",
			 r->pci_dir, b->index, o->wc ? "_wc" : "");
		/* sysfs maps from the page that holds the BAR's start. */
		r->file_offset = b->kind == REGION_MEM ? b->base % page : 0;
		return 0;
	}
	if (b->kind == REGION_IO) {
		error_set(e, EXIT_FAIL, "%s is an I/O BAR and %s/resource%d "
			  "does not exist", r->name, r->pci_dir, b->index);
		error_hint(e, "I/O BARs can only be reached through resourceN;"
			   " the kernel did not offer one for this device");
		return -1;
	}
	/* No resourceN: reach the memory BAR through /dev/mem. */
	snprintf(r->path, sizeof(r->path), "%s", mem);
	r->file_offset = b->base;
	r->flags |= REGION_DEVMEM;
	return 0;
}

static int resolve_minor(const struct options *o, struct region *r,
			 struct error *e)
{
	const char *why;

	why = minor_decode(o->minor, o->minor_format, &r->phys, &r->size);
	if (why)
		return error_set(e, EXIT_USAGE, "-m 0x%06" PRIx64
				 ": not a valid %s minor number: %s", o->minor,
				 minor_format_name(o->minor_format), why);
	snprintf(r->path, sizeof(r->path), "%s", o->mem ? o->mem : DEFAULT_MEM);
	snprintf(r->name, sizeof(r->name), "minor 0x%06" PRIx64
		 " (0x%08" PRIx64 "-0x%08" PRIx64 ")", o->minor, r->phys,
		 r->phys + r->size - 1);
	r->file_offset = r->phys;
	r->flags = REGION_PHYS | REGION_DEVMEM;
	return 0;
}

/*
 * Whether PATH is a sysfs resourceN of an I/O BAR: its directory's
 * resource file flags line N with IORESOURCE_IO.
 */
static bool is_io_resource_file(const char *path)
{
	const char *base = strrchr(path, '/');
	char dir[PATH_MAX], line[128], end;
	unsigned long long start, last, flags;
	unsigned index;
	FILE *f;
	bool io = false;

	if (!base || sscanf(base + 1, "resource%u%c", &index, &end) != 1)
		return false;
	snprintf(dir, sizeof(dir), "%.*s/resource", (int)(base - path), path);
	f = fopen(dir, "r");
	if (!f)
		return false;
	for (unsigned i = 0; fgets(line, sizeof(line), f); i++)
		if (i == index) {
			io = sscanf(line, "%llx %llx %llx", &start, &last,
				    &flags) == 3 && (flags & PCI_IORESOURCE_IO);
			break;
		}
	fclose(f);
	return io;
}

static int resolve_file(const struct options *o, struct region *r,
			struct error *e)
{
	struct stat st;

	if (stat(o->file, &st) != 0)
		return error_set(e, EXIT_FAIL, "-f %s: %s", o->file,
				 strerror(errno));
	if (S_ISDIR(st.st_mode))
		return error_set(e, EXIT_USAGE, "-f %s: is a directory",
				 o->file);
	snprintf(r->path, sizeof(r->path), "%s", o->file);
	snprintf(r->name, sizeof(r->name), "%s", o->file);
	if (o->size_set)
		r->size = o->size;
	else if (S_ISREG(st.st_mode) && st.st_size > 0)
		r->size = st.st_size;
	else
		return error_set(e, EXIT_USAGE, "-f %s: its size is unknown "
				 "(%s); give it with --size", o->file,
				 S_ISREG(st.st_mode) ? "empty file"
						     : "not a regular file");
	if (r->size == 0)
		return error_set(e, EXIT_USAGE, "--size must not be 0");
	if (is_io_resource_file(o->file))
		r->kind = REGION_IO;	/* pread/pwrite: it cannot be mapped */
	return 0;
}

int region_resolve(const struct options *o, struct region *r,
		   struct error *e)
{
	memset(r, 0, sizeof(*r));
	snprintf(r->sysfs, sizeof(r->sysfs), "%s", sysfs_root(o));
	r->bar = -1;
	r->kind = REGION_MEM;
	if (o->slot || o->device)
		return resolve_pci(o, r, e);
	if (o->minor_set)
		return resolve_minor(o, r, e);
	if (o->file)
		return resolve_file(o, r, e);
	snprintf(r->path, sizeof(r->path), "%s", o->mem ? o->mem : DEFAULT_MEM);
	snprintf(r->name, sizeof(r->name), "%s", r->path);
	r->size = UINT64_MAX;
	r->flags = REGION_PHYS | REGION_DEVMEM;
	return 0;
}

int region_check_access(const struct region *r, uint64_t off, unsigned width,
			uint64_t count, struct error *e)
{
	char sz[32];

	if (off % width)
		return error_set(e, EXIT_USAGE, "offset 0x%" PRIx64
				 " is not aligned to the %u-bit access width",
				 off, width * 8);
#if UINTPTR_MAX < UINT64_MAX
	/* A 32-bit CPU would split a 64-bit load or store in two. */
	if (width == 8)
		return error_set(e, EXIT_USAGE, "64-bit accesses need a 64-bit "
				 "build of iomap: this one would split them");
#endif
	if (r->kind == REGION_IO && width == 8)
		return error_set(e, EXIT_USAGE, "%s is an I/O BAR: 64-bit "
				 "access is not possible (use -w 8, 16 or 32)",
				 r->name);
	if (count > (UINT64_MAX - off) / width ||
	    off + count * width > r->size) {
		if (r->size == UINT64_MAX)
			return error_set(e, EXIT_USAGE, "access at 0x%" PRIx64
					 " runs past the end of the address "
					 "space", off);
		format_size(sz, sizeof(sz), r->size);
		return error_set(e, EXIT_USAGE, "%" PRIu64 " %u-bit word%s at "
				 "offset 0x%" PRIx64 " would run past the end "
				 "of %s (size 0x%" PRIx64 ", %s)", count,
				 width * 8, count == 1 ? "" : "s", off,
				 r->name, r->size, sz);
	}
	return 0;
}
