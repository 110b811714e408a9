// SPDX-License-Identifier: GPL-2.0-or-later
/* Formatting values and hex dumps, table-driven for the dump's hot path. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "format.h"
#include "xalloc.h"

#define OUT_CAP (1u << 20)

static const char hexdigits[] = "0123456789abcdef";

void format_size(char *buf, size_t len, uint64_t size)
{
	static const char *const units[] = { "B", "KiB", "MiB", "GiB",
					     "TiB", "PiB", "EiB" };
	unsigned u = 0;

	while (u < 6 && size && size % 1024 == 0) {
		size /= 1024;
		u++;
	}
	snprintf(buf, len, "%" PRIu64 " %s", size, units[u]);
}

void format_duration(char *buf, size_t len, uint64_t ns)
{
	static const struct {
		const char *unit;
		uint64_t ns;
	} units[] = {
		{ "s", 1000000000 }, { "ms", 1000000 }, { "us", 1000 },
		{ "ns", 1 },
	};

	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (ns % units[i].ns == 0) {
			snprintf(buf, len, "%" PRIu64 "%s", ns / units[i].ns,
				 units[i].unit);
			return;
		}
}

void format_json_string(FILE *f, const char *s)
{
	size_t n = strlen(s);

	fputc('"', f);
	while (n) {
		unsigned char c = (unsigned char)*s;
		size_t len = text_printable(s, n);

		if (c == '"' || c == '\\') {
			fprintf(f, "\\%c", c);
		} else if (len) {
			fwrite(s, 1, len, f);
		} else if (utf8_length(s, n) == 2) {
			/* A C1 control: valid, but not raw to a terminal. */
			fprintf(f, "\\u%04x", (unsigned)(((c & 0x1f) << 6) |
						       (s[1] & 0x3f)));
			len = 2;
		} else if (c < 0x80) {
			fprintf(f, "\\u%04x", c);
		} else {
			/* Not UTF-8: U+FFFD, as iomap(1) says. */
			fputs("\\ufffd", f);
		}
		len = len ? len : 1;
		s += len;
		n -= len;
	}
	fputc('"', f);
}

const char *format_esc(const char *s)
{
	static char *slot[8];
	static size_t cap[8];
	static unsigned next;
	size_t n = strlen(s);
	unsigned i = next++ % 8;

	if (cap[i] < 4 * n + 1) {
		cap[i] = 4 * n + 1;
		free(slot[i]);
		slot[i] = xmalloc(cap[i]);
	}
	text_escape(slot[i], s, n);
	return slot[i];
}

size_t format_value(char *buf, uint64_t v, unsigned width)
{
	unsigned digits = width * 2;

	buf[0] = '0';
	buf[1] = 'x';
	for (unsigned i = 0; i < digits; i++)
		buf[2 + i] = hexdigits[(v >> (4 * (digits - 1 - i))) & 0xf];
	buf[2 + digits] = '\0';
	return 2 + digits;
}

void out_init(struct out *o, int fd)
{
	o->fd = fd;
	o->cap = OUT_CAP;
	o->buf = xmalloc(o->cap);
	o->len = 0;
	o->err = 0;
}

void out_flush(struct out *o)
{
	size_t done = 0;

	while (done < o->len && !o->err) {
		ssize_t n = write(o->fd, o->buf + done, o->len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			o->err = n < 0 ? errno : EIO;
		else
			done += (size_t)n;
	}
	o->len = 0;
}

char *out_reserve(struct out *o, size_t n)
{
	if (o->len + n > o->cap)
		out_flush(o);
	return o->buf + o->len;
}

void out_commit(struct out *o, size_t n)
{
	o->len += n;
}

void out_write(struct out *o, const void *p, size_t n)
{
	const char *s = p;

	while (n) {
		size_t room, k;

		if (o->len == o->cap)
			out_flush(o);
		room = o->cap - o->len;
		k = n < room ? n : room;
		memcpy(o->buf + o->len, s, k);
		o->len += k;
		s += k;
		n -= k;
	}
}

int out_finish(struct out *o)
{
	out_flush(o);
	free(o->buf);
	o->buf = NULL;
	if (o->err) {
		errno = o->err;
		return -1;
	}
	return 0;
}

unsigned format_addr_digits(uint64_t last)
{
	unsigned digits = 8;

	while (digits < 16 && last >> (4 * digits))
		digits++;
	return digits;
}

/* Two hex digits per byte value, and the ASCII column's character. */
static struct {
	char hex[256][2];
	char ascii[256];
	bool ready;
} tables;

static void tables_init(void)
{
	for (int i = 0; i < 256; i++) {
		tables.hex[i][0] = hexdigits[i >> 4];
		tables.hex[i][1] = hexdigits[i & 15];
		tables.ascii[i] = (i >= 0x20 && i < 0x7f) ? (char)i : '.';
	}
	tables.ready = true;
}

/*
 * Where byte I of a line goes in the hex column for each width: words
 * print most significant byte first, so on a little-endian host byte J of
 * a word is printed at digit pair WIDTH-1-J.
 */
static unsigned hex_position(unsigned width, unsigned i)
{
	unsigned word = i / width, j = i % width;

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	j = width - 1 - j;
#endif
	return word * (2 * width + 1) + 2 * j;
}

/* The hex column's length for a full line. */
static unsigned hex_length(unsigned width)
{
	return FORMAT_LINE_BYTES / width * (2 * width + 1) - 1;
}

/* Write the DIGITS low hex digits of V, most significant first, at P. */
static void put_hex(char *p, uint64_t v, unsigned digits)
{
	if (digits & 1) {
		p[0] = hexdigits[(v >> (4 * (digits - 1))) & 15];
		p++;
		digits--;
	}
	for (unsigned i = digits / 2; i-- > 0; p += 2)
		memcpy(p, tables.hex[(v >> (8 * i)) & 0xff], 2);
}

/* One line: LINE starts as a copy of TEMPLATE (spaces and the colon). */
static void format_line(char *line, const struct dump_format *f,
			const unsigned char *pos, unsigned ascii_at,
			uint64_t addr, const uint8_t *b, size_t n)
{
	char *hex = line + f->addr_digits + 2;
	char *ascii = line + ascii_at;

	put_hex(line, addr, f->addr_digits);
	for (size_t i = 0; i < n; i++) {
		memcpy(hex + pos[i], tables.hex[b[i]], 2);
		ascii[i] = tables.ascii[b[i]];
	}
	ascii[n] = '\n';
}

#if defined(__x86_64__)
#include <immintrin.h>

/*
 * The same lines, 16 bytes at a time with SSSE3: reorder each word's bytes
 * into print order, turn nibbles into digits with one table shuffle, and
 * build the ASCII column with two compares. WIDTH is a constant in each
 * instance below, so the group copies compile to fixed-size moves.
 */
static inline __attribute__((always_inline, target("ssse3"))) const uint8_t *
dump_lines_ssse3(struct out *o, unsigned width, unsigned addr_digits,
		 uint64_t *addr, const uint8_t *bytes, size_t *n,
		 const char *template, size_t linelen, unsigned ascii_at)
{
	const __m128i digits = _mm_setr_epi8('0', '1', '2', '3', '4', '5',
		'6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f');
	const __m128i nibble = _mm_set1_epi8(0x0f);
	__m128i order;
	uint8_t idx[16];

	for (unsigned i = 0; i < 16; i++)
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		idx[i] = (uint8_t)(i - i % width + (width - 1 - i % width));
#else
		idx[i] = (uint8_t)i;
#endif
	order = _mm_loadu_si128((const __m128i *)idx);
	while (*n >= FORMAT_LINE_BYTES) {
		char *line = out_reserve(o, 128);
		char *hex = line + addr_digits + 2;
		__m128i v = _mm_loadu_si128((const __m128i *)bytes);
		__m128i r = _mm_shuffle_epi8(v, order);
		__m128i hi = _mm_shuffle_epi8(digits,
			_mm_and_si128(_mm_srli_epi16(r, 4), nibble));
		__m128i lo = _mm_shuffle_epi8(digits, _mm_and_si128(r, nibble));
		__m128i ok = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(0x1f)),
					   _mm_cmplt_epi8(v, _mm_set1_epi8(0x7f)));
		__m128i ascii = _mm_or_si128(_mm_and_si128(ok, v),
			_mm_andnot_si128(ok, _mm_set1_epi8('.')));
		char text[32];

		memcpy(line, template, 128);
		put_hex(line, *addr, addr_digits);
		_mm_storeu_si128((__m128i *)text, _mm_unpacklo_epi8(hi, lo));
		_mm_storeu_si128((__m128i *)(text + 16),
				 _mm_unpackhi_epi8(hi, lo));
		for (unsigned g = 0; g < 16 / width; g++)
			memcpy(hex + g * (2 * width + 1), text + g * 2 * width,
			       2 * width);
		_mm_storeu_si128((__m128i *)(line + ascii_at), ascii);
		line[ascii_at + 16] = '\n';
		out_commit(o, linelen);
		*addr += FORMAT_LINE_BYTES;
		bytes += FORMAT_LINE_BYTES;
		*n -= FORMAT_LINE_BYTES;
	}
	return bytes;
}

#define DUMP_LINES_SSSE3(w)						\
static __attribute__((target("ssse3"))) const uint8_t *			\
dump_lines_ssse3_##w(struct out *o, unsigned addr_digits, uint64_t *addr,\
		     const uint8_t *bytes, size_t *n, const char *template,\
		     size_t linelen, unsigned ascii_at)			\
{									\
	return dump_lines_ssse3(o, w, addr_digits, addr, bytes, n,	\
				template, linelen, ascii_at);		\
}
DUMP_LINES_SSSE3(1)
DUMP_LINES_SSSE3(2)
DUMP_LINES_SSSE3(4)
DUMP_LINES_SSSE3(8)

static const uint8_t *dump_lines_fast(struct out *o, const struct dump_format *f,
				      uint64_t *addr, const uint8_t *bytes,
				      size_t *n, const char *template,
				      size_t linelen, unsigned ascii_at)
{
	if (!__builtin_cpu_supports("ssse3"))
		return bytes;
	switch (f->width) {
	case 1: return dump_lines_ssse3_1(o, f->addr_digits, addr, bytes, n,
					  template, linelen, ascii_at);
	case 2: return dump_lines_ssse3_2(o, f->addr_digits, addr, bytes, n,
					  template, linelen, ascii_at);
	case 4: return dump_lines_ssse3_4(o, f->addr_digits, addr, bytes, n,
					  template, linelen, ascii_at);
	default: return dump_lines_ssse3_8(o, f->addr_digits, addr, bytes, n,
					   template, linelen, ascii_at);
	}
}
#else
static const uint8_t *dump_lines_fast(struct out *o, const struct dump_format *f,
				      uint64_t *addr, const uint8_t *bytes,
				      size_t *n, const char *template,
				      size_t linelen, unsigned ascii_at)
{
	(void)o; (void)f; (void)addr; (void)n; (void)template;
	(void)linelen; (void)ascii_at;
	return bytes;
}
#endif

void format_dump(struct out *o, const struct dump_format *f, uint64_t addr,
		 const uint8_t *bytes, size_t n)
{
	unsigned char pos[FORMAT_LINE_BYTES];
	unsigned ascii_at = f->addr_digits + 2 + hex_length(f->width) + 2;
	size_t linelen = ascii_at + FORMAT_LINE_BYTES + 1;
	char template[128];

	if (!tables.ready)
		tables_init();
	for (unsigned i = 0; i < FORMAT_LINE_BYTES; i++)
		pos[i] = (unsigned char)hex_position(f->width, i);
	memset(template, ' ', sizeof(template));
	template[f->addr_digits] = ':';
	bytes = dump_lines_fast(o, f, &addr, bytes, &n, template, linelen,
				ascii_at);
	/* Whole lines: copy the template, then fill in the digits. */
	while (n) {
		size_t k = n < FORMAT_LINE_BYTES ? n : FORMAT_LINE_BYTES;
		char *line = out_reserve(o, sizeof(template));

		memcpy(line, template, sizeof(template));
		format_line(line, f, pos, ascii_at, addr, bytes, k);
		out_commit(o, linelen - (FORMAT_LINE_BYTES - k));
		addr += k;
		bytes += k;
		n -= k;
	}
}
