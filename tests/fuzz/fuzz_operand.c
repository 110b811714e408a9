// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer harness for the operand parser (src/operand.c): the first line
 * is an operand (OFFSET, OFFSET:HI[:LO], REG, REG.FIELD), the second a
 * value or FIELD=VALUE, the rest a text-format description. Whatever is
 * accepted must name bits inside the word, a register aligned and inside
 * the region, and a value that fits its bits. The region checks are the
 * product's own (region_check_access, from src/region.c), on a 1 MiB BAR,
 * a 256-byte BAR and a 256-byte window of /dev/mem.
 * fuzz-sources: src/operand.c src/region.c src/regdb.c src/regdb_text.c
 *   src/regdb_svd.c src/regdb_ipxact.c src/regdb_xml.c src/number.c
 *   src/error.c (and what region.c brings in from the archive)
 * Build and run: make fuzz FUZZ_TARGETS=operand
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "operand.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Split off the next line of *P (of *LEN bytes) as a string. */
static char *next_line(const char **p, size_t *len)
{
	const char *nl = memchr(*p, '\n', *len);
	size_t n = nl ? (size_t)(nl - *p) : *len;
	char *s = malloc(n + 1);

	if (!s)
		abort();
	memcpy(s, *p, n);
	s[n] = '\0';
	*p += nl ? n + 1 : n;
	*len -= nl ? n + 1 : n;
	return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct command cmd = { .name = "poke" };
	static const unsigned flags[] = {
		OPERAND_READ | OPERAND_BITS, OPERAND_WRITE | OPERAND_BITS,
		OPERAND_START | OPERAND_READ,
	};
	const char *p = (const char *)data;
	size_t len = size;
	char *arg, *value;
	const struct region regions[] = {
		{ .size = 1 << 20, .phys = 0xfea00000, .name = "fuzz BAR" },
		{ .size = 0x100, .phys = 0xfeb00000, .name = "fuzz small BAR" },
		{ .size = 0x100, .phys = 0x10000000, .name = "fuzz mem",
		  .backend = &region_devmem },
	};
	const size_t nr = sizeof(regions) / sizeof(regions[0]);
	struct regdb *db = NULL;
	struct error e;

	if (memchr(data, '\0', size))
		return 0;
	arg = next_line(&p, &len);
	value = next_line(&p, &len);
	if (regdb_parse("fuzz.regs", p, len, REGDB_TEXT, &db, &e))
		db = NULL;
	for (size_t i = 0; i < nr * sizeof(flags) / sizeof(flags[0]); i++) {
		struct region r = regions[i % nr];
		struct invocation inv;
		struct operand op, f;
		uint64_t v;

		memset(&inv, 0, sizeof(inv));
		inv.opt.cmd = &cmd;
		inv.opt.width = 4;
		inv.opt.width_set = i / nr == 2;
		inv.region = &r;
		inv.regdb = db;
		inv.opt.regs = db ? "fuzz.regs" : NULL;
		if (operand_parse(&inv, arg, flags[i / nr], &op, &e))
			continue;
		if (op.width != 1 && op.width != 2 && op.width != 4 &&
		    op.width != 8)
			abort();
		/* Numbers are checked by the command, names here. */
		if (op.named && (op.offset % op.width ||
				 op.offset + op.width > r.size))
			abort();
		if (op.has_bits && (op.lo > op.hi || op.hi >= op.width * 8))
			abort();
		if (operand_value(&op, "value", value, &v, &e) == 0 &&
		    ((v << (op.has_bits ? op.lo : 0)) & ~operand_mask(&op)))
			abort();
		if (op.named && !op.has_bits && strchr(value, '=')) {
			char *eq = strchr(value, '=');

			*eq = '\0';
			if (operand_field(&op, value, &f, &e) == 0 &&
			    operand_value(&f, "value", eq + 1, &v, &e) == 0 &&
			    ((v << f.lo) & ~operand_mask(&f)))
				abort();
			*eq = '=';
		}
	}
	regdb_free(db);
	free(arg);
	free(value);
	return 0;
}
