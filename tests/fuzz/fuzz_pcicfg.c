// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer harness for the PCI capability walker and the built-in
 * configuration-space description (src/pcicfg.c): the input is the config
 * space (up to 4096 bytes). The walk must end; every capability it finds
 * must lie inside its list's part of the space, each once; a refused walk
 * must say why; the description must build exactly when the walk succeeds,
 * with every register inside the space.
 * fuzz-sources: src/pcicfg.c src/regdb.c
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pcicfg.h"
#include "regdb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A broken promise: say which, and crash so that libFuzzer keeps the input. */
static void broken(const char *what)
{
	fprintf(stderr, "fuzz_pcicfg: %s\n", what);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct pcicfg_cap caps[PCICFG_MAX_CAPS];
	struct regdb *db = NULL;
	struct error e;
	size_t len = size > 4096 ? 4096 : size;
	uint8_t *cfg = malloc(len ? len : 1);	/* ASan sees a read past it */
	int n, rc;

	if (!cfg)
		return 0;
	memcpy(cfg, data, len);
	e.msg[0] = '\0';
	n = pcicfg_walk(cfg, len, caps, &e);
	if (n < 0 && !e.msg[0])
		broken("a refused walk without a reason");
	for (int i = 0; i < n; i++) {
		const struct pcicfg_cap *c = &caps[i];

		if (c->ext ? c->offset < 0x100 || c->offset + 4 > len
			   : c->offset < 0x40 || c->offset + 2 > 256 ||
			     c->offset + 2 > len)
			broken("a capability outside its list's part");
		for (int j = 0; j < i; j++)
			if (caps[j].offset == c->offset)
				broken("a capability found twice");
	}
	rc = pcicfg_describe("fuzz", cfg, len, NULL, &db, &e);
	if ((rc == 0) != (n >= 0))
		broken("the description and the walk disagree");
	for (size_t i = 0; rc == 0 && i < regdb_count(db); i++) {
		struct regdb_reg r;

		regdb_reg(db, i, &r);
		if (r.address + r.width > len)
			broken("a register outside the space");
	}
	regdb_free(db);
	free(cfg);
	return 0;
}
