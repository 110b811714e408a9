// SPDX-License-Identifier: GPL-2.0-or-later
/* list: the regions of one kind (PCI devices and their BARs by default). */
#include "config.h"

#include <stdio.h>

#include "commands.h"
#include "pcicfg.h"

static int list_prepare(struct invocation *inv, struct error *e)
{
	const struct region_spec *s = &inv->opt.region;

	if (inv->opt.link && (s->slot || s->device || s->of || s->uio ||
			      s->iomem || s->config))
		return error_set(e, EXIT_USAGE, "list --link shows every PCI "
				 "Express link of the machine: it takes no "
				 "region options (filter with grep or jq)");
	if (s->bar >= 0 || s->bar_name || s->minor_set || s->file || s->wc ||
	    s->size_set || s->vfio)
		return error_set(e, EXIT_USAGE, "list takes -s and -d (PCI "
				 "devices), --of, --uio or --iomem");
	return region_spec_check(s, e);
}

static int list_execute(struct invocation *inv, struct mapping *m,
			struct error *e)
{
	(void)m;
	if (inv->opt.link)
		return pcilink_list(&inv->opt.region, inv->opt.json, stdout,
				    e);
	return region_list(&inv->opt.region, inv->opt.json, stdout, e);
}

const struct command cmd_list = {
	.name = "list",
	.args_doc = "",
	.doc = "PCI devices (filtered by -s/-d): ids, names, driver, BARs; "
	       "--of, --uio, --iomem: those regions; --link: PCIe links",
	.min_args = 0, .max_args = 0,
	.flags = CMD_JSON,
	.prepare = list_prepare,
	.execute = list_execute,
};
