// SPDX-License-Identifier: GPL-2.0-or-later
/* The progress line: drawn on stderr after a second, redrawn, erased. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "progress.h"

#define DELAY_NS	1000000000ull	/* nothing for the first second */
#define REDRAW_NS	250000000ull	/* then at most 4 lines a second */
#define LOOK_NS		4000000ull	/* look at the clock every ~4 ms */
#define STRIDE_MAX	((uint64_t)1 << 20)	/* and at least every MiB */

/* A line is on the screen (for progress_cancel after a fault). */
static bool shown;

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Whether file descriptors A and B are the same terminal. */
static bool same_terminal(int a, int b)
{
	struct stat sa, sb;

	return isatty(a) && fstat(a, &sa) == 0 && fstat(b, &sb) == 0 &&
	       S_ISCHR(sa.st_mode) && S_ISCHR(sb.st_mode) &&
	       sa.st_rdev == sb.st_rdev;
}

void progress_start(struct progress *p, enum progress_mode mode,
		    const char *what, uint64_t total, int output_fd)
{
	memset(p, 0, sizeof(*p));
	p->what = what;
	p->total = total;
	p->on = total > 0 &&
		(mode == PROGRESS_ALWAYS ||
		 (mode == PROGRESS_AUTO && isatty(STDERR_FILENO) &&
		  !(output_fd >= 0 && same_terminal(output_fd,
						     STDERR_FILENO))));
	p->next = p->on ? 0 : UINT64_MAX;
	if (p->on)
		p->start_ns = p->look_ns = now_ns();
}

/* The terminal's width on stderr, or 0. */
static unsigned columns(void)
{
	struct winsize ws;

	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0)
		return ws.ws_col;
	return 0;
}

/* "512 B", "12.5 MiB", "3.0 GiB" */
static void human(char *buf, size_t len, double v)
{
	static const char *const units[] = { "KiB", "MiB", "GiB", "TiB" };
	int u = -1;

	if (v < 1024) {
		snprintf(buf, len, "%.0f B", v);
		return;
	}
	while (v >= 1024 && u < 3) {
		v /= 1024;
		u++;
	}
	snprintf(buf, len, "%.1f %s", v, units[u]);
}

/* "42s", "3m05s", "2h07m" */
static void clock_text(char *buf, size_t len, double s)
{
	unsigned long t = s > 3.6e7 ? 36000000ul : (unsigned long)(s + 0.5);

	if (t < 60)
		snprintf(buf, len, "%lus", t);
	else if (t < 3600)
		snprintf(buf, len, "%lum%02lus", t / 60, t % 60);
	else
		snprintf(buf, len, "%luh%02lum", t / 3600, t / 60 % 60);
}

static void draw(struct progress *p, uint64_t done, uint64_t now)
{
	double secs = (double)(now - p->start_ns) / 1e9;
	double rate = secs > 0 ? (double)done / secs : 0;
	char text[128], line[160], d[16], t[16], r[16], left[32] = "";
	unsigned cols = columns();
	int n;

	human(d, sizeof(d), (double)done);
	human(t, sizeof(t), (double)p->total);
	human(r, sizeof(r), rate);
	if (rate > 0 && done < p->total) {
		char c[16];

		clock_text(c, sizeof(c), (double)(p->total - done) / rate);
		snprintf(left, sizeof(left), ", %s left", c);
	}
	snprintf(text, sizeof(text), "iomap: %s: %s of %s (%u%%), %s/s%s",
		 p->what, d, t, (unsigned)((double)done * 100 /
					   (double)p->total), r, left);
	/*
	 * One line, even on a narrow terminal, with room for the "^C" that
	 * the terminal echoes after it: \r only goes back to its start.
	 */
	if (cols > 3 && strlen(text) > cols - 3) {
		size_t end = cols - 3;

		/* and no blank left dangling where the cut fell */
		while (end > 0 && text[end - 1] == ' ')
			end--;
		text[end] = '\0';
	}
	n = snprintf(line, sizeof(line), "\r%s\033[K", text);
	if (n > 0 && write(STDERR_FILENO, line, (size_t)n) > 0)
		p->drawn = shown = true;
	p->draw_ns = now;
}

void progress_look(struct progress *p, uint64_t done)
{
	uint64_t now = now_ns(), dt = now - p->look_ns;
	uint64_t dd = done - p->look_done;
	double stride = dt ? (double)dd * LOOK_NS / (double)dt : STRIDE_MAX;

	if (stride > STRIDE_MAX)
		stride = STRIDE_MAX;
	p->next = done + (stride < 1 ? 1 : (uint64_t)stride);
	p->look_ns = now;
	p->look_done = done;
	if (now - p->start_ns >= DELAY_NS &&
	    (!p->drawn || now - p->draw_ns >= REDRAW_NS))
		draw(p, done, now);
}

void progress_finish(struct progress *p)
{
	if (p->drawn)
		progress_cancel();
	p->drawn = false;
	p->on = false;
	p->next = UINT64_MAX;
}

void progress_cancel(void)
{
	static const char erase[] = "\r\033[K";

	if (shown) {
		ssize_t n = write(STDERR_FILENO, erase, sizeof(erase) - 1);

		(void)n;	/* nothing more can be done about a failure */
	}
	shown = false;
}

int progress_parse_mode(const char *s, enum progress_mode *mode)
{
	if (strcmp(s, "auto") == 0)
		*mode = PROGRESS_AUTO;
	else if (strcmp(s, "always") == 0)
		*mode = PROGRESS_ALWAYS;
	else if (strcmp(s, "never") == 0)
		*mode = PROGRESS_NEVER;
	else
		return -1;
	return 0;
}
