// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * list --link: every PCI Express device and port with its link's current
 * speed and width beside what it and its upstream port can do, in
 * topology order, and the AER status bits that are set.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pcicfg.h"
#include "region.h"
#include "xalloc.h"

struct link_dev {
	char slot[32];
	unsigned domain, bus;
	bool bridge;		/* type 1 header: SECONDARY_BUS is valid */
	unsigned secondary, subordinate;
	bool pcie;
	unsigned type;		/* PCI_EXP_FLAGS_TYPE */
	unsigned cur_speed, cur_width, max_speed, max_width;
	bool aer;
	uint32_t unc, cor;	/* AER status */
	int up;			/* index of the upstream bridge, or -1 */
	int depth;
	bool done;
};

static const char *const speed_names[] = {
	"?", "2.5GT/s", "5GT/s", "8GT/s", "16GT/s", "32GT/s", "64GT/s",
};

static const char *speed_name(unsigned s)
{
	return s < sizeof(speed_names) / sizeof(*speed_names) ?
	       speed_names[s] : "?";
}

static const char *type_name(unsigned t)
{
	switch (t) {
	case 0: return "endpoint";
	case 1: return "legacy endpoint";
	case 4: return "root port";
	case 5: return "upstream port";
	case 6: return "downstream port";
	case 7: return "PCIe to PCI bridge";
	case 8: return "PCI to PCIe bridge";
	case 9: return "root complex endpoint";
	case 10: return "event collector";
	default: return "unknown";
	}
}

/* The AER bits of pci_regs.h, by bit. */
static const char *const unc_bits[32] = {
	[0] = "UND", [4] = "DLP", [5] = "SURPDN", [12] = "POISON_TLP",
	[13] = "FCP", [14] = "COMP_TIME", [15] = "COMP_ABORT",
	[16] = "UNX_COMP", [17] = "RX_OVER", [18] = "MALF_TLP",
	[19] = "ECRC", [20] = "UNSUP", [21] = "ACSV", [22] = "INTN",
	[23] = "MCBTLP", [24] = "ATOMEG", [25] = "TLPPRE",
};
static const char *const cor_bits[32] = {
	[0] = "RCVR", [6] = "BAD_TLP", [7] = "BAD_DLLP", [8] = "REP_ROLL",
	[12] = "REP_TIMER", [13] = "ADV_NFAT", [14] = "INTERNAL",
	[15] = "LOG_OVER",
};

static unsigned get16(const uint8_t *c, unsigned off)
{
	return c[off] | (unsigned)c[off + 1] << 8;
}

static uint32_t get32(const uint8_t *c, unsigned off)
{
	return get16(c, off) | (uint32_t)get16(c, off + 2) << 16;
}

/* Read DIR/SLOT/config into D; false when it is not a device's. */
static bool read_dev(const char *devices, const char *slot,
		     struct link_dev *d)
{
	static struct pcicfg_cap caps[PCICFG_MAX_CAPS];
	uint8_t cfg[4096];
	char path[PATH_MAX];
	unsigned dev, fn;
	struct error e;
	ssize_t got;
	int fd, n;

	memset(d, 0, sizeof(*d));
	if (sscanf(slot, "%x:%x:%x.%x", &d->domain, &d->bus, &dev, &fn) != 4)
		return false;
	snprintf(d->slot, sizeof(d->slot), "%s", slot);
	snprintf(path, sizeof(path), "%s/%s/config", devices, slot);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	got = pread(fd, cfg, sizeof(cfg), 0);
	close(fd);
	if (got < 64)
		return false;
	if ((cfg[0x0e] & 0x7f) == 1) {
		d->bridge = true;
		d->secondary = cfg[0x19];
		d->subordinate = cfg[0x1a];
	}
	d->up = -1;
	n = pcicfg_walk(cfg, (size_t)got, caps, &e);
	for (int i = 0; i < n; i++) {
		unsigned at = caps[i].offset;

		if (!caps[i].ext && caps[i].id == 0x10 && !d->pcie &&
		    at + 0x14 <= (unsigned)got) {
			uint32_t lnkcap = get32(cfg, at + 0x0c);
			unsigned lnksta = get16(cfg, at + 0x12);

			d->pcie = true;
			d->type = (get16(cfg, at + 2) >> 4) & 0xf;
			d->max_speed = lnkcap & 0xf;
			d->max_width = (lnkcap >> 4) & 0x3f;
			d->cur_speed = lnksta & 0xf;
			d->cur_width = (lnksta >> 4) & 0x3f;
		} else if (caps[i].ext && caps[i].id == 0x01 && !d->aer &&
			   at + 0x14 <= (unsigned)got) {
			d->aer = true;
			d->unc = get32(cfg, at + 0x04);
			d->cor = get32(cfg, at + 0x10);
		}
	}
	return true;
}

/* The device's end of a link faces up (endpoints, upstream ports). */
static bool faces_up(const struct link_dev *d)
{
	return d->type != 4 && d->type != 6 && d->type != 9 &&
	       d->type != 10 && d->type != 8;
}

/* Trained below what both ends can do. */
static bool degraded(const struct link_dev *d, const struct link_dev *up)
{
	unsigned speed, width;

	if (!d->pcie || !faces_up(d) || !up || !up->pcie)
		return false;
	speed = d->max_speed < up->max_speed ? d->max_speed : up->max_speed;
	width = d->max_width < up->max_width ? d->max_width : up->max_width;
	return d->cur_speed < speed || d->cur_width < width;
}

static int by_slot(const void *a, const void *b)
{
	return strcmp(((const struct link_dev *)a)->slot,
		      ((const struct link_dev *)b)->slot);
}

/* Append D and, below it, what its secondary bus holds, to ORDER. */
static void walk(struct link_dev *devs, int n, int i, int depth, int *order,
		 int *norder)
{
	if (devs[i].done)
		return;
	devs[i].done = true;
	devs[i].depth = depth;
	order[(*norder)++] = i;
	if (!devs[i].bridge)
		return;
	for (int j = 0; j < n; j++)
		if (devs[j].up == i)
			walk(devs, n, j, depth + 1, order, norder);
}

/* " AER REG.BIT" for each bit set in V, the first with "  AER". */
static void print_bits(FILE *out, const char *reg, uint32_t v,
		       const char *const names[32], bool *first)
{
	for (unsigned b = 0; b < 32; b++) {
		if (!(v >> b & 1))
			continue;
		fprintf(out, "%s%s.", *first ? "  AER " : " ", reg);
		if (names[b])
			fprintf(out, "%s", names[b]);
		else
			fprintf(out, "BIT%u", b);
		*first = false;
	}
}

static void print_json(FILE *out, const struct link_dev *devs,
		       const struct link_dev *d, bool first)
{
	const struct link_dev *up = d->up >= 0 ? &devs[d->up] : NULL;
	bool f = true;

	fprintf(out, "%s{\"slot\":\"%s\",\"type\":\"%s\",\"depth\":%d,"
		"\"upstream\":", first ? "" : ",", d->slot, type_name(d->type),
		d->depth);
	if (up)
		fprintf(out, "\"%s\"", up->slot);
	else
		fprintf(out, "null");
	fprintf(out, ",\"speed\":\"%s\",\"width\":%u,\"max_speed\":\"%s\","
		"\"max_width\":%u", speed_name(d->cur_speed), d->cur_width,
		speed_name(d->max_speed), d->max_width);
	if (up && up->pcie && faces_up(d))
		fprintf(out, ",\"upstream_max_speed\":\"%s\","
			"\"upstream_max_width\":%u", speed_name(up->max_speed),
			up->max_width);
	else
		fprintf(out, ",\"upstream_max_speed\":null,"
			"\"upstream_max_width\":null");
	fprintf(out, ",\"degraded\":%s,\"aer\":",
		degraded(d, up) ? "true" : "false");
	if (!d->aer) {
		fprintf(out, "null}");
		return;
	}
	fprintf(out, "[");
	for (unsigned b = 0; b < 32; b++)
		if (d->unc >> b & 1) {
			fprintf(out, "%s\"UNCOR_STATUS.", f ? "" : ",");
			if (unc_bits[b])
				fprintf(out, "%s\"", unc_bits[b]);
			else
				fprintf(out, "BIT%u\"", b);
			f = false;
		}
	for (unsigned b = 0; b < 32; b++)
		if (d->cor >> b & 1) {
			fprintf(out, "%s\"COR_STATUS.", f ? "" : ",");
			if (cor_bits[b])
				fprintf(out, "%s\"", cor_bits[b]);
			else
				fprintf(out, "BIT%u\"", b);
			f = false;
		}
	fprintf(out, "]}");
}

static void print_text(FILE *out, const struct link_dev *devs,
		       const struct link_dev *d)
{
	const struct link_dev *up = d->up >= 0 ? &devs[d->up] : NULL;
	char cur[32], cap[32], upcap[48] = "";
	bool first = true;

	snprintf(cur, sizeof(cur), "%s x%u", speed_name(d->cur_speed),
		 d->cur_width);
	snprintf(cap, sizeof(cap), "%s x%u", speed_name(d->max_speed),
		 d->max_width);
	if (up && up->pcie && faces_up(d))
		snprintf(upcap, sizeof(upcap), ", upstream %s x%u",
			 speed_name(up->max_speed), up->max_width);
	fprintf(out, "%*s%s %s: %s (capable %s%s)%s", d->depth * 2, "",
		d->slot, type_name(d->type), cur, cap, upcap,
		degraded(d, up) ? "  DEGRADED" : "");
	if (d->aer) {
		print_bits(out, "UNCOR_STATUS", d->unc, unc_bits, &first);
		print_bits(out, "COR_STATUS", d->cor, cor_bits, &first);
	}
	fputc('\n', out);
}

int pcilink_list(const struct region_spec *s, bool json, FILE *out,
		 struct error *e)
{
	char sysfs[PATH_MAX], devices[PATH_MAX + 16];
	struct link_dev *devs = NULL;
	int n = 0, cap = 0, norder = 0, *order, shown = 0;
	struct dirent *de;
	DIR *dir;

	region_pci_sysfs(s, sysfs, sizeof(sysfs));
	snprintf(devices, sizeof(devices), "%s/devices", sysfs);
	dir = opendir(devices);
	if (!dir)
		return error_set(e, EXIT_FAIL, "cannot list PCI devices in %s: "
				 "%s", devices, strerror(errno));
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			devs = xreallocarray(devs, (size_t)cap, sizeof(*devs));
		}
		if (read_dev(devices, de->d_name, &devs[n]))
			n++;
	}
	closedir(dir);
	if (n > 1)
		qsort(devs, (size_t)n, sizeof(*devs), by_slot);
	/* The upstream bridge: the one whose secondary bus this is. */
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++)
			if (j != i && devs[j].bridge &&
			    devs[j].domain == devs[i].domain &&
			    devs[j].secondary == devs[i].bus &&
			    devs[j].secondary != devs[j].bus) {
				devs[i].up = j;
				break;
			}
	order = xreallocarray(NULL, (size_t)(n ? n : 1), sizeof(*order));
	for (int i = 0; i < n; i++)
		if (devs[i].up < 0)
			walk(devs, n, i, 0, order, &norder);
	for (int i = 0; i < n; i++)	/* a loop of bus numbers: the rest */
		walk(devs, n, i, 0, order, &norder);
	if (json)
		fprintf(out, "[");
	for (int k = 0; k < norder; k++) {
		const struct link_dev *d = &devs[order[k]];

		if (!d->pcie)
			continue;
		if (json)
			print_json(out, devs, d, shown == 0);
		else
			print_text(out, devs, d);
		shown++;
	}
	if (json)
		fprintf(out, "]\n");
	free(order);
	free(devs);
	return 0;
}
