// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Times commands side by side for bench/latency: ROUNDS rounds, each running
 * every command RUNS times in turn (interleaved, so that machine noise hits
 * all alike), and prints per command the median over the rounds of the mean
 * wall time of one run, in microseconds. Commands are separated by ";".
 *
 *   spawnbench ROUNDS RUNS CMD [ARG...] [";" CMD [ARG...]]...
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

extern char **environ;

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	posix_spawn_file_actions_t fa;
	char **cmds[64];
	int ncmds = 0, rounds, runs;
	double *t;

	if (argc < 4 || (rounds = atoi(argv[1])) < 1 ||
	    (runs = atoi(argv[2])) < 1) {
		fprintf(stderr, "usage: spawnbench ROUNDS RUNS CMD [ARG...] "
			"[\";\" CMD [ARG...]]...\n");
		return 2;
	}
	cmds[ncmds++] = &argv[3];
	for (int i = 3; i < argc; i++)
		if (strcmp(argv[i], ";") == 0 && ncmds < 64) {
			argv[i] = NULL;
			cmds[ncmds++] = &argv[i + 1];
		}
	t = calloc((size_t)ncmds * rounds, sizeof(*t));
	if (!t)
		return 1;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	for (int r = 0; r < rounds; r++)
		for (int c = 0; c < ncmds; c++) {
			double t0 = now_us();

			for (int i = 0; i < runs; i++) {
				pid_t pid;
				int st;

				if (posix_spawn(&pid, cmds[c][0], &fa, NULL,
						cmds[c], environ) ||
				    waitpid(pid, &st, 0) < 0 ||
				    !WIFEXITED(st) || WEXITSTATUS(st)) {
					fprintf(stderr, "spawnbench: %s failed\n",
						cmds[c][0]);
					return 1;
				}
			}
			t[c * rounds + r] = (now_us() - t0) / runs;
		}
	for (int c = 0; c < ncmds; c++) {
		qsort(&t[c * rounds], rounds, sizeof(*t), cmp);
		printf("%.1f\n", t[c * rounds + rounds / 2]);
	}
	return 0;
}
