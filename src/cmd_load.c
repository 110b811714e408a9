// SPDX-License-Identifier: GPL-2.0-or-later
/* load START FILE: store FILE's words into the region, streamed. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "format.h"

static int load_prepare(struct invocation *inv, struct error *e)
{
	const struct options *o = &inv->opt;
	struct plan *p = &inv->plan;

	if (inv->region->flags & REGION_CONFIG)
		return error_set(e, EXIT_USAGE, "load is refused on %s: "
				 "write its registers one by one with poke",
				 inv->region->name);
	if (command_input(inv, o->args[0], o->args[1], e))
		return -1;
	if (operand_check_span(inv, o->args[0], p->offset, p->count,
			       OPERAND_WRITE, e)) {
		if (p->in_fd > STDIN_FILENO)
			close(p->in_fd);
		p->in_fd = -1;
		return -1;
	}
	return 0;
}

/* The first word of the N bytes at OFF that did not read back as written. */
static int verify_failed(const struct invocation *inv, uint64_t off,
			 const uint8_t *wrote, const uint8_t *read, size_t n,
			 struct error *e)
{
	unsigned width = inv->opt.width;
	size_t i = 0;
	uint64_t a = 0, b = 0;
	char want[24], got[24];

	while (i + width < n && memcmp(wrote + i, read + i, width) == 0)
		i += width;
	memcpy(&a, wrote + i, width);
	memcpy(&b, read + i, width);
	format_value(want, a, width);
	format_value(got, b, width);
	return error_set(e, EXIT_FAIL, "verify failed at 0x%" PRIx64 " (word %"
			 PRIu64 "): wrote %s, read back %s",
			 region_addr(inv->region, off + i),
			 (off + i - inv->plan.offset) / width + 1, want, got);
}

/* Add to E what the words stored before a failure were. */
static void report_written(const struct invocation *inv, uint64_t done,
			   struct error *e)
{
	const struct region *r = inv->region;
	uint64_t off = inv->plan.offset;

	if (done == 0)
		error_hint(e, "nothing was written");
	else
		error_hint(e, "0x%" PRIx64 " bytes were written, 0x%08" PRIx64
			   "-0x%08" PRIx64, done, region_addr(r, off),
			   region_addr(r, off + done - 1));
}

static void load_print_json(const struct invocation *inv)
{
	const struct region *r = inv->region;
	uint64_t len = inv->plan.count * inv->opt.width;

	printf("{\"region\":");
	format_json_string(stdout, r->name);
	printf(",\"file\":");
	format_json_string(stdout, inv->plan.in_name);
	printf(",\"width\":%u,\"address\":\"0x%0*" PRIx64 "\",\"length\":%"
	       PRIu64 ",\"verified\":%s}\n", inv->opt.width * 8,
	       (int)format_addr_digits(region_addr(r, inv->plan.offset + len -
						   1)),
	       region_addr(r, inv->plan.offset), len,
	       inv->opt.verify ? "true" : "false");
}

static int load_execute(struct invocation *inv, struct mapping *m,
			struct error *e)
{
	const struct plan *p = &inv->plan;
	unsigned width = inv->opt.width;
	uint64_t off = p->offset, total = p->count * width, done = 0;
	bool dry = m->flags & MAPPING_DRY_RUN;
	bool verify = inv->opt.verify && !dry;
	uint8_t *buf = malloc(COMMAND_CHUNK);
	uint8_t *back = verify ? malloc(COMMAND_CHUNK) : NULL;
	struct progress prog;
	int rc = 0;

	if (!buf || (verify && !back)) {
		free(buf);
		return error_set(e, EXIT_FAIL, "out of memory");
	}
	mapping_span(m, off, total);
	command_progress(inv, m, &prog, -1);
	while (done < total) {
		size_t n = total - done < COMMAND_CHUNK ? (size_t)(total - done)
							: COMMAND_CHUNK;

		rc = command_read_input(inv, buf, n, done, "written", e);
		if (rc == 0)
			rc = mapping_write_block(m, off + done, width,
						 n / width, buf, e);
		if (rc == 0 && verify) {
			mapping_fence(m);
			rc = mapping_read_block(m, off + done, width,
						n / width, back, e);
			if (rc == 0 && memcmp(buf, back, n) != 0) {
				rc = verify_failed(inv, off + done, buf, back,
						   n, e);
				done += n;	/* all of it was stored */
			}
		}
		if (rc) {
			if (e->status != EXIT_INTERRUPTED)
				report_written(inv, done, e);
			break;
		}
		done += n;
		if (done < total) {
			rc = command_step(inv, &prog, "written", done, e);
			if (rc)
				break;
		}
	}
	mapping_fence(m);
	progress_finish(&prog);
	free(buf);
	free(back);
	if (p->in_fd != STDIN_FILENO)
		close(p->in_fd);
	if (rc == 0 && inv->opt.json && !dry)
		load_print_json(inv);
	return rc;
}

const struct command cmd_load = {
	.name = "load",
	.args_doc = "START FILE",
	.doc = "store FILE's bytes into the region from START, word by word",
	.min_args = 2, .max_args = 2,
	.flags = CMD_REGION | CMD_WRITES | CMD_JSON | CMD_PROGRESS,
	.prepare = load_prepare,
	.execute = load_execute,
};
