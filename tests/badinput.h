/* badinput.h — the bad-input tables' shape (tests/test_badinput.c and
 * tests/win/test_badinput_win.c): one row per public function and bad input,
 * with a check that returns 1 when the function did what its header says.
 * Rows that can only show the call returns are marked and not counted. */
#ifndef LGS_TESTS_BADINPUT_H
#define LGS_TESTS_BADINPUT_H

#include <stddef.h>

typedef struct lgs_badinput_row {
    const char *function; /* the public function, as declared */
    const char *input;    /* the bad input, in words */
    int (*check)(void);
} lgs_badinput_row;

/** A row whose check can show only that the call returns (the function
 *  returns nothing to check, or its result is the system's). It runs like
 *  any other row, but it is not coverage: the summary counts it apart, and
 *  tests/badinput_coverage.sh, which looks for `{"function",`, skips it. */
#define LGS_NO_CRASH_ROW(function, input, check) {function, LGS_NO_CRASH_MARK input, check}
#define LGS_NO_CRASH_MARK "no crash only: "

/** Runs every row (naming each before it runs, so a crash names its row),
 *  prints the failures and a summary, and fails the current CUnit test
 *  when any row failed. */
void lgs_badinput_run(const lgs_badinput_row *rows, size_t n, const char *what);

#endif
