// SPDX-License-Identifier: GPL-2.0-or-later
/* The command table and the argument parsing that commands share. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "caller.h"
#include "commands.h"
#include "cli.h"
#include "format.h"
#include "habits.h"
#include "interrupt.h"
#include "number.h"
#include "pcicfg.h"
#include "xalloc.h"

/* Length of a dump or fill given only its START. */
#define DEFAULT_LENGTH 256

const struct command *const commands[] = {
	&cmd_peek, &cmd_poke, &cmd_dump, &cmd_fill, &cmd_load, &cmd_compare,
	&cmd_crc32, &cmd_search, &cmd_wait, &cmd_list, &cmd_decode,
	&cmd_encode, &cmd_regs, &cmd_show, &cmd_run, &cmd_shell, &cmd_sleep,
	&cmd_echo, &cmd_region, &cmd_vfio_bind, &cmd_vfio_unbind,
	&cmd_devmem, &cmd_help, NULL,
};

void command_free(struct invocation *inv)
{
	free(inv->plan.values);
	free(inv->plan.masks);
	inv->plan.values = inv->plan.masks = NULL;
	cli_free(&inv->opt);
}

const struct command *command_find(const char *name)
{
	for (int i = 0; commands[i]; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

/* One line on stderr for the errata of PATH that DB was read past. */
static void say_problems(const char *path, const struct regdb *db)
{
	size_t n = regdb_problems(db);
	const char *msg;
	unsigned line;

	if (!n)
		return;
	msg = regdb_problem(db, 0, &line);
	fprintf(stderr, "iomap: %s: %zu problem%s ignored, the first at line "
		"%u: %s; 'regs --check' lists them\n", format_esc(path), n,
		n == 1 ? "" : "s", line, format_esc(msg));
}

/*
 * The descriptions loaded so far, by path as given: a script's lines, and
 * the command line, share them, so each file is loaded once per process.
 * They live until the process ends (names point into them).
 */
struct loaded {
	char *path;
	struct regdb *db;
};

static struct loaded *loaded;
static size_t nloaded;

int operand_load(const char *path, struct regdb **db, struct error *e)
{
	char what[PATH_MAX + 16];
	int rc;

	for (size_t i = 0; i < nloaded; i++)
		if (strcmp(loaded[i].path, path) == 0) {
			*db = loaded[i].db;
			return 0;
		}
	/* A large description takes a while: a stop signal ends iomap. */
	snprintf(what, sizeof(what), "loading %s", path);
	interrupt_immediate_begin(what);
	rc = regdb_load(path, 0, db, e);
	interrupt_immediate_end();
	if (rc)
		return -1;
	/* Once: a later run reads the cache, which keeps none. */
	say_problems(path, *db);
	loaded = xreallocarray(loaded, nloaded + 1, sizeof(*loaded));
	loaded[nloaded].path = xstrdup(path);
	loaded[nloaded++].db = *db;
	return 0;
}

int operand_regdb(struct invocation *inv, struct error *e)
{
	if (inv->regdb)
		return 0;
	if (inv->opt.region.config) {	/* built in, -r FILE beside */
		if (pcicfg_regdb(&inv->opt.region, inv->opt.regs, &inv->regdb,
				 e))
			return -1;
		if (inv->opt.regs)
			say_problems(inv->opt.regs, inv->regdb);
		return 0;
	}
	if (!inv->opt.regs)
		return 0;
	return operand_load(inv->opt.regs, &inv->regdb, e);
}

int operand_check_span(struct invocation *inv, const char *arg,
		       uint64_t offset, uint64_t count, unsigned flags,
		       struct error *e)
{
	const struct region *r = inv->region;
	const char *cmd = inv->opt.cmd->name;
	unsigned width = inv->opt.width;
	uint64_t end = offset + count * width;	/* inside the region */
	size_t n;

	if (operand_regdb(inv, e))
		return -1;
	if (!inv->regdb)
		return 0;
	n = regdb_count(inv->regdb);
	for (size_t i = 0; i < n; i++) {
		struct regdb_reg reg;
		uint64_t off;

		regdb_reg(inv->regdb, i, &reg);
		if (!operand_address(r, reg.address, &off) || off >= end ||
		    off + reg.width <= offset || off + reg.width < off)
			continue;
		if ((flags & OPERAND_READ) && reg.side_effects) {
			error_set(e, EXIT_USAGE, "%s %s would read register "
				  "%s (0x%" PRIx64 "), whose read has side "
				  "effects", cmd, arg, reg.name, reg.address);
			error_hint(e, "read it alone, by name (%s %s) or by "
				   "offset (%s 0x%" PRIx64 "), or give a COUNT "
				   "that leaves it out; nothing was read",
				   cmd, reg.name, cmd, off);
			return -1;
		}
		if (!(flags & OPERAND_WRITE))
			continue;
		if (reg.access == REGDB_RO || reg.side_effects) {
			error_set(e, EXIT_USAGE, "%s %s would store to "
				  "register %s (0x%" PRIx64 "), %s", cmd, arg,
				  reg.name, reg.address, reg.side_effects ?
				  "whose read has side effects" :
				  "which is read-only");
			error_hint(e, "give a range that leaves it out; "
				   "nothing was written");
			return -1;
		}
		if (reg.width != width) {
			error_set(e, EXIT_USAGE, "%s %s would store %u bits at "
				  "a time to register %s (0x%" PRIx64 "), a "
				  "%u-bit register", cmd, arg, width * 8,
				  reg.name, reg.address, reg.width * 8);
			error_hint(e, "give a range of registers of one width "
				   "and that width (-w %u); nothing was "
				   "written", reg.width * 8);
			return -1;
		}
	}
	return 0;
}

/* A register name starts with a letter or '_'; a number with a digit. */
static bool is_name_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

int operand_parse(struct invocation *inv, const char *s, unsigned flags,
		  struct operand *op, struct error *e)
{
	struct operand_ctx c;

	/* A name needs the description: load it now, and only then. */
	if (is_name_start(s[0]) && (!strchr(s, ':') || (flags & OPERAND_BITS))
	    && operand_regdb(inv, e))
		return -1;
	c = (struct operand_ctx){
		.region = inv->region,
		.db = inv->regdb,
		.width = inv->opt.width,
		.width_set = inv->opt.width_set,
		.cmd = inv->opt.cmd->name,
	};
	if (operand_parse_in(&c, s, flags, op, e))
		return -1;
	if (op->named)
		inv->opt.width = op->width;	/* the register's */
	return 0;
}

int operand_resolve_offset(struct invocation *inv, struct operand *op,
			   unsigned flags, struct error *e)
{
	if (op->named || op->has_bits)
		return 0;
	if (operand_regdb(inv, e))
		return -1;
	return operand_resolve_at(inv->regdb, inv->region, op, flags, e);
}

int command_number(const char *what, const char *s, unsigned flags,
		   uint64_t *v, struct error *e)
{
	const char *why = number_parse(s, v, flags);

	if (why) {
		error_set(e, EXIT_USAGE, "invalid %s '%s': %s", what, s, why);
		habit_hex_hint(e, s);
		return -1;
	}
	return 0;
}

int command_value(const struct invocation *inv, const char *what,
		  const char *s, uint64_t *v, struct error *e)
{
	unsigned width = inv->opt.width;

	if (command_number(what, s, 0, v, e))
		return -1;
	if (!number_fits(*v, width))
		return error_set(e, EXIT_USAGE, "%s '%s' is wider than the "
				 "%u-bit access width", what, s, width * 8);
	return 0;
}

uint64_t command_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint64_t command_deadline(uint64_t ns)
{
	uint64_t now = command_now_ns();

	return ns > UINT64_MAX - now ? UINT64_MAX : now + ns;
}

bool command_sleep(uint64_t ns)
{
	uint64_t end = command_deadline(ns), now;
	sigset_t block, old;

	/* SIGINT is let in only inside ppoll: a Ctrl-C is never missed. */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigprocmask(SIG_BLOCK, &block, &old);
	while (!interrupted() && (now = command_now_ns()) < end) {
		uint64_t left = end - now;
		struct timespec ts = {
			.tv_sec = (time_t)(left / 1000000000u > INT32_MAX
					   ? INT32_MAX : left / 1000000000u),
			.tv_nsec = (long)(left % 1000000000u),
		};

		ppoll(NULL, 0, &ts, &old);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return interrupted();
}

uint64_t command_word_mask(unsigned width)
{
	return width >= 8 ? UINT64_MAX : ((uint64_t)1 << (width * 8)) - 1;
}

int command_value_mask(const struct invocation *inv, const char *s,
		       uint64_t *value, uint64_t *mask, struct error *e)
{
	char *arg = xstrdup(s), *colon = strchr(arg, ':');
	int bad;

	if (colon)
		*colon = '\0';
	bad = command_value(inv, "value", arg, value, e);
	*mask = command_word_mask(inv->opt.width);
	if (!bad && colon)
		bad = command_value(inv, "mask", colon + 1, mask, e);
	free(arg);
	return bad;
}

int command_range(struct invocation *inv, const char *s, struct error *e)
{
	struct operand op;

	return command_range_operand(inv, s, 0, &op, e);
}

int command_range_operand(struct invocation *inv, const char *s,
			  unsigned flags, struct operand *op, struct error *e)
{
	const struct region *r = inv->region;
	const char *plus = strchr(s, '+');
	uint64_t start, len;
	unsigned width;
	char *head = xstrndup(s, plus ? (size_t)(plus - s) : strlen(s));
	int bad;

	flags |= OPERAND_START | (inv->opt.cmd->flags & CMD_WRITES
				  ? OPERAND_WRITE : OPERAND_READ);
	bad = plus ? 0 : habit_range_dash(s, e);
	if (!bad)
		bad = operand_parse(inv, head, flags, op, e);
	free(head);
	if (bad)
		return -1;
	start = op->offset;
	width = inv->opt.width;		/* a register's, when named */
	if (plus) {
		if (command_number("range length", plus + 1, NUMBER_SUFFIX,
				   &len, e))
			return -1;
		if (len == 0)
			return error_set(e, EXIT_USAGE, "range '%s' is empty", s);
	} else {
		len = DEFAULT_LENGTH;
		if (start < r->size && len > r->size - start)
			len = r->size - start;
	}
	if (start % width)
		return error_set(e, EXIT_USAGE, "range start 0x%" PRIx64 " is "
				 "not aligned to the %u-bit access width",
				 start, width * 8);
	if (len % width)
		return error_set(e, EXIT_USAGE, "range length 0x%" PRIx64 " is "
				 "not a multiple of the %u-bit access width",
				 len, width * 8);
	inv->plan.offset = start;
	inv->plan.count = len / width;
	return region_check_access(r, start, width, inv->plan.count, e);
}

int command_range_or_region(struct invocation *inv, const char *s,
			    struct error *e)
{
	struct operand op;

	return command_range_or_region_operand(inv, s, 0, &op, e);
}

int command_range_or_region_operand(struct invocation *inv, const char *s,
				    unsigned flags, struct operand *op,
				    struct error *e)
{
	const struct region *r = inv->region;
	unsigned width = inv->opt.width;

	memset(op, 0, sizeof(*op));
	op->field = -1;
	op->width = width;
	if (s)
		return command_range_operand(inv, s, flags, op, e);
	if (r->size == UINT64_MAX)
		return error_set(e, EXIT_USAGE, "%s of %s needs a RANGE "
				 "(START+LENGTH)", inv->opt.cmd->name, r->name);
	if (r->size % width)
		return error_set(e, EXIT_USAGE, "%s's size is not a multiple "
				 "of the %u-bit width; give a RANGE", r->name,
				 width * 8);
	inv->plan.offset = 0;
	inv->plan.count = r->size / width;
	return region_check_access(r, 0, width, inv->plan.count, e);
}

/* START or START+LENGTH of load and compare; *HAVE_LEN says which. */
static int input_start(struct invocation *inv, const char *s,
		       uint64_t *start, uint64_t *len, bool *have_len,
		       struct error *e)
{
	unsigned flags = OPERAND_INPUT | (inv->opt.cmd->flags & CMD_WRITES
					  ? OPERAND_WRITE : OPERAND_READ);
	const char *plus = strchr(s, '+');
	char *head = xstrndup(s, plus ? (size_t)(plus - s) : strlen(s));
	struct operand op;
	int bad;

	*have_len = plus != NULL;
	/* A register's name: its address, and its width. */
	bad = operand_parse(inv, head, flags, &op, e);
	free(head);
	if (bad)
		return -1;
	*start = op.offset;
	if (!plus)
		return 0;
	if (command_number("length", plus + 1, NUMBER_SUFFIX, len, e))
		return -1;
	if (*len == 0)
		return error_set(e, EXIT_USAGE, "range '%s' is empty", s);
	return 0;
}

/*
 * Refuse an input that is the region's own file: it would be copied onto,
 * or compared with, itself.
 */
static int input_not_region(struct invocation *inv, const struct stat *st,
			    struct error *e)
{
	if (!region_is_file(inv->region, st))
		return 0;
	return error_set(e, EXIT_USAGE, "%s is the region's own file (%s): "
			 "%s a copy of it instead", inv->plan.in_name,
			 inv->region->name,
			 strcmp(inv->opt.cmd->name, "compare") == 0
			 ? "compare with" : "load from");
}

/* Check the input's length against the width and the region. */
static int input_check(struct invocation *inv, uint64_t start, uint64_t len,
		       bool have_len, struct error *e)
{
	struct plan *p = &inv->plan;
	unsigned width = inv->opt.width;

	if (len == 0)
		return error_set(e, EXIT_USAGE, "%s is empty: nothing to %s",
				 p->in_name, inv->opt.cmd->name);
	if (len % width)
		return error_set(e, EXIT_USAGE, "%s 0x%" PRIx64 " of %s is not "
				 "a multiple of the %u-bit access width",
				 have_len ? "length" : "size", len,
				 p->in_name, width * 8);
	p->offset = start;
	p->count = len / width;
	return region_check_access(inv->region, start, width, p->count, e);
}

int command_input(struct invocation *inv, const char *start_arg,
		  const char *file, struct error *e)
{
	struct plan *p = &inv->plan;
	uint64_t start, len = 0;
	bool have_len, stdin_input = strcmp(file, "-") == 0;
	struct stat st;

	p->in_fd = -1;
	if (input_start(inv, start_arg, &start, &len, &have_len, e))
		return -1;
	p->in_name = stdin_input ? "standard input" : file;
	if (stdin_input) {
		if (!have_len)
			return error_set(e, EXIT_USAGE, "%s from standard "
					 "input needs START+LENGTH: its size "
					 "is not known beforehand",
					 inv->opt.cmd->name);
		if (fstat(STDIN_FILENO, &st) == 0 &&
		    input_not_region(inv, &st, e))
			return -1;
		if (input_check(inv, start, len, true, e))
			return -1;
		p->in_fd = STDIN_FILENO;
		return 0;
	}
	/* Look before opening: opening a FIFO waits for a writer. */
	if (caller_stat(file, &st))
		return error_set(e, EXIT_USAGE, "cannot open %s: %s", file,
				 strerror(errno));
	if (S_ISDIR(st.st_mode))
		return error_set(e, EXIT_USAGE, "%s is a directory", file);
	if (input_not_region(inv, &st, e))
		return -1;
	if (!S_ISREG(st.st_mode) && !have_len)
		return error_set(e, EXIT_USAGE, "%s is not a regular file: "
				 "give START+LENGTH", file);
	if (!S_ISREG(st.st_mode) && input_check(inv, start, len, true, e))
		return -1;
	p->in_fd = caller_open(file, O_RDONLY | O_CLOEXEC, 0);
	if (p->in_fd < 0 && errno == EINTR && interrupted())
		return error_set(e, EXIT_INTERRUPTED, "%s interrupted while "
				 "opening %s", inv->opt.cmd->name, file);
	if (p->in_fd < 0)
		return error_set(e, EXIT_USAGE, "cannot open %s: %s", file,
				 strerror(errno));
	if (fstat(p->in_fd, &st) == 0 && input_not_region(inv, &st, e))
		goto fail;	/* it was swapped in after the look */
	if (fstat(p->in_fd, &st) == 0 && S_ISREG(st.st_mode)) {
		if (!have_len) {
			len = (uint64_t)st.st_size;
		} else if (len > (uint64_t)st.st_size) {
			error_set(e, EXIT_USAGE, "length 0x%" PRIx64 " is more "
				  "than %s holds (0x%" PRIx64 " bytes)", len,
				  file, (uint64_t)st.st_size);
			goto fail;
		}
		if (input_check(inv, start, len, have_len, e))
			goto fail;
		posix_fadvise(p->in_fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	}
	return 0;
fail:
	close(p->in_fd);
	p->in_fd = -1;
	return -1;
}

int command_read_input(struct invocation *inv, void *buf, size_t n,
		       uint64_t done, const char *done_what, struct error *e)
{
	const struct plan *p = &inv->plan;
	uint64_t got = done;
	char *b = buf;
	struct stat st;

	while (n) {
		ssize_t k = read(p->in_fd, b, n);

		if (k < 0 && errno == EINTR && !interrupted())
			continue;
		if (k < 0 && errno == EINTR)
			return command_interrupted(inv, done_what, done, e);
		if (k < 0)
			return error_set(e, EXIT_FAIL, "cannot read %s: %s",
					 p->in_name, strerror(errno));
		if (k == 0)
			break;
		b += k;
		n -= (size_t)k;
		got += (uint64_t)k;
	}
	if (n == 0)
		return 0;
	return error_set(e, EXIT_FAIL, "%s ended after 0x%" PRIx64 " of 0x%"
			 PRIx64 " bytes%s", p->in_name, got,
			 p->count * inv->opt.width,
			 fstat(p->in_fd, &st) == 0 && S_ISREG(st.st_mode)
			 ? " (it was truncated while in use)" : "");
}

void command_progress(const struct invocation *inv, const struct mapping *m,
		      struct progress *p, int output_fd)
{
	enum progress_mode mode = inv->opt.progress;

	/* --trace lines and a redrawn line do not mix on stderr. */
	if (m->flags & (MAPPING_TRACE | MAPPING_DRY_RUN))
		mode = PROGRESS_NEVER;
	progress_start(p, mode, inv->opt.cmd->name,
		       inv->plan.count * inv->opt.width, output_fd);
}

int command_interrupted(const struct invocation *inv, const char *done_what,
			uint64_t done, struct error *e)
{
	const struct region *r = inv->region;
	uint64_t off = inv->plan.offset;
	unsigned digits = format_addr_digits(
		region_addr(r, off + inv->plan.count * inv->opt.width - 1));
	struct termios t;

	/*
	 * The terminal discards its pending output when Ctrl-C is typed, but
	 * only after sending SIGINT: what is written meanwhile is lost. Its
	 * settings can be read only once that is over (the line discipline
	 * holds them locked), so wait for it here, before the progress line
	 * is erased and the message printed.
	 */
	tcgetattr(STDERR_FILENO, &t);
	if (done == 0)
		return error_set(e, EXIT_INTERRUPTED, "%s interrupted before "
				 "its first access", inv->opt.cmd->name);
	return error_set(e, EXIT_INTERRUPTED, "%s interrupted after 0x%"
			 PRIx64 " of 0x%" PRIx64 " bytes: 0x%0*" PRIx64
			 "-0x%0*" PRIx64 " %s", inv->opt.cmd->name, done,
			 inv->plan.count * inv->opt.width, (int)digits,
			 region_addr(r, off), (int)digits,
			 region_addr(r, off + done - 1), done_what);
}

int command_step(const struct invocation *inv, struct progress *p,
		 const char *done_what, uint64_t done, struct error *e)
{
	progress_update(p, done);
	if (!interrupted())
		return 0;
	command_interrupted(inv, done_what, done, e);
	progress_finish(p);
	return -1;
}
