/* bench.h — what the outage benchmark's files share: the simulated
 * authority, per-client random numbers, and the retry strategies compared
 * (logonshim's engine and the four baselines in baselines.c).
 */
#ifndef LGS_BENCH_BENCH_H
#define LGS_BENCH_BENCH_H

#include <stdint.h>

/** One request reaching the simulated authority, made by `client`: takes
 *  the authority's latency in virtual time and returns 0 when the authority
 *  is up, ERROR_NO_LOGON_SERVERS (1311) while it is down. */
uint32_t authority_call(unsigned client);

/** A uniform random number in [0, 1) from the client's own jitter stream,
 *  for a strategy's backoff jitter. The client's think times come from a
 *  stream of their own, so a strategy's jitter cannot shift its workload:
 *  every strategy sees the same think times. */
double bench_jitter(unsigned client);

/** A logical call as a strategy makes it: returns 1 on success. */
typedef int (*strategy_fn)(unsigned client);

/** (a) A fixed 3 retries with a 1 s sleep between attempts. */
int baseline_fixed(unsigned client);
/** (b) Exponential backoff without jitter: 4 attempts, 200 ms doubling,
 *  capped at 5 s (logonshim's transient schedule, minus jitter). */
int baseline_exponential(unsigned client);
/** (c) AWS SDK standard mode: 3 attempts, full jitter on 1 s doubling up to
 *  20 s, a 500-token retry quota, 5 tokens per retry, 1 back per success
 *  (the retry's 5 back when a retry succeeds). */
int baseline_aws_standard(unsigned client);
/** (d) gRPC retry throttling: 4 attempts, full jitter on 200 ms doubling up
 *  to 5 s; 10 tokens, -1 per failure, +0.1 per success, retries only while
 *  more than half the tokens are left. */
int baseline_grpc(unsigned client);
/** Refills the shared token buckets of (c) and (d) for a new run. */
void baselines_reset(void);

#endif
