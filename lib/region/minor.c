// SPDX-License-Identifier: GPL-2.0-or-later
/* iomap(7) minor numbers, both forms, decoded and encoded. */
#include "config.h"

#include <stdio.h>

#include "minor.h"

#define PA_IO_BASE	0xf0000000ull
#define IO_END		0xffffffffull	/* I/O space ends here */
#define PA_PAGE		4096ull	/* the PA form counts 4 KiB units, any page size */
#define S300_UNIT	65536ull

const char *minor_format_name(enum minor_format format)
{
	return format == MINOR_S300 ? "s300" : "pa";
}

const char *minor_decode(uint64_t minor, enum minor_format format,
			 uint64_t *base, uint64_t *size)
{
	uint64_t b, s;

	if (minor > MINOR_MAX)
		return "a minor number has at most 24 bits (0xffffff)";
	if (format == MINOR_PA) {
		unsigned shift = (minor >> 4) & 0xf, mult = minor & 0xf;

		if (mult == 0)
			return "its size multiplier M is 0";
		b = PA_IO_BASE | (minor >> 8) << 12;
		s = (uint64_t)mult << shift;
		s *= PA_PAGE;
	} else {
		unsigned count = minor & 0xff;

		if (count == 0)
			return "its size NN is 0";
		b = (minor >> 8) * S300_UNIT;
		s = count * S300_UNIT;
	}
	if (b + s - 1 > IO_END)
		return "its region runs past the end of I/O space (0xffffffff)";
	*base = b;
	*size = s;
	return NULL;
}

static const char *encode_pa(uint64_t base, uint64_t size, uint64_t *minor)
{
	uint64_t pages;
	unsigned shift = 0;

	if (base < PA_IO_BASE || base > IO_END)
		return "the PA-RISC form names bases from 0xf0000000 to 0xfffff000";
	if (base % PA_PAGE)
		return "the base is not 4 KiB aligned";
	if (size == 0 || size % PA_PAGE)
		return "the size is not a whole number of 4 KiB pages";
	pages = size / PA_PAGE;
	while (shift < 15 && !(pages & 1)) {
		pages >>= 1;
		shift++;
	}
	if (pages > 15)
		return "the size is not M x 2^S pages with M <= 15 and S <= 15";
	if (base + size - 1 > IO_END)
		return "the region runs past the end of I/O space (0xffffffff)";
	*minor = ((base & 0x0ffff000) >> 12) << 8 | shift << 4 | pages;
	return NULL;
}

static const char *encode_s300(uint64_t base, uint64_t size, uint64_t *minor)
{
	if (base % S300_UNIT)
		return "the Series 300 form needs a 64 KiB aligned base";
	if (base > IO_END)
		return "the base is past the end of I/O space (0xffffffff)";
	if (size == 0 || size % S300_UNIT)
		return "the size is not a whole number of 64 KiB units";
	if (size / S300_UNIT > 0xff)
		return "the Series 300 form names at most 255 x 64 KiB (16320 KiB)";
	if (base + size - 1 > IO_END)
		return "the region runs past the end of I/O space (0xffffffff)";
	*minor = (base / S300_UNIT) << 8 | size / S300_UNIT;
	return NULL;
}

const char *minor_encode(uint64_t base, uint64_t size,
			 enum minor_format format, uint64_t *minor)
{
	return format == MINOR_PA ? encode_pa(base, size, minor)
				  : encode_s300(base, size, minor);
}
