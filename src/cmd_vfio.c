// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vfio-bind, vfio-unbind: a PCI device to vfio-pci and back (iomap(1),
 * LOCKED-DOWN MACHINES).
 */
#include "config.h"

#include <stdio.h>

#include "commands.h"
#include "format.h"
#include "region_vfio.h"

static int vfio_prepare(struct invocation *inv, struct error *e)
{
	const struct region_spec *s = &inv->opt.region;
	const char *name = inv->opt.cmd->name;

	if (!s->slot && !s->device)
		return error_set(e, EXIT_USAGE, "%s needs the device: -s SLOT "
				 "or -d ID", name);
	if (s->bar >= 0 || s->bar_name || s->wc)
		return error_set(e, EXIT_USAGE, "%s works on a whole device: "
				 "no %s", name, s->wc ? "--wc" : "-b");
	return 0;
}

static int vfio_execute(struct invocation *inv, struct mapping *m,
			struct error *e)
{
	const struct vfio_bind_how how = {
		.trace = inv->opt.trace,
		.dry_run = inv->opt.dry_run,
	};
	bool bind = inv->opt.cmd == &cmd_vfio_bind;
	struct vfio_binding b;
	struct error notes;

	(void)m;
	if (region_vfio_bind(&inv->opt.region, bind, &how, &b, &notes, e))
		return -1;
	/* vfio-bind: the driver it had; vfio-unbind: the one it has now. */
	printf("%s\n", format_esc(bind ? (b.before[0] ? b.before : "none")
					 : (b.after[0] ? b.after : "none")));
	error_print_notes(&notes);
	return 0;
}

const struct command cmd_vfio_bind = {
	.name = "vfio-bind",
	.args_doc = "",
	.doc = "bind the -s/-d device to vfio-pci; print the driver it had",
	.min_args = 0, .max_args = 0,
	.flags = CMD_NO_SCRIPT,
	.prepare = vfio_prepare,
	.execute = vfio_execute,
};

const struct command cmd_vfio_unbind = {
	.name = "vfio-unbind",
	.args_doc = "",
	.doc = "give the -s/-d device back to its default driver; print it",
	.min_args = 0, .max_args = 0,
	.flags = CMD_NO_SCRIPT,
	.prepare = vfio_prepare,
	.execute = vfio_execute,
};
