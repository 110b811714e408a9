// SPDX-License-Identifier: GPL-2.0-or-later
/* The number parser: exact about bases, separators, suffixes and overflow. */
#include "config.h"

#include <string.h>

#include "number.h"

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;
}

static unsigned suffix_shift(char c)
{
	switch (c) {
	case 'k': case 'K': return 10;
	case 'M': return 20;
	case 'G': return 30;
	}
	return 0;
}

/* Parse digits of BASE from *P, with '_' only between digits. */
static const char *parse_digits(const char **p, unsigned base, uint64_t *out)
{
	const char *s = *p;
	uint64_t v = 0;
	bool any = false, overflow = false;

	for (;; s++) {
		int d;

		if (*s == '_') {
			if (!any || digit_value(s[1]) >= (int)base)
				return "'_' must stand between digits";
			continue;
		}
		d = digit_value(*s);
		if (d >= (int)base)
			break;
		if (v > (UINT64_MAX - (uint64_t)d) / base)
			overflow = true;
		v = v * base + (uint64_t)d;
		any = true;
	}
	if (!any)
		return "no digits";
	if (overflow)
		return "too large (more than 64 bits)";
	*p = s;
	*out = v;
	return NULL;
}

const char *number_parse(const char *s, uint64_t *out, unsigned flags)
{
	const char *why;
	unsigned base = 10, shift;
	uint64_t v;

	if (!s || !*s)
		return "empty";
	if (*s == '-')
		return "negative numbers are not allowed";
	if (*s == '+' || *s == ' ' || *s == '\t')
		return "not a number";
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	} else if (s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) {
		base = 2;
		s += 2;
	}
	if (digit_value(*s) >= (int)base)
		return base == 10 ? "not a number" : "no digits after the prefix";
	why = parse_digits(&s, base, &v);
	if (why)
		return why;
	shift = (flags & NUMBER_SUFFIX) ? suffix_shift(*s) : 0;
	if (shift) {
		if (v > (UINT64_MAX >> shift))
			return "too large (more than 64 bits)";
		v <<= shift;
		s++;
	}
	if (*s) {
		if (base == 10 && digit_value(*s) < 16)
			return "hexadecimal digits need a 0x prefix";
		if (!(flags & NUMBER_SUFFIX) && suffix_shift(*s))
			return "a size suffix is not allowed here";
		return "trailing characters";
	}
	*out = v;
	return NULL;
}

bool number_fits(uint64_t v, unsigned width)
{
	return width >= 8 || v < ((uint64_t)1 << (width * 8));
}

const char *number_parse_duration(const char *s, uint64_t *ns)
{
	static const struct {
		const char *unit;
		uint64_t ns;
	} units[] = {
		{ "ns", 1 }, { "us", 1000 }, { "ms", 1000000 },
		{ "s", 1000000000 }, { "m", 60000000000 }, { "", 1000000 },
	};
	char digits[64];
	size_t n = strspn(s, "0123456789_"), nf = 0;
	const char *frac = NULL, *unit = s + n;
	unsigned __int128 f = 0, scale = 1;
	uint64_t v;
	const char *why;

	if (n == 0 || n >= sizeof(digits))
		return n ? "too large" : "not a duration";
	memcpy(digits, s, n);
	digits[n] = '\0';
	why = number_parse(digits, &v, 0);
	if (why)
		return why;
	if (*unit == '.') {
		/* A decimal fraction, as sleep(1) takes: 1.5s, 0.25ms. */
		frac = unit + 1;
		nf = strspn(frac, "0123456789");
		if (nf == 0)
			return "no digits after the decimal point";
		if (nf > 18)
			return "more than 18 digits after the decimal point";
		for (size_t i = 0; i < nf; i++) {
			f = f * 10 + (unsigned)(frac[i] - '0');
			scale *= 10;
		}
		unit = frac + nf;
	}
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		unsigned __int128 total;

		if (strcmp(unit, units[i].unit) != 0)
			continue;
		if ((f * units[i].ns) % scale)
			return "finer than a nanosecond";
		total = (unsigned __int128)v * units[i].ns +
			f * units[i].ns / scale;
		if (total > UINT64_MAX)
			return "too large";
		*ns = (uint64_t)total;
		return NULL;
	}
	if (unit[0] == ',' || unit[0] == '.')
		return "a decimal fraction takes a point and digits (1.5s)";
	return "unknown unit (use ns, us, ms, s or m)";
}
