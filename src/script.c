// SPDX-License-Identifier: GPL-2.0-or-later
/* run FILE and shell: parse every line first, then run with one session. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef HAVE_LIBEDIT
#include <editline/readline.h>
#endif

#include "cli.h"
#include "fault.h"
#include "number.h"
#include "script.h"
#include "session.h"

/* The state a line starts from: region and width set by earlier lines. */
struct script_state {
	struct options cur;
	const struct options *base;
	/* The last region resolved, reused while the options stay the same. */
	struct options region_opts;
	struct region *region;
	bool have_region;
	/* Every region resolved: lines point at them. */
	struct region **regions;
	size_t nregions;
	/* The words of region lines: cur points into them. */
	char ***kept;
	size_t nkept;
};

/* A parsed line, ready to run. */
struct line {
	struct invocation inv;
	unsigned number;
	char **words;		/* the tokens, owned (args point into them) */
};

/* Split LINE into words: blanks separate, quotes group, # starts a comment. */
static int tokenize(const char *line, char ***words, int *n, char *err,
		    size_t errlen)
{
	const char *p = line;

	*n = 1;
	*words = malloc(2 * sizeof(**words));
	(*words)[0] = strdup("iomap");
	for (;;) {
		char *w, *q;

		while (isspace((unsigned char)*p))
			p++;
		if (!*p || *p == '#')
			break;
		w = q = malloc(strlen(p) + 1);
		while (*p && !isspace((unsigned char)*p)) {
			if (*p == '\'' || *p == '"') {
				char quote = *p++;

				while (*p && *p != quote)
					*q++ = *p++;
				if (*p != quote) {
					free(w);
					(*words)[*n] = NULL;	/* for free_words */
					snprintf(err, errlen, "unterminated "
						 "quote %c", quote);
					return -1;
				}
				p++;
			} else {
				*q++ = *p++;
			}
		}
		*q = '\0';
		*words = realloc(*words, (*n + 2) * sizeof(**words));
		(*words)[(*n)++] = w;
	}
	(*words)[*n] = NULL;
	return 0;
}

static void free_words(char **words)
{
	for (int i = 0; words && words[i]; i++)
		free(words[i]);
	free(words);
}

static bool same_string(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static bool same_region_options(const struct options *a,
				const struct options *b)
{
	return same_string(a->slot, b->slot) &&
	       same_string(a->device, b->device) &&
	       same_string(a->file, b->file) && same_string(a->mem, b->mem) &&
	       same_string(a->sysfs, b->sysfs) && a->bar == b->bar &&
	       a->minor_set == b->minor_set && a->minor == b->minor &&
	       a->minor_format == b->minor_format &&
	       a->size_set == b->size_set && a->size == b->size &&
	       a->wc == b->wc;
}

static void copy_region_options(struct options *to, const struct options *from)
{
	to->slot = from->slot;
	to->device = from->device;
	to->bar = from->bar;
	to->minor_set = from->minor_set;
	to->minor = from->minor;
	to->minor_format = from->minor_format;
	to->file = from->file;
	to->size_set = from->size_set;
	to->size = from->size;
	to->wc = from->wc;
	to->sysfs = from->sysfs;
	to->mem = from->mem;
}

/* Resolve O's region into a new one that the state keeps. */
static int state_resolve(struct script_state *s, const struct options *o,
			 struct error *e)
{
	struct region *r = malloc(sizeof(*r));

	s->have_region = false;
	if (region_resolve(o, r, e)) {
		free(r);
		return -1;
	}
	s->regions = realloc(s->regions, (s->nregions + 1) *
			     sizeof(*s->regions));
	s->regions[s->nregions++] = r;
	s->region = r;
	s->region_opts = *o;
	s->have_region = true;
	return 0;
}

/*
 * Parse one line into L (false when it holds no command). Region and width
 * lines change S. The message of a refusal goes to E.
 */
static int parse_line(struct script_state *s, const char *text,
		      struct line *l, bool *is_command, struct error *e)
{
	struct options o;
	char msg[1024];
	int n;

	*is_command = false;
	memset(l, 0, sizeof(*l));
	if (tokenize(text, &l->words, &n, msg, sizeof(msg)))
		return error_set(e, EXIT_USAGE, "%s", msg);
	if (n == 1)
		return 0;
	if (strcmp(l->words[1], "width") == 0) {
		if (n != 3 || cli_parse_width(l->words[2], &s->cur.width))
			return error_set(e, EXIT_USAGE, "width takes one of 8, "
					 "16, 32, 64 or b, w, l, q");
		return 0;
	}
	cli_defaults(&o);
	if (strcmp(l->words[1], "region") == 0) {
		if (cli_parse(n, l->words, &o, true, msg, sizeof(msg)))
			return error_set(e, EXIT_USAGE, "%s%s",
					 strncmp(msg, "region ", 7) ? "region: "
								    : "", msg);
		if (o.json || o.trace || o.dry_run || o.lock || o.width ||
		    o.verify || o.raw || o.output || o.max_set || o.progress)
			return error_set(e, EXIT_USAGE, "region takes region "
					 "options only");
		o.cmd = NULL;
		if (cli_check(&o, msg, sizeof(msg)))
			return error_set(e, EXIT_USAGE, "region: %s", msg);
		copy_region_options(&s->cur, &o);
		if (!cli_has_region(&o))
			copy_region_options(&s->cur, s->base);
		s->kept = realloc(s->kept, (s->nkept + 1) * sizeof(*s->kept));
		s->kept[s->nkept++] = l->words;
		l->words = NULL;
		return 0;
	}
	if (cli_parse(n, l->words, &o, true, msg, sizeof(msg)))
		return error_set(e, EXIT_USAGE, "%s", msg);
	if (!cli_has_region(&o))
		copy_region_options(&o, &s->cur);
	if (!o.width)
		o.width = s->cur.width ? s->cur.width : 4;
	o.trace |= s->base->trace;
	o.dry_run |= s->base->dry_run;
	o.lock |= s->base->lock;
	if (o.progress == PROGRESS_AUTO)
		o.progress = s->base->progress;
	if (cli_check(&o, msg, sizeof(msg)))
		return error_set(e, EXIT_USAGE, "%s", msg);
	l->inv.opt = o;
	if (o.cmd->flags & CMD_REGION) {
		if (!(s->have_region && same_region_options(&o, &s->region_opts))
		    && state_resolve(s, &o, e))
			return -1;
		l->inv.region = s->region;
	}
	if (o.cmd->prepare && o.cmd->prepare(&l->inv, e))
		return -1;
	*is_command = true;
	return 0;
}

static void state_init(struct script_state *s, const struct options *base)
{
	memset(s, 0, sizeof(*s));
	s->base = base;
	cli_defaults(&s->cur);
	copy_region_options(&s->cur, base);
	s->cur.width = base->width;
}

static void state_free(struct script_state *s)
{
	for (size_t i = 0; i < s->nkept; i++)
		free_words(s->kept[i]);
	free(s->kept);
	for (size_t i = 0; i < s->nregions; i++)
		free(s->regions[i]);
	free(s->regions);
}

/* Prefix E's message with "FILE:LINE: ". */
static void locate(struct error *e, const char *file, unsigned line)
{
	char msg[sizeof(e->msg)];

	snprintf(msg, sizeof(msg), "%s:%u: %s", file, line, e->msg);
	memcpy(e->msg, msg, sizeof(msg));
}

int script_run(const struct options *base, const char *path,
	       struct error *e)
{
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	struct script_state s;
	struct session sess;
	struct line *lines = NULL;
	size_t n = 0, cap = 0, len = 0;
	char *text = NULL;
	unsigned number = 0;
	bool writes = false;
	int status = 0;

	if (!f)
		return error_set(e, EXIT_USAGE, "cannot read %s: %s", path,
				 strerror(errno));
	state_init(&s, base);
	/* Parse and check every line before the first access. */
	while (getline(&text, &len, f) >= 0) {
		struct line l;
		bool cmd;

		number++;
		if (parse_line(&s, text, &l, &cmd, e)) {
			locate(e, name, number);
			status = -1;
			free_words(l.words);
			break;
		}
		if (!cmd) {
			free_words(l.words);
			continue;
		}
		l.number = number;
		writes = writes || (l.inv.opt.cmd->flags & CMD_WRITES);
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			lines = realloc(lines, cap * sizeof(*lines));
		}
		lines[n++] = l;
	}
	free(text);
	if (f != stdin)
		fclose(f);
	if (status == 0) {
		/* One session: each region is opened (and locked) once. */
		session_init(&sess, base->lock);
		for (size_t i = 0; i < n && status == 0; i++) {
			fault_where(name, lines[i].number);
			status = session_execute(&sess, &lines[i].inv, writes,
						 e);
			if (status)
				locate(e, name, lines[i].number);
			fflush(stdout);
		}
		fault_where(NULL, 0);
		session_close(&sess);
	}
	for (size_t i = 0; i < n; i++)
		free_words(lines[i].words);
	free(lines);
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
	"  sleep DUR                      echo TEXT\n"
	"  list   decode MINOR   encode BASE SIZE\n"
	"  region [-s SLOT|-d ID [-b N] | -m MINOR | -f PATH | --mem PATH]\n"
	"  width 8|16|32|64               help   quit\n";

/* Read a line, with editing and history when the input is a terminal. */
static char *shell_read(const char *prompt, bool tty)
{
#ifdef HAVE_LIBEDIT
	if (tty) {
		char *l = readline(prompt);

		if (l && *l)
			add_history(l);
		return l;
	}
#endif
	char *line = NULL;
	size_t len = 0;

	if (tty) {
		fputs(prompt, stdout);
		fflush(stdout);
	}
	if (getline(&line, &len, stdin) < 0) {
		free(line);
		return NULL;
	}
	return line;
}

int script_shell(const struct options *base, struct error *e)
{
	bool tty = isatty(STDIN_FILENO);
	struct script_state s;
	struct session sess;
	volatile unsigned number = 0;
	volatile int status = 0;

	state_init(&s, base);
	session_init(&sess, false);
	for (;;) {
		char prompt[sizeof(s.region->name) + 16], *text;
		struct line l;
		bool cmd;
		int rc;

		if (cli_has_region(&s.cur) && !(s.have_region &&
		    same_region_options(&s.cur, &s.region_opts))) {
			struct error ignored;

			state_resolve(&s, &s.cur, &ignored);
		}
		if (!cli_has_region(&s.cur))
			snprintf(prompt, sizeof(prompt), "iomap %s> ",
				 DEFAULT_MEM);
		else if (s.have_region)
			snprintf(prompt, sizeof(prompt), "iomap %s> ",
				 s.region->name);
		else
			snprintf(prompt, sizeof(prompt), "iomap> ");
		text = shell_read(prompt, tty);
		if (!text)
			break;
		number++;
		text[strcspn(text, "\n")] = '\0';
		if (strcmp(text, "quit") == 0 || strcmp(text, "exit") == 0) {
			free(text);
			break;
		}
		if (strcmp(text, "help") == 0) {
			fputs(shell_help, stdout);
			free(text);
			continue;
		}
		rc = parse_line(&s, text, &l, &cmd, e);
		free(text);
		if (rc == 0 && cmd) {
			if (sigsetjmp(fault_jump, 1)) {
				progress_cancel();
				fault_describe(e);
				rc = -1;
			} else {
				rc = session_execute(&sess, &l.inv, false, e);
			}
		}
		fflush(stdout);
		if (rc < 0) {
			if (!tty)
				locate(e, "<stdin>", number);
			error_print(e);
			status = e->status;
		} else if (rc > 0) {
			status = rc;	/* compare, search: said on stdout */
		}
		free_words(l.words);
	}
	session_close(&sess);
	state_free(&s);
	if (tty)
		fputc('\n', stdout);
	/* Interactive mistakes were reported; the shell itself succeeded. */
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
	uint64_t ns = inv->plan.ns;

	(void)m;
	(void)e;
	if (!inv->opt.dry_run)
		command_sleep(ns);
	return 0;
}

static int echo_execute(struct invocation *inv, struct mapping *m,
			struct error *e)
{
	(void)m;
	(void)e;
	for (int i = 0; i < inv->opt.nargs; i++)
		printf("%s%s", i ? " " : "", inv->opt.args[i]);
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

/* "region OPTIONS" is parsed like a command, and handled by parse_line. */
const struct command cmd_region = {
	.name = "region",
	.args_doc = "",
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
