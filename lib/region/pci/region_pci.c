// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * PCI BARs (-s, -d, -b, --wc): the only file that uses libpci, and all the
 * reading of PCI sysfs, including what the diagnoses need.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <pci/pci.h>

#include "caller.h"
#include "format.h"
#include "region.h"
#include "sysroot.h"
#include "xalloc.h"

/* One BAR of a PCI device, as sysfs describes it. */
struct pci_bar {
	int index;
	uint64_t base, size;
	enum region_kind kind;
	bool is64, prefetch;
	bool has_file, has_wc;	/* resourceN, resourceN_wc exist */
};

/* A PCI device, as `list` shows it. */
struct pci_device {
	char slot[32];
	unsigned vendor, device, class;
	char vendor_name[128], device_name[256], class_name[128];
	char driver[64];	/* "" when none is bound */
	long iommu_group;	/* -1 when it has none */
	struct pci_bar bars[6];
	int nbars;
};

/* What a lookup needs: names only for `list`, the driver only there too. */
enum {
	FIND_NAMES = 1,
};

/*
 * libpci reports fatal errors (a sysfs file it cannot open or parse) through
 * a hook that must not return. It must not end a shell or a script either:
 * within pci_find() the hook jumps back there with the message, which
 * becomes an ordinary error; anywhere else it exits.
 */
/* Some of libpci's messages end in a newline: ours add their own. */
static void strip_newlines(char *msg)
{
	size_t n = strlen(msg);

	while (n && msg[n - 1] == '\n')
		msg[--n] = '\0';
}

static sigjmp_buf pci_jump;
static bool pci_jump_armed;
static char pci_fatal_msg[256];
static struct pci_dev *pci_filling;	/* find_exact()'s device, to free */

static void __attribute__((noreturn, format(printf, 1, 2)))
pci_fatal(char *msg, ...)
{
	va_list ap;

	va_start(ap, msg);
	vsnprintf(pci_fatal_msg, sizeof(pci_fatal_msg), msg, ap);
	va_end(ap);
	strip_newlines(pci_fatal_msg);
	if (pci_jump_armed) {
		pci_jump_armed = false;
		siglongjmp(pci_jump, 1);
	}
	warnmsg("libpci: %s", pci_fatal_msg);
	exit(EXIT_FAIL);
}

void (*region_pci_warn)(const char *msg);

/* libpci's warnings go to region_pci_warn (the tool prints them). */
static void __attribute__((format(printf, 1, 2))) pci_warning(char *msg, ...)
{
	char text[512];
	va_list ap;

	if (!region_pci_warn)
		return;
	va_start(ap, msg);
	vsnprintf(text, sizeof(text), msg, ap);
	va_end(ap);
	strip_newlines(text);
	region_pci_warn(text);
}

static void __attribute__((format(printf, 1, 2))) pci_quiet(char *msg, ...)
{
	(void)msg;
}

const char *region_pci_sysfs(const struct region_spec *s, char *buf,
			     size_t len)
{
	if (s->sysfs) {
		snprintf(buf, len, "%s", s->sysfs);
		return buf;
	}
	return sysroot_path(buf, len, s->sysroot, "/sys/bus/pci");
}

static bool file_exists(const char *dir, const char *name, int index,
			const char *suffix)
{
	char path[PATH_MAX + 32];

	snprintf(path, sizeof(path), "%s/%s%d%s", dir, name, index, suffix);
	return access(path, F_OK) == 0;
}

/*
 * The name libpci is to open --pci-ids FILE by, into BUF: FILE itself, or
 * under AT_SECURE the descriptor it was opened on with the caller's rights
 * (libpci opens the same file again, not what the name may point to now).
 */
static int pci_ids_open(const char *file, char *buf, size_t len)
{
	static int fd = -1;

	if (!caller_secure()) {
		snprintf(buf, len, "%s", file);
		return access(file, R_OK);
	}
	if (fd >= 0)
		close(fd);
	fd = caller_open(file, O_RDONLY | O_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	snprintf(buf, len, "/proc/self/fd/%d", fd);
	return 0;
}

/* A libpci handle on S's sysfs tree; names come from --pci-ids if given. */
static struct pci_access *pci_open(const struct region_spec *s,
				   struct error *e)
{
	struct pci_access *pacc;
	char sysfs[PATH_MAX], devices[PATH_MAX + 16], ids[PATH_MAX];

	region_pci_sysfs(s, sysfs, sizeof(sysfs));
	snprintf(devices, sizeof(devices), "%s/devices", sysfs);
	if (access(devices, F_OK) != 0) {
		error_set(e, EXIT_FAIL, "cannot read PCI devices in %s: %s",
			  sysfs, strerror(errno));
		return NULL;
	}
	if (s->pci_ids && pci_ids_open(s->pci_ids, ids, sizeof(ids))) {
		error_set(e, EXIT_USAGE, "--pci-ids %s: %s", s->pci_ids,
			  strerror(errno));
		return NULL;
	}
	pacc = pci_alloc();
	pacc->error = pci_fatal;
	pacc->warning = pci_warning;
	pacc->debug = pci_quiet;
	pacc->method = PCI_ACCESS_SYS_BUS_PCI;
	/* No ~/.pciids-cache (and its passwd lookup), no network. */
	pacc->id_lookup_mode = 0;
	pci_set_param(pacc, "sysfs.path", sysfs);
	pci_set_param(pacc, "hwdb.disable", "1");
	if (s->pci_ids)
		pci_set_name_list_path(pacc, xstrdup(ids), 1);
	pci_init(pacc);
	return pacc;
}

/* Narrow FILTER with libpci's PARSE of ARG (given as OPT), if given. */
static int add_filter(struct pci_filter *filter,
		      char *(*parse)(struct pci_filter *, char *),
		      const char *opt, const char *arg, struct error *e)
{
	char *copy, *msg;

	if (!arg)
		return 0;
	copy = xstrdup(arg);	/* libpci's parsers write into it */
	msg = parse(filter, copy);
	free(copy);
	if (msg)
		return error_set(e, EXIT_USAGE, "%s %s: %s", opt, arg, msg);
	return 0;
}

static void fill_device(struct pci_access *pacc, struct pci_dev *d,
			const char *sysfs, unsigned how, struct pci_device *out)
{
	char devdir[PATH_MAX + 64];
	char *drv;

	memset(out, 0, sizeof(*out));
	snprintf(out->slot, sizeof(out->slot), "%04x:%02x:%02x.%d",
		 d->domain, d->bus, d->dev, d->func);
	snprintf(devdir, sizeof(devdir), "%s/devices/%s", sysfs, out->slot);
	out->vendor = d->vendor_id;
	out->device = d->device_id;
	out->class = d->device_class;
	if (how & FIND_NAMES) {
		/* Only `list` prints names: pci.ids is read only then. */
		pci_lookup_name(pacc, out->vendor_name,
				sizeof(out->vendor_name), PCI_LOOKUP_VENDOR,
				d->vendor_id);
		pci_lookup_name(pacc, out->device_name,
				sizeof(out->device_name), PCI_LOOKUP_DEVICE,
				d->vendor_id, d->device_id);
		pci_lookup_name(pacc, out->class_name, sizeof(out->class_name),
				PCI_LOOKUP_CLASS, d->device_class);
		drv = pci_get_string_property(d, PCI_FILL_DRIVER);
		if (drv)
			snprintf(out->driver, sizeof(out->driver), "%s", drv);
	}
	out->iommu_group = (how & FIND_NAMES) ? region_vfio_group(devdir) : -1;

	for (int i = 0; i < 6; i++) {
		struct pci_bar *b = &out->bars[out->nbars];
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
	return strcmp(((const struct pci_device *)a)->slot,
		      ((const struct pci_device *)b)->slot);
}

/* The fields a device is filled with. */
static unsigned fill_flags(unsigned how)
{
	return PCI_FILL_IDENT | PCI_FILL_CLASS | PCI_FILL_BASES |
	       PCI_FILL_SIZES | PCI_FILL_IO_FLAGS |
	       ((how & FIND_NAMES) ? PCI_FILL_DRIVER : 0);
}

/*
 * An exact slot (BUS:DEV.FN, with or without the domain) is looked up
 * directly, without scanning every device: the hot path of a shell loop.
 * Returns the number of devices found (0 or 1, or 2 for an ambiguous
 * domain), or -1 when FILTER is not exact.
 */
static int find_exact(struct pci_access *pacc, const struct pci_filter *f,
		      const char *sysfs, unsigned how, struct pci_device *out)
{
	char dir[PATH_MAX + 16], name[32];
	int domain = f->domain, found = 0;
	struct pci_dev *d;

	if (f->bus < 0 || f->slot < 0 || f->func < 0 || f->vendor >= 0 ||
	    f->device >= 0 || f->device_class >= 0 || f->prog_if >= 0)
		return -1;
	snprintf(dir, sizeof(dir), "%s/devices", sysfs);
	if (domain < 0) {
		/* Any domain: which ones hold BUS:DEV.FN? */
		DIR *dp = opendir(dir);
		struct dirent *de;

		if (!dp)
			return -1;
		while ((de = readdir(dp))) {
			unsigned dom, bus, dev, fn;
			char end;

			if (sscanf(de->d_name, "%x:%x:%x.%u%c", &dom, &bus,
				   &dev, &fn, &end) == 4 &&
			    (int)bus == f->bus && (int)dev == f->slot &&
			    (int)fn == f->func) {
				domain = (int)dom;
				found++;
			}
		}
		closedir(dp);
		if (found != 1)
			return found;
	} else {
		snprintf(name, sizeof(name), "%04x:%02x:%02x.%d", domain,
			 f->bus, f->slot, f->func);
		if (strlen(dir) + strlen(name) + 2 > sizeof(dir))
			return 0;
		strcat(strcat(dir, "/"), name);
		if (access(dir, F_OK) != 0)
			return 0;
	}
	d = pci_filling = pci_get_dev(pacc, domain, f->bus, f->slot, f->func);
	pci_fill_info(d, fill_flags(how));
	fill_device(pacc, d, sysfs, how, out);
	pci_filling = NULL;
	pci_free_dev(d);
	return 1;
}

/*
 * pci_find()'s work, with the libpci handle it opens in *PACCP (for
 * pci_find() to clean up should libpci give up half-way).
 */
static int pci_find_devices(const struct region_spec *s, unsigned how,
			    struct pci_access **paccp,
			    struct pci_device **devs, struct error *e)
{
	struct pci_access *pacc;
	struct pci_filter filter;
	struct pci_dev *d;
	char sysfs[PATH_MAX];
	int n = 0, cap = 16;

	pacc = *paccp = pci_open(s, e);
	if (!pacc)
		return -1;
	region_pci_sysfs(s, sysfs, sizeof(sysfs));
	pci_filter_init(pacc, &filter);
	if (add_filter(&filter, pci_filter_parse_slot, "-s", s->slot, e) ||
	    add_filter(&filter, pci_filter_parse_id, "-d", s->device, e)) {
		pci_cleanup(pacc);
		return -1;
	}
	*devs = xcalloc((size_t)cap, sizeof(**devs));
	n = find_exact(pacc, &filter, sysfs, how, *devs);
	if (n >= 0 && n <= 1) {
		pci_cleanup(pacc);
		return n;
	}
	n = 0;
	pci_scan_bus(pacc);
	for (d = pacc->devices; d; d = d->next) {
		pci_fill_info(d, fill_flags(how));
		if (!pci_filter_match(&filter, d))
			continue;
		if (n == cap) {
			cap *= 2;
			*devs = xreallocarray(*devs, (size_t)cap,
					      sizeof(**devs));
		}
		fill_device(pacc, d, sysfs, how, &(*devs)[n++]);
	}
	pci_cleanup(pacc);
	qsort(*devs, (size_t)n, sizeof(**devs), compare_devices);
	return n;
}

/*
 * The PCI devices matching S's -s/-d filters (all without them), sorted by
 * slot, into a malloc'ed *DEVS. Returns the count, or -1 (also when libpci
 * found the sysfs tree broken).
 */
static int pci_find(const struct region_spec *s, unsigned how,
		    struct pci_device **devs, struct error *e)
{
	static struct pci_access *pacc;
	int n;

	pacc = NULL;
	*devs = NULL;
	if (sigsetjmp(pci_jump, 0)) {
		/* pacc and *devs are in memory: libpci's calls saw them. */
		free(*devs);
		*devs = NULL;
		if (pci_filling)
			pci_free_dev(pci_filling);
		pci_filling = NULL;
		if (pacc)
			pci_cleanup(pacc);
		return error_set(e, EXIT_FAIL, "libpci: %s", pci_fatal_msg);
	}
	pci_jump_armed = true;
	n = pci_find_devices(s, how, &pacc, devs, e);
	pci_jump_armed = false;
	return n;
}

/* "0000:00:03.0 (1234:11e8), 0000:00:04.0 (1b36:0005)" into BUF. */
static void name_candidates(const struct pci_device *devs, int n,
			    char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int i = 0; i < n && used < len; i++)
		used += snprintf(buf + used, len - used, "%s%s (%04x:%04x)",
				 i ? ", " : "", devs[i].slot, devs[i].vendor,
				 devs[i].device);
}

static const char *selector(const struct region_spec *s, char *buf,
			    size_t len)
{
	snprintf(buf, len, "%s%s%s%s%s", s->slot ? "-s " : "",
		 s->slot ? s->slot : "", s->slot && s->device ? " " : "",
		 s->device ? "-d " : "", s->device ? s->device : "");
	return buf;
}

/* Fill E for -s/-d matching nothing, naming the devices present. */
static int no_match(const struct region_spec *s, struct error *e)
{
	struct region_spec all = *s;
	struct pci_device *devs;
	char sel[256], names[1024], sysfs[PATH_MAX];
	int n;

	all.slot = all.device = NULL;
	n = pci_find(&all, 0, &devs, e);
	if (n < 0)
		return -1;
	name_candidates(devs, n, names, sizeof(names));
	free(devs);
	error_set(e, EXIT_USAGE, "%s matches no PCI device under %s",
		  selector(s, sel, sizeof(sel)),
		  region_pci_sysfs(s, sysfs, sizeof(sysfs)));
	if (n)
		error_hint(e, "devices present: %s", names);
	else
		error_hint(e, "no PCI devices are present there");
	return -1;
}

static int pick_device(const struct region_spec *s, struct pci_device *out,
		       struct error *e)
{
	struct pci_device *devs;
	char sel[256], names[1024];
	int n;

	n = pci_find(s, 0, &devs, e);
	if (n < 0)
		return -1;
	if (n == 1) {
		*out = devs[0];
		free(devs);
		return 0;
	}
	if (n == 0) {
		free(devs);
		return no_match(s, e);
	}
	name_candidates(devs, n, names, sizeof(names));
	free(devs);
	error_set(e, EXIT_USAGE, "%s matches %d PCI devices: %s",
		  selector(s, sel, sizeof(sel)), n, names);
	error_hint(e, "narrow it down with -s DOMAIN:BUS:DEV.FN");
	return -1;
}

int region_pci_select(const struct region_spec *s, char slot[32],
		      char *dev_dir, struct error *e)
{
	struct pci_device dev;
	char sysfs[PATH_MAX];

	if (!s->slot && !s->device)
		return error_set(e, EXIT_USAGE, "choose the PCI device with -s "
				 "or -d");
	if (pick_device(s, &dev, e))
		return -1;
	region_pci_sysfs(s, sysfs, sizeof(sysfs));
	snprintf(slot, 32, "%s", dev.slot);
	snprintf(dev_dir, PATH_MAX, "%.*s/devices/%s", PATH_MAX - 64, sysfs,
		 dev.slot);
	return 0;
}

static const struct pci_bar *pick_bar(const struct region_spec *s,
				      const struct pci_device *d,
				      struct error *e)
{
	char have[128] = "";
	size_t used = 0;

	if (s->bar > 5) {
		snprintf(have, sizeof(have), "%d", s->bar);
		error_set(e, EXIT_USAGE, "invalid BAR '%s': BARs are 0 to 5",
			  s->bar_arg ? s->bar_arg : have);
		return NULL;
	}
	for (int i = 0; i < d->nbars; i++) {
		const struct pci_bar *b = &d->bars[i];

		if (s->bar < 0 ? b->kind == REGION_MEM : b->index == s->bar)
			return b;
		used += snprintf(have + used, sizeof(have) - used, "%sBAR%d",
				 i ? ", " : "", b->index);
	}
	if (s->bar < 0)
		error_set(e, EXIT_USAGE, "%s has no memory BAR%s%s", d->slot,
			  d->nbars ? "; choose an I/O BAR with -b: " : "",
			  have);
	else
		error_set(e, EXIT_USAGE, "%s has no BAR%d (it has %s)", d->slot,
			  s->bar, d->nbars ? have : "none");
	return NULL;
}

static bool pci_selected(const struct region_spec *s)
{
	return (s->slot || s->device) && !s->config;
}

static int pci_resolve(const struct region_spec *s, struct region *r,
		       struct error *e)
{
	struct pci_device dev;
	const struct pci_bar *b;
	char sysfs[PATH_MAX], driver[64];
	long page = sysconf(_SC_PAGESIZE);

	if (pick_device(s, &dev, e))
		return -1;
	b = pick_bar(s, &dev, e);
	if (!b)
		return -1;
	region_pci_sysfs(s, sysfs, sizeof(sysfs));
	snprintf(r->slot, sizeof(r->slot), "%s", dev.slot);
	snprintf(r->dev_dir, sizeof(r->dev_dir), "%.*s/devices/%s",
		 (int)(sizeof(r->dev_dir) - 64), sysfs, dev.slot);
	snprintf(r->name, sizeof(r->name), "%s BAR%d", dev.slot, b->index);
	r->flags = REGION_PCI | (b->prefetch ? REGION_PREFETCH : 0) |
		   (b->is64 ? REGION_64BIT : 0) |
		   (b->kind == REGION_IO ? REGION_IOBAR : 0);
	r->kind = b->kind;
	r->bar = b->index;
	r->phys = b->base;
	r->size = b->size;

	/* --vfio, or a device vfio-pci holds: VFIO (iomap(1)). */
	if (s->vfio || (region_pci_driver(r->dev_dir, driver, sizeof(driver))
			&& strcmp(driver, "vfio-pci") == 0)) {
		if (s->wc)
			return error_set(e, EXIT_USAGE, "--wc: %s is bound "
					 "to vfio-pci, and VFIO maps BARs "
					 "uncached (vfio-unbind it to use "
					 "resource%d_wc)", dev.slot, b->index);
		return region_vfio_resolve(s, r, e);
	}

	if (s->wc) {
		if (b->kind == REGION_IO || !b->prefetch)
			return error_set(e, EXIT_USAGE,
				"--wc: %s is not a prefetchable memory BAR, "
				"so it has no write-combining mapping",
				r->name);
		if (!b->has_wc)
			return error_set(e, EXIT_FAIL,
				"--wc: %s/resource%d_wc does not exist",
				r->dev_dir, b->index);
	}
	if (b->has_file) {
		snprintf(r->path, sizeof(r->path), "%.*s/resource%d%s",
			 (int)(sizeof(r->path) - 32), r->dev_dir, b->index,
			 s->wc ? "_wc" : "");
		/* sysfs maps from the page that holds the BAR's start. */
		r->file_offset = b->kind == REGION_MEM
				 ? b->base % (uint64_t)page : 0;
		return 0;
	}
	if (b->kind == REGION_IO) {
		error_set(e, EXIT_FAIL, "%s is an I/O BAR and %s/resource%d "
			  "does not exist", r->name, r->dev_dir, b->index);
		error_hint(e, "I/O BARs can only be reached through resourceN;"
			   " the kernel did not offer one for this device");
		return -1;
	}
	/* No resourceN: reach the memory BAR through /dev/mem. */
	region_mem_path(s, r->path, sizeof(r->path));
	r->file_offset = b->base;
	r->flags |= REGION_DEVMEM;
	return 0;
}

static void print_bar(FILE *out, const struct pci_bar *b, bool vfio)
{
	char type[24], size[32], how[64];

	snprintf(type, sizeof(type), "%s%s",
		 b->kind == REGION_IO ? "io" : b->is64 ? "mem64" : "mem32",
		 b->prefetch ? " prefetch" : "");
	format_size(size, sizeof(size), b->size);
	if (vfio)
		snprintf(how, sizeof(how), "%s VFIO", b->kind == REGION_MEM &&
			 region_vfio_mmappable(b->base, b->size)
			 ? "mmap" : "pread/pwrite");
	else if (b->kind == REGION_IO && b->has_file)
		snprintf(how, sizeof(how), "pread/pwrite resource%d",
			 b->index);
	else if (b->kind == REGION_IO)
		snprintf(how, sizeof(how), "no access (no resource%d)",
			 b->index);
	else if (b->has_file)
		snprintf(how, sizeof(how), "mmap resource%d%s", b->index,
			 b->has_wc ? " wc" : "");
	else
		snprintf(how, sizeof(how), "mmap /dev/mem (no resource%d)",
			 b->index);
	fprintf(out, "\tBAR%d %-14s 0x%0*" PRIx64 " size 0x%" PRIx64
		" (%s) %s\n", b->index, type, b->base > 0xffffffff ? 16 : 8,
		b->base, b->size, size, how);
}

static void json_bar(FILE *out, const struct pci_bar *b, bool first)
{
	fprintf(out, "%s{\"index\":%d,\"type\":\"%s\",\"bits\":%s,"
		"\"prefetchable\":%s,\"base\":\"0x%" PRIx64 "\","
		"\"size\":\"0x%" PRIx64 "\",\"resource\":%s,\"wc\":%s}",
		first ? "" : ",", b->index,
		b->kind == REGION_IO ? "io" : "mem",
		b->kind == REGION_IO ? "null" : b->is64 ? "64" : "32",
		b->prefetch ? "true" : "false", b->base, b->size,
		b->has_file ? "true" : "false", b->has_wc ? "true" : "false");
}

static void json_device(FILE *out, const struct pci_device *d, bool first)
{
	fprintf(out, "%s{\"slot\":\"%s\",\"vendor\":\"0x%04x\","
		"\"device\":\"0x%04x\",\"class\":\"0x%04x\","
		"\"vendor_name\":", first ? "" : ",", d->slot, d->vendor,
		d->device, d->class);
	format_json_string(out, d->vendor_name);
	fprintf(out, ",\"device_name\":");
	format_json_string(out, d->device_name);
	fprintf(out, ",\"class_name\":");
	format_json_string(out, d->class_name);
	fprintf(out, ",\"driver\":");
	if (d->driver[0])
		format_json_string(out, d->driver);
	else
		fprintf(out, "null");
	if (d->iommu_group >= 0)
		fprintf(out, ",\"iommu_group\":%ld", d->iommu_group);
	else
		fprintf(out, ",\"iommu_group\":null");
	fprintf(out, ",\"bars\":[");
	for (int b = 0; b < d->nbars; b++)
		json_bar(out, &d->bars[b], b == 0);
	fprintf(out, "]}");
}

static int pci_list(const struct region_spec *s, bool json, FILE *out,
		    struct error *e)
{
	struct pci_device *devs;
	int n;

	n = pci_find(s, FIND_NAMES, &devs, e);
	if (n < 0)
		return -1;
	if (json) {
		fprintf(out, "[");
		for (int i = 0; i < n; i++)
			json_device(out, &devs[i], i == 0);
		fprintf(out, "]\n");
	}
	for (int i = 0; i < n && !json; i++) {
		const struct pci_device *d = &devs[i];

		bool vfio = strcmp(d->driver, "vfio-pci") == 0;
		char group[48] = "";

		if (d->iommu_group >= 0)
			snprintf(group, sizeof(group), ", IOMMU group %ld",
				 d->iommu_group);
		fprintf(out, "%s %04x:%04x %s: %s %s (driver: %s%s)\n",
			d->slot, d->vendor, d->device,
			format_esc(d->class_name), format_esc(d->vendor_name),
			format_esc(d->device_name),
			d->driver[0] ? format_esc(d->driver) : "none", group);
		for (int b = 0; b < d->nbars; b++)
			print_bar(out, &d->bars[b], vfio);
	}
	free(devs);
	if (n == 0 && (s->slot || s->device))
		return no_match(s, e);
	return 0;
}

/*
 * The start and flags of the BAR whose sysfs resourceN (or resourceN_wc)
 * file PATH is, from the resource file beside it; false when PATH is none.
 */
static bool resource_of_file(const char *path, unsigned long long *start,
			     unsigned long long *flags)
{
	const char *base = strrchr(path, '/');
	char dir[PATH_MAX], line[128], end[4];
	unsigned long long last;
	unsigned index;
	int n;
	FILE *f;
	bool found = false;

	if (!base)
		return false;
	n = sscanf(base + 1, "resource%u%3s", &index, end);
	if (n != 1 && !(n == 2 && strcmp(end, "_wc") == 0))
		return false;
	snprintf(dir, sizeof(dir), "%.*s/resource", (int)(base - path), path);
	f = fopen(dir, "r");
	if (!f)
		return false;
	for (unsigned i = 0; fgets(line, sizeof(line), f); i++)
		if (i == index) {
			found = sscanf(line, "%llx %llx %llx", start, &last,
				       flags) == 3;
			break;
		}
	fclose(f);
	return found;
}

bool region_pci_is_io_file(const char *path)
{
	unsigned long long start, flags;

	return resource_of_file(path, &start, &flags) &&
	       (flags & PCI_IORESOURCE_IO) && !strstr(strrchr(path, '/'),
						      "_wc");
}

bool region_pci_file_base(const char *path, uint64_t *base)
{
	unsigned long long start, flags;

	if (!resource_of_file(path, &start, &flags) || !start)
		return false;
	*base = start;
	return true;
}

bool region_pci_driver(const char *dev_dir, char *buf, size_t len)
{
	char path[PATH_MAX + 16], target[PATH_MAX];
	ssize_t n;
	char *slash;

	snprintf(path, sizeof(path), "%s/driver", dev_dir);
	n = readlink(path, target, sizeof(target) - 1);
	if (n <= 0)
		return false;
	target[n] = '\0';
	slash = strrchr(target, '/');
	snprintf(buf, len, "%s", slash ? slash + 1 : target);
	return true;
}

static void pci_why_refused(const struct region *r, uint64_t off, int err,
			    bool mapping, struct error *e)
{
	char driver[64];

	(void)off;
	(void)mapping;
	if (err == ENOENT) {
		if (r->flags & REGION_DEVMEM)
			error_hint(e, "the kernel offers no resource%d file for "
				   "%s and there is no %s to reach the BAR "
				   "through", r->bar, r->slot, r->path);
		else
			error_hint(e, "the kernel offers no such file for this "
				   "BAR");
		return;
	}
	if ((r->flags & REGION_DEVMEM) ||
	    !region_pci_driver(r->dev_dir, driver, sizeof(driver)))
		return;
	error_hint(e, "%s is bound to the driver \"%s\", which may hold the "
		   "BAR exclusively", r->slot, driver);
	error_hint(e, "unbind it (echo %s > %s/driver/unbind) or boot with "
		   "iomem=relaxed", r->slot, r->dev_dir);
}

/* Read N bytes at OFF of the device's config space; false on failure. */
static bool read_config(const struct region *r, unsigned off, void *buf,
			size_t n)
{
	char path[PATH_MAX + 16];
	int fd;
	ssize_t got;

	snprintf(path, sizeof(path), "%s/config", r->dev_dir);
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

	snprintf(path, sizeof(path), "%s/power_state", r->dev_dir);
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

void region_pci_why_all_ones(const struct region *r, struct error *e)
{
	uint16_t command;
	char state[32];
	unsigned bit = (r->flags & REGION_IOBAR) ? 1 : 2;

	if (read_config(r, 4, &command, 2) && !(command & bit))
		error_hint(e, "note: every word read was all ones, and %s has "
			   "%s decoding off (COMMAND=0x%04x): enable it with "
			   "`setpci -s %s COMMAND=0x%x:0x%x`", r->slot,
			   bit == 2 ? "memory" : "I/O", command, r->slot, bit,
			   bit);
	if (power_state(r, state, sizeof(state)) && strcmp(state, "D0") != 0 &&
	    strcmp(state, "unknown") != 0)
		error_hint(e, "note: every word read was all ones, and %s is in "
			   "power state %s, where it does not answer: wake it "
			   "(echo on > %s/power/control)", r->slot, state,
			   r->dev_dir);
}

const struct region_backend region_pci = {
	.name = "PCI",
	.options = "-s/-d",
	.takes = REGION_TAKES_BAR | REGION_TAKES_WC | REGION_TAKES_VFIO,
	.selected = pci_selected,
	.resolve = pci_resolve,
	.list = pci_list,
	.why_refused = pci_why_refused,
	.why_all_ones = region_pci_why_all_ones,
};
