/* plain_direct.c — calls LogonUserW and SSPI by their imports (advapi32,
 * secur32), as most programs do. See plain.h. */
#include "plain.h"

int main(int argc, char **argv)
{
    for (int i = plain_count(argc, argv); i > 0; i--)
        plain_logon(LogonUserW);
    plain_qspi(QuerySecurityPackageInfoW, FreeContextBuffer);
    return plain_exit(argc, argv);
}
