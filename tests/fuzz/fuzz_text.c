// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer harness for the text that reaches a terminal or a JSON string:
 * utf8_length against a decoder of the harness's own (RFC 3629: no
 * overlong forms, no surrogates, nothing past U+10FFFF), text_escape's
 * output free of control characters and valid UTF-8, and
 * format_json_string's output a JSON string of valid UTF-8 whose escapes
 * are all well formed.
 * fuzz-sources: src/error.c src/format.c
 * Build and run: make fuzz FUZZ_TARGETS=text
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "format.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The length of the UTF-8 character at S (N bytes), or 0. */
static size_t decode(const uint8_t *s, size_t n)
{
	uint32_t cp;
	size_t len;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

/* S (N bytes) is valid UTF-8 with no C0, DEL or C1 control in it. */
static void check_clean(const uint8_t *s, size_t n)
{
	while (n) {
		size_t len = decode(s, n);

		if (!len || s[0] < 0x20 || s[0] == 0x7f ||
		    (len == 2 && s[0] == 0xc2 && s[1] < 0xa0))
			abort();
		s += len;
		n -= len;
	}
}

static int hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s, *buf, *json = NULL;
	size_t n, jlen = 0;
	FILE *f;

	for (size_t i = 0; i < size; i++)
		if (utf8_length((const char *)data + i, size - i) !=
		    decode(data + i, size - i))
			abort();
	buf = malloc(4 * size + 1);
	if (!buf)
		return 0;
	n = text_escape(buf, (const char *)data, size);
	if (n > 4 * size)
		abort();
	check_clean((const uint8_t *)buf, n);
	free(buf);

	/* JSON: a C string, so up to the first NUL */
	s = strndup((const char *)data, size);
	f = s ? open_memstream(&json, &jlen) : NULL;
	if (!f) {
		free(s);
		return 0;
	}
	format_json_string(f, s);
	fclose(f);
	if (jlen < 2 || json[0] != '"' || json[jlen - 1] != '"')
		abort();
	for (size_t i = 1; i < jlen - 1; i++) {
		if (json[i] == '"')
			abort();	/* unescaped quote inside */
		if (json[i] != '\\')
			continue;
		i++;
		if (json[i] == '"' || json[i] == '\\')
			continue;
		if (json[i] != 'u' || i + 4 >= jlen - 1 || !hex(json[i + 1]) ||
		    !hex(json[i + 2]) || !hex(json[i + 3]) || !hex(json[i + 4]))
			abort();
		i += 4;
	}
	check_clean((const uint8_t *)json + 1, jlen - 2);
	free(json);
	free(s);
	return 0;
}
