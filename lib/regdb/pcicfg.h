/* SPDX-License-Identifier: GPL-2.0-or-later */
/* PCI configuration space: the capability walker and the built-in names. */
#ifndef IOMAP_PCICFG_H
#define IOMAP_PCICFG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "error.h"
#include "region_spec.h"

struct regdb;

/* One capability found by walking a list. */
struct pcicfg_cap {
	bool ext;		/* in the extended list (from 0x100) */
	unsigned id;		/* 8 bits, or 16 for an extended one */
	unsigned offset;	/* where it starts */
	unsigned version;	/* extended: the header's version */
};

/* More than a list can hold: (256 - 64) / 4 + (4096 - 256) / 4. */
#define PCICFG_MAX_CAPS 1008

/*
 * Walk both capability lists of the LEN bytes of configuration space at
 * CFG (the standard one when STATUS says it has one; the extended one when
 * LEN is over 256) into CAPS (room for PCICFG_MAX_CAPS). Returns how many
 * were found, or -1 with E filled when a list points outside the space or
 * into itself (a loop): such a chain is refused, never followed round.
 */
int pcicfg_walk(const uint8_t *cfg, size_t len, struct pcicfg_cap *caps,
		struct error *e);

/* The block name of capability C ("PCIE", "AER", "CAP42", "ECAP002A"). */
const char *pcicfg_cap_name(const struct pcicfg_cap *c, char *buf,
			    size_t len);

/*
 * The built-in description of the LEN bytes of configuration space at CFG,
 * called NAME: the header (type 0 or 1) and every capability at its
 * offset, with the description in the file REGS (NULL: none) beside it.
 */
int pcicfg_describe(const char *name, const uint8_t *cfg, size_t len,
		    const char *regs, struct regdb **db, struct error *e);

/*
 * Read the configuration space that S selects (-s/-d --config) and
 * describe it, as pcicfg_describe does; once per device and REGS in a
 * process. Reads the sysfs config file, nothing else.
 */
int pcicfg_regdb(const struct region_spec *s, const char *regs,
		 struct regdb **db, struct error *e);

/*
 * `list --link`: every PCI Express device and port under S's sysfs root,
 * in topology order, with its link's speed and width, what it and its
 * upstream port can do, a mark where the link trained below that, and
 * the AER status bits set; text or JSON to OUT. Reads config files only.
 */
int pcilink_list(const struct region_spec *s, bool json, FILE *out,
		 struct error *e);

#endif
