// SPDX-License-Identifier: GPL-2.0-or-later
/* The command table and the argument parsing that commands share. */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "commands.h"
#include "cli.h"
#include "interrupt.h"
#include "number.h"
#include "xalloc.h"

/* Length of a dump or fill given only its START. */
#define DEFAULT_LENGTH 256

const struct command *const commands[] = {
	&cmd_peek, &cmd_poke, &cmd_dump, &cmd_fill, &cmd_wait, &cmd_list,
	&cmd_decode, &cmd_encode, &cmd_regs, &cmd_show, &cmd_run, &cmd_shell,
	&cmd_sleep, &cmd_echo, &cmd_region, &cmd_vfio_bind, &cmd_vfio_unbind,
	NULL,
};

void command_free(struct invocation *inv)
{
	free(inv->plan.values);
	free(inv->plan.masks);
	inv->plan.values = inv->plan.masks = NULL;
	cli_free(&inv->opt);
}

const struct command *command_find(const char *name)
{
	for (int i = 0; commands[i]; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

int command_number(const char *what, const char *s, unsigned flags,
		   uint64_t *v, struct error *e)
{
	const char *why = number_parse(s, v, flags);

	if (why)
		return error_set(e, EXIT_USAGE, "invalid %s '%s': %s", what, s,
				 why);
	return 0;
}

int command_value(const struct invocation *inv, const char *what,
		  const char *s, uint64_t *v, struct error *e)
{
	unsigned width = inv->opt.width;

	if (command_number(what, s, 0, v, e))
		return -1;
	if (!number_fits(*v, width))
		return error_set(e, EXIT_USAGE, "%s '%s' is wider than the "
				 "%u-bit access width", what, s, width * 8);
	return 0;
}

uint64_t command_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint64_t command_deadline(uint64_t ns)
{
	uint64_t now = command_now_ns();

	return ns > UINT64_MAX - now ? UINT64_MAX : now + ns;
}

bool command_sleep(uint64_t ns)
{
	uint64_t end = command_deadline(ns), now;
	sigset_t block, old;

	/* SIGINT is let in only inside ppoll: a Ctrl-C is never missed. */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigprocmask(SIG_BLOCK, &block, &old);
	while (!interrupted() && (now = command_now_ns()) < end) {
		uint64_t left = end - now;
		struct timespec ts = {
			.tv_sec = (time_t)(left / 1000000000u > INT32_MAX
					   ? INT32_MAX : left / 1000000000u),
			.tv_nsec = (long)(left % 1000000000u),
		};

		ppoll(NULL, 0, &ts, &old);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return interrupted();
}

uint64_t command_word_mask(unsigned width)
{
	return width >= 8 ? UINT64_MAX : ((uint64_t)1 << (width * 8)) - 1;
}

int command_value_mask(const struct invocation *inv, const char *s,
		       uint64_t *value, uint64_t *mask, struct error *e)
{
	char *arg = xstrdup(s), *colon = strchr(arg, ':');
	int bad;

	if (colon)
		*colon = '\0';
	bad = command_value(inv, "value", arg, value, e);
	*mask = command_word_mask(inv->opt.width);
	if (!bad && colon)
		bad = command_value(inv, "mask", colon + 1, mask, e);
	free(arg);
	return bad;
}

int command_range(struct invocation *inv, const char *s, struct error *e)
{
	struct operand op;

	return command_range_operand(inv, s, 0, &op, e);
}

int command_range_operand(struct invocation *inv, const char *s,
			  unsigned flags, struct operand *op, struct error *e)
{
	const struct region *r = inv->region;
	const char *plus = strchr(s, '+');
	uint64_t start, len;
	unsigned width;
	char *head = xstrndup(s, plus ? (size_t)(plus - s) : strlen(s));
	int bad;

	flags |= OPERAND_START | (inv->opt.cmd->flags & CMD_WRITES
				  ? OPERAND_WRITE : OPERAND_READ);
	bad = operand_parse(inv, head, flags, op, e);
	free(head);
	if (bad)
		return -1;
	start = op->offset;
	width = inv->opt.width;		/* a register's, when named */
	if (plus) {
		if (command_number("range length", plus + 1, NUMBER_SUFFIX,
				   &len, e))
			return -1;
		if (len == 0)
			return error_set(e, EXIT_USAGE, "range '%s' is empty", s);
	} else {
		len = DEFAULT_LENGTH;
		if (start < r->size && len > r->size - start)
			len = r->size - start;
	}
	if (start % width)
		return error_set(e, EXIT_USAGE, "range start 0x%" PRIx64 " is "
				 "not aligned to the %u-bit access width",
				 start, width * 8);
	if (len % width)
		return error_set(e, EXIT_USAGE, "range length 0x%" PRIx64 " is "
				 "not a multiple of the %u-bit access width",
				 len, width * 8);
	inv->plan.offset = start;
	inv->plan.count = len / width;
	return region_check_access(r, start, width, inv->plan.count, e);
}
