// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer harness for the command-line parser (src/cli.c) as a script
 * line uses it: the input split at NUL and newline bytes is argv after
 * "iomap"; cli_parse in script mode must return (never exit or print a
 * usage), say why it refused, and cli_check must take what it accepted.
 * fuzz-sources: src/cli.c src/commands.c src/number.c (and what they call)
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 1), **argv, err[1024] = "";
	struct options o;
	int argc = 1;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	argv = malloc((size + 3) * sizeof(*argv));
	if (!argv) {
		free(buf);
		return 0;
	}
	argv[0] = "iomap";
	for (size_t i = 0, start = 0; i <= size; i++) {
		if (i == size || buf[i] == '\n' || buf[i] == '\0') {
			buf[i] = '\0';
			argv[argc++] = buf + start;
			start = i + 1;
		}
	}
	argv[argc] = NULL;

	cli_defaults(&o);
	if (cli_parse(argc, argv, &o, true, err, sizeof(err)) == 0) {
		if (!o.cmd || o.nargs < o.cmd->min_args ||
		    (o.cmd->max_args >= 0 && o.nargs > o.cmd->max_args)) {
			fprintf(stderr, "fuzz_cli: accepted a wrong command\n");
			abort();
		}
		cli_check(&o, err, sizeof(err));
	} else if (!err[0]) {
		fprintf(stderr, "fuzz_cli: a refusal without a message\n");
		abort();
	}
	free(o.args);
	free(argv);
	free(buf);
	return 0;
}
