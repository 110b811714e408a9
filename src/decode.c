// SPDX-License-Identifier: GPL-2.0-or-later
/* Decoding a register's value into its fields for peek --fields and show. */
#include "config.h"

#include <string.h>

#include "decode.h"
#include "format.h"
#include "operand.h"

/* Bits HI..LO of WORD, shifted down. */
static uint64_t field_value(const struct regdb_field *fd, uint64_t word)
{
	unsigned bits = fd->hi - fd->lo + 1;
	uint64_t ones = bits >= 64 ? UINT64_MAX : ((uint64_t)1 << bits) - 1;

	return (word >> fd->lo) & ones;
}

void decode_text(FILE *f, const struct regdb *db, const struct regdb_reg *r,
		 long only, uint64_t word)
{
	int w = 0;

	for (size_t j = 0; j < r->nfields; j++) {
		struct regdb_field fd;

		if (only >= 0 && (long)j != only)
			continue;
		regdb_field(db, r, j, &fd);
		if ((int)strlen(fd.name) > w)
			w = (int)strlen(fd.name);
	}
	for (size_t j = 0; j < r->nfields; j++) {
		struct regdb_field fd;
		const char *en;
		char text[24];
		uint64_t v;

		if (only >= 0 && (long)j != only)
			continue;
		regdb_field(db, r, j, &fd);
		if (fd.access == REGDB_WO) {
			fprintf(f, "  %-*s = (write-only)\n", w,
				format_esc(fd.name));
			continue;
		}
		v = field_value(&fd, word);
		operand_format(text, v, fd.hi - fd.lo + 1);
		en = regdb_enum_name(db, &fd, v);
		if (en)
			fprintf(f, "  %-*s = %s (%s)\n", w,
				format_esc(fd.name), text, format_esc(en));
		else
			fprintf(f, "  %-*s = %s\n", w, format_esc(fd.name),
				text);
	}
}

void decode_json(FILE *f, const struct regdb *db, const struct regdb_reg *r,
		 long only, uint64_t word, bool read)
{
	bool first = true;

	fputc('[', f);
	for (size_t j = 0; j < r->nfields; j++) {
		struct regdb_field fd;
		const char *en = NULL;
		char text[24];
		uint64_t v;

		if (only >= 0 && (long)j != only)
			continue;
		regdb_field(db, r, j, &fd);
		fprintf(f, "%s{\"name\":", first ? "" : ",");
		first = false;
		format_json_string(f, fd.name);
		fprintf(f, ",\"hi\":%u,\"lo\":%u,\"value\":", fd.hi, fd.lo);
		if (read && fd.access != REGDB_WO) {
			v = field_value(&fd, word);
			operand_format(text, v, fd.hi - fd.lo + 1);
			fprintf(f, "\"%s\"", text);
			en = regdb_enum_name(db, &fd, v);
		} else {
			fputs("null", f);
		}
		fputs(",\"enum\":", f);
		if (en)
			format_json_string(f, en);
		else
			fputs("null", f);
		fputc('}', f);
	}
	fputc(']', f);
}
