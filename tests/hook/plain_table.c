/* plain_table.c — calls SSPI through the function table of
 * InitSecurityInterfaceW (as curl does), and LogonUserW by its import.
 * See plain.h. */
#include "plain.h"

int main(int argc, char **argv)
{
    PSecurityFunctionTableW t = InitSecurityInterfaceW();
    if (t == NULL)
        return 3;
    for (int i = plain_count(argc, argv); i > 0; i--)
        plain_logon(LogonUserW);
    plain_qspi(t->QuerySecurityPackageInfoW, t->FreeContextBuffer);
    return plain_exit(argc, argv);
}
