// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer harness for the script language (src/script.c): the whole input
 * is a script file, tokenized, parsed and checked line by line as run FILE
 * does before its first access (script_check), and never executed. Lines
 * that name no region use a small regular file, as `iomap -f FILE run`.
 * fuzz-sources: src/script.c src/cli.c src/commands.c (and what they call)
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "script.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char image[] = "/tmp/iomap-fuzz-script-XXXXXX";
static struct options base;

static void remove_image(void)
{
	unlink(image);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	int fd = mkstemp(image);

	(void)argc;
	(void)argv;
	if (fd < 0 || ftruncate(fd, 65536) || close(fd)) {
		perror(image);
		exit(1);
	}
	atexit(remove_image);
	cli_defaults(&base);
	base.region.file = image;
	base.width = 4;
	base.dry_run = true;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct error e;

	memset(&e, 0, sizeof(e));
	if (script_check(&base, (const char *)data, size, "fuzz", &e) &&
	    !e.msg[0]) {
		fprintf(stderr, "fuzz_script: a refusal without a message\n");
		abort();
	}
	return 0;
}
