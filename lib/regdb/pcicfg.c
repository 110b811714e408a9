// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * PCI configuration space by name: walking the capability lists, and the
 * built-in description of the headers and capabilities, named as Linux's
 * include/uapi/linux/pci_regs.h names them (the capability as the block,
 * the PCI_<CAP>_ prefix dropped).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pcicfg.h"
#include "regdb.h"
#include "regdb_int.h"
#include "region.h"
#include "xalloc.h"

/* ---------------------------------------------------------------------- */
/* Walking the lists. */

static unsigned get8(const uint8_t *cfg, unsigned off)
{
	return cfg[off];
}

static unsigned get16(const uint8_t *cfg, unsigned off)
{
	return cfg[off] | (unsigned)cfg[off + 1] << 8;
}

static uint32_t get32(const uint8_t *cfg, unsigned off)
{
	return get16(cfg, off) | (uint32_t)get16(cfg, off + 2) << 16;
}

int pcicfg_walk(const uint8_t *cfg, size_t len, struct pcicfg_cap *caps,
		struct error *e)
{
	uint8_t seen[4096 / 4 / 8] = { 0 };
	size_t std_len = len < 256 ? len : 256;
	unsigned ptr, from = 0x34, n = 0;

	if (len < 256)
		return 0;	/* 64 bytes unprivileged: no list to follow */
	if ((get8(cfg, 0x0e) & 0x7f) == 2)
		from = 0x14;		/* CardBus bridge */
	if (get16(cfg, 0x06) & 0x10) {	/* STATUS: capability list */
		unsigned at = from;

		for (ptr = get8(cfg, from) & ~3u; ptr; at = ptr + 1,
		     ptr = get8(cfg, ptr + 1) & ~3u) {
			if (ptr < 0x40 || ptr + 2 > std_len)
				return error_set(e, EXIT_FAIL, "the capability "
						 "list is broken: 0x%02x points "
						 "to 0x%02x, outside 0x40-0x%zx",
						 at, ptr, std_len - 1);
			if (seen[ptr / 32] & (1u << (ptr / 4 % 8)))
				return error_set(e, EXIT_FAIL, "the capability "
						 "list loops: 0x%02x points back "
						 "to 0x%02x", at, ptr);
			seen[ptr / 32] |= 1u << (ptr / 4 % 8);
			caps[n].ext = false;
			caps[n].id = get8(cfg, ptr);
			caps[n].offset = ptr;
			caps[n].version = 0;
			n++;
		}
	}
	if (len < 0x104)
		return (int)n;
	ptr = 0x100;
	if (get32(cfg, ptr) == 0 || get32(cfg, ptr) == 0xffffffff)
		return (int)n;		/* no extended capabilities */
	for (unsigned at = 0; ptr; ) {
		uint32_t h;

		if (ptr < 0x100 || ptr + 4 > len)
			return error_set(e, EXIT_FAIL, "the extended capability "
					 "list is broken: 0x%03x points to "
					 "0x%03x, outside 0x100-0x%zx", at, ptr,
					 len - 1);
		if (seen[ptr / 32] & (1u << (ptr / 4 % 8)))
			return error_set(e, EXIT_FAIL, "the extended capability "
					 "list loops: 0x%03x points back to "
					 "0x%03x", at, ptr);
		seen[ptr / 32] |= 1u << (ptr / 4 % 8);
		h = get32(cfg, ptr);
		caps[n].ext = true;
		caps[n].id = h & 0xffff;
		caps[n].version = (h >> 16) & 0xf;
		caps[n].offset = ptr;
		n++;
		at = ptr;
		ptr = (h >> 20) & ~3u;
	}
	return (int)n;
}

/* ---------------------------------------------------------------------- */
/* The tables: registers at offsets from a block's start, fields, values. */

struct cf_enum {
	const char *name;
	unsigned value;
};

struct cf_field {
	const char *name;
	unsigned hi, lo;
	const struct cf_enum *enums;
};

enum { RW = REGDB_RW, RO = REGDB_RO };

struct cf_reg {
	const char *name;
	unsigned off;
	unsigned width;		/* bytes */
	int access;
	const struct cf_field *fields;
};

#define END { NULL, 0, 0, NULL }
#define BIT(n, b) { n, b, b, NULL }
#define BITS(n, h, l) { n, h, l, NULL }
#define ENUM(n, h, l, v) { n, h, l, v }

static const struct cf_enum speeds[] = {
	{ "2.5GT/s", 1 }, { "5GT/s", 2 }, { "8GT/s", 3 }, { "16GT/s", 4 },
	{ "32GT/s", 5 }, { "64GT/s", 6 }, { NULL, 0 },
};
static const struct cf_enum widths[] = {
	{ "x1", 1 }, { "x2", 2 }, { "x4", 4 }, { "x8", 8 }, { "x12", 12 },
	{ "x16", 16 }, { "x32", 32 }, { NULL, 0 },
};
static const struct cf_enum aspm_support[] = {
	{ "none", 0 }, { "L0s", 1 }, { "L1", 2 }, { "L0s_L1", 3 },
	{ NULL, 0 },
};
static const struct cf_enum aspm_control[] = {
	{ "disabled", 0 }, { "L0s", 1 }, { "L1", 2 }, { "L0s_L1", 3 },
	{ NULL, 0 },
};
static const struct cf_enum power_states[] = {
	{ "D0", 0 }, { "D1", 1 }, { "D2", 2 }, { "D3hot", 3 }, { NULL, 0 },
};
static const struct cf_enum payloads[] = {
	{ "128B", 0 }, { "256B", 1 }, { "512B", 2 }, { "1024B", 3 },
	{ "2048B", 4 }, { "4096B", 5 }, { NULL, 0 },
};
static const struct cf_enum port_types[] = {
	{ "ENDPOINT", 0 }, { "LEG_END", 1 }, { "ROOT_PORT", 4 },
	{ "UPSTREAM", 5 }, { "DOWNSTREAM", 6 }, { "PCI_BRIDGE", 7 },
	{ "PCIE_BRIDGE", 8 }, { "RC_END", 9 }, { "RC_EC", 10 }, { NULL, 0 },
};
static const struct cf_enum header_types[] = {
	{ "NORMAL", 0 }, { "BRIDGE", 1 }, { "CARDBUS", 2 }, { NULL, 0 },
};
static const struct cf_enum devsel[] = {
	{ "FAST", 0 }, { "MEDIUM", 1 }, { "SLOW", 2 }, { NULL, 0 },
};

static const struct cf_field f_command[] = {
	BIT("IO", 0), BIT("MEMORY", 1), BIT("MASTER", 2), BIT("SPECIAL", 3),
	BIT("INVALIDATE", 4), BIT("VGA_PALETTE", 5), BIT("PARITY", 6),
	BIT("WAIT", 7), BIT("SERR", 8), BIT("FAST_BACK", 9),
	BIT("INTX_DISABLE", 10), END,
};
static const struct cf_field f_status[] = {
	BIT("IMM_READY", 0), BIT("INTERRUPT", 3), BIT("CAP_LIST", 4),
	BIT("66MHZ", 5), BIT("UDF", 6), BIT("FAST_BACK", 7),
	BIT("PARITY", 8), ENUM("DEVSEL", 10, 9, devsel),
	BIT("SIG_TARGET_ABORT", 11), BIT("REC_TARGET_ABORT", 12),
	BIT("REC_MASTER_ABORT", 13), BIT("SIG_SYSTEM_ERROR", 14),
	BIT("DETECTED_PARITY", 15), END,
};
static const struct cf_field f_header_type[] = {
	ENUM("TYPE", 6, 0, header_types), BIT("MFD", 7), END,
};
static const struct cf_field f_bist[] = {
	BITS("CODE", 3, 0), BIT("START", 6), BIT("CAPABLE", 7), END,
};
static const struct cf_field f_rom[] = { BIT("ENABLE", 0), END };
static const struct cf_field f_bridge_control[] = {
	BIT("PARITY", 0), BIT("SERR", 1), BIT("ISA", 2), BIT("VGA", 3),
	BIT("MASTER_ABORT", 5), BIT("BUS_RESET", 6), BIT("FAST_BACK", 7),
	END,
};

/* The first 16 bytes, as every header type has them. */
#define HDR_COMMON \
	{ "VENDOR_ID", 0x00, 2, RO, NULL }, \
	{ "DEVICE_ID", 0x02, 2, RO, NULL }, \
	{ "COMMAND", 0x04, 2, RW, f_command }, \
	{ "STATUS", 0x06, 2, RW, f_status }, \
	{ "REVISION_ID", 0x08, 1, RO, NULL }, \
	{ "CLASS_PROG", 0x09, 1, RO, NULL }, \
	{ "CLASS_DEVICE", 0x0a, 2, RO, NULL }, \
	{ "CACHE_LINE_SIZE", 0x0c, 1, RW, NULL }, \
	{ "LATENCY_TIMER", 0x0d, 1, RW, NULL }, \
	{ "HEADER_TYPE", 0x0e, 1, RO, f_header_type }, \
	{ "BIST", 0x0f, 1, RW, f_bist }

static const struct cf_reg hdr_type0[] = {
	HDR_COMMON,
	{ "BASE_ADDRESS_0", 0x10, 4, RW, NULL },
	{ "BASE_ADDRESS_1", 0x14, 4, RW, NULL },
	{ "BASE_ADDRESS_2", 0x18, 4, RW, NULL },
	{ "BASE_ADDRESS_3", 0x1c, 4, RW, NULL },
	{ "BASE_ADDRESS_4", 0x20, 4, RW, NULL },
	{ "BASE_ADDRESS_5", 0x24, 4, RW, NULL },
	{ "CARDBUS_CIS", 0x28, 4, RO, NULL },
	{ "SUBSYSTEM_VENDOR_ID", 0x2c, 2, RO, NULL },
	{ "SUBSYSTEM_ID", 0x2e, 2, RO, NULL },
	{ "ROM_ADDRESS", 0x30, 4, RW, f_rom },
	{ "CAPABILITY_LIST", 0x34, 1, RO, NULL },
	{ "INTERRUPT_LINE", 0x3c, 1, RW, NULL },
	{ "INTERRUPT_PIN", 0x3d, 1, RO, NULL },
	{ "MIN_GNT", 0x3e, 1, RO, NULL },
	{ "MAX_LAT", 0x3f, 1, RO, NULL },
	{ NULL, 0, 0, 0, NULL },
};

static const struct cf_reg hdr_type1[] = {
	HDR_COMMON,
	{ "BASE_ADDRESS_0", 0x10, 4, RW, NULL },
	{ "BASE_ADDRESS_1", 0x14, 4, RW, NULL },
	{ "PRIMARY_BUS", 0x18, 1, RW, NULL },
	{ "SECONDARY_BUS", 0x19, 1, RW, NULL },
	{ "SUBORDINATE_BUS", 0x1a, 1, RW, NULL },
	{ "SEC_LATENCY_TIMER", 0x1b, 1, RW, NULL },
	{ "IO_BASE", 0x1c, 1, RW, NULL },
	{ "IO_LIMIT", 0x1d, 1, RW, NULL },
	{ "SEC_STATUS", 0x1e, 2, RW, f_status },
	{ "MEMORY_BASE", 0x20, 2, RW, NULL },
	{ "MEMORY_LIMIT", 0x22, 2, RW, NULL },
	{ "PREF_MEMORY_BASE", 0x24, 2, RW, NULL },
	{ "PREF_MEMORY_LIMIT", 0x26, 2, RW, NULL },
	{ "PREF_BASE_UPPER32", 0x28, 4, RW, NULL },
	{ "PREF_LIMIT_UPPER32", 0x2c, 4, RW, NULL },
	{ "IO_BASE_UPPER16", 0x30, 2, RW, NULL },
	{ "IO_LIMIT_UPPER16", 0x32, 2, RW, NULL },
	{ "CAPABILITY_LIST", 0x34, 1, RO, NULL },
	{ "ROM_ADDRESS1", 0x38, 4, RW, f_rom },
	{ "INTERRUPT_LINE", 0x3c, 1, RW, NULL },
	{ "INTERRUPT_PIN", 0x3d, 1, RO, NULL },
	{ "BRIDGE_CONTROL", 0x3e, 2, RW, f_bridge_control },
	{ NULL, 0, 0, 0, NULL },
};

/* Power management. */
static const struct cf_field f_pm_pmc[] = {
	BITS("VER", 2, 0), BIT("PME_CLOCK", 3), BIT("DSI", 5),
	BITS("AUX_POWER", 8, 6), BIT("D1", 9), BIT("D2", 10),
	BITS("PME", 15, 11), END,
};
static const struct cf_field f_pm_ctrl[] = {
	ENUM("STATE", 1, 0, power_states), BIT("NO_SOFT_RESET", 3),
	BIT("PME_ENABLE", 8), BITS("DATA_SEL", 12, 9),
	BITS("DATA_SCALE", 14, 13), BIT("PME_STATUS", 15), END,
};
static const struct cf_reg cap_pm[] = {
	{ "PMC", 2, 2, RO, f_pm_pmc },
	{ "CTRL", 4, 2, RW, f_pm_ctrl },
	{ "PPB_EXTENSIONS", 6, 1, RO, NULL },
	{ "DATA_REGISTER", 7, 1, RO, NULL },
	{ NULL, 0, 0, 0, NULL },
};

/* MSI: the layout after ADDRESS_LO follows FLAGS' 64BIT and MASKBIT. */
static const struct cf_field f_msi_flags[] = {
	BIT("ENABLE", 0), BITS("QMASK", 3, 1), BITS("QSIZE", 6, 4),
	BIT("64BIT", 7), BIT("MASKBIT", 8), END,
};
static const struct cf_reg cap_msi_head[] = {
	{ "FLAGS", 2, 2, RW, f_msi_flags },
	{ "ADDRESS_LO", 4, 4, RW, NULL },
	{ NULL, 0, 0, 0, NULL },
};
static const struct cf_reg cap_msi_32[] = {
	{ "DATA_32", 8, 2, RW, NULL },
	{ NULL, 0, 0, 0, NULL },
};
static const struct cf_reg cap_msi_32_mask[] = {
	{ "MASK_32", 12, 4, RW, NULL },
	{ "PENDING_32", 16, 4, RO, NULL },
	{ NULL, 0, 0, 0, NULL },
};
static const struct cf_reg cap_msi_64[] = {
	{ "ADDRESS_HI", 8, 4, RW, NULL },
	{ "DATA_64", 12, 2, RW, NULL },
	{ NULL, 0, 0, 0, NULL },
};
static const struct cf_reg cap_msi_64_mask[] = {
	{ "MASK_64", 16, 4, RW, NULL },
	{ "PENDING_64", 20, 4, RO, NULL },
	{ NULL, 0, 0, 0, NULL },
};

/* MSI-X. */
static const struct cf_field f_msix_flags[] = {
	BITS("QSIZE", 10, 0), BIT("MASKALL", 14), BIT("ENABLE", 15), END,
};
static const struct cf_field f_msix_bir[] = {
	BITS("BIR", 2, 0), BITS("OFFSET", 31, 3), END,
};
static const struct cf_reg cap_msix[] = {
	{ "FLAGS", 2, 2, RW, f_msix_flags },
	{ "TABLE", 4, 4, RO, f_msix_bir },
	{ "PBA", 8, 4, RO, f_msix_bir },
	{ NULL, 0, 0, 0, NULL },
};

/* PCI Express (PCI_EXP_*). */
static const struct cf_field f_exp_flags[] = {
	BITS("VERS", 3, 0), ENUM("TYPE", 7, 4, port_types), BIT("SLOT", 8),
	BITS("IRQ", 13, 9), END,
};
static const struct cf_field f_exp_devcap[] = {
	ENUM("PAYLOAD", 2, 0, payloads), BITS("PHANTOM", 4, 3),
	BIT("EXT_TAG", 5), BITS("L0S", 8, 6), BITS("L1", 11, 9),
	BIT("ATN_BUT", 12), BIT("ATN_IND", 13), BIT("PWR_IND", 14),
	BIT("RBER", 15), BITS("PWR_VAL", 25, 18), BITS("PWR_SCL", 27, 26),
	BIT("FLR", 28), END,
};
static const struct cf_field f_exp_devctl[] = {
	BIT("CERE", 0), BIT("NFERE", 1), BIT("FERE", 2), BIT("URRE", 3),
	BIT("RELAX_EN", 4), ENUM("PAYLOAD", 7, 5, payloads),
	BIT("EXT_TAG", 8), BIT("PHANTOM", 9), BIT("AUX_PME", 10),
	BIT("NOSNOOP_EN", 11), ENUM("READRQ", 14, 12, payloads),
	BIT("BCR_FLR", 15), END,
};
static const struct cf_field f_exp_devsta[] = {
	BIT("CED", 0), BIT("NFED", 1), BIT("FED", 2), BIT("URD", 3),
	BIT("AUXPD", 4), BIT("TRPND", 5), END,
};
static const struct cf_field f_exp_lnkcap[] = {
	ENUM("SLS", 3, 0, speeds), ENUM("MLW", 9, 4, widths),
	ENUM("ASPMS", 11, 10, aspm_support), BITS("L0SEL", 14, 12),
	BITS("L1EL", 17, 15), BIT("CLKPM", 18), BIT("SDERC", 19),
	BIT("DLLLARC", 20), BIT("LBNC", 21), BITS("PN", 31, 24), END,
};
static const struct cf_field f_exp_lnkctl[] = {
	ENUM("ASPMC", 1, 0, aspm_control), BIT("RCB", 3), BIT("LD", 4),
	BIT("RL", 5), BIT("CCC", 6), BIT("ES", 7), BIT("CLKREQ_EN", 8),
	BIT("HAWD", 9), BIT("LBMIE", 10), BIT("LABIE", 11), END,
};
static const struct cf_field f_exp_lnksta[] = {
	ENUM("CLS", 3, 0, speeds), ENUM("NLW", 9, 4, widths), BIT("LT", 11),
	BIT("SLC", 12), BIT("DLLLA", 13), BIT("LBMS", 14), BIT("LABS", 15),
	END,
};
static const struct cf_field f_exp_sltcap[] = {
	BIT("ABP", 0), BIT("PCP", 1), BIT("MRLSP", 2), BIT("AIP", 3),
	BIT("PIP", 4), BIT("HPS", 5), BIT("HPC", 6), BITS("SPLV", 14, 7),
	BITS("SPLS", 16, 15), BIT("EIP", 17), BIT("NCCS", 18),
	BITS("PSN", 31, 19), END,
};
static const struct cf_field f_exp_sltctl[] = {
	BIT("ABPE", 0), BIT("PFDE", 1), BIT("MRLSCE", 2), BIT("PDCE", 3),
	BIT("CCIE", 4), BIT("HPIE", 5), BITS("AIC", 7, 6), BITS("PIC", 9, 8),
	BIT("PCC", 10), BIT("EIC", 11), BIT("DLLSCE", 12), END,
};
static const struct cf_field f_exp_sltsta[] = {
	BIT("ABP", 0), BIT("PFD", 1), BIT("MRLSC", 2), BIT("PDC", 3),
	BIT("CC", 4), BIT("MRLSS", 5), BIT("PDS", 6), BIT("EIS", 7),
	BIT("DLLSC", 8), END,
};
static const struct cf_field f_exp_rtctl[] = {
	BIT("SECEE", 0), BIT("SENFEE", 1), BIT("SEFEE", 2), BIT("PMEIE", 3),
	BIT("CRSSVE", 4), END,
};
static const struct cf_field f_exp_rtcap[] = { BIT("CRSVIS", 0), END };
static const struct cf_field f_exp_rtsta[] = {
	BITS("PME_RQ_ID", 15, 0), BIT("PME", 16), BIT("PME_PENDING", 17), END,
};
static const struct cf_field f_exp_devcap2[] = {
	BITS("COMP_TMOUT_RANGES", 3, 0), BIT("COMP_TMOUT_DIS", 4),
	BIT("ARI", 5), BIT("ATOMIC_ROUTE", 6), BIT("ATOMIC_COMP32", 7),
	BIT("ATOMIC_COMP64", 8), BIT("ATOMIC_COMP128", 9), BIT("LTR", 11),
	BITS("OBFF", 19, 18), BIT("EE_PREFIX", 21), END,
};
static const struct cf_field f_exp_devctl2[] = {
	BITS("COMP_TIMEOUT", 3, 0), BIT("COMP_TMOUT_DIS", 4), BIT("ARI", 5),
	BIT("ATOMIC_REQ", 6), BIT("ATOMIC_EGRESS_BLOCK", 7),
	BIT("IDO_REQ_EN", 8), BIT("IDO_CMP_EN", 9), BIT("LTR_EN", 10),
	BITS("OBFF", 14, 13), END,
};
static const struct cf_field f_exp_lnkcap2[] = {
	BIT("SLS_2_5GB", 1), BIT("SLS_5_0GB", 2), BIT("SLS_8_0GB", 3),
	BIT("SLS_16_0GB", 4), BIT("SLS_32_0GB", 5), BIT("SLS_64_0GB", 6),
	BIT("CROSSLINK", 8), END,
};
static const struct cf_field f_exp_lnkctl2[] = {
	ENUM("TLS", 3, 0, speeds), BIT("ENTER_COMP", 4), BIT("HASD", 5),
	BITS("TX_MARGIN", 9, 7), END,
};
static const struct cf_field f_exp_lnksta2[] = {
	BIT("EQ_COMPLETE", 1), BIT("EQ_PHASE1", 2), BIT("EQ_PHASE2", 3),
	BIT("EQ_PHASE3", 4), BIT("LINK_EQ_REQ", 5), END,
};
/* Version 1 ends after RTSTA; version 2 adds the rest. */
static const struct cf_reg cap_exp_v1[] = {
	{ "FLAGS", 0x02, 2, RO, f_exp_flags },
	{ "DEVCAP", 0x04, 4, RO, f_exp_devcap },
	{ "DEVCTL", 0x08, 2, RW, f_exp_devctl },
	{ "DEVSTA", 0x0a, 2, RW, f_exp_devsta },
	{ "LNKCAP", 0x0c, 4, RO, f_exp_lnkcap },
	{ "LNKCTL", 0x10, 2, RW, f_exp_lnkctl },
	{ "LNKSTA", 0x12, 2, RW, f_exp_lnksta },
	{ "SLTCAP", 0x14, 4, RO, f_exp_sltcap },
	{ "SLTCTL", 0x18, 2, RW, f_exp_sltctl },
	{ "SLTSTA", 0x1a, 2, RW, f_exp_sltsta },
	{ "RTCTL", 0x1c, 2, RW, f_exp_rtctl },
	{ "RTCAP", 0x1e, 2, RO, f_exp_rtcap },
	{ "RTSTA", 0x20, 4, RW, f_exp_rtsta },
	{ NULL, 0, 0, 0, NULL },
};
static const struct cf_reg cap_exp_v2[] = {
	{ "DEVCAP2", 0x24, 4, RO, f_exp_devcap2 },
	{ "DEVCTL2", 0x28, 2, RW, f_exp_devctl2 },
	{ "DEVSTA2", 0x2a, 2, RW, NULL },
	{ "LNKCAP2", 0x2c, 4, RO, f_exp_lnkcap2 },
	{ "LNKCTL2", 0x30, 2, RW, f_exp_lnkctl2 },
	{ "LNKSTA2", 0x32, 2, RW, f_exp_lnksta2 },
	{ "SLTCAP2", 0x34, 4, RO, NULL },
	{ "SLTCTL2", 0x38, 2, RW, NULL },
	{ "SLTSTA2", 0x3a, 2, RW, NULL },
	{ NULL, 0, 0, 0, NULL },
};

/* Vendor-specific (standard list): its length, the rest the vendor's. */
static const struct cf_reg cap_vndr[] = {
	{ "LEN", 2, 1, RO, NULL },
	{ NULL, 0, 0, 0, NULL },
};

/* Advanced Error Reporting (PCI_ERR_*). */
static const struct cf_field f_err_unc[] = {
	BIT("UND", 0), BIT("DLP", 4), BIT("SURPDN", 5), BIT("POISON_TLP", 12),
	BIT("FCP", 13), BIT("COMP_TIME", 14), BIT("COMP_ABORT", 15),
	BIT("UNX_COMP", 16), BIT("RX_OVER", 17), BIT("MALF_TLP", 18),
	BIT("ECRC", 19), BIT("UNSUP", 20), BIT("ACSV", 21), BIT("INTN", 22),
	BIT("MCBTLP", 23), BIT("ATOMEG", 24), BIT("TLPPRE", 25), END,
};
static const struct cf_field f_err_cor[] = {
	BIT("RCVR", 0), BIT("BAD_TLP", 6), BIT("BAD_DLLP", 7),
	BIT("REP_ROLL", 8), BIT("REP_TIMER", 12), BIT("ADV_NFAT", 13),
	BIT("INTERNAL", 14), BIT("LOG_OVER", 15), END,
};
static const struct cf_field f_err_cap[] = {
	BITS("FEP", 4, 0), BIT("ECRC_GENC", 5), BIT("ECRC_GENE", 6),
	BIT("ECRC_CHKC", 7), BIT("ECRC_CHKE", 8), END,
};
static const struct cf_field f_err_root_cmd[] = {
	BIT("COR_EN", 0), BIT("NONFATAL_EN", 1), BIT("FATAL_EN", 2), END,
};
static const struct cf_field f_err_root_sta[] = {
	BIT("COR_RCV", 0), BIT("MULTI_COR_RCV", 1), BIT("UNCOR_RCV", 2),
	BIT("MULTI_UNCOR_RCV", 3), BIT("FIRST_FATAL", 4),
	BIT("NONFATAL_RCV", 5), BIT("FATAL_RCV", 6), BITS("AER_IRQ", 31, 27),
	END,
};
static const struct cf_reg cap_aer[] = {
	{ "UNCOR_STATUS", 0x04, 4, RW, f_err_unc },
	{ "UNCOR_MASK", 0x08, 4, RW, f_err_unc },
	{ "UNCOR_SEVER", 0x0c, 4, RW, f_err_unc },
	{ "COR_STATUS", 0x10, 4, RW, f_err_cor },
	{ "COR_MASK", 0x14, 4, RW, f_err_cor },
	{ "CAP", 0x18, 4, RW, f_err_cap },
	{ "HEADER_LOG", 0x1c, 4, RO, NULL },
	{ "HEADER_LOG1", 0x20, 4, RO, NULL },
	{ "HEADER_LOG2", 0x24, 4, RO, NULL },
	{ "HEADER_LOG3", 0x28, 4, RO, NULL },
	{ NULL, 0, 0, 0, NULL },
};
static const struct cf_reg cap_aer_root[] = {
	{ "ROOT_COMMAND", 0x2c, 4, RW, f_err_root_cmd },
	{ "ROOT_STATUS", 0x30, 4, RW, f_err_root_sta },
	{ "ROOT_ERR_SRC", 0x34, 4, RO, NULL },
	{ NULL, 0, 0, 0, NULL },
};

/* Device serial number: the 64 bits, low dword first. */
static const struct cf_reg cap_dsn[] = {
	{ "SERIAL_LO", 0x04, 4, RO, NULL },
	{ "SERIAL_HI", 0x08, 4, RO, NULL },
	{ NULL, 0, 0, 0, NULL },
};

/* SR-IOV (PCI_SRIOV_*). */
static const struct cf_field f_sriov_ctrl[] = {
	BIT("VFE", 0), BIT("VFM", 1), BIT("INTR", 2), BIT("MSE", 3),
	BIT("ARI", 4), END,
};
static const struct cf_reg cap_sriov[] = {
	{ "CAP", 0x04, 4, RO, NULL },
	{ "CTRL", 0x08, 2, RW, f_sriov_ctrl },
	{ "STATUS", 0x0a, 2, RW, NULL },
	{ "INITIAL_VF", 0x0c, 2, RO, NULL },
	{ "TOTAL_VF", 0x0e, 2, RO, NULL },
	{ "NUM_VF", 0x10, 2, RW, NULL },
	{ "FUNC_LINK", 0x12, 1, RO, NULL },
	{ "VF_OFFSET", 0x14, 2, RO, NULL },
	{ "VF_STRIDE", 0x16, 2, RO, NULL },
	{ "VF_DID", 0x1a, 2, RO, NULL },
	{ "SUP_PGSIZE", 0x1c, 4, RO, NULL },
	{ "SYS_PGSIZE", 0x20, 4, RW, NULL },
	{ "BAR0", 0x24, 4, RW, NULL },
	{ "BAR1", 0x28, 4, RW, NULL },
	{ "BAR2", 0x2c, 4, RW, NULL },
	{ "BAR3", 0x30, 4, RW, NULL },
	{ "BAR4", 0x34, 4, RW, NULL },
	{ "BAR5", 0x38, 4, RW, NULL },
	{ "VFM", 0x3c, 4, RO, NULL },
	{ NULL, 0, 0, 0, NULL },
};

/* Access control services (PCI_ACS_*). */
static const struct cf_field f_acs[] = {
	BIT("SV", 0), BIT("TB", 1), BIT("RR", 2), BIT("CR", 3), BIT("UF", 4),
	BIT("EC", 5), BIT("DT", 6), END,
};
static const struct cf_field f_acs_cap[] = {
	BIT("SV", 0), BIT("TB", 1), BIT("RR", 2), BIT("CR", 3), BIT("UF", 4),
	BIT("EC", 5), BIT("DT", 6), BITS("EGRESS_BITS", 15, 8), END,
};
static const struct cf_reg cap_acs[] = {
	{ "CAP", 0x04, 2, RO, f_acs_cap },
	{ "CTRL", 0x06, 2, RW, f_acs },
	{ NULL, 0, 0, 0, NULL },
};

/* Latency tolerance reporting (PCI_LTR_*). */
static const struct cf_field f_ltr[] = {
	BITS("VALUE", 9, 0), BITS("SCALE", 12, 10), END,
};
static const struct cf_reg cap_ltr[] = {
	{ "MAX_SNOOP_LAT", 0x04, 2, RW, f_ltr },
	{ "MAX_NOSNOOP_LAT", 0x06, 2, RW, f_ltr },
	{ NULL, 0, 0, 0, NULL },
};

/* L1 PM substates (PCI_L1SS_*). */
static const struct cf_field f_l1ss_cap[] = {
	BIT("PCIPM_L1_2", 0), BIT("PCIPM_L1_1", 1), BIT("ASPM_L1_2", 2),
	BIT("ASPM_L1_1", 3), BIT("L1_PM_SS", 4), BITS("CM_RESTORE_TIME", 15, 8),
	BITS("P_PWR_ON_SCALE", 17, 16), BITS("P_PWR_ON_VALUE", 23, 19), END,
};
static const struct cf_field f_l1ss_ctl1[] = {
	BIT("PCIPM_L1_2", 0), BIT("PCIPM_L1_1", 1), BIT("ASPM_L1_2", 2),
	BIT("ASPM_L1_1", 3), BITS("CM_RESTORE_TIME", 15, 8),
	BITS("LTR_L12_TH_VALUE", 25, 16), BITS("LTR_L12_TH_SCALE", 31, 29),
	END,
};
static const struct cf_field f_l1ss_ctl2[] = {
	BITS("T_PWR_ON_SCALE", 1, 0), BITS("T_PWR_ON_VALUE", 7, 3), END,
};
static const struct cf_reg cap_l1ss[] = {
	{ "CAP", 0x04, 4, RO, f_l1ss_cap },
	{ "CTL1", 0x08, 4, RW, f_l1ss_ctl1 },
	{ "CTL2", 0x0c, 4, RW, f_l1ss_ctl2 },
	{ NULL, 0, 0, 0, NULL },
};

/* Secondary PCI Express: Link Control 3 and the lane error status. */
static const struct cf_field f_secpci_lnkctl3[] = {
	BIT("PERFORM_EQ", 0), BIT("LINK_EQ_REQ_INT_EN", 1), END,
};
static const struct cf_reg cap_secpci[] = {
	{ "LNKCTL3", 0x04, 4, RW, f_secpci_lnkctl3 },
	{ "LANE_ERR_STA", 0x08, 4, RW, NULL },
	{ NULL, 0, 0, 0, NULL },
};

/* Downstream port containment (PCI_EXP_DPC_*). */
static const struct cf_field f_dpc_cap[] = {
	BITS("IRQ", 4, 0), BIT("RP_EXT", 5), BIT("POISONED_TLP", 6),
	BIT("SW_TRIGGER", 7), BITS("RP_PIO_LOG_SIZE", 11, 8),
	BIT("DL_ACTIVE", 12), END,
};
static const struct cf_field f_dpc_ctl[] = {
	BITS("EN", 1, 0), BIT("INT_EN", 3), END,
};
static const struct cf_field f_dpc_status[] = {
	BIT("TRIGGER", 0), BITS("TRIGGER_RSN", 2, 1), BIT("INTERRUPT", 3),
	BITS("TRIGGER_RSN_EXT", 6, 5), END,
};
static const struct cf_reg cap_dpc[] = {
	{ "CAP", 0x04, 2, RO, f_dpc_cap },
	{ "CTL", 0x06, 2, RW, f_dpc_ctl },
	{ "STATUS", 0x08, 2, RW, f_dpc_status },
	{ "SOURCE_ID", 0x0a, 2, RO, NULL },
	{ NULL, 0, 0, 0, NULL },
};
static const struct cf_reg cap_dpc_rp[] = {
	{ "RP_PIO_STATUS", 0x0c, 4, RW, NULL },
	{ "RP_PIO_MASK", 0x10, 4, RW, NULL },
	{ "RP_PIO_SEVERITY", 0x14, 4, RW, NULL },
	{ "RP_PIO_SYSERROR", 0x18, 4, RW, NULL },
	{ "RP_PIO_EXCEPTION", 0x1c, 4, RW, NULL },
	{ NULL, 0, 0, 0, NULL },
};

/* Extended vendor-specific: PCI_VNDR_HEADER. */
static const struct cf_field f_vsec_header[] = {
	BITS("ID", 15, 0), BITS("REV", 19, 16), BITS("LEN", 31, 20), END,
};
static const struct cf_reg cap_vsec[] = {
	{ "HEADER", 0x04, 4, RO, f_vsec_header },
	{ NULL, 0, 0, 0, NULL },
};

/* The header every capability starts with (CAP_HDR in every block). */
static const struct cf_field f_cap_hdr[] = {
	BITS("ID", 7, 0), BITS("NEXT", 15, 8), END,
};
static const struct cf_field f_ext_cap_hdr[] = {
	BITS("ID", 15, 0), BITS("VER", 19, 16), BITS("NEXT", 31, 20), END,
};
static const struct cf_reg cap_hdr[] = {
	{ "CAP_HDR", 0, 2, RO, f_cap_hdr },
	{ NULL, 0, 0, 0, NULL },
};
static const struct cf_reg ext_cap_hdr[] = {
	{ "CAP_HDR", 0, 4, RO, f_ext_cap_hdr },
	{ NULL, 0, 0, 0, NULL },
};

/* Names of the capability IDs (PCI_CAP_ID_*, PCI_EXT_CAP_ID_*). */
static const char *const std_names[] = {
	[0x01] = "PM", [0x02] = "AGP", [0x03] = "VPD", [0x04] = "SLOTID",
	[0x05] = "MSI", [0x06] = "CHSWP", [0x07] = "PCIX", [0x08] = "HT",
	[0x09] = "VNDR", [0x0a] = "DBG", [0x0b] = "CCRC", [0x0c] = "SHPC",
	[0x0d] = "SSVID", [0x0e] = "AGP3", [0x0f] = "SECDEV", [0x10] = "PCIE",
	[0x11] = "MSIX", [0x12] = "SATA", [0x13] = "AF", [0x14] = "EA",
};
static const char *const ext_names[] = {
	[0x01] = "AER", [0x02] = "VC", [0x03] = "DSN", [0x04] = "PWR",
	[0x05] = "RCLD", [0x06] = "RCILC", [0x07] = "RCEC", [0x08] = "MFVC",
	[0x09] = "VC9", [0x0a] = "RCRB", [0x0b] = "VSEC", [0x0c] = "CAC",
	[0x0d] = "ACS", [0x0e] = "ARI", [0x0f] = "ATS", [0x10] = "SRIOV",
	[0x11] = "MRIOV", [0x12] = "MCAST", [0x13] = "PRI", [0x15] = "REBAR",
	[0x16] = "DPA", [0x17] = "TPH", [0x18] = "LTR", [0x19] = "SECPCI",
	[0x1a] = "PMUX", [0x1b] = "PASID", [0x1d] = "DPC", [0x1e] = "L1SS",
	[0x1f] = "PTM", [0x23] = "DVSEC", [0x25] = "DLF", [0x26] = "PL_16GT",
	[0x2e] = "DOE",
};

const char *pcicfg_cap_name(const struct pcicfg_cap *c, char *buf,
			    size_t len)
{
	const char *const *names = c->ext ? ext_names : std_names;
	size_t n = c->ext ? sizeof(ext_names) / sizeof(*ext_names)
			  : sizeof(std_names) / sizeof(*std_names);

	if (c->id < n && names[c->id])
		snprintf(buf, len, "%s", names[c->id]);
	else if (c->ext)
		snprintf(buf, len, "ECAP%04X", c->id);
	else
		snprintf(buf, len, "CAP%02X", c->id);
	return buf;
}

/* ---------------------------------------------------------------------- */
/* Building the description. */

struct describe {
	const char *name;
	const uint8_t *cfg;
	size_t len;
	struct pcicfg_cap *caps;
	int ncaps;
	unsigned exp_type;	/* the PCI Express port type, or ~0u */
};

/* Add the registers of TABLE at BLOCK's BASE that lie inside LIMIT. */
static int add_regs(struct regdb_builder *b, const char *block, unsigned base,
		    const struct cf_reg *table, size_t limit, struct error *e)
{
	char name[96];

	for (const struct cf_reg *r = table; r->name; r++) {
		struct rb_reg reg = {
			.name = name, .address = base + r->off,
			.width = r->width, .access = (enum regdb_access)r->access,
		};

		if (base + r->off + r->width > limit)
			continue;
		snprintf(name, sizeof(name), "%s.%s", block, r->name);
		if (rb_register(b, &reg, e))
			return -1;
		for (const struct cf_field *f = r->fields; f && f->name; f++) {
			struct rb_field fld = {
				.name = f->name, .hi = f->hi, .lo = f->lo,
				.access = reg.access,
			};

			if (rb_field(b, &fld, e))
				return -1;
			for (const struct cf_enum *v = f->enums; v && v->name;
			     v++)
				if (rb_enum(b, v->name, v->value, NULL, 0, e))
					return -1;
		}
	}
	return 0;
}

/* The registers of capability C, in block BLOCK. */
static int add_cap(struct describe *d, struct regdb_builder *b,
		   const struct pcicfg_cap *c, const char *block,
		   struct error *e)
{
	unsigned at = c->offset;
	size_t limit = c->ext ? d->len : (d->len < 256 ? d->len : 256);
	unsigned flags;

	if (add_regs(b, block, at, c->ext ? ext_cap_hdr : cap_hdr, limit, e))
		return -1;
	if (!c->ext) {
		switch (c->id) {
		case 0x01:
			return add_regs(b, block, at, cap_pm, limit, e);
		case 0x05:
			if (at + 4 > limit)
				return 0;
			flags = get16(d->cfg, at + 2);
			if (add_regs(b, block, at, cap_msi_head, limit, e) ||
			    add_regs(b, block, at, flags & 0x80 ? cap_msi_64
				     : cap_msi_32, limit, e))
				return -1;
			if (!(flags & 0x100))
				return 0;
			return add_regs(b, block, at, flags & 0x80 ?
					cap_msi_64_mask : cap_msi_32_mask,
					limit, e);
		case 0x09:
			return add_regs(b, block, at, cap_vndr, limit, e);
		case 0x10:
			if (at + 4 > limit)
				return 0;
			flags = get16(d->cfg, at + 2);
			if (add_regs(b, block, at, cap_exp_v1, limit, e))
				return -1;
			if ((flags & 0xf) < 2)
				return 0;
			return add_regs(b, block, at, cap_exp_v2, limit, e);
		case 0x11:
			return add_regs(b, block, at, cap_msix, limit, e);
		}
		return 0;
	}
	switch (c->id) {
	case 0x01:
		if (add_regs(b, block, at, cap_aer, limit, e))
			return -1;
		if (d->exp_type != 4 && d->exp_type != 10)
			return 0;	/* root ports and event collectors */
		return add_regs(b, block, at, cap_aer_root, limit, e);
	case 0x03:
		return add_regs(b, block, at, cap_dsn, limit, e);
	case 0x0b:
		return add_regs(b, block, at, cap_vsec, limit, e);
	case 0x0d:
		return add_regs(b, block, at, cap_acs, limit, e);
	case 0x10:
		return add_regs(b, block, at, cap_sriov, limit, e);
	case 0x18:
		return add_regs(b, block, at, cap_ltr, limit, e);
	case 0x19:
		return add_regs(b, block, at, cap_secpci, limit, e);
	case 0x1d:
		if (add_regs(b, block, at, cap_dpc, limit, e))
			return -1;
		if (at + 6 > limit || !(get16(d->cfg, at + 4) & 0x20))
			return 0;	/* no root port extensions */
		return add_regs(b, block, at, cap_dpc_rp, limit, e);
	case 0x1e:
		return add_regs(b, block, at, cap_l1ss, limit, e);
	}
	return 0;
}

static int describe_fill(struct regdb_builder *b, void *arg, struct error *e)
{
	struct describe *d = arg;
	unsigned type = d->len > 0x0e ? get8(d->cfg, 0x0e) & 0x7f : 0;
	char base[32], block[40];

	if (add_regs(b, "HDR", 0, type == 1 ? hdr_type1 : hdr_type0,
		     d->len < 64 ? d->len : 64, e))
		return -1;
	for (int i = 0; i < d->ncaps; i++) {
		const struct pcicfg_cap *c = &d->caps[i];
		int same = 0, index = 0;

		pcicfg_cap_name(c, base, sizeof(base));
		for (int j = 0; j < d->ncaps; j++)
			if (d->caps[j].ext == c->ext &&
			    d->caps[j].id == c->id) {
				index += j < i;
				same++;
			}
		if (same > 1)
			snprintf(block, sizeof(block), "%s%d", base, index);
		else
			snprintf(block, sizeof(block), "%s", base);
		if (add_cap(d, b, c, block, e))
			return -1;
	}
	return 0;
}

int pcicfg_describe(const char *name, const uint8_t *cfg, size_t len,
		    const char *regs, struct regdb **db, struct error *e)
{
	struct describe d = { .name = name, .cfg = cfg, .len = len,
			      .exp_type = ~0u };
	int rc;

	struct error why;

	d.caps = xreallocarray(NULL, PCICFG_MAX_CAPS, sizeof(*d.caps));
	d.ncaps = pcicfg_walk(cfg, len, d.caps, &why);
	if (d.ncaps < 0) {
		error_set(e, why.status, "%s: %.1900s", name, why.msg);
		error_hint(e, "its registers cannot be named; offsets still "
			   "work (peek -w 8 0x34, dump)");
		free(d.caps);
		return -1;
	}
	for (int i = 0; i < d.ncaps; i++)
		if (!d.caps[i].ext && d.caps[i].id == 0x10 &&
		    d.caps[i].offset + 4 <= len) {
			d.exp_type = (get16(cfg, d.caps[i].offset + 2) >> 4) &
				     0xf;
			break;
		}
	rc = regdb_build(name, describe_fill, &d, regs, db, e);
	free(d.caps);
	return rc;
}

/* ---------------------------------------------------------------------- */
/* The device's own: read once per process. */

struct described {
	char *key;
	struct regdb *db;
};

static struct described *described;
static size_t ndescribed;

int pcicfg_regdb(const struct region_spec *s, const char *regs,
		 struct regdb **db, struct error *e)
{
	struct region r;
	uint8_t cfg[4096];
	char *key, name[sizeof(r.name)];
	ssize_t got;
	int fd;

	if (region_resolve(s, &r, e))
		return -1;
	key = xmalloc(strlen(r.path) + (regs ? strlen(regs) : 0) + 2);
	sprintf(key, "%s%c%s", r.path, 0x1f, regs ? regs : "");
	for (size_t i = 0; i < ndescribed; i++)
		if (strcmp(described[i].key, key) == 0) {
			free(key);
			*db = described[i].db;
			return 0;
		}
	fd = open(r.path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		free(key);
		return error_set(e, EXIT_FAIL, "cannot read %s to name its "
				 "registers: %s", r.path, strerror(errno));
	}
	got = pread(fd, cfg, r.size < sizeof(cfg) ? r.size : sizeof(cfg), 0);
	close(fd);
	if (got < 0) {
		free(key);
		return error_set(e, EXIT_FAIL, "cannot read %s to name its "
				 "registers: %s", r.path, strerror(errno));
	}
	snprintf(name, sizeof(name), "%s", r.name);
	if (pcicfg_describe(name, cfg, (size_t)got, regs, db, e)) {
		free(key);
		return -1;
	}
	described = xreallocarray(described, ndescribed + 1,
				  sizeof(*described));
	described[ndescribed].key = key;
	described[ndescribed++].db = *db;
	return 0;
}
