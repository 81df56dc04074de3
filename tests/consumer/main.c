/* main.c — a program that uses an installed logonshim, as a user's would:
 * the catalogue, a wrapper making a real SSPI call, and the fault injector.
 * Exits 0 when all three behave. */
#include <stdio.h>

#include <logonshim/logonshim.h>

int main(void)
{
    const lgs_code_info *c = lgs_code_by_name("ERROR_LOGON_SESSION_COLLISION");
    if (c == NULL || c->value != 1366 || c->cls != LGS_CLASS_SESSION_COLLISION) {
        fprintf(stderr, "consumer: catalogue lookup failed\n");
        return 1;
    }
    static wchar_t package[] = L"Negotiate";
    PSecPkgInfoW info = NULL;
    SECURITY_STATUS st = lgs_QuerySecurityPackageInfoW(package, &info);
    if (st != SEC_E_OK || info == NULL) {
        fprintf(stderr, "consumer: QuerySecurityPackageInfoW failed: 0x%08lX\n", (unsigned long)st);
        return 1;
    }
    lgs_FreeContextBuffer(info);
    if (lgs_faults_set("QuerySecurityPackageInfoW=SEC_E_INSUFFICIENT_MEMORY*3", NULL, 0) != LGS_OK ||
        lgs_QuerySecurityPackageInfoW(package, &info) != SEC_E_INSUFFICIENT_MEMORY) {
        fprintf(stderr, "consumer: fault injection did not reach the wrapper\n");
        return 1;
    }
    printf("consumer ok: logonshim %s, %s is %s\n", LGS_VERSION_STRING, c->name, lgs_class_name(c->cls));
    return 0;
}
