// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer harness for the START[+LENGTH] operand of load and compare
 * (command_input), checked against a 1 MiB region and standard input.
 * Build (from the top directory, after ./configure):
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -I. -Isrc \
 *     tests/fuzz/fuzz_input.c $(find src -name '*.c' ! -name main.c) \
 *     $(pkg-config --cflags --libs libpci zlib libedit) -o fuzz_input
 *   ./fuzz_input tests/fuzz/corpus/input
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
	if (command_input(&inv, s, "-", &e) == 0 &&
	    (inv.plan.count == 0 ||
	     inv.plan.offset + inv.plan.count * inv.opt.width > r.size))
		abort();
	free(s);
	return 0;
}
