// SPDX-License-Identifier: GPL-2.0-or-later
/* list: PCI devices with names, driver and BARs. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "commands.h"
#include "format.h"

static int list_prepare(struct invocation *inv, struct error *e)
{
	const struct options *o = &inv->opt;

	if (o->bar >= 0 || o->minor_set || o->file || o->wc)
		return error_set(e, EXIT_USAGE, "list selects devices with -s "
				 "and -d only");
	return 0;
}

static void print_bar(const struct region_bar *b)
{
	char type[24], size[32], how[64];

	snprintf(type, sizeof(type), "%s%s",
		 b->kind == REGION_IO ? "io" : b->is64 ? "mem64" : "mem32",
		 b->prefetch ? " prefetch" : "");
	format_size(size, sizeof(size), b->size);
	if (b->kind == REGION_IO)
		snprintf(how, sizeof(how), "%s", b->has_file
			 ? "pread/pwrite resource" : "no access (no resource");
	else
		snprintf(how, sizeof(how), "%s", b->has_file
			 ? "mmap resource" : "mmap /dev/mem (no resource");
	printf("\tBAR%d %-14s 0x%0*" PRIx64 " size 0x%" PRIx64 " (%s) %s%d%s%s\n",
	       b->index, type, b->base > 0xffffffff ? 16 : 8, b->base,
	       b->size, size, how, b->index, b->has_file ? "" : ")",
	       b->has_wc ? " wc" : "");
}

static void json_bar(const struct region_bar *b, bool first)
{
	printf("%s{\"index\":%d,\"type\":\"%s\",\"bits\":%s,"
	       "\"prefetchable\":%s,\"base\":\"0x%" PRIx64 "\","
	       "\"size\":\"0x%" PRIx64 "\",\"resource\":%s,\"wc\":%s}",
	       first ? "" : ",", b->index,
	       b->kind == REGION_IO ? "io" : "mem",
	       b->kind == REGION_IO ? "null" : b->is64 ? "64" : "32",
	       b->prefetch ? "true" : "false", b->base, b->size,
	       b->has_file ? "true" : "false", b->has_wc ? "true" : "false");
}

static void json_device(const struct region_device *d, bool first)
{
	printf("%s{\"slot\":\"%s\",\"vendor\":\"0x%04x\","
	       "\"device\":\"0x%04x\",\"class\":\"0x%04x\","
	       "\"vendor_name\":", first ? "" : ",", d->slot, d->vendor,
	       d->device, d->class);
	format_json_string(stdout, d->vendor_name);
	printf(",\"device_name\":");
	format_json_string(stdout, d->device_name);
	printf(",\"class_name\":");
	format_json_string(stdout, d->class_name);
	printf(",\"driver\":");
	if (d->driver[0])
		format_json_string(stdout, d->driver);
	else
		printf("null");
	printf(",\"bars\":[");
	for (int b = 0; b < d->nbars; b++)
		json_bar(&d->bars[b], b == 0);
	printf("]}");
}

static int list_execute(struct invocation *inv, struct mapping *m,
			struct error *e)
{
	const struct options *o = &inv->opt;
	struct region_device *devs;
	int n;

	(void)m;
	n = region_devices(o, &devs, e);
	if (n < 0)
		return -1;
	if (o->json) {
		printf("[");
		for (int i = 0; i < n; i++)
			json_device(&devs[i], i == 0);
		printf("]\n");
	}
	for (int i = 0; i < n && !o->json; i++) {
		const struct region_device *d = &devs[i];

		printf("%s %04x:%04x %s: %s %s (driver: %s)\n", d->slot,
		       d->vendor, d->device, d->class_name, d->vendor_name,
		       d->device_name, d->driver[0] ? d->driver : "none");
		for (int b = 0; b < d->nbars; b++)
			print_bar(&d->bars[b]);
	}
	free(devs);
	if (n == 0 && (o->slot || o->device))
		return region_no_match(o, e);
	return 0;
}

const struct command cmd_list = {
	.name = "list",
	.args_doc = "",
	.doc = "PCI devices (filtered by -s/-d): ids, names, driver, BARs",
	.min_args = 0, .max_args = 0,
	.flags = CMD_JSON,
	.prepare = list_prepare,
	.execute = list_execute,
};
