// SPDX-License-Identifier: GPL-2.0-or-later
/* iomap's command line: argp tables, parsing, checks, dispatch. */
#include "config.h"

#include <argp.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#include "commands.h"
#include "fault.h"
#include "mapping.h"
#include "number.h"
#include "options.h"
#include "region.h"

const char *argp_program_version = PACKAGE_NAME " " PACKAGE_VERSION;

enum {
	OPT_MINOR_FORMAT = 0x100,
	OPT_SIZE,
	OPT_WC,
	OPT_SYSFS,
	OPT_MEM,
	OPT_VERIFY,
	OPT_RAW,
};

static const struct argp_option option_table[] = {
	{ NULL, 0, NULL, 0, "Region (default: physical memory through /dev/mem):", 1 },
	{ "slot", 's', "SLOT", 0, "PCI device by slot, [[[[DOM]:]BUS]:][DEV][.[FN]]", 1 },
	{ "device", 'd', "ID", 0, "PCI device by id, [VENDOR]:[DEVICE][:CLASS]", 1 },
	{ "bar", 'b', "N", 0, "BAR N of that device (default: the lowest memory BAR)", 1 },
	{ "wc", OPT_WC, NULL, 0, "map resourceN_wc (write-combining)", 1 },
	{ "minor", 'm', "MINOR", 0, "an iomap(7) minor number", 1 },
	{ "minor-format", OPT_MINOR_FORMAT, "FORMAT", 0, "pa (default) or s300", 1 },
	{ "file", 'f', "PATH", 0, "a mappable file: resourceN, /dev/uioN, an image", 1 },
	{ "size", OPT_SIZE, "SIZE", 0, "size of the -f region (default: the file's size)", 1 },
	{ "sysfs", OPT_SYSFS, "DIR", 0, "PCI sysfs root (default /sys/bus/pci)", 1 },
	{ "mem", OPT_MEM, "PATH", 0, "the file standing for /dev/mem", 1 },

	{ NULL, 0, NULL, 0, "Access:", 2 },
	{ "width", 'w', "WIDTH", 0, "access width: 8, 16, 32 (default), 64 or b, w, l, q", 2 },
	{ "verify", OPT_VERIFY, NULL, 0, "poke: read each word back, fail if it differs", 2 },

	{ NULL, 0, NULL, 0, "Output:", 3 },
	{ "raw", OPT_RAW, NULL, 0, "dump: write the bytes, not a hex dump", 3 },
	{ "output", 'o', "FILE", 0, "dump: write to FILE instead of standard output", 3 },

	{ NULL, 0, NULL, 0, "Informational:", -1 },
	{ NULL, 0, NULL, 0, NULL, 0 },
};

static const char args_doc[] = "COMMAND [ARG...]";

static const char doc[] =
	"Map physical I/O memory (PCI BARs, /dev/mem) and peek, poke, dump "
	"and fill it with width-correct volatile accesses."
	"\v"
	"Commands:\n"
	"  peek OFFSET [COUNT]      read COUNT words (default 1)\n"
	"  poke OFFSET VALUE[:MASK]...\n"
	"                           write consecutive words; VALUE:MASK "
	"changes only\n"
	"                           the MASK bits (read-modify-write)\n"
	"  dump [RANGE]             hex dump (whole region by default); "
	"--raw for bytes\n"
	"  fill RANGE PATTERN       store PATTERN over RANGE\n"
	"  list                     PCI devices and their BARs "
	"(filtered by -s/-d)\n"
	"  decode MINOR             base, size and end of an iomap(7) minor\n"
	"  encode BASE SIZE         the minor for a region\n"
	"\n"
	"RANGE is START+LENGTH or START (256 bytes, or to the region's end).\n"
	"Numbers: 0x hex, 0b binary, else decimal; '_' between digits; "
	"offsets and\n"
	"lengths take k, M, G. Options may come before or after the command.\n"
	"Exit status: 0 success, 1 an operation failed, 2 bad usage.\n"
	"See iomap(1) for more.";

static int parse_width(const char *s, unsigned *width)
{
	static const struct {
		const char *name;
		unsigned bytes;
	} widths[] = {
		{ "8", 1 }, { "16", 2 }, { "32", 4 }, { "64", 8 },
		{ "b", 1 }, { "w", 2 }, { "l", 4 }, { "q", 8 },
	};

	for (size_t i = 0; i < sizeof(widths) / sizeof(widths[0]); i++)
		if (strcmp(s, widths[i].name) == 0) {
			*width = widths[i].bytes;
			return 0;
		}
	return -1;
}

static void parse_number_arg(struct argp_state *state, const char *opt,
			     const char *arg, unsigned flags, uint64_t *v)
{
	const char *why = number_parse(arg, v, flags);

	if (why)
		argp_error(state, "invalid %s '%s': %s", opt, arg, why);
}

static void check_region_options(struct argp_state *state,
				 const struct options *o)
{
	bool pci = o->slot || o->device;

	if ((pci && o->minor_set) || (pci && o->file) ||
	    (o->minor_set && o->file))
		argp_error(state, "choose one region: -s/-d, -m or -f");
	if (o->bar >= 0 && !pci)
		argp_error(state, "-b selects a BAR of the device given with "
			   "-s or -d");
	if (o->wc && !pci)
		argp_error(state, "--wc maps a PCI BAR given with -s or -d");
	if (o->size_set && !o->file)
		argp_error(state, "--size gives the size of a -f region");
	if (o->verify && o->cmd != &cmd_poke)
		argp_error(state, "--verify goes with poke");
	if ((o->raw || o->output) && o->cmd != &cmd_dump)
		argp_error(state, "%s goes with dump", o->raw ? "--raw" : "-o");
}

static error_t parse_opt(int key, char *arg, struct argp_state *state)
{
	struct options *o = state->input;
	uint64_t v;

	switch (key) {
	case 's':
		o->slot = arg;
		break;
	case 'd':
		o->device = arg;
		break;
	case 'b':
		parse_number_arg(state, "BAR", arg, 0, &v);
		if (v > 5)
			argp_error(state, "invalid BAR '%s': BARs are 0 to 5",
				   arg);
		o->bar = (int)v;
		break;
	case 'm':
		parse_number_arg(state, "minor", arg, 0, &o->minor);
		o->minor_set = true;
		break;
	case OPT_MINOR_FORMAT:
		if (strcmp(arg, "pa") == 0)
			o->minor_format = MINOR_PA;
		else if (strcmp(arg, "s300") == 0)
			o->minor_format = MINOR_S300;
		else
			argp_error(state, "invalid minor format '%s': use pa "
				   "or s300", arg);
		break;
	case 'f':
		o->file = arg;
		break;
	case OPT_SIZE:
		parse_number_arg(state, "size", arg, NUMBER_SUFFIX, &o->size);
		o->size_set = true;
		break;
	case OPT_WC:
		o->wc = true;
		break;
	case OPT_SYSFS:
		o->sysfs = arg;
		break;
	case OPT_MEM:
		o->mem = arg;
		break;
	case 'w':
		if (parse_width(arg, &o->width))
			argp_error(state, "invalid width '%s': use 8, 16, 32, "
				   "64 or b, w, l, q", arg);
		break;
	case OPT_VERIFY:
		o->verify = true;
		break;
	case OPT_RAW:
		o->raw = true;
		break;
	case 'o':
		o->output = arg;
		break;
	case ARGP_KEY_ARG:
		if (!o->cmd) {
			o->cmd = command_find(arg);
			if (!o->cmd)
				argp_error(state, "unknown command '%s'", arg);
		} else {
			o->args = realloc(o->args, (o->nargs + 1) *
					  sizeof(*o->args));
			o->args[o->nargs++] = arg;
		}
		break;
	case ARGP_KEY_END:
		if (!o->cmd)
			argp_error(state, "no command given");
		if (o->nargs < o->cmd->min_args ||
		    (o->cmd->max_args >= 0 && o->nargs > o->cmd->max_args))
			argp_error(state, "%s takes %s%s", o->cmd->name,
				   o->cmd->args_doc[0] ? o->cmd->args_doc
						       : "no arguments",
				   o->nargs < o->cmd->min_args
				   ? " (too few arguments)"
				   : " (too many arguments)");
		check_region_options(state, o);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct argp argp = { option_table, parse_opt, args_doc, doc,
				  NULL, NULL, NULL };

/* SPEC §1: never setuid; under AT_SECURE, no test paths from the caller. */
static int check_privileges(struct options *o)
{
	if (getuid() != geteuid() || getgid() != getegid()) {
		fprintf(stderr, "iomap: refusing to run setuid or setgid: "
			"run it as root instead\n");
		return -1;
	}
	if (getauxval(AT_SECURE) && (o->sysfs || o->mem)) {
		fprintf(stderr, "iomap: warning: running with AT_SECURE: "
			"ignoring %s%s%s\n", o->sysfs ? "--sysfs" : "",
			o->sysfs && o->mem ? " and " : "",
			o->mem ? "--mem" : "");
		o->sysfs = o->mem = NULL;
	}
	return 0;
}

/* Flush standard output and fail if any write to it failed. */
static int close_stdout(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
		if (status == 0) {
			fprintf(stderr, "iomap: cannot write standard output: "
				"%s\n", strerror(errno));
			status = EXIT_FAIL;
		}
	}
	return status;
}

int main(int argc, char **argv)
{
	static struct invocation inv;
	static struct mapping map = { .fd = -1 };
	struct options *o = &inv.opt;
	const struct command *cmd;
	struct error e;
	int status;

	o->bar = -1;
	o->width = 4;
	o->minor_format = MINOR_PA;
	argp_err_exit_status = EXIT_USAGE;
	argp_parse(&argp, argc, argv, 0, NULL, o);
	cmd = o->cmd;
	if (check_privileges(o))
		return EXIT_FAIL;

	if ((cmd->flags & CMD_REGION) &&
	    region_resolve(o, &inv.region, &e))
		goto fail;
	if (cmd->prepare && cmd->prepare(&inv, &e))
		goto fail;
	if ((cmd->flags & CMD_REGION) &&
	    mapping_open(&map, &inv.region, cmd->flags & CMD_WRITES, &e))
		goto fail;

	fault_install();
	if (sigsetjmp(fault_jump, 1)) {
		fault_describe(&e);
		goto fail;
	}
	status = cmd->execute(&inv, &map, &e);
	if (map.fd >= 0)
		mapping_close(&map);
	if (status < 0)
		goto fail;
	return close_stdout(status);
fail:
	error_print(&e);
	close_stdout(e.status);
	return e.status;
}
