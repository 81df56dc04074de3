/* fuzz_faults.c — the fault-spec parser (lgs_faults_set, what
 * LOGONSHIM_FAULTS goes through) on any text: never a crash, a bad spec
 * refused with a NUL-terminated reason and the previous script kept, a good
 * spec's queued codes handed out exactly once each. */
#include <stdlib.h>
#include <string.h>

#include "apis.h"
#include "faults_internal.h"
#include "fuzz.h"
#include "logonshim/codes.h"
#include "logonshim/faults.h"

static unsigned long pending_total(void)
{
    unsigned long n = 0;
    for (int i = 0; i < LGS_API_ID_COUNT_; i++)
        n += lgs_faults_pending(lgs__apis[i].name);
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *spec = lgs_fuzz_string(data, size);
    char why[200];
    /* A known script first, to see that a bad spec leaves it in force. */
    LGS_FUZZ_CHECK(lgs_faults_set("LogonUserW=1366*2", NULL, 0) == LGS_OK);
    memset(why, 'x', sizeof why);
    int rc = lgs_faults_set(spec, why, sizeof why);
    LGS_FUZZ_CHECK(rc == LGS_OK || rc == LGS_EINVAL);
    if (rc != LGS_OK) {
        LGS_FUZZ_CHECK(memchr(why, '\0', sizeof why) != NULL);
        LGS_FUZZ_CHECK(lgs_faults_pending("LogonUserW") == 2);
    }
    (void)lgs_faults_set(spec, NULL, 0);
    (void)lgs_faults_set(spec, why, 1);
    /* Hand out a bounded number of codes: each is non-zero and in the
     * API's own space, and the pending counts go down one by one. */
    if (rc == LGS_OK) {
        for (int i = 0; i < LGS_API_ID_COUNT_; i++) {
            unsigned long before = lgs_faults_pending(lgs__apis[i].name);
            uint32_t code;
            for (int k = 0; k < 4 && lgs__fault_next((lgs__api_id)i, &code); k++) {
                LGS_FUZZ_CHECK(code != 0);
                LGS_FUZZ_CHECK(lgs_faults_pending(lgs__apis[i].name) == before - 1);
                before--;
            }
        }
    }
    (void)pending_total();
    (void)lgs_faults_pending(spec);
    lgs_faults_clear();
    LGS_FUZZ_CHECK(pending_total() == 0);
    free(spec);
    return 0;
}
