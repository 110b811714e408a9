// SPDX-License-Identifier: GPL-2.0-or-later
/* Other tools' habits, recognised in what iomap refuses (habits.h). */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "habits.h"
#include "number.h"

/* U-Boot's .b/.w/.l/.q size suffix, as -w; "" when none. */
static const char *size_suffix(const char *word, size_t base)
{
	static const char *const sizes[][2] = {
		{ ".b", " (-w 8)" }, { ".w", " (-w 16)" },
		{ ".l", " (-w 32)" }, { ".q", " (-w 64)" },
	};

	for (size_t i = 0; i < 4; i++)
		if (strcmp(word + base, sizes[i][0]) == 0)
			return sizes[i][1];
	return NULL;
}

bool habit_command(const char *word, char *buf, size_t len)
{
	uint64_t v;
	const char *w;

	if (strncmp(word, "md", 2) == 0 && (w = word[2] ? size_suffix(word, 2)
					    : "")) {
		snprintf(buf, len, "unknown command '%s': U-Boot's md is "
			 "iomap's dump START+LENGTH%s, LENGTH in bytes", word,
			 w);
		return true;
	}
	if (strncmp(word, "mw", 2) == 0 && (w = word[2] ? size_suffix(word, 2)
					    : "")) {
		snprintf(buf, len, "unknown command '%s': U-Boot's mw is "
			 "iomap's poke OFFSET VALUE%s, or fill START+LENGTH "
			 "PATTERN for a COUNT", word, w);
		return true;
	}
	if (strcmp(word, "read") == 0 || strcmp(word, "r") == 0) {
		snprintf(buf, len, "unknown command '%s': to read, iomap peek "
			 "OFFSET [COUNT] (-w for the width), or dump RANGE",
			 word);
		return true;
	}
	if (strcmp(word, "write") == 0 || strcmp(word, "w") == 0) {
		snprintf(buf, len, "unknown command '%s': to write, iomap poke "
			 "OFFSET VALUE... (-w for the width), or fill RANGE "
			 "PATTERN", word);
		return true;
	}
	if (number_parse(word, &v, NUMBER_SUFFIX) == NULL) {
		snprintf(buf, len, "unknown command '%s': the command comes "
			 "first: iomap peek %s, iomap poke %s VALUE, or iomap "
			 "devmem %s [WIDTH [VALUE]] (busybox's arguments)",
			 word, word, word, word);
		return true;
	}
	return false;
}

bool habit_range_words(const char *cmd, const char *a, const char *b,
		       char *buf, size_t len)
{
	uint64_t start, end;

	if (number_parse(a, &start, NUMBER_SUFFIX) ||
	    number_parse(b, &end, NUMBER_SUFFIX))
		return false;
	if (end > start)
		snprintf(buf, len, "%s takes one RANGE, START+LENGTH: for "
			 "0x%" PRIx64 " bytes from %s give %s %s+%s; up to "
			 "%s, %s %s+0x%" PRIx64, cmd, end, a, cmd, a, b, b,
			 cmd, a, end - start);
	else
		snprintf(buf, len, "%s takes one RANGE, START+LENGTH: for "
			 "0x%" PRIx64 " bytes from %s give %s %s+%s", cmd, end,
			 a, cmd, a, b);
	return true;
}

int habit_range_dash(const char *s, struct error *e)
{
	const char *dash = strchr(s, '-');
	char start[64];
	uint64_t a, b;

	if (!dash || (size_t)(dash - s) >= sizeof(start))
		return 0;
	memcpy(start, s, (size_t)(dash - s));
	start[dash - s] = '\0';
	if (number_parse(start, &a, NUMBER_SUFFIX) ||
	    number_parse(dash + 1, &b, NUMBER_SUFFIX))
		return 0;
	if (b <= a)
		return error_set(e, EXIT_USAGE, "invalid range '%s': a RANGE "
				 "is START+LENGTH, and START-END is not "
				 "accepted", s);
	return error_set(e, EXIT_USAGE, "invalid range '%s': a RANGE is "
			 "START+LENGTH, and START-END is not accepted: from %s "
			 "up to %s is %s+0x%" PRIx64, s, start, dash + 1,
			 start, b - a);
}

void habit_hex_hint(struct error *e, const char *s)
{
	size_t n = strspn(s, "0123456789abcdefABCDEF_");

	/* A word that starts with a digit has the number parser's reason. */
	if (!s[0] || s[n] || !strchr("abcdefABCDEF", s[0]))
		return;
	error_hint(e, "hex numbers take the 0x prefix: 0x%s", s);
}
