/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Value and hex-dump formatting, and the buffered writer the dump uses. */
#ifndef IOMAP_FORMAT_H
#define IOMAP_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Bytes per dump line. */
#define FORMAT_LINE_BYTES 16

/* "64 MiB", "4 KiB", "1000 B": the largest unit that divides SIZE. */
void format_size(char *buf, size_t len, uint64_t size);

/* "2s", "10ms", "500us", "15ns": the largest unit that divides NS. */
void format_duration(char *buf, size_t len, uint64_t ns);

/*
 * Write S to F as a JSON string, quoted and escaped: always valid UTF-8,
 * control characters as \uXXXX, each byte that is not UTF-8 as \ufffd.
 */
void format_json_string(FILE *f, const char *s);

/*
 * S with control characters and bytes that are not UTF-8 as \xNN, for
 * text from outside (sysfs, the device tree, /proc/iomem, a description,
 * a file name) on its way to a terminal. The result lives until the
 * eighth call after this one.
 */
const char *format_esc(const char *s);

/* "0x" and WIDTH*2 hex digits of V, NUL-terminated; returns the length. */
size_t format_value(char *buf, uint64_t v, unsigned width);

/* A buffered writer onto a file descriptor. */
struct out {
	int fd;
	char *buf;
	size_t len, cap;
	int err;		/* errno of the first failed write, or 0 */
};

void out_init(struct out *o, int fd);
/* Room for N more bytes at the end of the buffer (flushing if needed). */
char *out_reserve(struct out *o, size_t n);
void out_commit(struct out *o, size_t n);
void out_write(struct out *o, const void *p, size_t n);
/* Write out what the buffer holds now. */
void out_flush(struct out *o);
/* Flush and free; returns 0 or -1 with the first write error in errno. */
int out_finish(struct out *o);

/* How a dump prints: word width and address column width. */
struct dump_format {
	unsigned width;		/* bytes per word */
	unsigned addr_digits;	/* hex digits of the address column */
};

/* The address column's width for addresses up to LAST. */
unsigned format_addr_digits(uint64_t last);

/*
 * Append hex-dump lines for the N bytes at BYTES (a multiple of the width),
 * the first of which is at address ADDR, to O.
 */
void format_dump(struct out *o, const struct dump_format *f, uint64_t addr,
		 const uint8_t *bytes, size_t n);

#endif
