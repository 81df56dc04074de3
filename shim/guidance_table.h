/* guidance_table.h — what a person should know and do about each failure.
 *
 * Written for this project. One row per guidance id: a text for every class,
 * and specific texts for the codes operators meet most (the logon-session
 * family, SEC_E_NO_CREDENTIALS, credential and account failures, authority
 * reachability, clock skew). The code table (code_table.h) points each row at
 * one of these ids. Keep every statement true for real Windows; where Wine
 * differs, say so explicitly.
 *
 * G(ID, "id", summary, meaning, causes, diagnose, resolve)
 */
#ifndef LGS_GUIDANCE_TABLE_H
#define LGS_GUIDANCE_TABLE_H

#define LGS_GUIDANCE_TABLE(G)                                                                  \
    G(OK, "ok", "The call succeeded.", "The operation completed successfully.",                \
      "Not a failure.", "Nothing to diagnose.", "Nothing to do.")                              \
    G(CONTINUE, "continue",                                                                    \
      "Protocol flow, not a failure: call again as the protocol says.",                       \
      "The security package needs another step (another token exchange, CompleteAuthToken, "  \
      "more input or a larger buffer) before the operation is complete.",                     \
      "Normal multi-leg authentication (Kerberos, Negotiate, Schannel) or a buffer that was "  \
      "too small for the output.",                                                             \
      "Only a problem if the loop never ends: log each leg's code and the token sizes.",      \
      "Send the output token to the peer and call again with its reply; call "                \
      "CompleteAuthToken when asked; grow the buffer to the size reported and call again.")    \
    G(TRANSIENT, "transient",                                                                  \
      "The authority could not be reached or was busy; the shim retries with backoff.",       \
      "A domain controller, KDC or RPC endpoint did not answer in time or refused the call. " \
      "The request itself may be fine.",                                                       \
      "Network outage, DC reboot or overload, firewall blocking Kerberos (88), LDAP (389) or " \
      "RPC (135 and dynamic ports), DNS not returning the DC's SRV records.",                  \
      "Run `nltest /dsgetdc:<domain>` and `nltest /sc_query:<domain>`; check DNS with "        \
      "`nslookup -type=SRV _kerberos._tcp.<domain>`; check the System event log for Netlogon " \
      "and Kerberos events.",                                                                  \
      "Restore connectivity to a DC. The shim retries within its budget and opens the "       \
      "circuit breaker during a sustained outage so the service does not add a retry storm.") \
    G(RESOURCE, "resource",                                                                    \
      "The system ran short of memory, quota or identifiers; the shim retries with backoff.", \
      "The call failed because a system resource (memory, pool, quota, LUIDs, context ids) "  \
      "was exhausted at that moment.",                                                         \
      "Memory pressure, a handle or token leak in this or another process, a pagefile too "   \
      "small, or a burst of logons.",                                                          \
      "Check the process's handle count and private bytes over time (Task Manager, "          \
      "Performance Monitor); look for leaked token handles and undeleted security contexts.", \
      "Free the resource (fix the leak, raise the quota or pagefile). Retries help only if "  \
      "the shortage was momentary.")                                                           \
    G(SESSION_COLLISION, "session-collision",                                                  \
      "A logon-session identifier collided inside LSA; clean up and retry once.",             \
      "LSA or an authentication package tried to create a logon session whose identifier "    \
      "(LUID) is already in use. It is not about the account being signed in elsewhere.",     \
      "A rare race inside LSA or an authentication package, or a custom package reusing "     \
      "LUIDs.",                                                                                \
      "Note the LUID and time; check the Security log (4624/4625) and the System log for "    \
      "LSA or package errors at that moment.",                                                 \
      "The shim releases what the attempt produced and retries once. If it recurs, update "    \
      "or remove third-party authentication packages.")                                        \
    G(SESSION_GONE, "session-gone",                                                            \
      "The logon session or its credentials do not exist (any more); re-establish them.",     \
      "The operation named a logon session, or needed credentials in one, that LSA does not " \
      "have.",                                                                                 \
      "The session ended (user logged off, token closed), the LUID is stale, or the logon "    \
      "type never stored credentials.",                                                        \
      "Check which LUID the call used (`klist sessions`, `logonsessions`), the logon type of " \
      "the calling process, and whether the session still exists.",                            \
      "Do not retry blindly: log on again or acquire new credentials, then repeat the "        \
      "operation.")                                                                            \
    G(SESSION_STATE, "session-state",                                                          \
      "A token or logon session is in the wrong state for this operation; no retry.",         \
      "The token, impersonation level or logon session is not in a state that allows the "   \
      "requested operation.",                                                                  \
      "Calling without impersonating, impersonating at too low a level (Identification "      \
      "instead of Impersonation), a primary token where an impersonation token is needed, a " \
      "session being torn down.",                                                              \
      "Check the thread's token (OpenThreadToken), its type and impersonation level, and the " \
      "order of Impersonate/Revert calls.",                                                    \
      "Fix the sequence of calls or request the right token type and impersonation level. "   \
      "Retrying the same call does not help.")                                                 \
    G(CONTEXT_EXPIRED, "context-expired",                                                      \
      "The security context expired; delete it and establish a new one.",                     \
      "The SSPI context (or its ticket) reached its lifetime and can no longer be used.",      \
      "Long-lived connections that outlive the Kerberos ticket lifetime (10 h by default), "   \
      "or a peer that closed the context.",                                                    \
      "Compare the context's lifetime (QueryContextAttributes SECPKG_ATTR_LIFESPAN) with the " \
      "connection's age.",                                                                     \
      "Delete the context and run the handshake again; the shim does this once. Renew "       \
      "contexts before they expire on long connections.")                                     \
    G(CLOCK, "clock",                                                                          \
      "Clocks disagree too much for Kerberos; fix time sync, retrying does not help.",        \
      "The client's and the authority's clocks differ by more than the allowed skew (5 "       \
      "minutes by default), so Kerberos rejects the request.",                                 \
      "Time service (W32Time) stopped or misconfigured, a VM restored from a snapshot, a "     \
      "wrong time zone setting on a host without UTC hardware clock.",                         \
      "Compare `w32tm /stripchart /computer:<dc> /samples:3` and `w32tm /query /status`.",     \
      "Resynchronise the clock (`w32tm /resync`) and fix the time source; then retry by hand.")\
    G(CREDENTIALS, "credentials",                                                              \
      "The credentials were rejected; never retried, because retries lock accounts out.",      \
      "The authority rejected the user name or password (or other secret) supplied.",          \
      "Wrong or changed password, stale credentials in configuration, wrong domain or user "   \
      "name format.",                                                                          \
      "Check the Security log on the DC (4625/4771/4776) for the failure reason; verify the " \
      "configured account name and domain.",                                                  \
      "Correct the stored credentials. Do not retry: every failed attempt counts towards the "\
      "account lockout threshold, and a retry loop locks the account out for everyone.")       \
    G(ACCOUNT, "account",                                                                      \
      "The account cannot log on in its current state; never retried.",                       \
      "The credentials may be right, but the account is locked, disabled, expired or "        \
      "restricted.",                                                                           \
      "Lockout after failed attempts, an administrator disabled the account, the account or " \
      "password expired, logon-hours or workstation restrictions.",                            \
      "Look the account up in Active Directory (`net user <name> /domain`, Get-ADUser) and "  \
      "check the Security log on the DC.",                                                    \
      "An administrator must unlock, enable or extend the account or reset the password. "    \
      "Retrying cannot succeed and may extend a lockout.")                                     \
    G(PRIVILEGE, "privilege",                                                                  \
      "The caller lacks a privilege, logon right or access; an administrator must grant it.", \
      "The calling account does not hold the privilege, logon right or access the operation " \
      "needs.",                                                                                \
      "Service running under an account without SeTcbPrivilege (LsaRegisterLogonProcess), "   \
      "without 'Log on as a batch job/service' rights, or UAC filtering an admin token.",      \
      "Run `whoami /priv` and `whoami /groups` as the service account; check Local Security " \
      "Policy > User Rights Assignment.",                                                      \
      "Grant the right or privilege to the service account (or run under one that has it), " \
      "then restart the service. Retrying does not help.")                                     \
    G(CONFIG, "config",                                                                        \
      "Configuration is wrong or missing (package, name, trust, policy); fix it, no retry.",  \
      "The request cannot succeed with the current configuration of this machine, the "       \
      "domain or the call itself.",                                                            \
      "Missing security package, wrong SPN or target name, broken trust, unsupported feature " \
      "or policy.",                                                                            \
      "Read the guidance id and code name; check the call's package and target names and "   \
      "the System log.",                                                                      \
      "Fix the configuration; retrying the same call gives the same result.")                  \
    G(PROGRAMMING, "programming",                                                              \
      "The call itself is wrong (parameter, handle, flags); fix the caller, no retry.",       \
      "The API rejected an argument: an invalid parameter, handle, flag, token or buffer.",    \
      "A bug in the calling code: an uninitialised or already freed handle, a wrong "         \
      "structure size, unsupported flags, a logon type the API does not know.",                \
      "Check the arguments against the API documentation; the failure record names the API " \
      "and the attempt.",                                                                      \
      "Fix the calling code. Retrying the same call cannot succeed.")                          \
    G(SECURITY, "security",                                                                    \
      "Possible tampering or downgrade: the context is torn down, an alert raised, no retry.", \
      "The security package detected a message that was altered, replayed or out of order, a " \
      "downgrade attempt, or a failed mutual authentication.",                                 \
      "An active attacker on the path, a broken proxy or middlebox rewriting traffic, "       \
      "mismatched channel bindings, or a buggy peer.",                                         \
      "Capture the traffic between the peers; check both ends' logs at the same time and "    \
      "whether anything sits between them.",                                                   \
      "Treat as a security incident until explained. Do not retry on the same connection; "   \
      "tear the context down and alert.")                                                      \
    G(SHUTDOWN, "shutdown", "The system is shutting down; stop the operation.",               \
      "Windows or the service's host is in the process of shutting down and refuses new "     \
      "work.",                                                                                 \
      "A reboot or shutdown was started.", "Check the System log for event 1074.",            \
      "Stop the operation and let the service shut down; do not retry.")                       \
    G(UNKNOWN, "unknown",                                                                      \
      "A code the catalogue does not know: no retry; the raw value is logged.",               \
      "The code is not in logonshim's catalogue, so its meaning and the right reaction are "  \
      "not known.",                                                                            \
      "A newer or package-specific code, or a value that is not an error code at all.",        \
      "Decode it with `logonshim-explain <code>` and `certutil -error <code>`; note the API "  \
      "that returned it.",                                                                     \
      "Handle it by hand; report it so it can be added to the catalogue.")                    \
    G(NO_SUCH_LOGON_SESSION, "no-such-logon-session",                                          \
      "The logon session the call refers to does not exist (1312).",                         \
      "ERROR_NO_SUCH_LOGON_SESSION (1312) / STATUS_NO_SUCH_LOGON_SESSION (0xC000005F): LSA "  \
      "has no logon session with the LUID the call used, or the session has no credentials "  \
      "for the requested package.",                                                            \
      "The session ended before the call (logoff, last token handle closed); a LUID kept "    \
      "from earlier; a network logon or a scheduled task without stored credentials asking "  \
      "for outbound credentials; a credential-less S4U logon.",                                \
      "Check that the LUID still exists (`klist sessions`, LsaEnumerateLogonSessions); note " \
      "the logon type of the process (a network logon type 3 has no credentials to "          \
      "delegate).",                                                                            \
      "Do not retry with the same LUID. Log on again (LogonUser or LsaLogonUser) or use a "   \
      "logon type that keeps credentials (interactive, batch with a stored password, "        \
      "NewCredentials), then repeat the call.")                                                \
    G(LOGON_SESSION_EXISTS, "logon-session-exists",                                            \
      "A logon session with this identifier already exists (1363).",                          \
      "ERROR_LOGON_SESSION_EXISTS (1363) / STATUS_LOGON_SESSION_EXISTS (0xC00000EE): an "     \
      "attempt was made to start a logon session with an ID that is already in use.",         \
      "An authentication package or LSA itself creating a session with a LUID that is live; " \
      "a package that creates a session twice for one logon.",                                 \
      "Look for the LUID in LsaEnumerateLogonSessions; check the System log for LSA and "     \
      "authentication-package errors; note third-party packages (`HKLM\\SYSTEM\\"            \
      "CurrentControlSet\\Control\\Lsa` Authentication Packages).",                            \
      "The shim cleans up and retries once, which normally gets a fresh LUID. If it "         \
      "recurs, the fault is in an authentication package: update or remove it.")              \
    G(BAD_LOGON_SESSION_STATE, "bad-logon-session-state",                                      \
      "The logon session is not in a state consistent with the operation (1365).",           \
      "ERROR_BAD_LOGON_SESSION_STATE (1365) / STATUS_BAD_LOGON_SESSION_STATE (0xC0000104): "  \
      "the logon session exists but is, for example, being created or torn down, so the "      \
      "requested operation is not allowed on it now.",                                         \
      "Using a session while its logoff is in progress, or before LSA has finished creating " \
      "it; operations racing with the session's end.",                                         \
      "Correlate the time with logoff events (4634/4647) for the same LUID in the Security "  \
      "log; check the order of logon, use and close in the caller.",                           \
      "Clean up (close the token, delete contexts) and do not retry on the same session; "    \
      "establish a new logon session if the work must continue.")                              \
    G(LOGON_SESSION_COLLISION, "logon-session-collision",                                      \
      "LSA hit a logon-ID collision while creating a session (1366); not 'logged on "          \
      "elsewhere'.",                                                                           \
      "ERROR_LOGON_SESSION_COLLISION (1366) / STATUS_LOGON_SESSION_COLLISION (0xC0000105): "  \
      "an internal collision of logon-session identifiers (LUIDs) inside LSA or an "          \
      "authentication package. It does not mean that the account is already logged on "       \
      "somewhere else: Windows allows any number of sessions per account.",                    \
      "A race or bug in LSA or in an authentication package (often third-party) while "        \
      "allocating a session; very rarely, LUID reuse under heavy logon load.",                 \
      "Record the time and the API; check the System log for LSA/package errors and list "    \
      "installed authentication packages (HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa).",   \
      "The shim releases whatever the failed attempt produced and retries once after a short " \
      "delay, which normally succeeds. Repeated collisions point at an authentication "        \
      "package: update or remove it.")                                                         \
    G(NO_CREDENTIALS, "no-credentials",                                                        \
      "No credentials are available in the security package (SEC_E_NO_CREDENTIALS).",        \
      "SEC_E_NO_CREDENTIALS (0x8009030E): AcquireCredentialsHandle found no credentials for " \
      "the logon session and package, so nothing can be used to authenticate outbound (or, " \
      "inbound, no key for the service).",                                                     \
      "Network logons (type 3) have no credential set to delegate; the policy 'Network "      \
      "access: Do not allow storage of passwords and credentials for network authentication'" \
      " stops scheduled tasks that run whether the user is logged on or not from keeping a "  \
      "password; S4U logons carry no password; the logon session behind the LUID has ended; " \
      "under Wine, no Kerberos ticket cache (kinit) or keytab.",                               \
      "Check the logon type and whether the session has credentials (`klist`, `klist "        \
      "sessions`); check that policy in secpol.msc; for services check the account and "      \
      "whether explicit credentials were passed to AcquireCredentialsHandle.",                 \
      "Pass explicit credentials (SEC_WINNT_AUTH_IDENTITY) to AcquireCredentialsHandle, run " \
      "the task with a stored password or as a service account with credentials, or "          \
      "re-establish the logon. Retrying the same call does not help.")                         \
    G(LOGON_FAILURE, "logon-failure",                                                          \
      "User name or password is wrong; never retried (retries lock the account out).",        \
      "The authority rejected the credentials: unknown user name or bad password (Windows "   \
      "reports both as 1326 / SEC_E_LOGON_DENIED so as not to reveal which).",                 \
      "A changed password not updated in the service's configuration, a typo, the wrong "     \
      "domain (NetBIOS vs DNS name), a UPN where a SAM name is expected or the reverse.",      \
      "Check the DC's Security log (4625 with Sub Status, 4771, 4776) for the exact reason; " \
      "verify the configured user, domain and password source.",                              \
      "Fix the stored credentials. The shim never retries: each failed attempt counts "       \
      "towards the lockout threshold, and after repeated failures for one account it stops "  \
      "calling the authority (lockout guard) until the window passes.")                        \
    G(UNKNOWN_CREDENTIALS, "unknown-credentials",                                              \
      "The credentials supplied were not recognised by the package; never retried.",         \
      "The security package could not use the credentials or credential handle it was given." \
      , "Credentials acquired for another package or direction, a credential handle from a " \
      "different logon, a malformed SEC_WINNT_AUTH_IDENTITY structure.",                       \
      "Check the package name and fCredentialUse passed to AcquireCredentialsHandle and the " \
      "identity structure's flags and lengths.",                                               \
      "Acquire credentials for the right package and direction with a well-formed identity; " \
      "retrying with the same credentials does not help.")                                     \
    G(ACCOUNT_LOCKED_OUT, "account-locked-out", "The account is locked out; never retried.",  \
      "The account has been locked after too many failed logon attempts.",                     \
      "A wrong stored password retried by a service or scheduled task, mapped drives or "     \
      "mobile devices with old passwords, or a password-guessing attack.",                     \
      "Find the source of the failures: DC Security log events 4740 (locked) and 4625/4771 " \
      "with the caller's workstation name.",                                                   \
      "Fix the source of bad attempts first, then unlock the account (or wait for the "       \
      "lockout duration). Retrying keeps it locked.")                                          \
    G(ACCOUNT_DISABLED, "account-disabled", "The account is disabled; never retried.",        \
      "An administrator disabled the account.",                                                \
      "Decommissioned service account, an offboarding process, a security response.",         \
      "`net user <name> /domain` (Account active), Get-ADUser -Properties Enabled.",          \
      "Enable the account or configure the service with an active one.")                       \
    G(ACCOUNT_EXPIRED, "account-expired", "The account has expired; never retried.",          \
      "The account's expiry date has passed.",                                                 \
      "Temporary or contractor accounts, service accounts created with an end date.",         \
      "`net user <name> /domain` (Account expires).",                                          \
      "An administrator must extend the expiry date or provide another account.")              \
    G(PASSWORD_EXPIRED, "password-expired",                                                    \
      "The password has expired or must be changed before logon; never retried.",            \
      "The credentials are right but the password expired, or the account is flagged 'user " \
      "must change password at next logon'.",                                                  \
      "Password age policy applied to a service account, or an administrator reset the "     \
      "password with the change flag set.",                                                    \
      "`net user <name> /domain` (Password expires, Password last set).",                     \
      "Change the password and update the service's configuration; use a managed service "    \
      "account (gMSA) or exempt service accounts from expiry.")                                \
    G(ACCOUNT_RESTRICTION, "account-restriction",                                              \
      "An account restriction forbids this logon (hours, workstation, blank password).",      \
      "The account may log on, but not at this time, from this computer, or with this kind "  \
      "of credential.",                                                                        \
      "Logon-hours limits, 'Log on to' workstation lists, blank passwords refused for "       \
      "network logons, smart card required, Protected Users restrictions.",                    \
      "Check the account's Logon Hours and Log On To settings and the DC's 4625 sub status.", \
      "Adjust the account's restrictions or run from a permitted computer at a permitted "    \
      "time.")                                                                                 \
    G(LOGON_TYPE_NOT_GRANTED, "logon-type-not-granted",                                        \
      "The account lacks the logon right for this logon type (1385).",                        \
      "The user has not been granted the requested logon type on this computer (for "         \
      "example batch, service, or network logon).",                                            \
      "LogonUser with LOGON32_LOGON_BATCH or _SERVICE for an account without 'Log on as a "   \
      "batch job' / 'Log on as a service', or a 'Deny log on ...' right that applies.",       \
      "secpol.msc > Local Policies > User Rights Assignment, and `gpresult /h` for the "      \
      "domain policy that sets them.",                                                         \
      "Grant the logon right (or remove the Deny right) to the account, or use a logon type " \
      "it holds.")                                                                             \
    G(PRIVILEGE_NOT_HELD, "privilege-not-held",                                                \
      "A required privilege is not held by the caller (1314).",                                \
      "The operation needs a privilege the caller's token does not hold or has not enabled, " \
      "e.g. SeTcbPrivilege for LsaRegisterLogonProcess or S4U logons with a token.",          \
      "The service runs under an account without the privilege, or the privilege is present " \
      "but disabled in the token.",                                                            \
      "`whoami /priv` as the service account; check whether the code enables the privilege "  \
      "(AdjustTokenPrivileges) before the call.",                                              \
      "Grant the privilege (User Rights Assignment) or run as LocalSystem where appropriate; "\
      "enable it in the token before the call.")                                               \
    G(NO_LOGON_SERVERS, "no-logon-servers",                                                    \
      "No domain controller is available to process the logon; the shim retries.",           \
      "The computer could not find or reach a logon server (domain controller) for the "      \
      "account's domain.",                                                                     \
      "Network outage, all DCs down or unreachable, broken DNS SRV records, Netlogon service " \
      "stopped, site configuration pointing at unreachable DCs.",                              \
      "`nltest /dsgetdc:<domain> /force`, `nltest /sc_verify:<domain>`, `nslookup -type=SRV " \
      "_ldap._tcp.dc._msdcs.<domain>`; check that the Netlogon service runs.",                 \
      "Restore DC reachability. The shim retries with jittered backoff within its budget and " \
      "fails fast through its circuit breaker during a sustained outage.")                     \
    G(NO_AUTHENTICATING_AUTHORITY, "no-authenticating-authority",                              \
      "No authority (KDC) could be contacted for authentication; the shim retries.",         \
      "SSPI could not reach a Kerberos KDC or other authority to authenticate, or got no "    \
      "usable reply.",                                                                         \
      "KDC unreachable (port 88 blocked, DC down), realm not resolvable in DNS, no TGT reply " \
      "because of UDP fragmentation, the machine not joined to the domain.",                   \
      "`klist purge` then retry with `klist get krbtgt`; check port 88 reachability; enable " \
      "Kerberos event logging; under Wine check KRB5_CONFIG and the KDC address.",             \
      "Restore reachability to the KDC (or force Kerberos over TCP). Transient outages are "   \
      "retried by the shim within budget.")                                                    \
    G(RPC_UNAVAILABLE, "rpc-unavailable",                                                      \
      "The RPC server (often LSA on a DC) was unavailable or busy; the shim retries.",       \
      "An RPC call to the authority failed: the server was unavailable, too busy, or the "     \
      "call failed in transit.",                                                               \
      "DC reboot or overload, firewall blocking RPC endpoint mapper (135) or dynamic ports, " \
      "network interruption mid-call.",                                                        \
      "`portqry -n <dc> -e 135`, check the DC's load and the System log for RPC errors.",      \
      "Restore the RPC path to the server; short outages are retried within budget.")          \
    G(TIME_SKEW, "time-skew",                                                                  \
      "Clock skew between client and KDC is too large; fix time sync (no retry).",            \
      "Kerberos rejected the request because the client's clock differs from the KDC's by "   \
      "more than the allowed skew (5 minutes by default).",                                    \
      "W32Time stopped, a VM resumed from a snapshot, a wrong time source or time zone.",     \
      "`w32tm /stripchart /computer:<dc> /samples:3 /dataonly`; `w32tm /query /source`.",       \
      "Resynchronise (`w32tm /resync`) and fix the time source; retrying before the clock is " \
      "fixed fails the same way.")                                                             \
    G(TARGET_UNKNOWN, "target-unknown",                                                        \
      "The target name (SPN) is unknown or belongs to another account (no retry).",          \
      "The KDC does not know the service principal name requested, or the server that "       \
      "answered is not the principal the client asked for.",                                   \
      "A missing or duplicate SPN, a target name with the wrong host (alias, IP address, "    \
      "short name), the service running under a different account than the SPN is on.",       \
      "`setspn -Q <spn>` and `setspn -X` for duplicates; compare the pszTargetName passed to " \
      "InitializeSecurityContext with the service account's SPNs.",                            \
      "Register the SPN on the account the service runs as (`setspn -S`), remove duplicates, " \
      "and use the registered name as the target.")                                            \
    G(SECPKG_NOT_FOUND, "secpkg-not-found",                                                    \
      "The security package named in the call is not installed or not known (no retry).",    \
      "The package name (or id) passed to AcquireCredentialsHandle, LsaLookupAuthentication"  \
      "Package or QuerySecurityPackageInfo does not match an installed package.",              \
      "A misspelt package name, NTLM disabled by policy, a package not present on this "      \
      "system; under Wine, NTLM is absent unless Samba's ntlm_auth (winbind) is installed.",  \
      "List packages with EnumerateSecurityPackages; check policy 'Network security: "         \
      "Restrict NTLM'.",                                                                      \
      "Use an installed package (Negotiate, Kerberos) or install/enable the one needed.")      \
    G(TRUST_FAILURE, "trust-failure",                                                          \
      "A domain trust or the computer's secure channel is broken (no retry).",                \
      "The trust relationship between this computer and its domain, or between two domains, " \
      "failed, or a trust account was used to log on.",                                        \
      "The computer account password is out of sync (machine restored from backup or "        \
      "snapshot), a trust's password mismatch, a trust account used as a user account.",       \
      "`nltest /sc_verify:<domain>`, `Test-ComputerSecureChannel`; the System log's Netlogon " \
      "events (3210, 5722).",                                                                  \
      "Repair the secure channel (`Test-ComputerSecureChannel -Repair`, or rejoin the "       \
      "domain) or reset the trust; then retry by hand.")                                       \
    G(WINE_UNSUCCESSFUL, "wine-unsuccessful",                                                  \
      "Generic failure (STATUS_UNSUCCESSFUL); under Wine, an explicit-credential Kerberos "   \
      "login failed.",                                                                         \
      "STATUS_UNSUCCESSFUL (0xC0000001) says only that the operation failed. Wine 8's "       \
      "AcquireCredentialsHandle returns it whenever the Kerberos login it runs for explicit "  \
      "credentials fails: wrong password, unknown user and unreachable KDC look the same.",    \
      "Under Wine: any failure of the underlying Kerberos login. On Windows: a component "    \
      "that reports no specific status.",                                                      \
      "Under Wine set WINEDEBUG=+kerberos and KRB5_TRACE=/dev/stderr to see the real "        \
      "Kerberos error, and read the KDC log.",                                                 \
      "Not retried (it may be a wrong password, and retries lock accounts out). Fix the "      \
      "cause the Kerberos trace shows.")                                                       \
    G(INTERNAL_ERROR, "internal-error",                                                        \
      "The security package failed internally; under Wine, a GSSAPI failure in ISC/ASC.",     \
      "SEC_E_INTERNAL_ERROR (0x80090304): the security package hit an error it does not map " \
      "to a more specific code. Wine 8's Kerberos and Negotiate return it for every GSSAPI "   \
      "failure inside InitializeSecurityContext and AcceptSecurityContext.",                  \
      "On Windows: a fault inside the package or LSA. Under Wine: an unknown service "         \
      "principal (the KDC logs 'Server not found'), an expired ticket, clock skew, or a "      \
      "keytab without the service's key.",                                                     \
      "Under Wine set WINEDEBUG=+kerberos and KRB5_TRACE=/dev/stderr and read the KDC log "   \
      "for the request; check the target name against the principals (kadmin listprincs). "  \
      "On Windows check the System log for LSA and Kerberos events.",                          \
      "Not retried. Fix the cause the trace shows: register the SPN, renew the ticket, "      \
      "resynchronise the clock, or export the right keytab.")

#endif
