// SPDX-License-Identifier: GPL-2.0-or-later
/* Formatting values and hex dumps, table-driven for the dump's hot path. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "format.h"

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
	o->buf = malloc(o->cap);
	o->len = 0;
	o->err = 0;
}

static void out_flush(struct out *o)
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

static void format_line(char *line, const struct dump_format *f,
			const unsigned char *pos, uint64_t addr,
			const uint8_t *b, size_t n)
{
	unsigned hexlen = hex_length(f->width);
	char *hex = line + f->addr_digits + 2;
	char *ascii = hex + hexlen + 2;

	for (unsigned d = 0; d < f->addr_digits; d++)
		line[f->addr_digits - 1 - d] = hexdigits[(addr >> (4 * d)) & 15];
	line[f->addr_digits] = ':';
	memset(line + f->addr_digits + 1, ' ', hexlen + 3);
	for (size_t i = 0; i < n; i++) {
		memcpy(hex + pos[i], tables.hex[b[i]], 2);
		ascii[i] = tables.ascii[b[i]];
	}
	ascii[n] = '\n';
}

void format_dump(struct out *o, const struct dump_format *f, uint64_t addr,
		 const uint8_t *bytes, size_t n)
{
	unsigned char pos[FORMAT_LINE_BYTES];
	size_t linelen = f->addr_digits + 2 + hex_length(f->width) + 2 +
			 FORMAT_LINE_BYTES + 1;

	if (!tables.ready)
		tables_init();
	for (unsigned i = 0; i < FORMAT_LINE_BYTES; i++)
		pos[i] = (unsigned char)hex_position(f->width, i);
	while (n) {
		size_t k = n < FORMAT_LINE_BYTES ? n : FORMAT_LINE_BYTES;
		char *line = out_reserve(o, linelen);

		format_line(line, f, pos, addr, bytes, k);
		out_commit(o, linelen - (FORMAT_LINE_BYTES - k));
		addr += k;
		bytes += k;
		n -= k;
	}
}
