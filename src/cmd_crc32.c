// SPDX-License-Identifier: GPL-2.0-or-later
/* crc32 [RANGE]: the CRC-32 of the bytes read, as zlib's crc32() has it. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <zlib.h>

#include "commands.h"
#include "diagnose.h"
#include "format.h"

static int crc32_prepare(struct invocation *inv, struct error *e)
{
	const struct options *o = &inv->opt;

	return command_range_or_region(inv, o->nargs ? o->args[0] : NULL, e);
}

static void crc32_print(const struct invocation *inv, uLong crc)
{
	const struct region *r = inv->region;
	uint64_t len = inv->plan.count * inv->opt.width;

	if (!inv->opt.json) {
		printf("0x%08lx\n", crc);
		return;
	}
	printf("{\"region\":");
	format_json_string(stdout, r->name);
	printf(",\"width\":%u,\"address\":\"0x%0*" PRIx64 "\",\"length\":%"
	       PRIu64 ",\"crc32\":\"0x%08lx\"}\n", inv->opt.width * 8,
	       (int)format_addr_digits(region_addr(r, inv->plan.offset + len -
						   1)),
	       region_addr(r, inv->plan.offset), len, crc);
}

static int crc32_execute(struct invocation *inv, struct mapping *m,
			 struct error *e)
{
	unsigned width = inv->opt.width;
	uint64_t off = inv->plan.offset, total = inv->plan.count * width;
	uint64_t done = 0;
	uLong crc = crc32(0L, Z_NULL, 0);
	uint8_t *buf = malloc(COMMAND_CHUNK);
	struct progress prog;
	bool ones = true;
	int rc = 0;

	if (!buf)
		return error_set(e, EXIT_FAIL, "out of memory");
	mapping_span(m, off, total);
	command_progress(inv, m, &prog, -1);
	while (done < total) {
		size_t n = total - done < COMMAND_CHUNK ? (size_t)(total - done)
							: COMMAND_CHUNK;

		rc = mapping_read_block(m, off + done, width, n / width, buf, e);
		if (rc)
			break;
		for (size_t i = 0; ones && i < n; i++)
			ones = buf[i] == 0xff;
		crc = crc32(crc, buf, (uInt)n);
		done += n;
		if (done < total) {
			rc = command_step(inv, &prog, "read", done, e);
			if (rc)
				break;
		}
	}
	progress_finish(&prog);
	free(buf);
	if (rc || (m->flags & MAPPING_DRY_RUN))
		return rc;
	crc32_print(inv, crc);
	if (ones)
		note_all_ones(inv->region);
	return 0;
}

const struct command cmd_crc32 = {
	.name = "crc32",
	.args_doc = "[RANGE]",
	.doc = "the CRC-32 (as zlib's crc32()) of the bytes read",
	.min_args = 0, .max_args = 1,
	.flags = CMD_REGION | CMD_JSON | CMD_PROGRESS,
	.prepare = crc32_prepare,
	.execute = crc32_execute,
};
