// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer harness: the bytes as the contents of a CMSIS-SVD description.
 * fuzz-sources: src/regdb.c src/regdb_text.c src/regdb_svd.c
 *   src/regdb_ipxact.c src/regdb_xml.c src/readfile.c src/number.c src/error.c
 * Build (from a configured tree, expat installed):
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -I src -I . \
 *     tests/fuzz/fuzz_regdb_svd.c src/regdb.c src/regdb_text.c \
 *     src/regdb_svd.c src/regdb_ipxact.c src/regdb_xml.c src/error.c \
 *     src/readfile.c \
 *     src/number.c -lexpat -o fuzz_regdb_svd
 *   ./fuzz_regdb_svd tests/fuzz/corpus/regdb_svd
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "fuzz_regdb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct regdb *db;
	struct error e;

	if (regdb_parse("fuzz.svd", (const char *)data, size, REGDB_SVD, &db,
			&e) == 0) {
		fuzz_regdb_exercise(db);
		regdb_free(db);
	}
	return 0;
}
