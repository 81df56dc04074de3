/* explain.h — logonshim-explain's command line as a function, so that a
 * harness (tests/fuzz/fuzz_explain.c) can drive the tool's whole input
 * handling in-process: compile explain.c with LGS_EXPLAIN_NO_MAIN and call
 * explain_main(). */
#ifndef LGS_EXPLAIN_H
#define LGS_EXPLAIN_H

#include <stdint.h>
#include <stdio.h>

#include "logonshim/codes.h"

/** Does what `logonshim-explain ARGS...` does, reading codes from `in` when
 *  argv names none, and writing to stdout and stderr. argv[0] is the
 *  program name; argv[argc] need not be NULL. Returns the exit status: 0,
 *  or 2 when an option or an input was malformed. */
int explain_main(int argc, char **argv, FILE *in);

/** Writes the classes table (class, default action, default retry policy,
 *  codes in the catalogue, meaning) as Markdown: `--list --markdown`. */
void explain_print_markdown(FILE *out);

/** A code as the SDK headers name it (names.c, from code_names.h). */
typedef struct explain_name {
    const char *name;
    lgs_space space;
    uint32_t value;
    long long last_error; /**< what GetLastError() shows after a BOOL API fails
                               with it (RtlNtStatusToDosError for an NTSTATUS;
                               317 when unmapped), -1 for an HRESULT */
} explain_name;

/** Number of names in the table, and row i of it (NULL when out of range). */
size_t explain_name_count(void);
const explain_name *explain_name_row(size_t i);

/** The SDK's preferred name for (space, value), or NULL when none names it. */
const explain_name *explain_name_of(lgs_space space, uint32_t value);

/** The row named `name` (case-insensitive), or NULL. */
const explain_name *explain_name_lookup(const char *name);

#endif
