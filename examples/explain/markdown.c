/* markdown.c — `logonshim-explain --list --markdown`: the classes table of
 * the README, generated from the catalogue and the compiled defaults, so that
 * the documentation cannot drift from the code (tests/readme_test.sh checks
 * the README's copy). */
#include <stdio.h>
#include <stdlib.h>

#include "explain.h"
#include "logonshim/logonshim.h"

/* The effective value of a retry key for a class, or "-" when the class has
 * no retry keys (ok and continue are not failures). */
static const char *policy(lgs_class cls, const char *field, char *buf, size_t size)
{
    char key[64];
    snprintf(key, sizeof key, "retry.%s.%s", lgs_class_name(cls), field);
    if (lgs_config_get(key, buf, size) != LGS_OK)
        snprintf(buf, size, "-");
    return buf;
}

void explain_print_markdown(FILE *out)
{
    size_t count[LGS_CLASS_COUNT_] = {0};
    for (size_t i = 0; i < lgs_catalogue_count(); i++)
        count[lgs_catalogue_row(i)->cls]++;
    fputs("| class | default action | attempts | backoff base / cap (ms) | codes | what it means |\n"
          "|---|---|---|---|---|---|\n",
          out);
    for (int c = 0; c < LGS_CLASS_COUNT_; c++) {
        lgs_class cls = (lgs_class)c;
        char attempts[16], base[16], cap[16];
        policy(cls, "attempts", attempts, sizeof attempts);
        policy(cls, "base_ms", base, sizeof base);
        policy(cls, "cap_ms", cap, sizeof cap);
        int retried = strtoul(attempts, NULL, 10) > 1;
        fprintf(out, "| `%s` | `%s` | %s | %s%s%s | %lu | %s |\n", lgs_class_name(cls),
                lgs_action_name(lgs_class_default_action(cls)), attempts, retried ? base : "-",
                retried ? " / " : "", retried ? cap : "", (unsigned long)count[c],
                lgs_class_guidance(cls)->summary);
    }
}
