// SPDX-License-Identifier: GPL-2.0-or-later
/* decode MINOR and encode BASE SIZE: iomap(7) minor numbers. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>

#include "commands.h"
#include "format.h"
#include "minor.h"
#include "number.h"

static int decode_prepare(struct invocation *inv, struct error *e)
{
	return command_number("minor", inv->opt.args[0], 0,
			      &inv->plan.offset, e);
}

static int decode_execute(struct invocation *inv, struct mapping *m,
			  struct error *e)
{
	enum minor_format format = inv->opt.region.minor_format;
	uint64_t minor = inv->plan.offset, base, size;
	const char *why = minor_decode(minor, format, &base, &size);
	char human[32];

	(void)m;
	if (why)
		return error_set(e, EXIT_USAGE, "%s is not a valid %s minor "
				 "number: %s", inv->opt.args[0],
				 minor_format_name(format), why);
	if (inv->opt.json) {
		printf("{\"minor\":\"0x%06" PRIx64 "\",\"format\":\"%s\","
		       "\"base\":\"0x%08" PRIx64 "\",\"size\":\"0x%08" PRIx64
		       "\",\"end\":\"0x%08" PRIx64 "\"}\n", minor,
		       minor_format_name(format), base, size, base + size - 1);
		return 0;
	}
	format_size(human, sizeof(human), size);
	printf("minor  0x%06" PRIx64 " (%s)\n", minor,
	       minor_format_name(format));
	printf("base   0x%08" PRIx64 "\n", base);
	printf("size   0x%08" PRIx64 " (%s)\n", size, human);
	printf("end    0x%08" PRIx64 "\n", base + size - 1);
	return 0;
}

static int encode_prepare(struct invocation *inv, struct error *e)
{
	struct plan *p = &inv->plan;

	if (command_number("base", inv->opt.args[0], NUMBER_SUFFIX,
			   &p->offset, e) ||
	    command_number("size", inv->opt.args[1], NUMBER_SUFFIX,
			   &p->count, e))
		return -1;
	return 0;
}

static int encode_execute(struct invocation *inv, struct mapping *m,
			  struct error *e)
{
	enum minor_format format = inv->opt.region.minor_format;
	uint64_t minor;
	const char *why;

	(void)m;
	why = minor_encode(inv->plan.offset, inv->plan.count, format, &minor);
	if (why)
		return error_set(e, EXIT_FAIL, "0x%" PRIx64 " bytes at 0x%"
				 PRIx64 " cannot be a %s minor number: %s",
				 inv->plan.count, inv->plan.offset,
				 minor_format_name(format), why);
	printf("0x%06" PRIx64 "\n", minor);
	return 0;
}

const struct command cmd_decode = {
	.name = "decode",
	.args_doc = "MINOR",
	.doc = "print the base, size and end an iomap(7) minor number names",
	.min_args = 1, .max_args = 1,
	.flags = CMD_JSON,
	.prepare = decode_prepare,
	.execute = decode_execute,
};

const struct command cmd_encode = {
	.name = "encode",
	.args_doc = "BASE SIZE",
	.doc = "print the iomap(7) minor number for a region, or why none fits",
	.min_args = 2, .max_args = 2,
	.prepare = encode_prepare,
	.execute = encode_execute,
};
