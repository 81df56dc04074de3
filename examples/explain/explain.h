/* explain.h — logonshim-explain's command line as a function, so that a
 * harness (tests/fuzz/fuzz_explain.c) can drive the tool's whole input
 * handling in-process: compile explain.c with LGS_EXPLAIN_NO_MAIN and call
 * explain_main(). */
#ifndef LGS_EXPLAIN_H
#define LGS_EXPLAIN_H

#include <stdio.h>

/** Does what `logonshim-explain ARGS...` does, reading codes from `in` when
 *  argv names none, and writing to stdout and stderr. argv[0] is the
 *  program name; argv[argc] need not be NULL. Returns the exit status: 0,
 *  or 2 when an option or an input was malformed. */
int explain_main(int argc, char **argv, FILE *in);

/** Writes the classes table (class, default action, default retry policy,
 *  codes in the catalogue, meaning) as Markdown: `--list --markdown`. */
void explain_print_markdown(FILE *out);

#endif
