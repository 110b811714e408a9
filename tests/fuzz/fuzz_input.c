// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer harness for the START[+LENGTH] operand of load and compare
 * (command_input in src/commands.c), checked against a 1 MiB region and
 * standard input: what it accepts lies inside the region, is not empty,
 * and is a whole number of words.
 * fuzz-sources: src/commands.c src/number.c
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned widths[] = { 1, 2, 4, 8 };
	struct region r;
	struct invocation inv;
	struct error e;
	char *s;

	if (size < 1)
		return 0;
	memset(&r, 0, sizeof(r));
	memset(&e, 0, sizeof(e));
	strcpy(r.path, "fuzz");
	strcpy(r.name, "fuzz");
	r.size = 1 << 20;
	r.kind = data[0] & 0x80 ? REGION_IO : REGION_MEM;
	memset(&inv, 0, sizeof(inv));
	cli_defaults(&inv.opt);
	inv.opt.width = widths[data[0] & 3];
	inv.opt.cmd = data[0] & 4 ? &cmd_compare : &cmd_load;
	inv.region = &r;
	s = malloc(size);
	if (!s)
		return 0;
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	/* standard input: parsed and checked, never read */
	if (command_input(&inv, s, "-", &e) == 0) {
		if (inv.plan.count == 0 || inv.plan.offset % inv.opt.width ||
		    inv.plan.offset + inv.plan.count * inv.opt.width > r.size)
			abort();
	} else if (e.msg[0] == '\0') {
		abort();	/* a refusal without a reason */
	}
	free(s);
	return 0;
}
