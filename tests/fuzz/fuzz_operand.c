// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer harness for the operand parser (src/operand.c): the first line
 * is an operand (OFFSET, OFFSET:HI[:LO], REG, REG.FIELD), the second a
 * value or FIELD=VALUE, the rest a text-format description. Whatever is
 * accepted must name bits inside the word, a register aligned and inside
 * the region, and a value that fits its bits. The region checks are the
 * product's own (region_check_access, from src/region.c), on a 1 MiB BAR,
 * a 256-byte BAR and a 256-byte window of /dev/mem. operand_check_span over
 * the operand's word and the next few must refuse a span that stores to a
 * read-only, side-effect or other-width register; the habits of other tools
 * (habits.c) are recognised only where both numbers are.
 * fuzz-sources: src/operand.c src/habits.c src/region.c src/regdb.c
 *   src/regdb_text.c src/regdb_svd.c src/regdb_ipxact.c src/regdb_xml.c
 *   src/number.c src/error.c (and what region.c brings in from the archive)
 * Build and run: make fuzz FUZZ_TARGETS=operand
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "habits.h"
#include "number.h"
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
	if (db) {
		/* operand_check_span: what it lets a write store to is fine. */
		struct region r = regions[0];
		struct invocation inv;
		uint64_t off, count = 1 + (size & 7);

		memset(&inv, 0, sizeof(inv));
		inv.opt.cmd = &cmd;
		inv.opt.width = 4;
		inv.region = &r;
		inv.regdb = db;
		if (number_parse(arg, &off, 0) == NULL &&
		    off <= r.size - count * 4 &&
		    operand_check_span(&inv, arg, off, count, OPERAND_WRITE,
				       &e) == 0) {
			for (size_t i = 0; i < regdb_count(db); i++) {
				struct regdb_reg reg;
				uint64_t o;

				regdb_reg(db, i, &reg);
				if (!operand_address(&r, reg.address, &o) ||
				    o >= off + count * 4 ||
				    o + reg.width <= off ||
				    o + reg.width < o)
					continue;
				if (reg.access == REGDB_RO ||
				    reg.side_effects || reg.width != 4)
					abort();
			}
		}
	}
	/* START-END is refused only when both ends are numbers. */
	if (habit_range_dash(arg, &e)) {
		char *dash = strchr(arg, '-');
		uint64_t a, b;

		if (!dash)
			abort();
		*dash = '\0';
		if (number_parse(arg, &a, NUMBER_SUFFIX) ||
		    number_parse(dash + 1, &b, NUMBER_SUFFIX))
			abort();
		*dash = '-';
	}
	{
		char buf[512];
		uint64_t a;

		if (habit_range_words("dump", arg, value, buf, sizeof(buf)) &&
		    number_parse(arg, &a, NUMBER_SUFFIX))
			abort();
		habit_command(arg, buf, sizeof(buf));
		habit_hex_hint(&e, arg);
	}
	regdb_free(db);
	free(arg);
	free(value);
	return 0;
}
