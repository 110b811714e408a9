// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * PCI BARs through VFIO (--vfio, or a device bound to vfio-pci), the way
 * in on a locked-down kernel: the IOMMU group, its container and the
 * device, and binding devices to vfio-pci and back (iomap(1), LOCKED-DOWN
 * MACHINES).
 */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/vfio.h>

#include "region.h"
#include "region_vfio.h"
#include "sysroot.h"
#include "vfio_caps.h"
#include "xalloc.h"

#define VFIO_DRIVER	"vfio-pci"
#define UNSAFE_IRQS	"/sys/module/vfio_iommu_type1/parameters/" \
			"allow_unsafe_interrupts"
#define NOIOMMU_MODE	"/sys/module/vfio/parameters/enable_unsafe_noiommu_mode"

/*
 * An IOMMU group this process has open, with its container and the
 * devices asked for: VFIO lets one process open a group once, so every
 * region of the group shares it. Kept while a mapping uses it.
 */
struct vfio_group {
	struct vfio_group *next;
	char path[PATH_MAX];	/* /dev/vfio/N */
	int group, container;
	unsigned refs;
	struct vfio_dev {
		char slot[32];
		int fd;
	} dev[8];
	int ndev;
};

static struct vfio_group *open_groups;

/* Read the first line of PATH into BUF without its newline; false if none. */
static bool read_line(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	bool ok;

	if (!f)
		return false;
	ok = fgets(buf, (int)len, f) != NULL;
	fclose(f);
	if (ok)
		buf[strcspn(buf, "\n")] = '\0';
	return ok;
}

/* The last component of the link PATH into BUF; false when no link. */
static bool link_name(const char *path, char *buf, size_t len)
{
	char target[PATH_MAX];
	ssize_t n = readlink(path, target, sizeof(target) - 1);
	char *slash;

	if (n <= 0)
		return false;
	target[n] = '\0';
	slash = strrchr(target, '/');
	snprintf(buf, len, "%s", slash ? slash + 1 : target);
	return true;
}

long region_vfio_group(const char *dev_dir)
{
	char path[PATH_MAX + 16], name[64], *end;
	long group;

	snprintf(path, sizeof(path), "%s/iommu_group", dev_dir);
	if (!link_name(path, name, sizeof(name)) ||
	    !isdigit((unsigned char)name[0]))
		return -1;
	errno = 0;
	group = strtol(name, &end, 10);
	return *end || errno || group < 0 ? -1 : group;
}

/* Whether the group of DEV_DIR is a no-IOMMU group (vfio-noiommu). */
static bool group_noiommu(const char *dev_dir)
{
	char path[PATH_MAX + 32], name[64];

	snprintf(path, sizeof(path), "%s/iommu_group/name", dev_dir);
	return read_line(path, name, sizeof(name)) &&
	       strcmp(name, "vfio-noiommu") == 0;
}

/* The group's device file, "/dev/vfio/N" or "/dev/vfio/noiommu-N". */
static void group_dev(const char *dev_dir, long group, char *buf,
		      size_t len)
{
	snprintf(buf, len, "/dev/vfio/%s%ld",
		 group_noiommu(dev_dir) ? "noiommu-" : "", group);
}

bool region_vfio_mmappable(uint64_t base, uint64_t size)
{
	uint64_t page = (uint64_t)sysconf(_SC_PAGESIZE);

	/* vfio-pci: a BAR of a page or more, or alone in its page. */
	return size >= page || base % page == 0;
}

/* Whether the kernel has an IOMMU registered (ROOT/sys/class/iommu). */
static bool have_iommu(const char *root, char *path, size_t len)
{
	bool any = false;
	struct dirent *de;
	DIR *d;

	d = opendir(sysroot_path(path, len, root, "/sys/class/iommu"));
	while (d && (de = readdir(d)))
		any = any || de->d_name[0] != '.';
	if (d)
		closedir(d);
	return any;
}

/* What a machine without a (usable) IOMMU must do: hints into E. */
static void iommu_hints(const char *root, struct error *e)
{
	char path[PATH_MAX], mode[16];

	if (!have_iommu(root, path, sizeof(path)))
		error_hint(e, "no IOMMU is enabled (%s is empty): boot with "
			   "intel_iommu=on (Intel VT-d) or amd_iommu=on "
			   "(AMD-Vi), with iommu=pt to leave the host's own "
			   "devices untranslated, and VT-d/AMD-Vi on in the "
			   "firmware", path);
	error_hint(e, "VFIO also wants interrupt remapping from the IOMMU "
		   "(in QEMU: -device intel-iommu,intremap=on)");
	if (!read_line(sysroot_path(path, sizeof(path), root, NOIOMMU_MODE),
		       mode, sizeof(mode)) || mode[0] != 'Y')
		error_hint(e, "without any IOMMU, only a kernel with "
			   "CONFIG_VFIO_NOIOMMU and "
			   "vfio.enable_unsafe_noiommu_mode=1 offers VFIO (no "
			   "protection from the device's DMA)");
}

int region_vfio_resolve(const struct region_spec *s, struct region *r,
			struct error *e)
{
	char driver[64], dev[64];
	bool bound = region_pci_driver(r->dev_dir, driver, sizeof(driver));
	long group;

	(void)s;
	if (!bound || strcmp(driver, VFIO_DRIVER) != 0) {
		error_set(e, EXIT_FAIL, "--vfio: %s is not bound to vfio-pci "
			  "(driver: %s)", r->slot, bound ? driver : "none");
		error_hint(e, "bind it first: `iomap -s %s vfio-bind`, then "
			   "the same command again", r->slot);
		return -1;
	}
	group = region_vfio_group(r->dev_dir);
	if (group < 0) {
		error_set(e, EXIT_FAIL, "%s has no IOMMU group (no %s/"
			  "iommu_group), which VFIO needs", r->slot,
			  r->dev_dir);
		iommu_hints(r->root, e);
		return -1;
	}
	group_dev(r->dev_dir, group, dev, sizeof(dev));
	sysroot_path(r->path, sizeof(r->path), r->root, dev);
	r->backend = &region_vfio;
	r->flags |= REGION_VFIO;
	r->file_offset = 0;	/* VFIO's region offset: known once open */
	if (r->kind == REGION_MEM && !region_vfio_mmappable(r->phys, r->size))
		r->kind = REGION_IO;	/* read/write of exactly the width */
	snprintf(r->name, sizeof(r->name), "%s BAR%d via VFIO", r->slot,
		 r->bar);
	return 0;
}

size_t region_vfio_users(const char *root, const char *dev, char *buf,
			 size_t len)
{
	char path[PATH_MAX], fds[PATH_MAX + 300], link[PATH_MAX + 600];
	char target[PATH_MAX], comm[64];
	size_t n = 0, used = 0;
	struct dirent *p, *f;
	DIR *proc, *fd;

	buf[0] = '\0';
	proc = opendir(sysroot_path(path, sizeof(path), root, "/proc"));
	if (!proc)
		return 0;
	while ((p = readdir(proc))) {
		bool holds = false;
		char *end;
		long pid = strtol(p->d_name, &end, 10);

		if (*end || pid <= 0 ||
		    ((!root || !root[0]) && pid == getpid()))
			continue;
		snprintf(fds, sizeof(fds), "%s/%s/fd", path, p->d_name);
		fd = opendir(fds);
		while (fd && !holds && (f = readdir(fd))) {
			ssize_t k;

			snprintf(link, sizeof(link), "%s/%s", fds, f->d_name);
			k = readlink(link, target, sizeof(target) - 1);
			if (k <= 0)
				continue;
			target[k] = '\0';
			holds = strcmp(target, dev) == 0;
		}
		if (fd)
			closedir(fd);
		if (!holds)
			continue;
		snprintf(link, sizeof(link), "%s/%s/comm", path, p->d_name);
		if (!read_line(link, comm, sizeof(comm)))
			snprintf(comm, sizeof(comm), "?");
		if (used < len)
			used += snprintf(buf + used, len - used, "%sprocess "
					 "%ld (%s)", n ? ", " : "", pid, comm);
		n++;
	}
	closedir(proc);
	return n;
}

/*
 * The other devices of DEV_DIR's group that hold it from VFIO (bound to a
 * host driver), "0000:00:1f.3 (i801_smbus), ..." into BUF; their count.
 */
static size_t group_blockers(const char *dev_dir, const char *slot,
			     char *buf, size_t len)
{
	char path[PATH_MAX + 32], drv[PATH_MAX + 600], name[64];
	size_t n = 0, used = 0;
	struct dirent *de;
	DIR *d;

	buf[0] = '\0';
	snprintf(path, sizeof(path), "%s/iommu_group/devices", dev_dir);
	d = opendir(path);
	if (!d)
		return 0;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.' || strcmp(de->d_name, slot) == 0)
			continue;
		snprintf(drv, sizeof(drv), "%s/%s/driver", path, de->d_name);
		/* Drivers that leave DMA to VFIO do not hold the group. */
		if (!link_name(drv, name, sizeof(name)) ||
		    strcmp(name, VFIO_DRIVER) == 0 ||
		    strcmp(name, "pci-stub") == 0 ||
		    strcmp(name, "pcieport") == 0)
			continue;
		if (used < len)
			used += snprintf(buf + used, len - used, "%s%s (%s)",
					 n ? ", " : "", de->d_name, name);
		n++;
	}
	closedir(d);
	return n;
}

/* E for a group that VFIO will not take: the devices that hold it. */
static int not_viable(const struct region *r, long group, int err,
		      struct error *e)
{
	char blockers[1024];
	size_t n = group_blockers(r->dev_dir, r->slot, blockers,
				  sizeof(blockers));

	error_set(e, EXIT_FAIL, "IOMMU group %ld of %s is not viable%s%s",
		  group, r->slot, err ? ": " : "", err ? strerror(err) : "");
	if (n) {
		error_hint(e, "other devices of the group are bound to host "
			   "drivers: %s", blockers);
		error_hint(e, "VFIO needs every device of a group bound to "
			   "vfio-pci or to none: vfio-bind %s too, or unbind "
			   "%s", n == 1 ? "it" : "each",
			   n == 1 ? "it" : "them");
	} else {
		error_hint(e, "another device of the group is bound to a host "
			   "driver (%s/iommu_group/devices lists them)",
			   r->dev_dir);
	}
	return -1;
}

/* E for a group device file that cannot be opened (ERR). */
static int group_open_error(const struct region *r, long group, int err,
			    struct error *e)
{
	char users[512], dev[64], drv[PATH_MAX + 32];

	error_set(e, EXIT_FAIL, "cannot open %s (IOMMU group %ld of %s): %s",
		  r->path, group, r->slot, strerror(err));
	group_dev(r->dev_dir, group, dev, sizeof(dev));
	if (err == EBUSY) {
		if (region_vfio_users(r->root, dev, users, sizeof(users)))
			error_hint(e, "the device is in use: %s %s it open",
				   users, strchr(users, ',') ? "have" : "has");
		else
			error_hint(e, "the device is in use: another process "
				   "has its group open");
		error_hint(e, "VFIO lets one process at a time open a group: "
			   "stop the other one first");
	} else if (err == ENOENT) {
		snprintf(drv, sizeof(drv), "%s/drivers/%s", r->sysfs,
			 VFIO_DRIVER);
		if (access(drv, F_OK) != 0)
			error_hint(e, "vfio-pci is not loaded: `modprobe "
				   "vfio-pci`, then `iomap -s %s vfio-bind`",
				   r->slot);
		else
			error_hint(e, "vfio-pci is bound, but there is no %s: "
				   "is devtmpfs mounted on /dev?", r->path);
	} else if (err == EACCES || err == EPERM) {
		error_hint(e, "run iomap as root, or give the user the group's "
			   "device file (chown USER %s)", r->path);
	}
	return -1;
}

/* E for VFIO_SET_IOMMU refused with ERR. */
static int set_iommu_error(const struct region *r, long group, int err,
			   struct error *e)
{
	char path[PATH_MAX], allow[16];

	error_set(e, EXIT_FAIL, "VFIO would not set up the IOMMU for group "
		  "%ld of %s (VFIO_SET_IOMMU): %s", group, r->slot,
		  strerror(err));
	if (err != EPERM)
		return -1;
	sysroot_path(path, sizeof(path), r->root, UNSAFE_IRQS);
	if (!read_line(path, allow, sizeof(allow)))
		snprintf(allow, sizeof(allow), "?");
	error_hint(e, "the IOMMU has no interrupt remapping, and "
		   "vfio_iommu_type1 refuses a group without it "
		   "(allow_unsafe_interrupts is %s in %s)", allow, path);
	error_hint(e, "turn interrupt remapping on (VT-d/AMD-Vi with IR in the "
		   "firmware; in QEMU -device intel-iommu,intremap=on), or, "
		   "trusting the device, `echo 1 > %s`", path);
	return -1;
}

/* Open R's group and its container, or find them open; a reference. */
static struct vfio_group *group_get(const struct region *r, struct error *e)
{
	struct vfio_group_status status = { .argsz = sizeof(status) };
	char path[PATH_MAX];
	long group = region_vfio_group(r->dev_dir);
	struct vfio_group *g;
	int type;

	for (g = open_groups; g; g = g->next)
		if (strcmp(g->path, r->path) == 0) {
			g->refs++;
			return g;
		}
	g = xcalloc(1, sizeof(*g));
	snprintf(g->path, sizeof(g->path), "%s", r->path);
	g->container = -1;
	g->group = open(r->path, O_RDWR | O_CLOEXEC);
	if (g->group < 0) {
		group_open_error(r, group, errno, e);
		goto fail;
	}
	sysroot_path(path, sizeof(path), r->root, "/dev/vfio/vfio");
	g->container = open(path, O_RDWR | O_CLOEXEC);
	if (g->container < 0) {
		int err = errno;

		error_set(e, EXIT_FAIL, "cannot open the VFIO container %s: %s",
			  path, strerror(err));
		if (err == ENOENT)
			error_hint(e, "the vfio module is not loaded: "
				   "`modprobe vfio-pci`");
		goto fail;
	}
	if (ioctl(g->container, VFIO_GET_API_VERSION) != VFIO_API_VERSION) {
		error_set(e, EXIT_FAIL, "%s is not a VFIO container "
			  "(VFIO_GET_API_VERSION: %s)", path,
			  errno ? strerror(errno) : "another version");
		goto fail;
	}
	if (ioctl(g->group, VFIO_GROUP_GET_STATUS, &status)) {
		error_set(e, EXIT_FAIL, "%s is not a VFIO group "
			  "(VFIO_GROUP_GET_STATUS: %s)", r->path,
			  strerror(errno));
		goto fail;
	}
	if (!(status.flags & VFIO_GROUP_FLAGS_VIABLE)) {
		not_viable(r, group, 0, e);
		goto fail;
	}
	if (ioctl(g->group, VFIO_GROUP_SET_CONTAINER, &g->container)) {
		if (errno == EBUSY)
			not_viable(r, group, errno, e);
		else
			error_set(e, EXIT_FAIL, "cannot attach group %ld of %s "
				  "to its VFIO container "
				  "(VFIO_GROUP_SET_CONTAINER): %s", group,
				  r->slot, strerror(errno));
		goto fail;
	}
	if (strstr(r->path, "/noiommu-"))
		type = VFIO_NOIOMMU_IOMMU;
	else if (ioctl(g->container, VFIO_CHECK_EXTENSION,
		       VFIO_TYPE1v2_IOMMU) > 0)
		type = VFIO_TYPE1v2_IOMMU;
	else if (ioctl(g->container, VFIO_CHECK_EXTENSION,
		       VFIO_TYPE1_IOMMU) > 0)
		type = VFIO_TYPE1_IOMMU;
	else {
		error_set(e, EXIT_FAIL, "VFIO offers no type1 IOMMU for group "
			  "%ld of %s", group, r->slot);
		error_hint(e, "load vfio_iommu_type1 (`modprobe "
			   "vfio_iommu_type1`) on a machine with an IOMMU");
		goto fail;
	}
	if (ioctl(g->container, VFIO_SET_IOMMU, type)) {
		set_iommu_error(r, group, errno, e);
		goto fail;
	}
	g->refs = 1;
	g->next = open_groups;
	open_groups = g;
	return g;
fail:
	if (g->group >= 0)
		close(g->group);
	if (g->container >= 0)
		close(g->container);
	free(g);
	return NULL;
}

/* Drop a reference to G; the last one closes it all. */
static void group_put(struct vfio_group *g)
{
	struct vfio_group **p;

	if (--g->refs)
		return;
	for (p = &open_groups; *p; p = &(*p)->next)
		if (*p == g) {
			*p = g->next;
			break;
		}
	for (int i = 0; i < g->ndev; i++)
		close(g->dev[i].fd);
	close(g->group);
	close(g->container);
	free(g);
}

/* The device file of R's device in G, got once. */
static int device_get(struct vfio_group *g, const struct region *r,
		      struct error *e)
{
	int fd;

	for (int i = 0; i < g->ndev; i++)
		if (strcmp(g->dev[i].slot, r->slot) == 0)
			return g->dev[i].fd;
	if (g->ndev == (int)(sizeof(g->dev) / sizeof(g->dev[0])))
		return error_set(e, EXIT_FAIL, "too many devices of one IOMMU "
				 "group open");
	fd = ioctl(g->group, VFIO_GROUP_GET_DEVICE_FD, r->slot);
	if (fd < 0) {
		int err = errno;

		error_set(e, EXIT_FAIL, "VFIO would not give %s from its group "
			  "(VFIO_GROUP_GET_DEVICE_FD): %s", r->slot,
			  strerror(err));
		if (err == EPERM && strstr(r->path, "/noiommu-"))
			error_hint(e, "no-IOMMU mode needs CAP_SYS_RAWIO: run "
				   "iomap as root");
		return -1;
	}
	snprintf(g->dev[g->ndev].slot, sizeof(g->dev[0].slot), "%s", r->slot);
	g->dev[g->ndev++].fd = fd;
	return fd;
}

/* The BAR's region: where it lies in DEV and whether mmap may be used. */
static int region_info(int dev, const struct region *r, bool write,
		       struct region_opened *o, struct error *e)
{
	struct vfio_region_info *info = xcalloc(1, sizeof(*info));
	uint32_t argsz = sizeof(*info);
	long cap = 0;

	info->argsz = argsz;
	info->index = VFIO_PCI_BAR0_REGION_INDEX + (uint32_t)r->bar;
	if (ioctl(dev, VFIO_DEVICE_GET_REGION_INFO, info) == 0 &&
	    info->argsz > argsz && info->argsz < (1u << 20)) {
		/* Capabilities follow: ask again with room for them. */
		argsz = info->argsz;
		info = xreallocarray(info, 1, argsz);
		memset(info, 0, argsz);
		info->argsz = argsz;
		info->index = VFIO_PCI_BAR0_REGION_INDEX + (uint32_t)r->bar;
	}
	if (ioctl(dev, VFIO_DEVICE_GET_REGION_INFO, info)) {
		error_set(e, EXIT_FAIL, "VFIO gives no region for %s "
			  "(VFIO_DEVICE_GET_REGION_INFO): %s", r->name,
			  strerror(errno));
		free(info);
		return -1;
	}
	if (info->size == 0 || !(info->flags & VFIO_REGION_INFO_FLAG_READ) ||
	    (write && !(info->flags & VFIO_REGION_INFO_FLAG_WRITE))) {
		error_set(e, EXIT_FAIL, "VFIO offers %s %s (region flags "
			  "0x%x, size 0x%llx)", r->name, info->size == 0
			  ? "as empty" : write ? "read-only" : "without reads",
			  info->flags, (unsigned long long)info->size);
		free(info);
		return -1;
	}
	/* Mapped only in parts (a sparse mmap): read and write it all. */
	if (info->flags & VFIO_REGION_INFO_FLAG_CAPS)
		cap = vfio_cap_find(info, argsz > info->argsz ? info->argsz
						: argsz, info->cap_offset,
				    VFIO_REGION_INFO_CAP_SPARSE_MMAP);
	o->file_offset = info->offset;
	o->pread = r->kind == REGION_IO || cap != 0 ||
		   !(info->flags & VFIO_REGION_INFO_FLAG_MMAP);
	free(info);
	return 0;
}

static int vfio_open(const struct region *r, int flags,
		     struct region_opened *o, struct error *e)
{
	struct vfio_group *g = group_get(r, e);
	int dev, fd;

	if (!g)
		return -1;
	dev = device_get(g, r, e);
	if (dev < 0 || region_info(dev, r, (flags & O_ACCMODE) != O_RDONLY,
				   o, e)) {
		group_put(g);
		return -1;
	}
	/* The mapping closes its own descriptor; the group keeps DEV. */
	fd = fcntl(dev, F_DUPFD_CLOEXEC, 3);
	if (fd < 0) {
		error_set(e, EXIT_FAIL, "cannot duplicate the VFIO device of "
			  "%s: %s", r->slot, strerror(errno));
		group_put(g);
		return -1;
	}
	return fd;
}

static void vfio_close(const struct region *r)
{
	for (struct vfio_group *g = open_groups; g; g = g->next)
		if (strcmp(g->path, r->path) == 0) {
			group_put(g);
			return;
		}
}

static void vfio_why_refused(const struct region *r, uint64_t off, int err,
			     bool mapping, struct error *e)
{
	char path[PATH_MAX + 16];
	uint16_t command = 0;
	unsigned bit = (r->flags & REGION_IOBAR) ? 1 : 2;
	int fd;

	(void)off;
	(void)mapping;
	if (err != EIO && err != EINVAL)
		return;
	snprintf(path, sizeof(path), "%s/config", r->dev_dir);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0 && pread(fd, &command, 2, 4) == 2 && !(command & bit))
		error_hint(e, "%s has %s decoding off (COMMAND=0x%04x), and "
			   "vfio-pci refuses accesses then: enable it with "
			   "`setpci -s %s COMMAND=0x%x:0x%x`", r->slot,
			   bit == 2 ? "memory" : "I/O", command, r->slot, bit,
			   bit);
	if (fd >= 0)
		close(fd);
}

const struct region_backend region_vfio = {
	.name = "VFIO",
	.options = "--vfio",
	.open = vfio_open,
	.close = vfio_close,
	.why_refused = vfio_why_refused,
	.why_all_ones = region_pci_why_all_ones,
};

/* ---------------------------------------------------- vfio-bind/unbind */

/* Write VALUE to the sysfs file PATH, as `echo` would, or only say so. */
static int sysfs_write(const char *path, const char *value,
		       const struct vfio_bind_how *how, struct error *e)
{
	char line[128];
	ssize_t n;
	int fd;

	snprintf(line, sizeof(line), "%s\n", value);
	if (how->trace || how->dry_run)
		fprintf(stderr, "echo%s%s > %s\n", value[0] ? " " : "", value,
			path);
	if (how->dry_run)
		return 0;
	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0)
		return error_set(e, EXIT_FAIL, "cannot open %s for writing: %s",
				 path, strerror(errno));
	n = write(fd, line, strlen(line));
	if (n != (ssize_t)strlen(line)) {
		int err = n < 0 ? errno : EIO;

		close(fd);
		return error_set(e, EXIT_FAIL, "writing '%s' to %s failed: %s",
				 value, path, strerror(err));
	}
	if (close(fd))
		return error_set(e, EXIT_FAIL, "writing '%s' to %s failed: %s",
				 value, path, strerror(errno));
	return 0;
}

/* The device's driver_override ("" when none is set). */
static void read_override(const char *dev_dir, char *buf, size_t len)
{
	char path[PATH_MAX + 32];

	snprintf(path, sizeof(path), "%s/driver_override", dev_dir);
	if (!read_line(path, buf, len) || strcmp(buf, "(null)") == 0)
		buf[0] = '\0';
}

/* Checks before vfio-bind changes anything. */
static int bind_check(const struct region_spec *s, struct vfio_binding *b,
		      struct error *e)
{
	char path[PATH_MAX + 32], mode[16];
	unsigned char header;
	int fd;

	snprintf(path, sizeof(path), "%s/config", b->dev_dir);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0 && pread(fd, &header, 1, 0x0e) == 1 && (header & 0x7f)) {
		close(fd);
		return error_set(e, EXIT_USAGE, "%s is a PCI bridge (header "
				 "type %u): vfio-pci takes only endpoints",
				 b->slot, header & 0x7f);
	}
	if (fd >= 0)
		close(fd);
	snprintf(path, sizeof(path), "%s/drivers/%s", b->sysfs, VFIO_DRIVER);
	if (access(path, F_OK) != 0) {
		error_set(e, EXIT_FAIL, "vfio-pci is not loaded (no %s)", path);
		error_hint(e, "load it: `modprobe vfio-pci` (vfio and "
			   "vfio_iommu_type1 come with it)");
		return -1;
	}
	/*
	 * No group and no IOMMU at all: vfio-pci would refuse it. (With an
	 * IOMMU, a device tree or IORT machine gives a device its group only
	 * when a driver probes it: vfio-pci's will.)
	 */
	if (region_vfio_group(b->dev_dir) < 0 &&
	    !have_iommu(s->sysroot, path, sizeof(path)) &&
	    !(read_line(sysroot_path(path, sizeof(path), s->sysroot,
				     NOIOMMU_MODE), mode, sizeof(mode)) &&
	      mode[0] == 'Y')) {
		error_set(e, EXIT_FAIL, "%s has no IOMMU group (no %s/"
			  "iommu_group): vfio-pci would not take it", b->slot,
			  b->dev_dir);
		iommu_hints(s->sysroot, e);
		return -1;
	}
	snprintf(path, sizeof(path), "%s/driver_override", b->dev_dir);
	if (access(path, F_OK) != 0)
		return error_set(e, EXIT_FAIL, "the kernel offers no %s, "
				 "which vfio-bind needs", path);
	return 0;
}

/* Note the devices of B's group that keep it from VFIO. */
static void note_blockers(const struct vfio_binding *b, struct error *notes)
{
	char blockers[1024];
	size_t n = group_blockers(b->dev_dir, b->slot, blockers,
				  sizeof(blockers));

	if (n)
		error_hint(notes, "note: IOMMU group %ld also holds %s: VFIO "
			   "needs every device of a group bound to vfio-pci "
			   "or to none (vfio-bind %s too)",
			   region_vfio_group(b->dev_dir), blockers,
			   n == 1 ? "it" : "them");
}

int region_vfio_bind(const struct region_spec *s, bool bind,
		     const struct vfio_bind_how *how, struct vfio_binding *b,
		     struct error *notes, struct error *e)
{
	char path[PATH_MAX + 32], override[64], users[512], dev[64];
	bool had;

	memset(b, 0, sizeof(*b));
	notes->hint[0] = '\0';
	if (region_pci_select(s, b->slot, b->dev_dir, e))
		return -1;
	region_pci_sysfs(s, b->sysfs, sizeof(b->sysfs));
	had = region_pci_driver(b->dev_dir, b->before, sizeof(b->before));
	read_override(b->dev_dir, override, sizeof(override));

	if (bind && had && strcmp(b->before, VFIO_DRIVER) == 0) {
		snprintf(b->after, sizeof(b->after), "%s", b->before);
		note_blockers(b, notes);
		return 0;
	}
	if (!bind && !(had && strcmp(b->before, VFIO_DRIVER) == 0) &&
	    strcmp(override, VFIO_DRIVER) != 0) {
		snprintf(b->after, sizeof(b->after), "%s", b->before);
		error_hint(notes, "note: %s is not bound to vfio-pci (driver: "
			   "%s): nothing changed", b->slot,
			   had ? b->before : "none");
		return 0;
	}
	if (bind && bind_check(s, b, e))
		return -1;
	if (!bind && had && region_vfio_group(b->dev_dir) >= 0) {
		group_dev(b->dev_dir, region_vfio_group(b->dev_dir), dev,
			  sizeof(dev));
		if (region_vfio_users(s->sysroot, dev, users, sizeof(users))) {
			error_set(e, EXIT_FAIL, "%s is in use through VFIO "
				  "(%s): %s %s it open", b->slot, dev, users,
				  strchr(users, ',') ? "have" : "has");
			error_hint(e, "stop it first: the kernel would wait "
				   "for it to let go before unbinding");
			return -1;
		}
	}

	/* driver_override, unbind, drivers_probe: the kernel's own route. */
	snprintf(path, sizeof(path), "%s/driver_override", b->dev_dir);
	if (sysfs_write(path, bind ? VFIO_DRIVER : "", how, e))
		return -1;
	snprintf(path, sizeof(path), "%s/driver/unbind", b->dev_dir);
	if (had && sysfs_write(path, b->slot, how, e))
		return -1;
	snprintf(path, sizeof(path), "%s/drivers_probe", b->sysfs);
	if (sysfs_write(path, b->slot, how, e))
		return -1;
	if (how->dry_run) {
		snprintf(b->after, sizeof(b->after), "%s", bind ? VFIO_DRIVER
			 : "");
		return 0;
	}
	region_pci_driver(b->dev_dir, b->after, sizeof(b->after));
	if (!bind) {
		if (strcmp(b->after, VFIO_DRIVER) == 0)
			error_hint(notes, "note: vfio-pci took %s again: a "
				   "new_id of vfio-pci matches it (remove it "
				   "with remove_id in %s/drivers/vfio-pci)",
				   b->slot, b->sysfs);
		return 0;
	}
	if (strcmp(b->after, VFIO_DRIVER) != 0) {
		error_set(e, EXIT_FAIL, "vfio-pci did not take %s (driver now: "
			  "%s)", b->slot, b->after[0] ? b->after : "none");
		error_hint(e, "the kernel log (dmesg) says why");
		/* Give it back: no override left behind. */
		snprintf(path, sizeof(path), "%s/driver_override", b->dev_dir);
		if (sysfs_write(path, "", how, notes) == 0 && !b->after[0]) {
			snprintf(path, sizeof(path), "%s/drivers_probe",
				 b->sysfs);
			sysfs_write(path, b->slot, how, notes);
		}
		error_hint(e, "driver_override is cleared again%s%s",
			   had ? "; it was bound to " : "",
			   had ? b->before : "");
		return -1;
	}
	note_blockers(b, notes);
	return 0;
}
