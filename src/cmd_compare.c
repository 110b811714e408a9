// SPDX-License-Identifier: GPL-2.0-or-later
/* compare START FILE: the region against FILE's bytes, as cmp(1) does. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "diagnose.h"
#include "format.h"

/* Differing words shown without --max. */
#define DEFAULT_MAX 10

static int compare_prepare(struct invocation *inv, struct error *e)
{
	struct options *o = &inv->opt;

	if (!o->max_set)
		o->max = DEFAULT_MAX;
	return command_input(inv, o->args[0], o->args[1], e);
}

/* The differences found so far, and where they are printed. */
struct diff {
	struct out out;
	const struct invocation *inv;
	unsigned digits;	/* of the addresses printed */
	uint64_t count;
	bool stop;		/* --max reached */
	uint64_t stop_off;	/* the word after the last one compared */
};

static void diff_word(struct diff *d, uint64_t off, uint64_t got,
		      uint64_t want)
{
	const struct invocation *inv = d->inv;
	unsigned width = inv->opt.width;
	char line[128], a[24], b[24];
	int n;

	d->count++;
	d->stop = d->count >= inv->opt.max;
	if (d->count > inv->opt.max)
		return;
	format_value(a, got, width);
	format_value(b, want, width);
	if (inv->opt.json)
		n = snprintf(line, sizeof(line), "%s{\"address\":\"0x%0*"
			     PRIx64 "\",\"region\":\"%s\",\"file\":\"%s\"}",
			     d->count > 1 ? "," : "", (int)d->digits,
			     region_addr(inv->region, off), a, b);
	else
		n = snprintf(line, sizeof(line), "0x%0*" PRIx64 " %s %s\n",
			     (int)d->digits, region_addr(inv->region, off), a,
			     b);
	/* A progress line may be on the terminal this goes to. */
	if (d->out.len + (size_t)n > d->out.cap)
		progress_cancel();
	out_write(&d->out, line, (size_t)n);
}

/* Report each differing word of the N bytes at OFF, up to --max. */
static void diff_words(struct diff *d, const uint8_t *got,
		       const uint8_t *want, size_t n, uint64_t off)
{
	unsigned width = d->inv->opt.width;

	for (size_t i = 0; i < n && !d->stop; i += width) {
		uint64_t a = 0, b = 0;

		if (memcmp(got + i, want + i, width) == 0)
			continue;
		memcpy(&a, got + i, width);
		memcpy(&b, want + i, width);
		diff_word(d, off + i, a, b);
		d->stop_off = off + i + width;
	}
}

static void json_head(struct diff *d)
{
	const struct invocation *inv = d->inv;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		return;
	fprintf(f, "{\"region\":");
	format_json_string(f, inv->region->name);
	fprintf(f, ",\"file\":");
	format_json_string(f, inv->plan.in_name);
	fprintf(f, ",\"width\":%u,\"address\":\"0x%0*" PRIx64 "\","
		"\"length\":%" PRIu64 ",\"differences\":[",
		inv->opt.width * 8, (int)d->digits,
		region_addr(inv->region, inv->plan.offset),
		inv->plan.count * inv->opt.width);
	fclose(f);
	out_write(&d->out, text, len);
	free(text);
}

static int compare_execute(struct invocation *inv, struct mapping *m,
			   struct error *e)
{
	const struct plan *p = &inv->plan;
	unsigned width = inv->opt.width;
	uint64_t off = p->offset, total = p->count * width, done = 0;
	bool dry = m->flags & MAPPING_DRY_RUN, ones = true;
	uint8_t *got = malloc(COMMAND_CHUNK), *want = malloc(COMMAND_CHUNK);
	struct progress prog;
	struct diff d = {
		.inv = inv,
		.digits = format_addr_digits(region_addr(inv->region,
							 off + total - 1)),
	};
	int rc = 0;

	if (!got || !want) {
		free(got);
		free(want);
		return error_set(e, EXIT_FAIL, "out of memory");
	}
	out_init(&d.out, STDOUT_FILENO);
	mapping_span(m, off, total);
	/* It prints little: the progress line shows at its terminal too. */
	command_progress(inv, m, &prog, -1);
	if (inv->opt.json && !dry)
		json_head(&d);
	while (done < total && !d.stop) {
		size_t n = total - done < COMMAND_CHUNK ? (size_t)(total - done)
							: COMMAND_CHUNK;

		rc = command_read_input(inv, want, n, done, "compared", e);
		if (rc)
			break;
		rc = mapping_read_block(m, off + done, width, n / width, got, e);
		if (rc)
			break;
		for (size_t i = 0; ones && i < n; i++)
			ones = got[i] == 0xff;
		if (!dry && memcmp(got, want, n) != 0)
			diff_words(&d, got, want, n, off + done);
		done += n;
		if (done < total && !d.stop) {
			rc = command_step(inv, &prog, "compared", done, e);
			if (rc)
				break;
		}
	}
	progress_finish(&prog);
	free(got);
	free(want);
	if (p->in_fd != STDIN_FILENO)
		close(p->in_fd);
	if (inv->opt.json && !dry && rc == 0)
		out_write(&d.out, "]", 1);
	if (inv->opt.json && !dry && rc == 0) {
		char tail[64];
		int n = snprintf(tail, sizeof(tail), ",\"equal\":%s,"
				 "\"complete\":%s}\n", d.count ? "false"
								: "true",
				 !d.stop || d.stop_off == off + total
				 ? "true" : "false");

		out_write(&d.out, tail, (size_t)n);
	}
	if (out_finish(&d.out) && rc == 0)
		rc = error_set(e, EXIT_FAIL, "cannot write standard output: "
			       "%s", strerror(errno));
	if (rc || dry)
		return rc;
	if (ones && done == total)
		note_all_ones(inv->region);
	return d.count ? 1 : 0;
}

const struct command cmd_compare = {
	.name = "compare",
	.args_doc = "START FILE",
	.doc = "compare the region from START with FILE, as cmp(1): exit 0 "
	       "equal, 1 different",
	.min_args = 2, .max_args = 2,
	.flags = CMD_REGION | CMD_JSON | CMD_PROGRESS,
	.prepare = compare_prepare,
	.execute = compare_execute,
};
