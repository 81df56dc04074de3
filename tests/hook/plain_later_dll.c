/* plain_later_dll.c — the DLL plain_later.exe loads at run time: it calls
 * LogonUserW and SSPI by its own imports. See plain.h. */
#include "plain.h"

__declspec(dllexport) void plain_later_run(int count);

void plain_later_run(int count)
{
    for (int i = count; i > 0; i--)
        plain_logon(LogonUserW);
    plain_qspi(QuerySecurityPackageInfoW, FreeContextBuffer);
}
