// SPDX-License-Identifier: GPL-2.0-or-later
/* The region options, parsed by one argp parser for every caller. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "number.h"
#include "region_args.h"

enum {
	OPT_MINOR_FORMAT = 0x200,
	OPT_SIZE,
	OPT_BASE,
	OPT_WC,
	OPT_VFIO,
	OPT_CONFIG,
	OPT_SYSFS,
	OPT_SYSROOT,
	OPT_MEM,
	OPT_PCI_IDS,
	OPT_OF,
	OPT_IOMEM,
};

const struct argp_option region_args_options[] = {
	{ NULL, 0, NULL, 0, "Region (default: physical memory through /dev/mem):", 1 },
	{ "slot", 's', "SLOT", 0, "PCI device by slot, [[[[DOM]:]BUS]:][DEV][.[FN]]", 1 },
	{ "device", 'd', "ID", 0, "PCI device by id, [VENDOR]:[DEVICE][:CLASS]", 1 },
	{ "bar", 'b', "N", 0, "BAR N of that device (default: the lowest memory BAR); with --of or --uio, reg entry or map N or NAME", 1 },
	{ "wc", OPT_WC, NULL, 0, "map resourceN_wc (write-combining)", 1 },
	{ "vfio", OPT_VFIO, NULL, 0, "reach the BAR through VFIO (automatic for a device bound to vfio-pci)", 1 },
	{ "config", OPT_CONFIG, NULL, 0, "with -s/-d: the device's PCI configuration space (sysfs config)", 1 },
	{ "minor", 'm', "MINOR", 0, "an iomap(7) minor number", 1 },
	{ "minor-format", OPT_MINOR_FORMAT, "FORMAT", 0, "pa (default) or s300", 1 },
	{ "file", 'f', "PATH", 0, "a mappable file: resourceN, /dev/uioN, an image", 1 },
	{ "size", OPT_SIZE, "SIZE", 0, "size of the -f region (default: the file's size)", 1 },
	{ "base", OPT_BASE, "ADDR", 0, "with -f: the physical address the file stands for (a saved image)", 1 },
	{ "of", OPT_OF, "NODE", OPTION_ARG_OPTIONAL, "a device-tree node: path, alias, label or compatible", 1 },
	{ "uio", 'u', "DEV", OPTION_ARG_OPTIONAL, "a UIO device: uioN, /dev/uioN or its name", 1 },
	{ "iomem", OPT_IOMEM, "NAME", OPTION_ARG_OPTIONAL, "the /proc/iomem entry of that name", 1 },
	{ "sysroot", OPT_SYSROOT, "DIR", 0, "look up /sys, /proc and /dev under DIR", 1 },
	{ "sysfs", OPT_SYSFS, "DIR", 0, "PCI sysfs root (default /sys/bus/pci)", 1 },
	{ "mem", OPT_MEM, "PATH", 0, "the file standing for /dev/mem", 1 },
	{ "pci-ids", OPT_PCI_IDS, "FILE", 0, "PCI names from FILE (default: libpci's pci.ids)", 1 },

	{ "regs", 'r', "FILE", 0, "register names from FILE: CMSIS-SVD, IP-XACT or iomap's text format", 4 },
	{ NULL, 0, NULL, 0, NULL, 0 },
};

/* Keep the first usage error; the caller reports it. */
static error_t __attribute__((format(printf, 2, 3)))
bad(struct argp_state *state, const char *fmt, ...)
{
	struct region_args *a = state->input;
	va_list ap;

	if (!*a->failed) {
		va_start(ap, fmt);
		vsnprintf(a->err, a->errlen, fmt, ap);
		va_end(ap);
	}
	*a->failed = true;
	return EINVAL;
}

static error_t parse_num(struct argp_state *state, const char *opt,
			 const char *arg, unsigned flags, uint64_t *v)
{
	const char *why = number_parse(arg, v, flags);

	return why ? bad(state, "invalid %s '%s': %s", opt, arg, why) : 0;
}

/*
 * The value of an option whose argument is optional (--of, --uio,
 * --iomem): ARG when attached (--of=NODE, -uuio0), else the next word when
 * it is neither an option nor a command name (--of NODE), else "" (bare,
 * as `list --of` has it).
 */
static const char *optional_value(struct argp_state *state, char *arg)
{
	struct region_args *a = state->input;
	const char *next;

	if (arg)
		return arg;
	if (state->next >= state->argc)
		return "";
	next = state->argv[state->next];
	if (next[0] == '-' || (a->is_command && a->is_command(next)))
		return "";
	state->next++;
	return next;
}

static error_t parse_opt(int key, char *arg, struct argp_state *state)
{
	struct region_args *a = state->input;
	struct region_spec *r = a ? a->spec : NULL;
	uint64_t v;

	if (!r)
		return ARGP_ERR_UNKNOWN;
	switch (key) {
	case 's':
		r->slot = arg;
		break;
	case 'd':
		r->device = arg;
		break;
	case 'b':
		/* A number is an index; anything else names a reg or map. */
		if (number_parse(arg, &v, 0) == NULL) {
			/*
			 * Each backend checks N against its own range and
			 * quotes bar_arg; past INT_MAX no backend has an
			 * entry, so INT_MAX stands for "too large".
			 */
			r->bar = v > INT_MAX ? INT_MAX : (int)v;
			r->bar_arg = arg;
			r->bar_name = NULL;
		} else {
			r->bar = -1;
			r->bar_arg = NULL;
			r->bar_name = arg;
		}
		break;
	case 'm':
		r->minor_set = true;
		return parse_num(state, "minor", arg, 0, &r->minor);
	case OPT_MINOR_FORMAT:
		if (strcmp(arg, "pa") == 0)
			r->minor_format = MINOR_PA;
		else if (strcmp(arg, "s300") == 0)
			r->minor_format = MINOR_S300;
		else
			return bad(state, "invalid minor format '%s': use pa "
				   "or s300", arg);
		break;
	case 'f':
		r->file = arg;
		break;
	case OPT_SIZE:
		r->size_set = true;
		return parse_num(state, "size", arg, NUMBER_SUFFIX, &r->size);
	case OPT_BASE:
		r->base_set = true;
		return parse_num(state, "base", arg, 0, &r->base);
	case OPT_WC:
		r->wc = true;
		break;
	case OPT_OF:
		r->of = optional_value(state, arg);
		break;
	case 'u':
		r->uio = optional_value(state, arg);
		break;
	case OPT_IOMEM:
		r->iomem = optional_value(state, arg);
		break;
	case OPT_VFIO:
		r->vfio = true;
		break;
	case OPT_CONFIG:
		r->config = true;
		break;
	case OPT_SYSROOT:
		r->sysroot = arg;
		break;
	case OPT_SYSFS:
		r->sysfs = arg;
		break;
	case OPT_MEM:
		r->mem = arg;
		break;
	case OPT_PCI_IDS:
		r->pci_ids = arg;
		break;
	case 'r':
		*a->regs = arg;
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

const struct argp region_argp = { region_args_options, parse_opt, NULL,
				  NULL, NULL, NULL, NULL };

void region_args_defaults(struct region_spec *spec)
{
	memset(spec, 0, sizeof(*spec));
	spec->bar = -1;
	spec->minor_format = MINOR_PA;
}

/* The parser of a region string alone: region options, no other word. */
static error_t only_region(int key, char *arg, struct argp_state *state)
{
	(void)arg;
	switch (key) {
	case ARGP_KEY_INIT:
		state->child_inputs[0] = state->input;
		break;
	case ARGP_KEY_ARG:
		/* As a script's region line says it. */
		return bad(state, "region takes [REGION OPTION...] [-r FILE] "
			   "(too many arguments)");
	case ARGP_KEY_END:
		return *((struct region_args *)state->input)->failed ? EINVAL
								     : 0;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

int region_args_parse(int argc, char **argv, struct region_spec *spec,
		      const char **regs, char *err, size_t errlen)
{
	static const struct argp_child children[] = {
		{ &region_argp, 0, NULL, 0 },
		{ NULL, 0, NULL, 0 },
	};
	static const struct argp argp = { NULL, only_region, NULL, NULL,
					  children, NULL, NULL };
	static const struct argp_option *const tables[] = {
		region_args_options, NULL,
	};
	bool failed = false;
	struct region_args a = { spec, regs, NULL, err, errlen, &failed };
	error_t rc;

	region_args_defaults(spec);
	*regs = NULL;
	rc = argp_parse(&argp, argc, argv,
			ARGP_NO_ERRS | ARGP_NO_HELP | ARGP_NO_EXIT |
			ARGP_IN_ORDER, NULL, &a);
	if (rc == 0 && !failed)
		return 0;
	if (!failed)
		region_args_name_bad(argc, argv, tables, err, errlen);
	return -1;
}

void region_args_name_bad(int argc, char **argv,
			  const struct argp_option *const *tables, char *err,
			  size_t len)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *eq = NULL;
		const struct argp_option *found = NULL;
		size_t n;

		if (strcmp(a, "--") == 0)
			break;
		if (a[0] != '-' || a[1] == '\0')
			continue;
		for (size_t t = 0; tables[t] && !found; t++)
			for (const struct argp_option *opt = tables[t];
			     opt->name || opt->key || opt->doc; opt++) {
				if (a[1] == '-') {
					eq = strchr(a, '=');
					n = eq ? (size_t)(eq - a - 2)
					       : strlen(a + 2);
					if (opt->name && strlen(opt->name) == n &&
					    strncmp(opt->name, a + 2, n) == 0)
						found = opt;
				} else if (opt->key == a[1]) {
					found = opt;
				}
				if (found)
					break;
			}
		if (!found) {
			snprintf(err, len, "unknown option '%s'", a);
			return;
		}
		if (found->arg && !(found->flags & OPTION_ARG_OPTIONAL) &&
		    !(a[1] == '-' ? eq != NULL : a[2] != '\0') &&
		    i + 1 >= argc) {
			snprintf(err, len, "option '%s' needs an argument", a);
			return;
		}
	}
	snprintf(err, len, "invalid options");
}
