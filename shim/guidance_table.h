/* guidance_table.h — what a person should know and do about each failure.
 *
 * Written for this project. One row per guidance id: a text for every class,
 * and specific texts for the codes operators meet most (the logon-session
 * family, SEC_E_NO_CREDENTIALS, credential and account failures, authority
 * reachability, clock skew) and for codes whose class surprises (a TLS alert
 * that looks like tampering, a remote shutdown that looks like a local one).
 * The code table (code_table.h) points each row at one of these ids. Keep
 * every statement true for real Windows; where Wine differs, say so
 * explicitly. A text behind a transient row lists first what a retry can
 * outlive, and permanent causes only after "If it persists" (a test checks).
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
      "The authority could not be reached or was busy; the shim retries with backoff.",        \
      "A domain controller, KDC or RPC endpoint did not answer in time or refused the "        \
      "call. The request itself may be fine.",                                                 \
      "Momentary: a network interruption, a DC rebooting or overloaded, a failover in "        \
      "progress. If it persists, it is not transient: a firewall blocking Kerberos (88), "     \
      "LDAP (389) or RPC (135 and dynamic ports), or DNS not returning the DC's SRV "          \
      "records.",                                                                              \
      "Run `nltest /dsgetdc:<domain>` and `nltest /sc_query:<domain>`; check DNS with "        \
      "`nslookup -type=SRV _kerberos._tcp.<domain>`; check the System event log for "          \
      "Netlogon and Kerberos events.",                                                         \
      "Restore connectivity to a DC. The shim retries within its budget, and during a "        \
      "sustained outage its circuit breaker sends one probe at a time so the service does "    \
      "not add a retry storm.")                                                                \
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
      "Clocks disagree too much for Kerberos; fix time sync, retrying does not help.",         \
      "Two clocks differ by more than the allowed Kerberos skew (5 minutes by default): "      \
      "the client's and the KDC's, or the client's and the application server's, which "       \
      "checks the time in each authenticator it receives.",                                    \
      "The time service (W32Time) stopped or misconfigured on the client, the DC or the "      \
      "application server; a VM restored from a snapshot or resumed after a pause; a wrong "   \
      "time source. A wrong time zone alone does not cause skew: Kerberos compares UTC, so "   \
      "a host whose UTC time is right passes whatever its zone.",                              \
      "Compare UTC on the client, the DC and the application server: `w32tm /stripchart "      \
      "/computer:<dc> /samples:3 /dataonly` from the client and from the server, `w32tm "      \
      "/query /status` on each.",                                                              \
      "Resynchronise the clock that is off (`w32tm /resync`) and fix its time source; then "   \
      "retry by hand.")                                                                        \
    G(CREDENTIALS, "credentials",                                                              \
      "The credentials were rejected; never retried, because retries lock accounts out.",      \
      "The authority rejected the user name or password (or other secret) supplied.",          \
      "Wrong or changed password, stale credentials in configuration, wrong domain or user "   \
      "name format.",                                                                          \
      "On the domain controllers, Security events 4771 (Kerberos pre-authentication "          \
      "failed) and 4776 (NTLM credential validation) give the failure code; on the machine "   \
      "where the logon was attempted, 4625 gives the reason and sub status. Verify the "       \
      "configured account name and domain.",                                                   \
      "Correct the stored credentials. Do not retry: every failed attempt counts towards "     \
      "the account lockout threshold, and a retry loop locks the account out for everyone.")   \
    G(ACCOUNT, "account",                                                                      \
      "The account cannot log on in its current state; never retried.",                        \
      "The credentials may be right, but the account is locked, disabled, expired or "         \
      "restricted.",                                                                           \
      "Lockout after failed attempts, an administrator disabled the account, the account "     \
      "or password expired, logon-hours or workstation restrictions.",                         \
      "Look the account up in Active Directory (`net user <name> /domain`, Get-ADUser); "      \
      "event 4625 on the machine where the logon was attempted gives the sub status, "         \
      "events 4771 and 4776 on the DCs the failure code.",                                     \
      "An administrator must unlock, enable or extend the account or reset the password. "     \
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
      "The logon session the call refers to does not exist (1312).",                           \
      "ERROR_NO_SUCH_LOGON_SESSION (1312) / STATUS_NO_SUCH_LOGON_SESSION (0xC000005F): LSA "   \
      "has no logon session with the LUID the call used, or the session has no credentials "   \
      "for the requested package. Task Scheduler shows it as 0x80070520 (the same code as "    \
      "an HRESULT).",                                                                          \
      "The session ended before the call (logoff, last token handle closed); a LUID kept "     \
      "from earlier; a network logon with no credentials to use outbound, such as a "          \
      "program started over SSH or WinRM calling CredRead or connecting to another server; "   \
      "a scheduled task set to run whether the user is logged on or not while the policy "     \
      "'Network access: Do not allow storage of passwords and credentials for network "        \
      "authentication' is enabled; a credential-less S4U logon.",                              \
      "Check that the LUID still exists (`klist sessions`, LsaEnumerateLogonSessions); "       \
      "note the logon type of the process (a network logon, type 3, has no credentials to "    \
      "delegate); check that policy in secpol.msc for scheduled tasks.",                       \
      "Do not retry with the same LUID. Log on again (LogonUser or LsaLogonUser) or use a "    \
      "logon type that keeps credentials (interactive, batch with a stored password, "         \
      "NewCredentials), pass explicit credentials where the session has none (CredSSP or "     \
      "explicit credentials for a remote session), then repeat the call.")                     \
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
      "The logon session is not in a state consistent with the operation (1365).",             \
      "ERROR_BAD_LOGON_SESSION_STATE (1365) / STATUS_BAD_LOGON_SESSION_STATE (0xC0000104): "   \
      "the logon session exists but cannot undergo the operation now. Its documented cause "   \
      "is a deletion refused because the session still has references (tokens open on it): "   \
      "the operating system and an authentication package both believe they own the "          \
      "session.",                                                                              \
      "An authentication package deleting a session whose logon ID it already handed to "      \
      "LSA; a caller deleting or reusing a session while tokens for it are still open; a "     \
      "session being torn down while work still runs in it.",                                  \
      "Correlate the time with logoff events (4634/4647) for the same LUID in the Security "   \
      "log; list the authentication packages "                                                 \
      "(HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa); check that the caller closes its "     \
      "tokens before the session ends.",                                                       \
      "Close the tokens and contexts that still refer to the session and do not retry on "     \
      "it; establish a new logon session if the work must continue. If an authentication "     \
      "package deletes sessions it handed to LSA, update or remove it.")                       \
    G(LOGON_SESSION_COLLISION, "logon-session-collision",                                      \
      "LSA hit a logon-ID collision while creating a session (1366); not 'logged on "          \
      "elsewhere'.",                                                                           \
      "ERROR_LOGON_SESSION_COLLISION (1366) / STATUS_LOGON_SESSION_COLLISION (0xC0000105): "   \
      "an internal collision of logon-session identifiers (LUIDs) inside LSA or an "           \
      "authentication package. It does not mean that the account is already logged on "        \
      "somewhere else: Windows allows any number of sessions per account.",                    \
      "An authentication package asked LSA to create a logon session with a LUID that LSA "    \
      "already has a session for: a package that reuses a LUID it obtained earlier, or "       \
      "creates the session twice for one logon. LUIDs are unique until the next reboot, so "   \
      "logon load alone does not cause it.",                                                   \
      "Record the time and the API; check the System log for LSA and package errors and "      \
      "list the installed authentication packages "                                            \
      "(HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa).",                                      \
      "The shim releases whatever the failed attempt produced and retries once after a "       \
      "short delay; that helps only when the collision was transient (a package racing "       \
      "with itself). If the retry collides too, the fault is in an authentication package: "   \
      "update or remove it.")                                                                  \
    G(NO_CREDENTIALS, "no-credentials",                                                        \
      "No credentials are available in the security package (SEC_E_NO_CREDENTIALS).",          \
      "SEC_E_NO_CREDENTIALS (0x8009030E): the package found no credentials it can use for "    \
      "the logon session, so nothing can authenticate outbound (or, inbound, no key for "      \
      "the service). On Windows AcquireCredentialsHandle usually succeeds and the code "       \
      "surfaces at InitializeSecurityContext or AcceptSecurityContext; under Schannel it "     \
      "means no certificate, or a certificate whose private key the account cannot read.",     \
      "Network logons (type 3) have no credential set to delegate; the policy 'Network "       \
      "access: Do not allow storage of passwords and credentials for network "                 \
      "authentication' stops scheduled tasks that run whether the user is logged on or not "   \
      "from keeping a password; S4U logons carry no password; the logon session behind the "   \
      "LUID has ended; Schannel: no client or server certificate chosen, or the service "      \
      "account lacks read access to the key; under Wine, no Kerberos ticket cache (kinit) "    \
      "or keytab.",                                                                            \
      "Check the logon type and whether the session has credentials (`klist`, `klist "         \
      "sessions`); check that policy in secpol.msc; for services check the account and "       \
      "whether explicit credentials were passed to AcquireCredentialsHandle; for Schannel "    \
      "check the certificate in the store and the key's permissions (certlm.msc, Manage "      \
      "Private Keys).",                                                                        \
      "Pass explicit credentials (SEC_WINNT_AUTH_IDENTITY) to AcquireCredentialsHandle, "      \
      "run the task with a stored password or as a service account with credentials, grant "   \
      "the account read access to the certificate's key, or re-establish the logon. "          \
      "Retrying the same call does not help.")                                                 \
    G(LOGON_FAILURE, "logon-failure",                                                          \
      "User name or password is wrong; never retried (retries lock the account out).",         \
      "The authority rejected the credentials: unknown user name or bad password (Windows "    \
      "reports both as 1326 / SEC_E_LOGON_DENIED so as not to reveal which). Under "           \
      "Schannel SEC_E_LOGON_DENIED is also the TLS access_denied alert: the peer refused "     \
      "the certificate, no password was involved.",                                            \
      "A changed password not updated in the service's configuration, a typo, the wrong "      \
      "domain (NetBIOS vs DNS name), a UPN where a SAM name is expected or the reverse.",      \
      "On the DCs, Security events 4771 (Kerberos) and 4776 (NTLM) give the failure code; "    \
      "on the machine where the logon was attempted, event 4625 gives the reason and sub "     \
      "status. Verify the configured user, domain and password source.",                       \
      "Fix the stored credentials. The shim never retries: each failed attempt counts "        \
      "towards the lockout threshold, and after repeated failures for one account it stops "   \
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
    G(ACCOUNT_LOCKED_OUT, "account-locked-out",                                                \
      "The account is locked out; never retried.",                                             \
      "The account has been locked after too many failed logon attempts.",                     \
      "A wrong stored password retried by a service or scheduled task, mapped drives or "      \
      "mobile devices with old passwords, or a password-guessing attack.",                     \
      "Find the source of the failures: event 4740 (with the caller's computer name) on "      \
      "the PDC emulator, 4771 and 4776 on the DCs, and 4625 on the machine where each "        \
      "attempt was made.",                                                                     \
      "Fix the source of bad attempts first, then unlock the account (or wait for the "        \
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
      "An account restriction forbids this logon (hours, workstation, blank password).",       \
      "The account may log on, but not at this time, from this computer, or with this kind "   \
      "of credential.",                                                                        \
      "Logon-hours limits, 'Log on to' workstation lists, blank passwords refused for "        \
      "network logons, smart card required, Protected Users restrictions.",                    \
      "Check the account's Logon Hours and Log On To settings, and the sub status of event "   \
      "4625 on the machine where the logon was attempted.",                                    \
      "Adjust the account's restrictions or run from a permitted computer at a permitted "     \
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
      "No domain controller is available to process the logon; the shim retries.",             \
      "The computer could not find or reach a logon server (domain controller) for the "       \
      "account's domain.",                                                                     \
      "Momentary: a network outage, DCs rebooting, Netlogon still starting after boot. If "    \
      "it persists, it is not transient: all DCs of the site down or unreachable, broken "     \
      "DNS SRV records, the Netlogon service disabled, site configuration pointing at "        \
      "unreachable DCs.",                                                                      \
      "`nltest /dsgetdc:<domain> /force`, `nltest /sc_verify:<domain>`, `nslookup "            \
      "-type=SRV _ldap._tcp.dc._msdcs.<domain>`; check that the Netlogon service runs.",       \
      "Restore DC reachability. The shim retries with jittered backoff within its budget "     \
      "and holds calls behind its circuit breaker during a sustained outage.")                 \
    G(NO_AUTHENTICATING_AUTHORITY, "no-authenticating-authority",                              \
      "No authority (KDC) could be contacted for authentication; the shim retries.",           \
      "SSPI could not reach a Kerberos KDC or other authority to authenticate, or got no "     \
      "usable reply.",                                                                         \
      "Momentary: a DC rebooting or overloaded, a network interruption. If it persists, it "   \
      "is not transient: port 88 blocked, the realm not resolvable in DNS, the machine not "   \
      "joined to the domain or the account in a realm without a trust.",                       \
      "`klist purge` then `klist get krbtgt` to test a fresh request (klist acts on the "      \
      "caller's own logon session: for a service running as SYSTEM use `klist -li 0x3e7 "      \
      "purge`); check port 88 reachability; enable Kerberos event logging; under Wine "        \
      "check KRB5_CONFIG and the KDC address.",                                                \
      "Restore reachability to the KDC. Short outages are retried by the shim within "         \
      "budget; a persistent failure needs the configuration fixed.")                           \
    G(RPC_UNAVAILABLE, "rpc-unavailable",                                                      \
      "The RPC server (often LSA on a DC) was unavailable or busy; the shim retries.",         \
      "An RPC call to the authority failed: the server was unavailable, too busy, or the "     \
      "call failed in transit.",                                                               \
      "Momentary: a DC reboot or overload, a network interruption mid-call. If it "            \
      "persists, it is not transient: a firewall blocking the endpoint mapper (135) or the "   \
      "dynamic RPC ports, a wrong server name.",                                               \
      "`portqry -n <dc> -e 135`, check the DC's load and the System log for RPC errors.",      \
      "Restore the RPC path to the server; short outages are retried within budget.")          \
    G(TIME_SKEW, "time-skew",                                                                  \
      "Clock skew between client and KDC or server is too large; fix time sync (no retry).",   \
      "Kerberos rejected the request because two clocks differ by more than the allowed "      \
      "skew (5 minutes by default): the client's and the KDC's, or the client's and the "      \
      "application server's (the server checks each authenticator's time).",                   \
      "W32Time stopped, a VM resumed from a snapshot, a wrong time source, on the client, "    \
      "the DC or the application server. A wrong time zone alone does not cause it: "          \
      "Kerberos compares UTC.",                                                                \
      "`w32tm /stripchart /computer:<dc> /samples:3 /dataonly` from the client and from "      \
      "the application server; `w32tm /query /source` on each.",                               \
      "Resynchronise the clock that is off (`w32tm /resync`) and fix its time source; "        \
      "retrying before the clock is fixed fails the same way.")                                \
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
      "resynchronise the clock, or export the right keytab.")                                  \
    G(TOO_MANY_CONTEXT_IDS, "too-many-context-ids",                                            \
      "The token would hold too many SIDs (group bloat); remove groups, no retry (1384).",     \
      "ERROR_TOO_MANY_CONTEXT_IDS (1384) / STATUS_TOO_MANY_CONTEXT_IDS (0xC000015A): "         \
      "during logon the user's security context gathered more than the limit of about "        \
      "1,024 SIDs, so no token can be built. It is a property of the account, not a "          \
      "momentary shortage.",                                                                   \
      "The account is a member, directly or by nesting, of too many groups; SIDHistory "       \
      "left by domain migrations adds to the count; resource groups and claims added by "      \
      "the logon.",                                                                            \
      "Count the account's groups (`whoami /groups` for a session that works, or the "         \
      "account's tokenGroups in AD); look for deep nesting and SIDHistory values.",            \
      "Remove the account from groups it does not need, flatten nesting, clean up "            \
      "SIDHistory. Retrying fails the same way until the group count is lower.")               \
    G(SERVER_SHUTDOWN, "server-shutdown",                                                      \
      "The remote server is shutting down; find another one or retry later.",                  \
      "ERROR_SERVER_SHUTDOWN_IN_PROGRESS (1255) / STATUS_SERVER_SHUTDOWN_IN_PROGRESS: the "    \
      "server the call went to (a DC, a file or RPC server) is shutting down and refuses "     \
      "new work. This machine is not shutting down.",                                          \
      "A DC or server restarting for updates or maintenance.",                                 \
      "Check which server answered (`nltest /dsgetdc:<domain>`) and its System log for "       \
      "event 1074.",                                                                           \
      "The shim retries with backoff, which rediscovers a DC or waits for the server to "      \
      "come back; if it persists, the server is not coming back up.")                          \
    G(NO_TGT_REPLY, "no-tgt-reply",                                                            \
      "User-to-user Kerberos needed the server's TGT and did not get it (no retry).",          \
      "SEC_E_NO_TGT_REPLY (0x80090334) / STATUS_NO_TGT_REPLY: the server has no key of its "   \
      "own for the target (it runs as a user without an SPN-bearing key), so Kerberos "        \
      "needs a user-to-user exchange, and the client did not get the reply carrying the "      \
      "server's TGT.",                                                                         \
      "A service running as a user account whose name is used as the target, where the "       \
      "protocol does not carry the TGT request (U2U); a client or server that does not "       \
      "support user-to-user; a target name that resolves to a user principal instead of a "    \
      "service.",                                                                              \
      "Check which account the target name belongs to (`setspn -Q <spn>`); check whether "     \
      "the service runs under that account and whether its protocol supports user-to-user "    \
      "Kerberos.",                                                                             \
      "Register an SPN on the service's account and use it as the target, or run the "         \
      "service under an account with an SPN (a computer account or managed service "           \
      "account). Retrying does not help.")                                                     \
    G(TLS_HANDSHAKE, "tls-handshake",                                                          \
      "The TLS handshake failed: the peers could not agree or a message could not be "         \
      "decoded (no retry).",                                                                   \
      "SEC_E_ILLEGAL_MESSAGE (0x80090326): Schannel received or produced a fatal TLS "         \
      "alert, most often during the handshake: no common protocol version or cipher suite, "   \
      "a message it could not decode, or an alert from the peer (handshake_failure, "          \
      "bad_certificate, decode_error). It rarely means tampering.",                            \
      "TLS 1.0/1.1 disabled on one side and only offered by the other; no shared cipher "      \
      "suite (hardened cipher order, old clients); a certificate the peer rejects; a proxy "   \
      "or load balancer terminating TLS differently; a non-TLS peer on the port.",             \
      "Read the Schannel event in the System log (36874, 36887 and 36888 give the alert "      \
      "and the side that sent it); compare the protocols and cipher suites each side "         \
      "enables; capture the handshake.",                                                       \
      "Align the protocol versions and cipher suites of both sides, fix the certificate "      \
      "the peer rejects, then connect again. Retrying with the same configuration gives "      \
      "the same result.")                                                                      \
    G(UNSUPPORTED_FUNCTION, "unsupported-function",                                            \
      "The package does not support the request, or TLS found no common protocol version "     \
      "(no retry).",                                                                           \
      "SEC_E_UNSUPPORTED_FUNCTION (0x80090302): the security package does not support the "    \
      "function or option requested; under Schannel it is also the TLS protocol_version "      \
      "alert, which means the peers share no protocol version.",                               \
      "A TLS client or server limited to versions the other side disabled (TLS 1.0/1.1 "       \
      "turned off, TLS 1.3 not available on an older system); a context attribute or "         \
      "function the package does not implement.",                                              \
      "Read the Schannel events in the System log; compare the enabled protocols "             \
      "(HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols) "    \
      "on both sides; check the function and attributes the call requested.",                  \
      "Enable a protocol version both sides support, or stop requesting the unsupported "      \
      "function. Retrying does not help.")                                                     \
    G(CONTEXT_CLOSED, "context-closed",                                                        \
      "The peer closed the security context; shut down and delete it, do not call again.",     \
      "SEC_I_CONTEXT_EXPIRED (0x00090317): DecryptMessage (or the handshake) found that "      \
      "the peer shut the connection down (a TLS close_notify alert). The context cannot "      \
      "protect more messages.",                                                                \
      "The peer finished and closed the TLS connection, or closed it after an error on its "   \
      "side.",                                                                                 \
      "Note whether the close came at the expected point of the conversation; if not, read "   \
      "the peer's logs.",                                                                      \
      "Complete the shutdown (ApplyControlToken with SCHANNEL_SHUTDOWN, then "                 \
      "InitializeSecurityContext or AcceptSecurityContext to produce the close_notify), "      \
      "send it, delete the context and close the connection. Connect again only if there "     \
      "is more to say.")                                                                       \
    G(INSUFFICIENT_BUFFERS, "insufficient-buffers",                                            \
      "A buffer the call needs is missing from the SecBufferDesc: fix the caller (no "         \
      "retry).",                                                                               \
      "SEC_E_INSUFFICIENT_BUFFERS (0x8009036B): the buffer descriptor passed to the call "     \
      "lacks a buffer of a type the package requires. It is a failure, not a request to "      \
      "call again with larger buffers.",                                                       \
      "A SecBufferDesc with too few entries, or without the SECBUFFER_TOKEN, "                 \
      "SECBUFFER_ALERT or extra buffer the package expects for this call.",                    \
      "Compare the buffer types and count the code passes with the package's documentation "   \
      "for this call.",                                                                        \
      "Pass the buffers the package requires. Retrying the same call cannot succeed.")         \
    G(NO_SUCH_PRIVILEGE, "no-such-privilege",                                                  \
      "A privilege name is not one Windows knows (misspelt); fix the caller (no retry).",      \
      "ERROR_NO_SUCH_PRIVILEGE (1313) / STATUS_NO_SUCH_PRIVILEGE (0xC0000060): the "           \
      "privilege named or numbered in the call does not exist. It is not a privilege the "     \
      "account lacks (that is 1314 or 1300).",                                                 \
      "A misspelt privilege name passed to LookupPrivilegeValue or the LSA policy calls "      \
      "(\"SeTcbPrivlege\"), a logon right such as SeServiceLogonRight passed where a "         \
      "privilege is expected, a LUID made up instead of looked up.",                           \
      "Check the exact names against the SE_*_NAME constants of winnt.h; log the name the "    \
      "code passes.",                                                                          \
      "Fix the name in the calling code or configuration. Granting anything to the account "   \
      "does not help.")                                                                        \
    G(MUTUAL_AUTH_FAILED, "mutual-auth-failed",                                                \
      "The server could not be authenticated to the client; usually configuration, never "     \
      "retried.",                                                                              \
      "ERROR_MUTUAL_AUTH_FAILED (1397), STATUS_MUTUAL_AUTHENTICATION_FAILED, "                 \
      "SEC_E_MUTUAL_AUTH_FAILED: the client asked for mutual authentication and the "          \
      "server's proof of identity did not check out. It can mean someone impersonates the "    \
      "server, but it is most often configuration.",                                           \
      "A stale computer password on the server (restored from a snapshot, so its key no "      \
      "longer matches the one the KDC uses), a missing or duplicate SPN so the ticket was "    \
      "issued for another account, Kerberos ports blocked so Negotiate fell back to NTLM, "    \
      "which cannot authenticate the server.",                                                 \
      "Check the server's secure channel (`nltest /sc_verify:<domain>` on it), its SPNs "      \
      "(`setspn -L`, `setspn -X`), whether Kerberos (88) is reachable from the client, and "   \
      "the client's tickets (`klist`).",                                                       \
      "Reset the server's computer password or repair its secure channel, fix the SPN, "       \
      "unblock Kerberos. Not retried: the failure stays until the configuration is fixed, "    \
      "and if it cannot be explained treat it as an attack.")                                  \
    G(DOWNGRADE_DETECTED, "downgrade-detected",                                                \
      "Negotiate saw its choice of protocol altered; usually configuration, never retried.",   \
      "ERROR_DOWNGRADE_DETECTED (1265), STATUS_DOWNGRADE_DETECTED, "                           \
      "SEC_E_DOWNGRADE_DETECTED: Negotiate found that the mechanism chosen (usually NTLM) "    \
      "was weaker than both sides could use, which an attacker stripping Kerberos would "      \
      "cause, and so does configuration.",                                                     \
      "Kerberos blocked or failing for one side only (port 88 filtered, missing SPN, clock "   \
      "skew), so one side falls back to NTLM while the other expects Kerberos; NTLM "          \
      "restrictions that differ between client and server.",                                   \
      "Check Kerberos from both ends (`klist get <spn>`), the SPN (`setspn -Q`), port 88 "     \
      "reachability and the NTLM restriction policies on both sides; the System log's "        \
      "Kerberos events.",                                                                      \
      "Make Kerberos work end to end (SPN, ports, clocks) or align the NTLM policies. Not "    \
      "retried; if nothing in the configuration explains it, treat it as an attack.")          \
    G(UNTRUSTED_ROOT, "untrusted-root",                                                        \
      "The certificate chain ends in a root this machine does not trust; usually "             \
      "configuration, never retried.",                                                         \
      "SEC_E_UNTRUSTED_ROOT (0x80090325): Schannel built the peer's certificate chain and "    \
      "it ends in a root certificate not in this machine's trusted roots, or could not be "    \
      "completed.",                                                                            \
      "Most often our own chain: a server that does not send its intermediate "                \
      "certificates, a private CA whose root was never deployed to this machine, a "           \
      "TLS-inspecting proxy's root missing; more rarely an impostor.",                         \
      "Inspect the chain the peer sends (`certutil -verify -urlfetch <cert>`, or openssl "     \
      "s_client -showcerts); check the trusted roots of the account the service runs as "      \
      "and of the machine (certlm.msc).",                                                      \
      "Deploy the root to the machine's trusted roots or configure the server to send its "    \
      "full chain. Not retried: the chain does not change by itself.")                         \
    G(REVOCATION_OFFLINE, "revocation-offline",                                                \
      "Certificate revocation could not be checked (CRL or OCSP unreachable); the shim "       \
      "retries.",                                                                              \
      "STATUS_REVOCATION_OFFLINE_C / _KDC and SEC_E_REVOCATION_OFFLINE_C / _KDC: during "      \
      "smart-card (PKINIT) logon the client's or the KDC's certificate could not be "          \
      "checked for revocation because the revocation server could not be reached.",            \
      "Momentary: the CRL distribution point or OCSP responder briefly unreachable or "        \
      "slow. If it persists, it is not transient: the CRL location unreachable from this "     \
      "network, an expired CRL that was never republished.",                                   \
      "`certutil -verify -urlfetch <cert>` on the client and the DC shows which URL fails; "   \
      "check the proxy settings of the SYSTEM account.",                                       \
      "Restore access to the CRL or OCSP location, or republish the CRL; short outages are "   \
      "retried.")                                                                              \
    G(SOCKET_TRANSIENT, "socket-transient",                                                    \
      "A network connection failed, timed out or was reset; the shim retries with backoff.",   \
      "A Winsock operation on the way to the authority (a DC, KDC, LDAP or RPC server) "       \
      "failed at the transport level: the connection timed out, was refused, reset or "        \
      "aborted, or the host or network was unreachable.",                                      \
      "Momentary: a DC rebooting or overloaded, a network path flapping, a connection "        \
      "dropped by an idle timeout in a middlebox, a name server slow to answer. If it "        \
      "persists, it is not transient: a firewall blocking the port, a route that does not "    \
      "exist, a server that no longer listens on that address.",                               \
      "Test the path from this host: `Test-NetConnection <dc> -Port 88` (and 389, 135, "       \
      "445); `nltest /dsgetdc:<domain>` shows which DC was chosen; a packet capture shows "    \
      "resets and retransmissions.",                                                           \
      "Restore the network path. Short interruptions are retried within the budget; a "        \
      "persistent failure needs the route, the firewall or the server fixed.")                 \
    G(HOST_NOT_FOUND, "host-not-found",                                                        \
      "The host name does not resolve (DNS says it does not exist); fix the name or DNS, "     \
      "no retry.",                                                                             \
      "WSAHOST_NOT_FOUND, WSANO_DATA, WSANO_RECOVERY: the name server answered that the "      \
      "name does not exist, has no record of the type asked, or failed unrecoverably. "        \
      "Unlike WSATRY_AGAIN, this answer does not change by itself.",                           \
      "A misspelt server or domain name in configuration, a short name without the right "     \
      "DNS suffix, DNS records missing for a DC or service, a client pointed at the wrong "    \
      "DNS servers.",                                                                          \
      "`Resolve-DnsName <name>` (or nslookup) on this host with its own DNS servers; "         \
      "`ipconfig /all` for the suffix search list.",                                           \
      "Correct the name or create the missing DNS record, or point the host at the "           \
      "domain's DNS servers.")                                                                 \
    G(NETWORK_PATH, "network-path",                                                            \
      "The network path or connection to the server failed; the shim retries with backoff.",   \
      "A Win32 or NTSTATUS network error: the server did not answer, the connection was "      \
      "lost or reset, or the network was unavailable for the moment.",                         \
      "Momentary: the server restarting or overloaded, the network interrupted, a session "    \
      "dropped after an idle timeout. If it persists, it is not transient: a wrong server "    \
      "name, a firewall blocking SMB (445) or RPC, the server's service stopped for good.",    \
      "`Test-NetConnection <server> -Port 445`; `net use` and `nltest /dsgetdc:<domain>` "     \
      "for the server in use; the System log's network and SMB client events.",                \
      "Restore the path to the server; short failures are retried within the budget.")         \
    G(BAD_NET_NAME, "bad-net-name",                                                            \
      "The network name (share or resource) does not exist on the server (no retry).",         \
      "ERROR_BAD_NET_NAME (67) / STATUS_BAD_NETWORK_NAME: the server answered, but has no "    \
      "share or resource with the name asked for.",                                            \
      "A misspelt share name, a share removed or renamed, SYSVOL or NETLOGON missing on a "    \
      "DC that has not finished replication.",                                                 \
      "`net view \\\\<server>` lists the shares; `dcdiag /test:netlogons` on a DC.",           \
      "Correct the name or restore the share; retrying the same name gives the same answer.")  \
    G(CREDENTIAL_CONFLICT, "credential-conflict",                                              \
      "This logon session already connects to that server with other credentials (1219); "     \
      "no retry.",                                                                             \
      "ERROR_SESSION_CREDENTIAL_CONFLICT (1219) / STATUS_NETWORK_CREDENTIAL_CONFLICT: "        \
      "Windows allows one set of credentials per server per logon session, and a "             \
      "connection to the server under another user already exists.",                           \
      "A mapped drive or an earlier `net use` to the same server under another account, "      \
      "often made by a logon script or by the same service earlier in the session.",           \
      "`net use` in the logon session that makes the call lists its connections and their "    \
      "users.",                                                                                \
      "Disconnect the existing connection (`net use \\\\<server> /delete`) or use the same "   \
      "credentials; a retry meets the same connection.")                                       \
    G(RPC_CONFIG, "rpc-config",                                                                \
      "The RPC binding cannot work as configured (protocol, endpoint, interface); no retry.",  \
      "The RPC runtime rejected the binding or found no endpoint, protocol sequence or "       \
      "interface that can carry the call.",                                                    \
      "A server name or address that is wrong, a protocol sequence not enabled on one "        \
      "side, the service that registers the interface not installed or not running on the "    \
      "server, an endpoint mapper that has no entry for it.",                                  \
      "`portqry -n <server> -e 135` lists what the endpoint mapper offers; check the "         \
      "service on the server and the binding string the client uses.",                         \
      "Fix the binding (name, protocol sequence, endpoint) or start the service on the "       \
      "server; retrying does not help.")                                                       \
    G(RPC_AUTH, "rpc-auth",                                                                    \
      "RPC authentication was refused or unsupported for this binding; fix the "               \
      "configuration, no retry.",                                                              \
      "The RPC runtime could not authenticate the call: the authentication service or "        \
      "level asked for is not known or not allowed, the binding carries no authentication, "   \
      "or the security package failed.",                                                       \
      "A binding set up for an authentication service the server does not accept (NTLM "       \
      "where only Kerberos is allowed, or the reverse), an authentication level the server "   \
      "requires but the client does not set, an SPN the client cannot obtain a ticket for.",   \
      "Check RpcBindingSetAuthInfo's arguments in the client, the server's required level, "   \
      "and the System log's RPC and Kerberos events on both sides.",                           \
      "Use an authentication service and level both sides accept, with an SPN the KDC "        \
      "knows; retrying does not help.")                                                        \
    G(DS_UNREACHABLE, "ds-unreachable",                                                        \
      "The directory (LDAP, global catalog) could not be reached or did not answer in "        \
      "time; the shim retries.",                                                               \
      "An LDAP bind or search could not reach a directory server or global catalog, or the "   \
      "server did not answer within the time limit (\"the server is not operational\").",      \
      "Momentary: the DC or GC restarting or overloaded, a network interruption, name "        \
      "resolution slow to answer. If it persists, it is not transient: LDAP (389, 636) or "    \
      "GC (3268, 3269) ports blocked by a firewall, no GC in the site, DNS records for the "   \
      "DCs missing.",                                                                          \
      "`nltest /dsgetdc:<domain> /gc`, `Test-NetConnection <dc> -Port 389`, `dcdiag "          \
      "/test:advertising` on the DC.",                                                         \
      "Restore reachability to a DC or GC; short outages are retried within the budget.")      \
    G(DS_BIND_REFUSED, "ds-bind-refused",                                                      \
      "The directory refused the bind or request as configured (signing, strong auth, "        \
      "method); no retry.",                                                                    \
      "The LDAP server answered but would not accept the bind or the request: it requires "    \
      "signing, sealing or strong authentication, does not support the method used, or is "    \
      "unwilling to perform the operation.",                                                   \
      "A simple (clear-text) bind or unsigned SASL bind to a DC that requires LDAP signing "   \
      "or channel binding, an authentication method the server does not offer, a request "     \
      "the server's policy forbids.",                                                          \
      "Directory Service log event 2889 on the DC lists clients making unsigned binds; "       \
      "check the client's bind method and the DC's 'LDAP server signing requirements' "        \
      "policy.",                                                                               \
      "Bind with Negotiate and signing (or over LDAPS), or change the request to one the "     \
      "server accepts; retrying the same bind gives the same answer.")                         \
    G(SMARTCARD_WRONG_PIN, "smartcard-wrong-pin",                                              \
      "The smart card PIN is wrong; never retried, because every retry burns the card's "      \
      "PIN counter.",                                                                          \
      "STATUS_SMARTCARD_WRONG_PIN / SCARD_W_WRONG_CHV: the card rejected the PIN. The card "   \
      "itself counts failed attempts and blocks after a few (often three to five); a "         \
      "blocked card needs an administrator or an unblock key.",                                \
      "A mistyped or stale PIN stored in configuration, a PIN changed on the card but not "    \
      "where the service reads it, the wrong card in the reader.",                             \
      "Check the PIN source the service uses; the card's remaining retries can be read "       \
      "with the card vendor's tool or `certutil -scinfo` (which prompts).",                    \
      "Correct the PIN before trying again. Do not retry automatically: each attempt "         \
      "spends one of the card's remaining tries.")                                             \
    G(SMARTCARD_BLOCKED, "smartcard-blocked",                                                  \
      "The smart card is blocked (too many wrong PINs); an administrator must unblock it, "    \
      "never retried.",                                                                        \
      "STATUS_SMARTCARD_CARD_BLOCKED / SCARD_W_CHV_BLOCKED: the card refuses PIN "             \
      "verification until it is unblocked, after too many wrong PINs.",                        \
      "Repeated wrong PINs from a person or a misconfigured service.",                         \
      "The card vendor's management tool shows the PIN and PUK state.",                        \
      "Unblock the card with its administrator key (PUK) or replace it, then fix the PIN "     \
      "source. Retrying cannot succeed.")                                                      \
    G(SMARTCARD_CONFIG, "smartcard-config",                                                    \
      "The smart card, its reader, certificate or key container is missing or not usable "     \
      "as configured; no retry.",                                                              \
      "The smart card logon or key operation could not find what it needs: no card or "        \
      "reader, no certificate or key container on the card, the card not authenticated "       \
      "before use, or a silent context that may not prompt for the PIN.",                      \
      "Card not inserted or removed during the operation, reader driver missing, the Smart "   \
      "Card service disabled, a card without a logon certificate, a key container name "       \
      "that does not exist, a service (which cannot show UI) using a context that needs a "    \
      "PIN prompt.",                                                                           \
      "`certutil -scinfo` lists readers, cards and certificates; check the Smart Card "        \
      "service (SCardSvr) and the reader in Device Manager.",                                  \
      "Insert or enrol the card, install the reader driver, start the Smart Card service, "    \
      "or supply the PIN programmatically instead of relying on a prompt.")                    \
    G(SMARTCARD_IO, "smartcard-io",                                                            \
      "The smart card or reader did not respond or was reset; the shim retries with "          \
      "backoff.",                                                                              \
      "The card or the reader stopped answering, was reset or powered down by another "        \
      "process, or the Smart Card service was busy or restarting.",                            \
      "Momentary: another process holding the card, a card reset by another application, a "   \
      "reader reconnecting, the Smart Card service restarting. If it persists, it is not "     \
      "transient: a faulty card or reader, a reader driver that fails.",                       \
      "`certutil -scinfo`; the System log's smart card events; try another reader.",           \
      "Short failures are retried; replace a card or reader that keeps failing.")              \
    G(CERT_CONFIG, "cert-config",                                                              \
      "A certificate is expired, for the wrong name or usage, or missing; fix the "            \
      "certificate, no retry.",                                                                \
      "The certificate presented or needed (TLS server or client certificate, smart card "     \
      "or KDC certificate) cannot be used: it expired, its name does not match, its key "      \
      "usage does not allow this use, or it could not be found.",                              \
      "An expired certificate not renewed, a server reached by a name not in its "             \
      "certificate (alias, IP address), a certificate issued without the Client or Server "    \
      "Authentication usage, a certificate missing from the store the service reads.",         \
      "`certutil -verify <cert>` shows the failing check; compare the name used to connect "   \
      "with the certificate's subject alternative names; check the store (certlm.msc) of "     \
      "the account the service runs as.",                                                      \
      "Renew or reissue the certificate with the right names and usages, or connect using "    \
      "a name it carries.")                                                                    \
    G(CERT_REVOKED, "cert-revoked",                                                            \
      "A certificate is revoked, explicitly distrusted or badly signed; never retried.",       \
      "The peer's or a chain certificate was revoked by its CA, is explicitly distrusted "     \
      "on this machine, or its signature does not verify.",                                    \
      "A certificate revoked after a key compromise or reissue, a server still using the "     \
      "old certificate, a distrusted CA, a tampered or corrupt certificate.",                  \
      "`certutil -verify -urlfetch <cert>` shows which certificate failed and why.",           \
      "Replace the certificate with a valid one from a trusted CA; if a revoked "              \
      "certificate is still offered, find out why before trusting the peer.")                  \
    G(KEY_ACCESS, "key-access",                                                                \
      "The private key is missing or this account cannot use it; fix the key or its "          \
      "permissions, no retry.",                                                                \
      "The cryptographic provider could not open or use the key: the key set does not "        \
      "exist for this account or machine, or the account has no permission on it.",            \
      "A certificate imported without its private key, a key stored in another user's "        \
      "profile, a service account without read access to the machine key, a key container "    \
      "name that does not exist.",                                                             \
      "certlm.msc > the certificate > 'You have a private key...'; Manage Private Keys "       \
      "shows who may read it; `certutil -repairstore my <serial>` reports a missing key.",     \
      "Import the certificate with its key, grant the service account read access to the "     \
      "key, or use the key's correct container name.")                                         \
    G(NTLM_BLOCKED, "ntlm-blocked",                                                            \
      "NTLM authentication is blocked by policy; use Kerberos or change the policy, no "       \
      "retry.",                                                                                \
      "ERROR_NTLM_BLOCKED (1937) / STATUS_NTLM_BLOCKED: a 'Network security: Restrict "        \
      "NTLM' policy on this machine, the server or a DC refused NTLM for this request.",       \
      "Negotiate falling back to NTLM because Kerberos failed (no SPN, target named by IP "    \
      "address, KDC unreachable) while NTLM is restricted; an application asking for NTLM "    \
      "explicitly.",                                                                           \
      "The NTLM operational log (Microsoft-Windows-NTLM/Operational) on the machine that "     \
      "blocked it names the server and the policy; check why Kerberos was not used (`klist "   \
      "get <spn>`).",                                                                          \
      "Make Kerberos work (register the SPN, use the host's name rather than its address), "   \
      "or add an exception to the NTLM restriction policy; retrying does not help.")           \
    G(LSA_PORT_REFUSED, "lsa-port-refused",                                                    \
      "LSA refused the connection: the caller lacks SeTcbPrivilege for "                       \
      "LsaRegisterLogonProcess; no retry.",                                                    \
      "STATUS_PORT_CONNECTION_REFUSED (0xC0000041): LSA refused the connection to its "        \
      "port. LsaRegisterLogonProcess returns it when the caller does not hold "                \
      "SeTcbPrivilege ('Act as part of the operating system'). Under Wine the call "           \
      "succeeds without a check.",                                                             \
      "A service running as an account other than LocalSystem without SeTcbPrivilege, or "     \
      "the privilege present but disabled in the token.",                                      \
      "`whoami /priv` as the service account (look for SeTcbPrivilege); check that the "       \
      "code enables it before the call.",                                                      \
      "Run the service as LocalSystem, or grant SeTcbPrivilege (a powerful right; prefer "     \
      "LsaConnectUntrusted when the calls used allow it).")

#endif
