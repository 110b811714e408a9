// SPDX-License-Identifier: GPL-2.0-or-later
/* The argp tables and option parsing, shared by argv and script lines. */
#include "config.h"

#include <argp.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "commands.h"
#include "habits.h"
#include "number.h"
#include "region.h"
#include "region_args.h"
#include "xalloc.h"

const char *argp_program_version = PACKAGE_NAME " " PACKAGE_VERSION;

/* Region options are region_args.c's, keyed from 0x200. */
enum {
	OPT_VERIFY = 0x100,
	OPT_LINK,
	OPT_RAW,
	OPT_JSON,
	OPT_TRACE,
	OPT_DRY_RUN,
	OPT_LOCK,
	OPT_TIMEOUT,
	OPT_INTERVAL,
	OPT_USAGE,
	OPT_FIELDS,
	OPT_NAMES,
	OPT_CHECK,
	OPT_MAX,
	OPT_PROGRESS,
};

static const struct argp_option option_table[] = {
	{ NULL, 0, NULL, 0, "Access:", 2 },
	{ "width", 'w', "WIDTH", 0, "access width: 8, 16, 32 (default), 64 or b, w or h (16), l, q", 2 },
	{ "verify", OPT_VERIFY, NULL, 0, "poke, load: read each word back, fail if it differs", 2 },
	{ "lock", OPT_LOCK, NULL, 0, "flock the backing file around each read-modify-write and a whole run", 2 },
	{ "timeout", OPT_TIMEOUT, "DUR", 0, "wait: give up after DUR (default 1s)", 2 },
	{ "interval", OPT_INTERVAL, "DUR", 0, "wait: poll every DUR (default 1ms)", 2 },

	{ NULL, 0, NULL, 0, "Output:", 3 },
	{ "raw", OPT_RAW, NULL, 0, "dump: write the bytes, not a hex dump", 3 },
	{ "output", 'o', "FILE", 0, "dump: write to FILE instead of standard output", 3 },
	{ "all", 'v', NULL, 0, "dump: print every line (no * for repeated lines)", 3 },
	{ "json", OPT_JSON, NULL, 0, "peek, dump, list, decode, regs, show, load, compare, crc32, search: one JSON document", 3 },
	{ "link", OPT_LINK, NULL, 0, "list: every PCIe link, its speed and width against what both ends can do, AER bits set", 3 },
	{ "max", OPT_MAX, "N", 0, "compare, search: stop after N words (compare: default 10)", 3 },
	{ "progress", OPT_PROGRESS, "WHEN", 0, "a progress line on long work: auto (default), always or never", 3 },
	{ "trace", OPT_TRACE, NULL, 0, "print every access to standard error", 3 },
	{ "dry-run", OPT_DRY_RUN, NULL, 0, "trace what would be accessed; map nothing", 3 },

	{ NULL, 0, NULL, 0, "Register descriptions:", 4 },
	{ "fields", OPT_FIELDS, NULL, 0, "regs: list each register's fields too; peek REG (or the OFFSET of one): decode them", 4 },
	{ "names", OPT_NAMES, NULL, 0, "regs: only the names that complete PATTERN (for shell completion)", 4 },
	{ "check", OPT_CHECK, NULL, 0, "regs: list every erratum of the description as FILE:LINE; exit 1 when any", 4 },

	{ NULL, 0, NULL, 0, "Informational:", -1 },
	{ "help", '?', NULL, 0, "give this help list", -1 },
	{ NULL, 'h', NULL, OPTION_ALIAS, NULL, -1 },
	{ "usage", OPT_USAGE, NULL, 0, "give a short usage message", -1 },
	{ "version", 'V', NULL, 0, "print program version", -1 },
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
	"                           the MASK bits (read-modify-write); "
	"poke REG\n"
	"                           FIELD=VALUE... changes fields in one\n"
	"  dump [RANGE]             hex dump (whole region by default; a run "
	"of\n"
	"                           repeated lines as *, -v for all); --raw for "
	"bytes\n"
	"  fill RANGE PATTERN       store PATTERN over RANGE\n"
	"  load START FILE          store FILE's words from START (- for stdin, "
	"with\n"
	"                           START+LENGTH)\n"
	"  compare START FILE       compare with FILE as cmp(1) does: exit 0 "
	"equal,\n"
	"                           1 different\n"
	"  crc32 [RANGE]            CRC-32 (zlib's) of the bytes read\n"
	"  search [RANGE] VALUE[:MASK]\n"
	"                           addresses of the words where (word & MASK) "
	"==\n"
	"                           VALUE; exit 1 when none\n"
	"  wait OFFSET VALUE[:MASK] poll until (word & MASK) == VALUE\n"
	"  list                     PCI devices and their BARs "
	"(filtered by -s/-d)\n"
	"  decode MINOR             base, size and end of an iomap(7) minor\n"
	"  encode BASE SIZE         the minor for a region\n"
	"  regs [PATTERN]           the registers of the --regs description "
	"(glob);\n"
	"                           --fields adds fields; touches no hardware;\n"
	"                           --check lists the file's errata\n"
	"  show [PATTERN]           read those registers and decode their "
	"fields\n"
	"  run FILE                 run a script of commands (- for stdin)\n"
	"  shell                    the script language, interactively\n"
	"  vfio-bind                bind the -s/-d device to vfio-pci; "
	"print the\n"
	"                           driver it had (for locked-down machines)\n"
	"  vfio-unbind              give it back to its default driver; "
	"print it\n"
	"  help [COMMAND]           the commands, or one of them (as the "
	"shell's help)\n"
	"  devmem ADDRESS [WIDTH [VALUE]]\n"
	"                           busybox's devmem on /dev/mem (WIDTH in "
	"bits);\n"
	"                           a write prints the read-back; also as "
	"a devmem\n"
	"                           symlink to iomap\n"
	"\n"
	"RANGE is START+LENGTH or START (256 bytes, or to the region's end;\n"
	"fill: a register's name only, that register); without one, dump,\n"
	"crc32 and search cover the whole region.\n"
	"With --regs FILE a register's name may stand for an OFFSET or START, "
	"and\n"
	"REG.FIELD for a field in peek, poke, wait and search; OFFSET:HI[:LO] is "
	"bits\n"
	"HI down to LO of a word.\n"
	"Numbers: 0x hex, 0b binary, else decimal; '_' between digits; "
	"offsets and\n"
	"lengths take k, M, G. Durations: 500us, 10ms, 1.5s, 2s.\n"
	"Options may come before or after the command.\n"
	"Exit status: 0 success, 1 failure, 2 bad usage, 3 a wait timed out,\n"
	"130 interrupted by Ctrl-C, 128+N by signal N (SIGTERM 143, SIGHUP "
	"129),\n141 the output pipe was closed.\n"
	"See iomap(1) for more.";

/* What parse_opt works on: the options and how to report errors. */
struct parse_ctx {
	struct options *o;
	bool script;
	char *err;
	size_t errlen;
	bool failed;
	struct region_args region;	/* region_argp's input */
};

/* Keep the first usage error; cli_parse reports it. */
static error_t __attribute__((format(printf, 2, 3)))
bad(struct argp_state *state, const char *fmt, ...)
{
	struct parse_ctx *ctx = state->input;
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (!ctx->failed)
		snprintf(ctx->err, ctx->errlen, "%s", msg);
	ctx->failed = true;
	return EINVAL;
}

int cli_parse_width(const char *s, unsigned *width)
{
	static const struct {
		const char *name;
		unsigned bytes;
	} widths[] = {
		{ "8", 1 }, { "16", 2 }, { "32", 4 }, { "64", 8 },
		{ "b", 1 }, { "w", 2 }, { "h", 2 }, { "l", 4 }, { "q", 8 },
	};

	for (size_t i = 0; i < sizeof(widths) / sizeof(widths[0]); i++)
		if (strcasecmp(s, widths[i].name) == 0) {
			*width = widths[i].bytes;
			return 0;
		}
	return -1;
}

static error_t parse_num(struct argp_state *state, const char *opt,
			 const char *arg, unsigned flags, uint64_t *v)
{
	const char *why = number_parse(arg, v, flags);

	return why ? bad(state, "invalid %s '%s': %s", opt, arg, why) : 0;
}

static error_t parse_duration(struct argp_state *state, const char *opt,
			      const char *arg, uint64_t *ns)
{
	const char *why = number_parse_duration(arg, ns);

	return why ? bad(state, "invalid %s '%s': %s", opt, arg, why) : 0;
}

int cli_check(const struct options *o, char *err, size_t len)
{
	const struct command *c = o->cmd;
	struct error e;

#define REFUSE(...) return snprintf(err, len, __VA_ARGS__), -1
	if (region_spec_check(&o->region, &e))
		REFUSE("%s", e.msg);
	if (!c)
		return 0;
	if (o->verify && c != &cmd_poke && c != &cmd_load)
		REFUSE("--verify goes with poke and load");
	if ((o->raw || o->output || o->all) && c != &cmd_dump)
		REFUSE("%s goes with dump", o->raw ? "--raw" :
		       o->output ? "-o" : "-v");
	if (o->json && !(c->flags & CMD_JSON))
		REFUSE("--json goes with peek, dump, list, decode, regs, show, "
		       "load, compare, crc32 and search");
	if (o->fields && c != &cmd_regs && c != &cmd_peek && c != &cmd_show)
		REFUSE("--fields goes with regs, peek and show");
	if (o->names && c != &cmd_regs)
		REFUSE("--names goes with regs");
	if (o->link && c != &cmd_list)
		REFUSE("--link goes with list");
	if (o->check && c != &cmd_regs)
		REFUSE("--check goes with regs");
	if (o->check && (o->names || o->json || o->fields || o->nargs))
		REFUSE("regs --check lists the errata of the whole file: not "
		       "with %s", o->nargs ? "a PATTERN" : o->names ?
		       "--names" : o->json ? "--json" : "--fields");
	if (o->names && (o->json || o->fields))
		REFUSE("--names prints names only: not with --%s",
		       o->json ? "json" : "fields");
	if (o->max_set && c != &cmd_compare && c != &cmd_search)
		REFUSE("--max goes with compare and search");
	if (o->progress != PROGRESS_AUTO &&
	    !(c->flags & (CMD_PROGRESS | CMD_SESSION)))
		REFUSE("--progress goes with dump, fill, load, compare, crc32, "
		       "search, run and shell");
	if (o->json && o->raw)
		REFUSE("--json and --raw do not go together");
	if ((o->timeout_set || o->interval_ns) && c != &cmd_wait)
		REFUSE("--%s goes with wait",
		       o->timeout_set ? "timeout" : "interval");
#undef REFUSE
	return 0;
}

static error_t parse_opt(int key, char *arg, struct argp_state *state)
{
	struct parse_ctx *ctx = state->input;
	struct options *o = ctx->o;

	switch (key) {
	case ARGP_KEY_INIT:
		state->child_inputs[0] = &ctx->region;
		break;
	case '?':
	case 'h':
	case OPT_USAGE:
	case 'V':
		/* argp prints nothing itself (ARGP_NO_ERRS): these are ours. */
		if (ctx->script)
			return bad(state, "%s is not for scripts",
				   key == 'V' ? "--version" : key == OPT_USAGE
				   ? "--usage" : "--help");
		if (key == 'V')
			printf("%s\n", argp_program_version);
		else
			argp_help(state->root_argp, stdout, key == OPT_USAGE
				  ? ARGP_HELP_USAGE : ARGP_HELP_STD_HELP,
				  state->name);
		exit(EXIT_OK);
	case 'w':
		if (cli_parse_width(arg, &o->width))
			return bad(state, "invalid width '%s': use 8, 16, 32, "
				   "64 or b, w (16), h (16), l, q", arg);
		o->width_set = true;
		break;
	case OPT_VERIFY:
		o->verify = true;
		break;
	case OPT_LOCK:
		o->lock = true;
		break;
	case OPT_TIMEOUT:
		o->timeout_set = true;
		return parse_duration(state, "timeout", arg, &o->timeout_ns);
	case OPT_INTERVAL:
		if (parse_duration(state, "interval", arg, &o->interval_ns))
			return EINVAL;
		if (!o->interval_ns)
			return bad(state, "invalid interval '%s': it must be "
				   "more than 0", arg);
		break;
	case OPT_RAW:
		o->raw = true;
		break;
	case 'v':
		o->all = true;
		break;
	case 'o':
		o->output = arg;
		break;
	case OPT_JSON:
		o->json = true;
		break;
	case OPT_FIELDS:
		o->fields = true;
		break;
	case OPT_CHECK:
		o->check = true;
		break;
	case OPT_NAMES:
		o->names = true;
		break;
	case OPT_LINK:
		o->link = true;
		break;
	case OPT_MAX:
		o->max_set = true;
		return parse_num(state, "max", arg, 0, &o->max);
	case OPT_PROGRESS:
		if (progress_parse_mode(arg, &o->progress))
			return bad(state, "invalid progress mode '%s': use auto, "
				   "always or never", arg);
		break;
	case OPT_TRACE:
		o->trace = true;
		break;
	case OPT_DRY_RUN:
		o->dry_run = true;
		break;
	case ARGP_KEY_ARG:
		if (!o->cmd) {
			o->cmd = command_find(arg);
			char msg[512];

			if (!o->cmd && habit_command(arg, msg, sizeof(msg)))
				return bad(state, "%s", msg);
			if (!o->cmd || (!ctx->script &&
					(o->cmd->flags & CMD_SCRIPT_ONLY)))
				return bad(state, "unknown command '%s'", arg);
			if (ctx->script && (o->cmd->flags & CMD_NO_SCRIPT))
				return bad(state, "%s cannot be used in a "
					   "script", arg);
		} else {
			o->args = xreallocarray(o->args, (size_t)o->nargs + 1,
						sizeof(*o->args));
			o->args[o->nargs++] = arg;
		}
		break;
	case ARGP_KEY_END:
		if (ctx->failed)
			return EINVAL;
		if (!o->cmd)
			return bad(state, "no command given");
		if ((o->cmd == &cmd_dump || o->cmd == &cmd_crc32) &&
		    o->nargs == 2) {
			char msg[512];

			/* dump START END, as md and memtool take it */
			if (habit_range_words(o->cmd->name, o->args[0],
					      o->args[1], msg, sizeof(msg)))
				return bad(state, "%s", msg);
		}
		if (o->nargs < o->cmd->min_args ||
		    (o->cmd->max_args >= 0 && o->nargs > o->cmd->max_args))
			return bad(state, "%s takes %s%s", o->cmd->name,
				   o->cmd->args_doc[0] ? o->cmd->args_doc
						       : "no arguments",
				   o->nargs < o->cmd->min_args
				   ? " (too few arguments)"
				   : " (too many arguments)");
		/* devmem with a VALUE writes: open for writing. */
		if (o->cmd == &cmd_devmem && o->nargs == 3)
			o->cmd = &cmd_devmem_write;
		if (!ctx->script) {
			char msg[256];

			if (cli_check(o, msg, sizeof(msg)))
				return bad(state, "%s", msg);
		}
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static bool is_command(const char *word)
{
	return command_find(word) != NULL;
}

static const struct argp_child children[] = {
	{ &region_argp, 0, NULL, 0 },
	{ NULL, 0, NULL, 0 },
};

static const struct argp argp = { option_table, parse_opt, args_doc, doc,
				  children, NULL, NULL };

void cli_defaults(struct options *o)
{
	memset(o, 0, sizeof(*o));
	region_args_defaults(&o->region);
}

void cli_free(struct options *o)
{
	free(o->args);
	o->args = NULL;
	o->nargs = 0;
}

int cli_parse(int argc, char **argv, struct options *o, bool script,
	      char *err, size_t errlen)
{
	char msg[1024];
	static const struct argp_option *const tables[] = {
		option_table, region_args_options, NULL,
	};
	struct parse_ctx ctx = { o, script, err ? err : msg,
				 err ? errlen : sizeof(msg), false, { 0 } };
	/*
	 * argp (and getopt under it) prints nothing: every usage error is
	 * reported here, the same way for argv and script lines.
	 */
	unsigned flags = ARGP_NO_ERRS | ARGP_NO_HELP | ARGP_NO_EXIT;
	error_t rc;

	ctx.region = (struct region_args){ &o->region, &o->regs, is_command,
					   ctx.err, ctx.errlen, &ctx.failed };
	argp_err_exit_status = EXIT_USAGE;
	rc = argp_parse(&argp, argc, argv, flags, NULL, &ctx);
	if (rc == 0 && !ctx.failed)
		return 0;
	if (!ctx.failed)
		region_args_name_bad(argc, argv, tables, ctx.err, ctx.errlen);
	if (script)
		return -1;
	warnmsg("%s", ctx.err);
	fprintf(stderr, "Try `%s --help' or `%s --usage' for more "
		"information.\n", argv[0], argv[0]);
	exit(EXIT_USAGE);
}
