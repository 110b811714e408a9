// SPDX-License-Identifier: GPL-2.0-or-later
/* dump [RANGE]: hex dump (address, words, ASCII) or raw bytes. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "caller.h"
#include "commands.h"
#include "diagnose.h"
#include "format.h"
#include "interrupt.h"
#include "xalloc.h"

/* Bytes read per round: a multiple of the line length and of 8. */
#define CHUNK_BYTES COMMAND_CHUNK

static int own_file(const struct invocation *inv, struct error *e);

static int dump_prepare(struct invocation *inv, struct error *e)
{
	struct options *o = &inv->opt;
	struct stat st;

	if (command_range_or_region(inv, o->nargs ? o->args[0] : NULL, e))
		return -1;
	if (o->raw && !o->output && isatty(STDOUT_FILENO))
		return error_set(e, EXIT_USAGE, "--raw writes binary data: "
				 "redirect it, or give -o FILE");
	if (o->output && caller_stat(o->output, &st) == 0 &&
	    region_is_file(inv->region, &st))
		return own_file(inv, e);
	return 0;
}

static int own_file(const struct invocation *inv, struct error *e)
{
	return error_set(e, EXIT_USAGE, "-o %s is the region's own file (%s): "
			 "dumping into it would destroy it; give another "
			 "file", inv->opt.output, inv->region->name);
}

/*
 * Open -o FILE with the caller's rights, and refuse it when it is the
 * region's own file (through any link) before a byte of it is cut.
 */
static int output_open(struct invocation *inv, struct error *e)
{
	const char *file = inv->opt.output;
	struct stat st;
	int fd;

	/* A FIFO waits for its reader here; a stop signal ends the wait. */
	fd = caller_open(file, O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
	if (fd < 0 && errno == EINTR && interrupted())
		return command_interrupted(inv, "dumped", 0, e);
	if (fd < 0)
		return error_set(e, EXIT_FAIL, "cannot create %s: %s", file,
				 strerror(errno));
	if (fstat(fd, &st) == 0 && region_is_file(inv->region, &st)) {
		close(fd);
		return own_file(inv, e);
	}
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && ftruncate(fd, 0)) {
		error_set(e, EXIT_FAIL, "cannot create %s: %s", file,
			  strerror(errno));
		close(fd);
		return -1;
	}
	inv->plan.out_fd = fd;
	return 0;
}

/* {"region":...,"width":32,"address":"0x...","length":N,"words":[ */
static void json_head(struct out *out, const struct invocation *inv,
		      unsigned addr_digits)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	fprintf(f, "{\"region\":");
	format_json_string(f, inv->region->name);
	fprintf(f, ",\"width\":%u,\"address\":\"0x%0*" PRIx64 "\","
		"\"length\":%" PRIu64 ",\"words\":[", inv->opt.width * 8,
		(int)addr_digits, region_addr(inv->region, inv->plan.offset),
		inv->plan.count * inv->opt.width);
	fclose(f);
	out_write(out, text, len);
	free(text);
}

/* The words of BUF as JSON strings, comma-separated. */
static void json_words(struct out *out, const uint8_t *buf, size_t n,
		       unsigned width, bool first)
{
	char text[24];

	for (size_t i = 0; i < n; i += width) {
		uint64_t v = 0;
		size_t len;

		memcpy(&v, buf + i, width);
		len = format_value(text, v, width);
		if (!first || i)
			out_write(out, ",", 1);
		out_write(out, "\"", 1);
		out_write(out, text, len);
		out_write(out, "\"", 1);
	}
}

/*
 * Text lines with squeezing, as hexdump and od do: a line equal to the one
 * before it starts a run that prints as one "*" line. The last line of
 * the range is always printed, so that the dump shows where it ends.
 */
struct squeeze {
	uint8_t last[FORMAT_LINE_BYTES];
	bool have_last;		/* LAST holds the line before */
	bool in_run;		/* "*" printed for the lines since */
};

static void dump_text(struct out *out, const struct dump_format *f,
		      struct squeeze *sq, bool all, uint64_t addr,
		      const uint8_t *buf, size_t n, bool final)
{
	size_t start = 0, i;

	if (all) {
		format_dump(out, f, addr, buf, n);
		return;
	}
	for (i = 0; i < n; i += FORMAT_LINE_BYTES) {
		size_t k = n - i < FORMAT_LINE_BYTES ? n - i
						     : FORMAT_LINE_BYTES;
		bool same = sq->have_last && k == FORMAT_LINE_BYTES &&
			    memcmp(sq->last, buf + i, k) == 0;
		bool end = final && i + k == n;

		if (same && !end) {
			if (!sq->in_run) {
				format_dump(out, f, addr + start,
					    buf + start, i - start);
				out_write(out, "*\n", 2);
				/* A long run: show what came before it now. */
				out_flush(out);
				sq->in_run = true;
			}
		} else if (sq->in_run) {
			sq->in_run = false;
			start = i;
		}
		if (k == FORMAT_LINE_BYTES)
			memcpy(sq->last, buf + i, k);
		sq->have_last = k == FORMAT_LINE_BYTES;
	}
	if (!sq->in_run)
		format_dump(out, f, addr + start, buf + start, n - start);
}

static int dump_execute(struct invocation *inv, struct mapping *m,
			struct error *e)
{
	const struct region *r = inv->region;
	unsigned width = inv->opt.width;
	uint64_t off = inv->plan.offset;
	uint64_t left = inv->plan.count * width;
	struct dump_format f = {
		.width = width,
		.addr_digits = format_addr_digits(region_addr(r, off + left - 1)),
	};
	uint8_t *buf;
	bool ones = true;
	struct out out;
	struct progress prog;
	struct squeeze sq = { .have_last = false };
	int status = 0;

	/*
	 * FILE is created only once the region is open and its first window
	 * mapped: a refusal leaves an earlier FILE as it was, and makes none.
	 */
	mapping_span(m, off, left);
	if (mapping_prepare(m, off, width, e))
		return -1;
	inv->plan.out_fd = STDOUT_FILENO;
	if (inv->opt.output && output_open(inv, e))
		return -1;
	buf = xmalloc(CHUNK_BYTES);
	out_init(&out, inv->plan.out_fd);
	command_progress(inv, m, &prog, inv->plan.out_fd);
	if (inv->opt.json && !(m->flags & MAPPING_DRY_RUN))
		json_head(&out, inv, f.addr_digits);
	while (left && !out.err) {
		size_t n = left < CHUNK_BYTES ? (size_t)left : CHUNK_BYTES;

		if (mapping_read_block(m, off, width, n / width, buf, e)) {
			status = -1;
			break;
		}
		for (size_t i = 0; ones && i < n; i++)
			ones = buf[i] == 0xff;
		if (m->flags & MAPPING_DRY_RUN)
			;	/* traced, nothing to show */
		else if (inv->opt.json)
			json_words(&out, buf, n, width, off == inv->plan.offset);
		else if (inv->opt.raw)
			out_write(&out, buf, n);
		else
			dump_text(&out, &f, &sq, inv->opt.all,
				  region_addr(r, off), buf, n, n == left);
		off += n;
		left -= n;
		if (left && command_step(inv, &prog, "read",
					 off - inv->plan.offset, e)) {
			status = -1;
			break;
		}
	}
	progress_finish(&prog);
	free(buf);
	if (inv->opt.json && !(m->flags & MAPPING_DRY_RUN) && status == 0)
		out_write(&out, "]}\n", 3);
	if (out_finish(&out) && status == 0)
		status = error_set(e, EXIT_FAIL, "cannot write %s: %s",
				   inv->opt.output ? inv->opt.output
						   : "standard output",
				   strerror(errno));
	if (inv->plan.out_fd != STDOUT_FILENO && close(inv->plan.out_fd) &&
	    status == 0)
		status = error_set(e, EXIT_FAIL, "cannot write %s: %s",
				   inv->opt.output, strerror(errno));
	if (status == 0 && ones && !(m->flags & MAPPING_DRY_RUN))
		note_all_ones(r);
	return status;
}

const struct command cmd_dump = {
	.name = "dump",
	.args_doc = "[RANGE]",
	.doc = "hex dump (address, words, ASCII; a run of repeated lines as *, "
	       "-v for all); --raw writes the bytes",
	.min_args = 0, .max_args = 1,
	.flags = CMD_REGION | CMD_JSON | CMD_PROGRESS,
	.prepare = dump_prepare,
	.execute = dump_execute,
};
