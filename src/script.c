// SPDX-License-Identifier: GPL-2.0-or-later
/* run FILE and shell: parse every line first, then run with one session. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef HAVE_LIBEDIT
#include <editline/readline.h>
#endif

#include "caller.h"
#include "cli.h"
#include "fault.h"
#include "format.h"
#include "interrupt.h"
#include "number.h"
#include "operand.h"
#include "pcicfg.h"
#include "script.h"
#include "session.h"
#include "words.h"
#include "xalloc.h"

/* The longest line a script may have. */
#define LINE_MAX_BYTES	(16u << 20)

/* The state a line starts from: region and width set by earlier lines. */
struct script_state {
	struct region_spec region;	/* set by region lines */
	unsigned width;			/* set by width lines */
	const char *regs;		/* --regs of region lines */
	const struct options *base;
	/*
	 * Each distinct region the lines name, once: its options (copied:
	 * REGION and the lines point at the copies, not at a line's words)
	 * and the region resolved from them, found by a hash of the options.
	 * A region line that names a region met before costs no memory.
	 */
	struct spec_entry **specs;
	size_t nspecs;
	uint32_t *spec_hash;		/* index + 1, 0 = empty */
	size_t spec_cap;
	/* The --regs paths of region lines, once each. */
	char **regs_paths;
	size_t nregs_paths;
	bool warned_secure;
};

struct spec_entry {
	struct region_spec spec;	/* its strings owned */
	struct region *region;		/* NULL until resolved */
};

/* A parsed line, ready to run. */
struct line {
	struct invocation inv;
	unsigned number;
	struct words *words;	/* owned: the options point into it */
};

static uint64_t hash_string(uint64_t h, const char *str)
{
	for (; str && *str; str++)
		h = (h ^ (unsigned char)*str) * 0x100000001b3u;
	return (h ^ (str ? 1 : 2)) * 0x100000001b3u;
}

/* A hash of the options that tell regions apart (equal ones hash equal). */
static uint64_t spec_hash(const struct region_spec *spec)
{
	uint64_t h = 0xcbf29ce484222325u;

	h = hash_string(h, spec->slot);
	h = hash_string(h, spec->device);
	h = hash_string(h, spec->file);
	h = hash_string(h, spec->of);
	h = hash_string(h, spec->uio);
	h = hash_string(h, spec->iomem);
	h = (h ^ (uint64_t)(int64_t)spec->bar) * 0x100000001b3u;
	h = (h ^ spec->minor) * 0x100000001b3u;
	return h ^ (h >> 31);
}

static const char *copy_string(const char *str)
{
	return str ? xstrdup(str) : NULL;
}

static void spec_strings_free(struct region_spec *spec)
{
	free((char *)spec->slot);
	free((char *)spec->device);
	free((char *)spec->bar_name);
	free((char *)spec->file);
	free((char *)spec->of);
	free((char *)spec->uio);
	free((char *)spec->iomem);
	free((char *)spec->sysroot);
	free((char *)spec->sysfs);
	free((char *)spec->mem);
	free((char *)spec->pci_ids);
}

/* The slot of SPEC in the hash: the one that holds it, else an empty one. */
static size_t spec_slot(const struct script_state *s,
			const struct region_spec *spec)
{
	size_t i = spec_hash(spec) & (s->spec_cap - 1);

	while (s->spec_hash[i] &&
	       !region_spec_equal(&s->specs[s->spec_hash[i] - 1]->spec, spec))
		i = (i + 1) & (s->spec_cap - 1);
	return i;
}

/* The entry of the region SPEC names: found, else added with copies. */
static struct spec_entry *spec_intern(struct script_state *s,
				      const struct region_spec *spec)
{
	struct spec_entry *en;
	size_t i;

	if ((s->nspecs + 1) * 2 > s->spec_cap) {
		size_t cap = s->spec_cap ? s->spec_cap * 2 : 16;

		free(s->spec_hash);
		s->spec_hash = xcalloc(cap, sizeof(*s->spec_hash));
		s->spec_cap = cap;
		for (size_t j = 0; j < s->nspecs; j++)
			s->spec_hash[spec_slot(s, &s->specs[j]->spec)] =
				(uint32_t)j + 1;
	}
	i = spec_slot(s, spec);
	if (s->spec_hash[i])
		return s->specs[s->spec_hash[i] - 1];
	en = xcalloc(1, sizeof(*en));
	en->spec = *spec;
	en->spec.slot = copy_string(spec->slot);
	en->spec.device = copy_string(spec->device);
	en->spec.bar_name = copy_string(spec->bar_name);
	en->spec.file = copy_string(spec->file);
	en->spec.of = copy_string(spec->of);
	en->spec.uio = copy_string(spec->uio);
	en->spec.iomem = copy_string(spec->iomem);
	en->spec.sysroot = copy_string(spec->sysroot);
	en->spec.sysfs = copy_string(spec->sysfs);
	en->spec.mem = copy_string(spec->mem);
	en->spec.pci_ids = copy_string(spec->pci_ids);
	s->specs = xreallocarray(s->specs, s->nspecs + 1, sizeof(*s->specs));
	s->specs[s->nspecs++] = en;
	s->spec_hash[i] = (uint32_t)s->nspecs;
	return en;
}

/* The --regs PATH of a region line, copied once. */
static const char *regs_intern(struct script_state *s, const char *path)
{
	for (size_t i = 0; i < s->nregs_paths; i++)
		if (strcmp(s->regs_paths[i], path) == 0)
			return s->regs_paths[i];
	s->regs_paths = xreallocarray(s->regs_paths, s->nregs_paths + 1,
				      sizeof(*s->regs_paths));
	s->regs_paths[s->nregs_paths] = xstrdup(path);
	return s->regs_paths[s->nregs_paths++];
}

/* The region SPEC selects, resolved once for the whole run. */
static struct region *state_region(struct script_state *s,
				   const struct region_spec *spec,
				   struct error *e)
{
	struct spec_entry *en = spec_intern(s, spec);
	struct region *r;

	if (en->region)
		return en->region;
	r = xmalloc(sizeof(*r));
	if (region_resolve(&en->spec, r, e)) {
		free(r);
		return NULL;
	}
	en->region = r;
	if (r->note[0])
		warnmsg("%s", r->note);
	return r;
}

/* Under AT_SECURE, the test-path options of a line are dropped too. */
static void state_secure(struct script_state *s, struct region_spec *spec)
{
	char warn[256];

	region_spec_secure(spec, warn, sizeof(warn));
	if (warn[0] && !s->warned_secure)
		warnmsg("%s", warn);
	s->warned_secure = s->warned_secure || warn[0];
}

/* The names of the lines that are no commands of the table. */
static bool is_word(const struct words *w, const char *name)
{
	return w->n > 1 && strcmp(w->v[1], name) == 0;
}

/*
 * Parse one line of LEN bytes into L (false when it holds no command).
 * Region and width lines change S. The message of a refusal goes to E.
 */
static int parse_line(struct script_state *s, const char *text, size_t len,
		      struct line *l, bool *is_command, struct error *e)
{
	struct options o;
	char msg[1024];

	*is_command = false;
	memset(l, 0, sizeof(*l));
	if (words_split(text, len, &l->words, msg, sizeof(msg)))
		return error_set(e, EXIT_USAGE, "%s", msg);
	if (l->words->n == 1)
		return 0;
	if (is_word(l->words, "width")) {
		if (l->words->n != 3 || cli_parse_width(l->words->v[2],
							&s->width))
			return error_set(e, EXIT_USAGE, "width takes one of 8, "
					 "16, 32, 64 or b, w, h, l, q");
		return 0;
	}
	cli_defaults(&o);
	if (is_word(l->words, "region")) {
		bool given;
		int rc = cli_parse(l->words->n, l->words->v, &o, true, msg,
				   sizeof(msg));

		cli_free(&o);
		if (rc)
			return error_set(e, EXIT_USAGE, "%s%s",
					 strncmp(msg, "region ", 7) ? "region: "
								    : "", msg);
		if (o.json || o.trace || o.dry_run || o.lock || o.width ||
		    o.verify || o.raw || o.output || o.max_set || o.progress ||
		    o.fields || o.names || o.all)
			return error_set(e, EXIT_USAGE, "region takes region "
					 "options and --regs only");
		if (o.regs) {
			struct regdb *db;

			if (operand_load(o.regs, &db, e))
				return -1;
		}
		o.cmd = NULL;
		if (cli_check(&o, msg, sizeof(msg)))
			return error_set(e, EXIT_USAGE, "region: %s", msg);
		/* Alone (or with --regs only), back to the command line's. */
		given = region_spec_given(&o.region);
		region_spec_inherit(&o.region, &s->base->region);
		state_secure(s, &o.region);
		/*
		 * Resolved here, so that a region that is not there is this
		 * line's error, not the next command's; the region stays as
		 * it was. Copied: the line's words go (see spec_intern).
		 */
		if (given && !state_region(s, &o.region, e)) {
			e->status = EXIT_USAGE;
			return -1;
		}
		s->region = given ? spec_intern(s, &o.region)->spec
				  : s->base->region;
		s->regs = o.regs ? regs_intern(s, o.regs) : s->base->regs;
		return 0;
	}
	if (cli_parse(l->words->n, l->words->v, &o, true, msg, sizeof(msg))) {
		cli_free(&o);
		return error_set(e, EXIT_USAGE, "%s", msg);
	}
	l->inv.opt = o;		/* from here on, command_free frees it */
	if (!region_spec_given(&o.region)) {
		o.region = s->region;
	} else {
		region_spec_inherit(&o.region, &s->base->region);
		state_secure(s, &o.region);
	}
	if (!o.width)
		o.width = s->width ? s->width : 4;
	if (!o.regs)
		o.regs = s->regs;
	o.trace |= s->base->trace;
	o.dry_run |= s->base->dry_run;
	o.lock |= s->base->lock;
	if (o.progress == PROGRESS_AUTO)
		o.progress = s->base->progress;
	l->inv.opt = o;
	if (cli_check(&o, msg, sizeof(msg)))
		return error_set(e, EXIT_USAGE, "%s", msg);
	if (operand_check_regs(o.regs, e))
		return -1;
	if (o.cmd->flags & CMD_REGION) {
		l->inv.region = state_region(s, &o.region, e);
		if (!l->inv.region)
			return -1;
	}
	if (o.cmd->prepare && o.cmd->prepare(&l->inv, e))
		return -1;
	*is_command = true;
	return 0;
}

static void line_free(struct line *l)
{
	command_free(&l->inv);
	words_free(l->words);
	l->words = NULL;
}

static void state_init(struct script_state *s, const struct options *base)
{
	memset(s, 0, sizeof(*s));
	s->base = base;
	s->region = base->region;
	s->width = base->width;
	s->regs = base->regs;
}

static void state_free(struct script_state *s)
{
	for (size_t i = 0; i < s->nspecs; i++) {
		spec_strings_free(&s->specs[i]->spec);
		free(s->specs[i]->region);
		free(s->specs[i]);
	}
	free(s->specs);
	free(s->spec_hash);
	for (size_t i = 0; i < s->nregs_paths; i++)
		free(s->regs_paths[i]);
	free(s->regs_paths);
}

/* Prefix E's message with "FILE:LINE: ". */
static void locate(struct error *e, const char *file, unsigned line)
{
	char msg[sizeof(e->msg)];

	snprintf(msg, sizeof(msg), "%s:%u: %s", file, line, e->msg);
	memcpy(e->msg, msg, sizeof(msg));
}

/*
 * Read one line of F (without its newline) into *BUF, at most
 * LINE_MAX_BYTES long. Returns its length, -1 at the end of the file, or
 * -2 with E filled on a read error or an overlong line.
 */
static ssize_t read_line(FILE *f, char **buf, size_t *cap, const char *name,
			 struct error *e)
{
	size_t len = 0;
	int c;

	for (;;) {
		c = getc(f);
		if (c == EOF || c == '\n')
			break;
		if (c == '\0')
			return error_set(e, EXIT_USAGE, "a NUL byte in the "
					 "line"), -2;
		if (len + 1 >= *cap) {
			*cap = *cap ? 2 * *cap : 256;
			*buf = xreallocarray(*buf, *cap, 1);
		}
		(*buf)[len++] = (char)c;
		if (len > LINE_MAX_BYTES)
			return error_set(e, EXIT_USAGE, "a line longer than "
					 "%u MiB", LINE_MAX_BYTES >> 20), -2;
	}
	if (c == EOF && ferror(f))
		return error_set(e, EXIT_USAGE, "cannot read %s: %s", name,
				 strerror(errno)), -2;
	if (c == EOF && len == 0)
		return -1;
	if (!*buf)
		*buf = xmalloc(1);
	(*buf)[len] = '\0';
	return (ssize_t)len;
}

/* Open a script: "-" is standard input; a directory is refused. */
static FILE *script_open(const char *path, struct error *e)
{
	struct stat st;
	FILE *f;

	if (strcmp(path, "-") == 0)
		f = stdin;
	else
		f = caller_fopen(path, "r");
	if (!f) {
		error_set(e, EXIT_USAGE, "cannot read %s: %s", path,
			  strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &st) != 0 || S_ISDIR(st.st_mode)) {
		error_set(e, EXIT_USAGE, "cannot read %s: %s", path,
			  S_ISDIR(st.st_mode) ? strerror(EISDIR)
					      : strerror(errno));
		if (f != stdin)
			fclose(f);
		return NULL;
	}
	return f;
}

/*
 * Run LINE of the script NAME in SESS. A fault ends the line here, not in
 * main(), so that the run frees its session and lines as on any other
 * failure (fault_describe() names the line).
 */
static int run_line(struct session *sess, struct line *line,
		    const char *name, bool writes, struct error *e)
{
	int status;

	fault_where(name, line->number);
	if (sigsetjmp(fault_jump, 1)) {
		fault_describe(e);
		return -1;
	}
	status = session_execute(sess, &line->inv, writes, e);
	if (status)
		locate(e, name, line->number);
	return status;
}

/*
 * Parse every line of F into *LINES (*N of them). Returns 0, or -1 with E
 * located at the line that was refused. *WRITES tells whether any writes.
 */
static int parse_all(struct script_state *s, FILE *f, const char *name,
		     struct line **lines, size_t *n, bool *writes,
		     struct error *e)
{
	size_t cap = 0, tcap = 0;
	char *text = NULL;
	unsigned number = 0;
	ssize_t len;
	int status = 0;

	*lines = NULL;
	*n = 0;
	*writes = false;
	while ((len = read_line(f, &text, &tcap, name, e)) != -1) {
		struct line l;
		bool cmd;

		number++;
		/* A UTF-8 byte-order mark some editors write is no text. */
		if (number == 1 && len >= 3 && memcmp(text, "\xef\xbb\xbf",
						       3) == 0) {
			len -= 3;
			memmove(text, text + 3, (size_t)len + 1);
		}
		if (len == -2 || parse_line(s, text, (size_t)len, &l, &cmd, e)) {
			locate(e, name, number);
			if (len != -2)
				line_free(&l);
			status = -1;
			break;
		}
		if (!cmd) {
			line_free(&l);
			continue;
		}
		l.number = number;
		*writes = *writes || (l.inv.opt.cmd->flags & CMD_WRITES);
		if (*n == cap) {
			cap = cap ? 2 * cap : 64;
			*lines = xreallocarray(*lines, cap, sizeof(**lines));
		}
		(*lines)[(*n)++] = l;
	}
	free(text);
	return status;
}

static void lines_free(struct line *lines, size_t n)
{
	for (size_t i = 0; i < n; i++)
		line_free(&lines[i]);
	free(lines);
}

int script_run(const struct options *base, const char *path,
	       struct error *e)
{
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	FILE *f = script_open(path, e);
	struct script_state s;
	struct session sess;
	struct line *lines;
	size_t n;
	bool writes;
	int status;

	if (!f)
		return -1;
	state_init(&s, base);
	/* Parse and check every line before the first access. */
	status = parse_all(&s, f, name, &lines, &n, &writes, e);
	if (f != stdin)
		fclose(f);
	if (status == 0) {
		/* One session: each region is opened (and locked) once. */
		session_init(&sess, base->lock);
		for (size_t i = 0; i < n && status == 0; i++) {
			if (interrupted()) {
				status = error_set(e, EXIT_INTERRUPTED,
						   "interrupted before this "
						   "line");
				locate(e, name, lines[i].number);
				break;
			}
			status = run_line(&sess, &lines[i], name, writes, e);
			fflush(stdout);
		}
		fault_where(NULL, 0);
		session_close(&sess);
	}
	lines_free(lines, n);
	state_free(&s);
	return status;
}

int script_check(const struct options *base, const char *text, size_t len,
		 const char *name, struct error *e)
{
	FILE *f = fmemopen((void *)text, len, "r");
	struct script_state s;
	struct line *lines;
	size_t n;
	bool writes;
	int status;

	if (!f)
		return error_set(e, EXIT_FAIL, "cannot read %s: %s", name,
				 strerror(errno));
	state_init(&s, base);
	status = parse_all(&s, f, name, &lines, &n, &writes, e);
	fclose(f);
	lines_free(lines, n);
	state_free(&s);
	return status;
}

static const char shell_help[] =
	"Commands, with options as on the command line:\n"
	"  peek OFFSET [COUNT]            poke OFFSET VALUE[:MASK]...\n"
	"  dump [RANGE]                   fill RANGE PATTERN\n"
	"  load START FILE                compare START FILE\n"
	"  crc32 [RANGE]                  search [RANGE] VALUE[:MASK]\n"
	"  wait OFFSET VALUE[:MASK] [--timeout=DUR] [--interval=DUR]\n"
	"  sleep DUR   echo TEXT   regs [PATTERN]   show [PATTERN]\n"
	"  list   decode MINOR   encode BASE SIZE\n"
	"  region [REGION OPTION...] [-r FILE], the options of REGIONS: "
	"-s, -d, -b,\n"
	"    --wc, --vfio, --config, -m, --minor-format, -f, --size, --base,\n"
	"    --of, -u, --iomem, --sysroot, --sysfs, --mem, --pci-ids\n"
	"  width 8|16|32|64|b|w|h|l|q     help [COMMAND]   quit\n"
	"Ctrl-C stops a command after its current access; Ctrl-D or quit "
	"ends.\n";

/* What only the command line has (iomap help). */
static const char cmdline_help[] =
	"On the command line only, not in scripts:\n"
	"  run FILE   shell   devmem ADDRESS [WIDTH [VALUE]]   vfio-bind   "
	"vfio-unbind\n"
	"  help [COMMAND]\n"
	"iomap --help lists the options; iomap(1) has the rest.\n";

int script_help(const char *name, bool cmdline, struct error *e)
{
	const struct command *c = name ? command_find(name) : NULL;

	if (!name) {
		fputs(shell_help, stdout);
		if (cmdline)
			fputs(cmdline_help, stdout);
		return 0;
	}
	if (strcmp(name, "width") == 0) {
		printf("width 8|16|32|64|b|w|h|l|q\n  the default access width "
		       "of the lines after it (w and h: 16)\n");
		return 0;
	}
	if (strcmp(name, "quit") == 0 || strcmp(name, "exit") == 0 ||
	    strcmp(name, "help") == 0) {
		printf("%s\n  %s\n", strcmp(name, "help") == 0 ?
		       "help [COMMAND]" : name, strcmp(name, "help") == 0 ?
		       "the commands, or one of them" :
		       "end the shell (as Ctrl-D does)");
		return 0;
	}
	if (!c)
		return error_set(e, EXIT_USAGE, "help: unknown command '%s'",
				 name);
	if (!cmdline && (c->flags & CMD_NO_SCRIPT))
		return error_set(e, EXIT_USAGE, "help: %s is not for the "
				 "shell: run it as iomap %s", name, name);
	printf("%s%s%s\n  %s\n", c->name, c->args_doc[0] ? " " : "",
	       c->args_doc, c->doc);
	return 0;
}

#ifdef HAVE_LIBEDIT
/* Tab: the command names, first word only; later words complete as files. */
static char *complete_command(const char *text, int state)
{
	static const char *const extra[] = { "width", "help", "quit", "exit",
					     NULL };
	static int i, j;
	size_t len = strlen(text);

	if (!state)
		i = j = 0;
	for (; commands[i]; i++)
		if (!(commands[i]->flags & CMD_NO_SCRIPT) &&
		    strncmp(commands[i]->name, text, len) == 0)
			return strdup(commands[i++]->name);
	for (; extra[j]; j++)
		if (strncmp(extra[j], text, len) == 0)
			return strdup(extra[j++]);
	return NULL;
}

/* The shell's state, for Tab: its --regs description. */
static const struct script_state *shell_state;

/* The register and field names that complete a word. */
static struct {
	char **v;
	size_t n, next;
} shell_names;

static void collect_name(const char *name, void *arg)
{
	(void)arg;
	shell_names.v = xreallocarray(shell_names.v, shell_names.n + 1,
				      sizeof(*shell_names.v));
	shell_names.v[shell_names.n++] = xstrdup(name);
}

static void names_clear(void)
{
	for (size_t i = 0; i < shell_names.n; i++)
		free(shell_names.v[i]);
	free(shell_names.v);
	memset(&shell_names, 0, sizeof(shell_names));
}

static char *complete_name(const char *text, int state)
{
	(void)text;
	if (!state)
		shell_names.next = 0;
	if (shell_names.next < shell_names.n)
		return strdup(shell_names.v[shell_names.next++]);
	return NULL;
}

/* Whether the line's first word, up to START, is a command that takes names. */
static bool takes_names(int start)
{
	static const char *const cmds[] = { "peek", "poke", "wait", "dump",
					    "fill", "load", "compare", "crc32",
					    "search", "show", "regs", NULL };
	const char *l = rl_line_buffer;
	size_t i = 0, len;

	while ((int)i < start && isspace((unsigned char)l[i]))
		i++;
	for (len = 0; (int)(i + len) < start &&
	     !isspace((unsigned char)l[i + len]); len++)
		;
	for (size_t k = 0; cmds[k]; k++)
		if (strlen(cmds[k]) == len && strncmp(l + i, cmds[k], len) == 0)
			return true;
	return false;
}

/* The options whose value is the next word. */
static bool takes_value(const char *w)
{
	static const char *const opts[] = { "-w", "-r", "-o", "-s", "-d", "-b",
		"-f", "-m", "-u", "--width", "--regs", "--output", "--slot",
		"--device", "--bar", "--file", "--minor", "--size", "--base",
		"--timeout", "--interval", "--max", "--progress", "--mem",
		"--sysfs", "--sysroot", "--pci-ids", "--minor-format", NULL };

	for (size_t i = 0; opts[i]; i++)
		if (strcmp(w, opts[i]) == 0)
			return true;
	return false;
}

/*
 * The words of the line before START that are no options (nor their
 * values), at most MAX, into W (each a copy of LEN bytes at most): the
 * command, then its arguments. A word that ends in '=' right before
 * START (POKE's FIELD=) is left out. Returns how many.
 */
static size_t line_args(int start, char w[][256], size_t max)
{
	const char *l = rl_line_buffer;
	size_t n = 0;
	bool skip = false;
	int i = 0;

	while (i < start) {
		int b;

		while (i < start && isspace((unsigned char)l[i]))
			i++;
		b = i;
		while (i < start && !isspace((unsigned char)l[i]))
			i++;
		if (i == b || (i == start && l[i - 1] == '='))
			break;
		if (skip || l[b] == '-') {
			char opt[64];

			snprintf(opt, sizeof(opt), "%.*s", i - b, l + b);
			skip = !skip && takes_value(opt);
			continue;
		}
		if (n < max)
			snprintf(w[n++], sizeof(w[0]), "%.*s", i - b, l + b);
	}
	return n;
}

/* The enumerated names of field F of DB that start with TEXT. */
static void collect_enums(const struct regdb *db, const struct regdb_field *f,
			  const char *text)
{
	for (size_t k = 0; k < f->nenums; k++) {
		struct regdb_enum en;

		regdb_enum(db, f, k, &en);
		if (strncasecmp(en.name, text, strlen(text)) == 0)
			collect_name(en.name, NULL);
	}
}

/*
 * Where a value goes: after poke or wait REG.FIELD, the field's enumerated
 * names; after poke REG, FIELD= for each field, and after FIELD= that
 * field's names.
 */
static void collect_values(const struct regdb *db, const char *cmd,
			   const char *operand, size_t nargs, int start,
			   const char *text)
{
	bool poke = strcmp(cmd, "poke") == 0;
	char name[256];
	struct regdb_ref ref;
	struct regdb_reg r;
	struct regdb_field f;
	struct error ignored;

	if ((!poke && strcmp(cmd, "wait") != 0) || nargs < 1)
		return;
	snprintf(name, sizeof(name), "%.*s", (int)strcspn(operand, ":"),
		 operand);
	if (regdb_lookup(db, name, &ref, &ignored))
		return;
	regdb_reg(db, ref.reg, &r);
	if (ref.field >= 0) {
		if (nargs != 1)
			return;
		regdb_field(db, &r, (size_t)ref.field, &f);
		collect_enums(db, &f, text);
		return;
	}
	if (!poke)
		return;
	if (start > 0 && rl_line_buffer[start - 1] == '=') {
		int b = start - 1;
		char full[600];

		while (b > 0 && !isspace((unsigned char)rl_line_buffer[b - 1]))
			b--;
		snprintf(full, sizeof(full), "%s.%.*s", r.name, start - 1 - b,
			 rl_line_buffer + b);
		if (regdb_lookup(db, full, &ref, &ignored) || ref.field < 0)
			return;
		regdb_field(db, &r, (size_t)ref.field, &f);
		collect_enums(db, &f, text);
		return;
	}
	for (size_t j = 0; j < r.nfields; j++) {
		char field[300];

		regdb_field(db, &r, j, &f);
		if (strncasecmp(f.name, text, strlen(text)) != 0)
			continue;
		snprintf(field, sizeof(field), "%s=", f.name);
		collect_name(field, NULL);
	}
	/* FIELD= is followed by its value, not a blank. */
	rl_completion_append_character = '\0';
}

/*
 * Tab: the command names in the first word; register and field names of
 * the --regs description in the operands of the commands that take them;
 * a field's enumerated names, or FIELD=, where poke's and wait's value
 * goes; file names otherwise (and where no name fits).
 */
static char **shell_complete(const char *text, int start, int end)
{
	char w[4][256];
	struct regdb *db;
	struct error ignored;
	size_t n;
	char **m;

	(void)end;
	rl_completion_append_character = ' ';
	if (start == 0)
		return rl_completion_matches(text, complete_command);
	if (!shell_state)
		return NULL;
	if (shell_state->region.config) {	/* the device's own names */
		if (pcicfg_regdb(&shell_state->region, shell_state->regs, &db,
				 &ignored))
			return NULL;
	} else if (!shell_state->regs ||
		   operand_load(shell_state->regs, &db, &ignored)) {
		return NULL;
	}
	n = line_args(start, w, 4);
	names_clear();
	if (n > 1) {
		collect_values(db, w[0], w[1], n - 1, start, text);
	} else {
		if (!takes_names(start) || isdigit((unsigned char)text[0]))
			return NULL;
		regdb_complete(db, text, collect_name, NULL);
	}
	if (!shell_names.n)
		return NULL;
	m = rl_completion_matches(text, complete_name);
	names_clear();
	return m;
}

/* ~/.iomap_history, or "" without a home. */
static const char *history_path(char *buf, size_t len)
{
	const char *home = getenv("HOME");

	buf[0] = '\0';
	if (home && *home)
		snprintf(buf, len, "%s/.iomap_history", home);
	return buf;
}
#endif

/*
 * Read a line, with editing and history when the input is a terminal.
 * NULL at the end of input; *INTR tells a Ctrl-C at the prompt.
 */
static char *shell_read(const char *prompt, bool tty, bool *intr,
			size_t *len)
{
	*intr = false;
	interrupt_clear();
#ifdef HAVE_LIBEDIT
	if (tty) {
		char *l = readline(prompt);

		if (!l && interrupted()) {
			*intr = true;
			return NULL;
		}
		if (l && *l)
			add_history(l);
		if (l)
			*len = strlen(l);
		return l;
	}
#endif
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (tty) {
		fputs(prompt, stdout);
		fflush(stdout);
	}
	errno = 0;
	n = getline(&line, &cap, stdin);
	if (n < 0) {
		free(line);
		*intr = interrupted() && errno == EINTR;
		clearerr(stdin);
		return NULL;
	}
	if (n > 0 && line[n - 1] == '\n')
		line[--n] = '\0';
	*len = (size_t)n;
	return line;
}

/* The prompt: "iomap REGION> ". */
static void shell_prompt(struct script_state *s, char *buf, size_t len)
{
	struct error ignored;
	struct region *r;

	if (!region_spec_given(&s->region)) {
		char mem[PATH_MAX];

		snprintf(buf, len, "iomap %s> ",
			 region_mem_path(&s->region, mem, sizeof(mem)));
		return;
	}
	r = state_region(s, &s->region, &ignored);
	snprintf(buf, len, "iomap%s%s> ", r ? " " : "", r ? r->name : "");
}

/* Words of LINE that make the shell's own commands; false when none. */
static bool shell_builtin(const char *text, size_t len, bool *quit,
			  int *status, struct error *e)
{
	char msg[256];
	struct words *w;
	bool done = true;

	if (words_split(text, len, &w, msg, sizeof(msg)))
		return false;	/* parse_line reports it */
	if (is_word(w, "quit") || is_word(w, "exit")) {
		if (w->n > 2)
			*status = error_set(e, EXIT_USAGE, "%s takes no "
					    "arguments", w->v[1]);
		else
			*quit = true;
	} else if (is_word(w, "help")) {
		if (w->n > 3)
			*status = error_set(e, EXIT_USAGE, "help takes at most "
					    "one COMMAND");
		else if (w->n == 3)
			*status = script_help(w->v[2], false, e);
		else
			*status = script_help(NULL, false, e);
	} else {
		done = false;
	}
	words_free(w);
	return done;
}

/*
 * Whether the stop signal that came ends the shell: any in a script read
 * from a pipe, and at a terminal all but Ctrl-C (SIGTERM, SIGHUP, a closed
 * output pipe), which drops the line and prompts again.
 */
static bool interrupted_to_end(bool tty)
{
	return interrupted() && (!tty || interrupt_pending != SIGINT);
}

int script_shell(const struct options *base, struct error *e)
{
	bool tty = isatty(STDIN_FILENO);
	struct script_state s;
	struct session sess;
	volatile unsigned number = 0;
	volatile int status = 0;
#ifdef HAVE_LIBEDIT
	char hist[PATH_MAX];

	if (tty) {
		rl_attempted_completion_function = shell_complete;
		using_history();
		/* ~/.iomap_history is the caller's: their rights */
		if (history_path(hist, sizeof(hist))[0] && !caller_drop()) {
			read_history(hist);
			caller_restore();
		}
	}
#endif
	state_init(&s, base);
#ifdef HAVE_LIBEDIT
	shell_state = &s;
#endif
	session_init(&sess, false);
	for (;;) {
		char prompt[256], *text;
		size_t len = 0;
		struct line l;
		bool cmd = false, quit = false, intr;
		int rc = 0;

		shell_prompt(&s, prompt, sizeof(prompt));
		text = shell_read(prompt, tty, &intr, &len);
		if (!text && intr && !interrupted_to_end(tty)) {
			fputc('\n', stdout);	/* Ctrl-C drops the line */
			continue;
		}
		if (!text)
			break;
		number++;
		memset(&l, 0, sizeof(l));
		if (shell_builtin(text, len, &quit, &rc, e)) {
			free(text);
			if (quit)
				break;
		} else {
			struct region_spec before = s.region;

			rc = parse_line(&s, text, len, &l, &cmd, e);
			free(text);
			/*
			 * A region line is checked at once, not later; one
			 * that is refused leaves the region as it was.
			 */
			if (rc == 0 && !cmd &&
			    !region_spec_equal(&before, &s.region) &&
			    region_spec_given(&s.region) &&
			    !state_region(&s, &s.region, e)) {
				s.region = before;
				rc = -1;
			}
		}
		if (rc == 0 && cmd) {
			interrupt_clear();
			if (sigsetjmp(fault_jump, 1)) {
				progress_cancel();
				fault_describe(e);
				rc = -1;
			} else {
				rc = session_execute(&sess, &l.inv, false, e);
			}
		}
		fflush(stdout);
		if (rc < 0 && e->status == EXIT_INTERRUPTED &&
		    !interrupted_to_end(tty)) {
			error_print(e);	/* "interrupted ...": go on */
		} else if (rc < 0) {
			if (!tty)
				locate(e, "<stdin>", number);
			error_print(e);
			status = e->status;
		} else if (rc > 0) {
			status = rc;	/* compare, search: said on stdout */
		}
		line_free(&l);
		if (interrupted_to_end(tty))
			break;
	}
	session_close(&sess);
#ifdef HAVE_LIBEDIT
	shell_state = NULL;
#endif
	state_free(&s);
#ifdef HAVE_LIBEDIT
	if (tty && hist[0] && !caller_drop()) {
		write_history(hist);
		caller_restore();
	}
#endif
	if (tty)
		fputc('\n', stdout);
	/* Interactive mistakes were reported; the shell itself succeeded. */
	if (interrupted_to_end(tty))
		return error_set(e, EXIT_INTERRUPTED, "interrupted");
	return tty ? 0 : status;
}

static int run_execute(struct invocation *inv, struct mapping *m,
		       struct error *e)
{
	(void)m;
	return script_run(&inv->opt, inv->opt.args[0], e);
}

static int shell_execute(struct invocation *inv, struct mapping *m,
			 struct error *e)
{
	(void)m;
	return script_shell(&inv->opt, e);
}

static int sleep_prepare(struct invocation *inv, struct error *e)
{
	const char *why = number_parse_duration(inv->opt.args[0],
						&inv->plan.ns);

	if (why)
		return error_set(e, EXIT_USAGE, "invalid duration '%s': %s",
				 inv->opt.args[0], why);
	return 0;
}

static int sleep_execute(struct invocation *inv, struct mapping *m,
			 struct error *e)
{
	(void)m;
	if (!inv->opt.dry_run && command_sleep(inv->plan.ns))
		return error_set(e, EXIT_INTERRUPTED, "interrupted");
	return 0;
}

static int echo_execute(struct invocation *inv, struct mapping *m,
			struct error *e)
{
	(void)m;
	(void)e;
	for (int i = 0; i < inv->opt.nargs; i++)
		printf("%s%s", i ? " " : "", format_esc(inv->opt.args[i]));
	putchar('\n');
	return 0;
}

const struct command cmd_run = {
	.name = "run",
	.args_doc = "FILE",
	.doc = "run a script: one command per line (- for stdin)",
	.min_args = 1, .max_args = 1,
	.flags = CMD_NO_SCRIPT | CMD_SESSION,
	.execute = run_execute,
};

const struct command cmd_shell = {
	.name = "shell",
	.args_doc = "",
	.doc = "the script language, interactively",
	.min_args = 0, .max_args = 0,
	.flags = CMD_NO_SCRIPT | CMD_SESSION,
	.execute = shell_execute,
};

static int help_execute(struct invocation *inv, struct mapping *m,
			struct error *e)
{
	(void)m;
	return script_help(inv->opt.nargs ? inv->opt.args[0] : NULL, true, e);
}

/* iomap help [COMMAND]: as the shell's help, with what only argv has. */
const struct command cmd_help = {
	.name = "help",
	.args_doc = "[COMMAND]",
	.doc = "the commands, or one of them (as the shell's help)",
	.min_args = 0, .max_args = 1,
	.flags = CMD_NO_SCRIPT,
	.execute = help_execute,
};

/* "region OPTIONS" is parsed like a command, and handled by parse_line. */
const struct command cmd_region = {
	.name = "region",
	.args_doc = "[REGION OPTION...] [-r FILE]",
	.doc = "switch the region of the lines after it",
	.min_args = 0, .max_args = 0,
	.flags = CMD_SCRIPT_ONLY,
};

const struct command cmd_sleep = {
	.name = "sleep",
	.args_doc = "DUR",
	.doc = "pause for DUR (500us, 10ms, 2s)",
	.min_args = 1, .max_args = 1,
	.flags = CMD_SCRIPT_ONLY,
	.prepare = sleep_prepare,
	.execute = sleep_execute,
};

const struct command cmd_echo = {
	.name = "echo",
	.args_doc = "[TEXT...]",
	.doc = "print the text",
	.min_args = 0, .max_args = -1,
	.flags = CMD_SCRIPT_ONLY,
	.execute = echo_execute,
};
