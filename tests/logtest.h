/* logtest.h — the fixture the log suites share: a callback sink that keeps
 * copies of the records it receives, and a way to run a scripted call
 * through the engine in virtual time with its attempts and outcome logged
 * as a wrapper logs them.
 */
#ifndef LGS_TESTS_LOGTEST_H
#define LGS_TESTS_LOGTEST_H

#include "logonshim/log.h"
#include "vtime.h"

#define LT_MAX 256

extern lgs_record lt_records[LT_MAX]; /* the first LT_MAX records */
extern unsigned lt_count;             /* records received */

/** Virtual time, log settings reset, no sinks but the copying callback,
 *  and lt_count zeroed. */
void lt_setup(void);
/** lt_setup() with log.records=all: every attempt record is written, for
 *  the tests that feed attempts to the log layer one by one. */
void lt_setup_all(void);
/** Removes the callback and restores the log defaults. */
void lt_teardown(void);
/** CUnit suite set-up and clean-up: lt_setup(), and lt_teardown() with the
 *  default engine hooks restored. */
int lt_suite_setup(void);
int lt_suite_teardown(void);
/** Runs script s as `api` for the account (user may be NULL), logging every
 *  attempt and the outcome; returns the outcome. */
lgs_outcome lt_run(vt_script *s, const char *api, const char *user, const char *domain);

#endif
